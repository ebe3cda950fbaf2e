import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { description, useBrowser } from './support/browser';
import { ASHWELL_MANAGER, TRAINER_PATEL, runId } from './support/people';

// Aisha Rahman (Ashwell) is assigned to Priya Patel; this file's pieces and entries are its own (titled with the run id).
const AISHA = 'aisha.rahman@ashwell.example';
const COMMENT = 'Comment to the apprentice on each entry (optional; never include patient details)';

async function submitPiece(page: Page, open: (path: string) => Promise<unknown>, title: string): Promise<string> {
  await open('/apprentice/evidence/new');
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Your account').fill('I coded a day-case list of ten patients and checked each code against the four-step process.');
  await page.getByLabel('Find an item by code or words').fill('S3');
  await page.getByRole('checkbox', { name: /^S3/ }).check();
  await page.getByText(/Saved automatically at/).waitFor({ timeout: 20_000 });
  await page.getByRole('button', { name: 'Submit for marking' }).click();
  await page.getByText('Submitted: waiting for your trainer to mark it.').waitFor();
  return /\/apprentice\/evidence\/([0-9a-f-]{36})$/.exec(page.url())![1]!;
}

async function logActivity(page: Page, text: string) {
  await page.getByLabel('Hours', { exact: true }).fill('1');
  await page.getByLabel('Type of activity').selectOption({ label: 'Teaching' });
  await page.getByLabel('What you did').fill(text);
  await page.getByLabel('Find an item by code or words').fill('four-step');
  await page.getByRole('checkbox', { name: /S5/ }).check();
  await page.getByRole('button', { name: 'Log activity' }).click();
  await page.locator('tbody tr', { hasText: text }).waitFor();
}

const focused = (page: Page) => page.evaluate(() => ({ id: document.activeElement?.id ?? '', text: document.activeElement?.textContent?.trim() ?? '' }));

describe('trainer throughput', () => {
  const b = useBrowser();
  const run = runId();

  test('the trainer marks with “Save and next” and lands on the next piece, focus on its heading', async () => {
    const aisha = await b.signedIn(AISHA);
    const open = (path: string) => b.visit(aisha, path, { settle: true });
    const first = `Day-case list, first of two (${run})`;
    const second = `Day-case list, second of two (${run})`;
    await submitPiece(aisha, open, first);
    const secondId = await submitPiece(aisha, open, second);

    const trainer = await b.signedIn(TRAINER_PATEL);
    await b.visit(trainer, '/trainer/marking', { settle: true });
    await trainer.getByRole('link', { name: first }).click();
    await trainer.waitForURL(/\/evidence\/[0-9a-f-]{36}$/);
    await trainer.waitForLoadState('networkidle');
    await trainer.getByRole('group', { name: /^S3:/ }).getByRole('radio', { name: 'Met', exact: true }).check();
    await trainer.getByRole('radio', { name: /Accept/ }).check();
    await trainer.getByRole('button', { name: 'Save and next' }).click();

    // The pieces are marked oldest first: the second piece was submitted after the first.
    await trainer.waitForURL(new RegExp(`/evidence/${secondId}\\?saved=next$`));
    await trainer.getByText('Decision saved. This is the next piece waiting in your marking queue.').waitFor();
    await expect.poll(() => focused(trainer)).toEqual({ id: 'evidence-title', text: second });
    expect(await trainer.getByRole('heading', { level: 1 }).innerText()).toBe(second);
    await trainer.getByRole('heading', { name: 'Your decision on version 1' }).waitFor();
    await trainer.waitForLoadState('networkidle');
    await b.checkA11y(trainer, 'after save and next');

    // The first piece's decision stands.
    await b.visit(aisha, '/apprentice/evidence');
    expect(await aisha.locator('tr', { hasText: first }).innerText()).toContain('Accepted');

    // The second is decided with the plain save, leaving the queue as it was.
    await trainer.getByRole('group', { name: /^S3:/ }).getByRole('radio', { name: 'Met', exact: true }).check();
    await trainer.getByRole('radio', { name: /Accept/ }).check();
    await trainer.getByRole('button', { name: 'Save decision' }).click();
    await trainer.getByText('Accepted', { exact: true }).first().waitFor();
  });

  test('the trainer accepts two off-the-job entries at once with one comment, and the apprentice sees them accepted', async () => {
    const aisha = await b.signedIn(AISHA);
    await b.visit(aisha, '/apprentice/otj', { settle: true });
    const texts = [`Coding clinic on sequencing rules (${run}).`, `Workshop on the four-step process (${run}).`];
    for (const text of texts) await logActivity(aisha, text);

    const trainer = await b.signedIn(TRAINER_PATEL);
    await trainer.getByRole('link', { name: 'Aisha Rahman', exact: true }).click();
    await trainer.waitForURL(/\/apprenticeships\/[0-9a-f-]{36}$/);
    await trainer.getByRole('link', { name: 'Off-the-job log and entries' }).click();
    await trainer.waitForURL(/\/apprenticeships\/[0-9a-f-]{36}\/otj$/);
    await trainer.waitForLoadState('networkidle');
    await b.checkA11y(trainer);

    // Nothing selected: refused beside the selection.
    await trainer.getByRole('button', { name: 'Accept the selected entries' }).click();
    await trainer.getByText('Select at least one entry to accept.').waitFor();

    for (const text of texts) await trainer.locator('tbody tr', { hasText: text }).getByRole('checkbox', { name: /^Select the entry of/ }).check();
    await trainer.getByText('2 entries selected.').waitFor();
    // An NHS number in the comment is refused beside the comment, and what was typed stays.
    const withNumber = 'Good sessions; see the notes of 943 476 5919.';
    await trainer.getByLabel(COMMENT, { exact: true }).fill(withNumber);
    await trainer.getByRole('button', { name: 'Accept the 2 selected entries' }).click();
    await expect.poll(() => description(trainer, COMMENT)).toMatch(/looks like an NHS number/);
    expect(await trainer.getByLabel(COMMENT, { exact: true }).inputValue()).toBe(withNumber);
    await b.checkA11y(trainer, 'refused');
    expect(await trainer.locator('tbody tr', { hasText: texts[0]! }).innerText()).toContain('Awaiting review');

    const comment = 'Both sessions count: good use of the day-release time.';
    await trainer.getByLabel(COMMENT, { exact: true }).fill(comment);
    await trainer.getByRole('button', { name: 'Accept the 2 selected entries' }).click();
    await trainer.getByText('2 entries accepted.').waitFor();
    for (const text of texts) await trainer.locator('tbody tr', { hasText: text }).getByText(`Comment by Priya Patel: “${comment}”`).waitFor();

    await b.visit(aisha, '/apprentice/otj');
    for (const text of texts) {
      const row = await aisha.locator('tbody tr', { hasText: text }).innerText();
      expect(row).toContain('Accepted');
      expect(row).toContain(comment);
    }
  });

  test('the apprenticeship page is in sections a keyboard can reach, and the coding attempts are paged', async () => {
    const trainer = await b.signedIn(TRAINER_PATEL);
    await trainer.getByRole('link', { name: 'Sam Whitfield', exact: true }).click();
    await trainer.waitForURL(/\/apprenticeships\/[0-9a-f-]{36}$/);
    await trainer.waitForLoadState('networkidle');
    const nav = trainer.getByRole('navigation', { name: 'Sections of this apprenticeship' });
    expect(await nav.getByRole('link').allInnerTexts()).toEqual(['Overview', 'Evidence', 'Coding practice']);
    expect(await nav.getByRole('link', { name: 'Overview' }).getAttribute('aria-current')).toBe('page');
    await trainer.getByRole('heading', { name: 'Off-the-job training' }).waitFor();
    expect(await trainer.getByRole('heading', { name: 'Coding practice' }).count()).toBe(0);

    // From one section link to the next with Tab, and open it with Enter.
    await nav.getByRole('link', { name: 'Overview' }).focus();
    await trainer.keyboard.press('Tab');
    expect((await focused(trainer)).text).toBe('Evidence');
    await trainer.keyboard.press('Enter');
    await trainer.waitForURL(/\?section=evidence$/);
    await trainer.getByRole('heading', { name: 'Evidence portfolio' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Evidence' }).getAttribute('aria-current')).toBe('page');
    await b.checkA11y(trainer, 'evidence');

    await nav.getByRole('link', { name: 'Evidence' }).focus();
    await trainer.keyboard.press('Tab');
    expect((await focused(trainer)).text).toBe('Coding practice');
    await trainer.keyboard.press('Enter');
    await trainer.waitForURL(/\?section=practice$/);
    await trainer.getByRole('heading', { name: 'Coding practice' }).waitFor();
    await b.checkA11y(trainer, 'practice');
    // Sam has 180 attempts in the demo: twenty a page, newest first.
    const summary = await trainer.getByText(/^Attempts 1 to 20 of \d+, newest first\.$/).innerText();
    const total = Number(/of (\d+)/.exec(summary)![1]);
    expect(total).toBeGreaterThanOrEqual(180);
    const table = trainer.getByRole('region', { name: /^Coding attempts by Sam Whitfield, page 1$/ });
    expect(await table.locator('tbody tr').count()).toBe(20);
    const firstPage = await table.locator('tbody tr td:first-child').allInnerTexts();
    expect(await trainer.getByRole('navigation', { name: 'Pages' }).innerText()).toContain(`Page 1 of ${Math.ceil(total / 20)}`);

    await trainer.getByRole('link', { name: 'Next →' }).focus();
    await trainer.keyboard.press('Enter');
    await trainer.waitForURL(/\?section=practice&page=2#attempts-heading$/);
    await trainer.getByText(/^Attempts 21 to 40 of \d+, newest first\.$/).waitFor();
    const second = trainer.getByRole('region', { name: /^Coding attempts by Sam Whitfield, page 2$/ });
    expect(await second.locator('tbody tr').count()).toBe(20);
    const secondPage = await second.locator('tbody tr td:first-child').allInnerTexts();
    expect(secondPage.some((w) => firstPage.includes(w) && firstPage.indexOf(w) === secondPage.indexOf(w))).toBe(false);
    expect(await trainer.getByRole('link', { name: '← Previous' }).count()).toBe(1);
  });

  test('an employer contact has no coding practice section, even asked for by hand', async () => {
    const employer = await b.signedIn(ASHWELL_MANAGER);
    await employer.getByRole('link', { name: 'Sam Whitfield', exact: true }).click();
    await employer.waitForURL(/\/apprenticeships\/[0-9a-f-]{36}$/);
    const nav = employer.getByRole('navigation', { name: 'Sections of this apprenticeship' });
    expect(await nav.getByRole('link').allInnerTexts()).toEqual(['Overview', 'Evidence']);
    // Asking for the section by hand shows the overview, not the attempts.
    await b.visit(employer, `${new URL(employer.url()).pathname}?section=practice`);
    expect(await employer.getByRole('heading', { name: 'Coding practice' }).count()).toBe(0);
    await employer.getByRole('heading', { name: 'Off-the-job training' }).waitFor();
  });
});
