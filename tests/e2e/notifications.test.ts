import { describe, expect, inject, test } from 'vitest';
import type { Page } from 'playwright-core';
import type { ParsedMail } from 'mailparser';
import { useBrowser } from './support/browser';
import { runId, TRAINER_PATEL } from './support/people';
import { readMailDir, recipientsOf } from '../support/mail-server';

// Tom Hargreaves (Ashwell) is Priya Patel's apprentice; this file makes its own piece of evidence for him.
const TOM = 'tom.hargreaves@ashwell.example';
const FEEDBACK = 'Name the coding standard that settled the sequencing of the two diagnoses.';

/** The bell's unread count, read from its accessible name ("Notifications, 3 unread"). */
async function bellCount(page: Page): Promise<number> {
  const name = (await page.getByRole('link', { name: /^Notifications, / }).getAttribute('aria-label')) ?? (await page.getByRole('link', { name: /^Notifications, / }).innerText());
  const m = name.match(/Notifications, (\d+|none) unread/);
  if (!m) throw new Error(`the bell reads “${name}”`);
  return m[1] === 'none' ? 0 : Number(m[1]);
}

/** Waits (up to 30 s: the email is sent by a queued job) for an email matching `match` to arrive. */
async function waitForMail(match: (m: ParsedMail) => boolean): Promise<ParsedMail> {
  const end = Date.now() + 30_000;
  for (;;) {
    const found = (await readMailDir(inject('mailDir'))).find(match);
    if (found) return found;
    if (Date.now() > end) throw new Error('no such email arrived within 30 s');
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function noSideways(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
}

describe('notifications', () => {
  const b = useBrowser();

  test('a trainer refers evidence back: the apprentice sees the task, the bell and the notification, and the email’s link opens the piece', async () => {
    const title = `Sequencing a readmission ${runId()}`;
    // Tom writes and submits a piece.
    const tom = await b.signedIn(TOM);
    const unreadBefore = await bellCount(tom);
    await b.visit(tom, '/apprentice/evidence/new', { settle: true });
    await tom.getByLabel('Title').fill(title);
    await tom.getByLabel('Your account').fill('I coded a readmission within thirty days and checked the sequencing with my team leader.');
    await tom.getByLabel('Find an item by code or words').fill('S3');
    await tom.getByRole('checkbox', { name: /^S3/ }).check();
    await tom.getByText(/Saved automatically at/).waitFor({ timeout: 20_000 });
    const piecePath = new URL(tom.url()).pathname;
    expect(piecePath).toMatch(/^\/apprentice\/evidence\/[0-9a-f-]{36}$/);
    const pieceId = piecePath.split('/').at(-1)!;
    await tom.getByRole('button', { name: 'Submit for marking' }).click();
    await tom.getByText('Submitted: waiting for your trainer to mark it.').waitFor();

    // Priya Patel refers it back.
    const trainer = await b.signedIn(TRAINER_PATEL);
    await b.visit(trainer, `/evidence/${pieceId}`, { settle: true });
    await trainer.getByRole('group', { name: /^S3:/ }).getByRole('radio', { name: 'Not yet met', exact: true }).check();
    await trainer.getByLabel('Feedback to the apprentice').fill(FEEDBACK);
    await trainer.getByRole('radio', { name: /Refer back/ }).check();
    await trainer.getByRole('button', { name: 'Save decision' }).click();
    await trainer.getByText('Referred back', { exact: true }).first().waitFor();

    // Tom: the task on his home, one more unread on the bell, and the notification, unread, on /notifications.
    await b.visit(tom, '/apprentice');
    await tom.getByRole('region', { name: /^Needs you/ }).getByRole('link', { name: `Referred back: ${title}` }).waitFor();
    expect(await bellCount(tom)).toBe(unreadBefore + 1);
    // The bell by keyboard: focus it and follow it with Enter.
    await tom.getByRole('link', { name: /^Notifications, / }).focus();
    await tom.keyboard.press('Enter');
    await tom.waitForURL(/\/notifications$/);
    await b.checkA11y(tom);
    const item = tom.getByRole('listitem').filter({ hasText: 'Priya Patel referred back a piece of your evidence' }).first();
    expect(await item.innerText()).toContain('Unread');
    await tom.setViewportSize({ width: 320, height: 800 });
    await noSideways(tom);
    await tom.setViewportSize({ width: 1280, height: 800 });

    // The email: to Tom, HTML and text, the title and the link, never the feedback.
    const email = await waitForMail((m) => recipientsOf(m).includes(TOM) && (m.text ?? '').includes(`/apprentice/evidence/${pieceId}`));
    expect(email.subject).toBe('Priya Patel referred back a piece of your evidence');
    expect(email.html).toBeTruthy();
    expect(email.text).toBeTruthy();
    const link = `${b.baseUrl}/apprentice/evidence/${pieceId}`;
    expect(email.html).toContain(`href="${link}"`);
    expect(email.text).toContain(link);
    expect(`${email.html}${email.text}`).not.toContain(FEEDBACK);

    // Following the email's link as Tom opens the piece with the feedback.
    await b.visit(tom, link);
    expect(new URL(tom.url()).pathname).toBe(`/apprentice/evidence/${pieceId}`);
    await tom.getByText(FEEDBACK).first().waitFor();

    // Following the notification from the list marks it read.
    await b.visit(tom, '/notifications');
    await item.getByRole('link').click();
    await tom.waitForURL((u) => u.pathname === `/apprentice/evidence/${pieceId}`);
    expect(await bellCount(tom)).toBe(unreadBefore);
    await b.visit(tom, '/notifications');
    expect(await item.innerText()).not.toContain('Unread');
  });

  test('each person chooses per kind how they are emailed, and the choice is kept', async () => {
    const tom = await b.signedIn(TOM);
    await b.visit(tom, '/notifications/settings', { settle: true });
    const evidence = tom.getByRole('group', { name: 'Decisions on evidence' });
    expect(await evidence.getByRole('radio', { name: 'Email me each time' }).isChecked()).toBe(true);
    await evidence.getByRole('radio', { name: /One email a day/ }).check();
    await tom.getByRole('group', { name: 'Comments' }).getByRole('radio', { name: /No email/ }).check();
    await tom.getByRole('button', { name: 'Save email choices' }).click();
    await tom.getByRole('status').filter({ hasText: 'Your email choices are saved.' }).waitFor();
    await b.checkA11y(tom, 'saved');
    await tom.setViewportSize({ width: 320, height: 800 });
    await noSideways(tom);

    await tom.reload({ waitUntil: 'networkidle' });
    expect(await tom.getByRole('group', { name: 'Decisions on evidence' }).getByRole('radio', { name: /One email a day/ }).isChecked()).toBe(true);
    expect(await tom.getByRole('group', { name: 'Comments' }).getByRole('radio', { name: /No email/ }).isChecked()).toBe(true);
    expect(await tom.getByRole('group', { name: 'Reminders' }).getByRole('radio', { name: 'Email me each time' }).isChecked()).toBe(true);
  });

  test('the admin home says where email goes', async () => {
    const admin = await b.signedIn('admin@coderpathway.example');
    await b.visit(admin, '/admin');
    // This run sets SMTP_URL (global set-up): the page names the server rather than the log.
    await admin.getByRole('heading', { name: 'Email' }).waitFor();
    expect(await admin.getByText(/Notification emails are sent through the mail server at 127\.0\.0\.1:\d+/).count()).toBe(1);
  });
});
