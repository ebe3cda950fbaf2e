import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { description, useBrowser } from './support/browser';
import { ADMIN, ASHWELL_MANAGER, SAM, TRAINER_PATEL, runId } from './support/people';

// Sam Whitfield (Ashwell, Priya Patel's) has this accepted piece in the demo data, with no comments on it.
const PIECE = 'Coding audit of twenty general surgery episodes';

/** The unread count beside Messages in the navigation (0 when none is shown). */
async function unreadInNav(page: Page): Promise<number> {
  const text = await page.getByRole('navigation').getByRole('link', { name: /^Messages/ }).innerText();
  return Number(text.match(/\d+/)?.[0] ?? 0);
}

async function noSideways(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
}

describe('conversations', () => {
  const b = useBrowser();

  test('a trainer comments on evidence; the apprentice sees it unread, replies (an NHS number refused, text kept) and edits the reply', async () => {
    const run = runId();
    const sam = await b.signedIn(SAM);
    const before = await unreadInNav(sam);
    await b.visit(sam, '/apprentice/evidence');
    await sam.getByRole('link', { name: PIECE }).click();
    await sam.waitForURL(/\/apprentice\/evidence\/[0-9a-f-]{36}$/);
    const evidenceId = sam.url().split('/').pop()!;

    const trainer = await b.signedIn(TRAINER_PATEL);
    await b.visit(trainer, `/evidence/${evidenceId}`, { settle: true });
    const question = `Which audit standard did you sample against? (${run})`;
    await trainer.getByLabel('Add a comment').fill(question);
    await trainer.getByRole('button', { name: 'Post message' }).click();
    const posted = trainer.getByText('Your message was posted.');
    await posted.waitFor();
    // Focus moves to the confirmation, so a screen reader hears it and the keyboard continues from there.
    expect(await trainer.evaluate(() => document.activeElement?.textContent ?? '')).toContain('Your message was posted.');
    await trainer.getByRole('region', { name: 'Comments' }).getByText(question).waitFor();
    expect(await trainer.getByLabel('Add a comment').inputValue()).toBe('');

    await b.visit(sam, '/');
    expect(await unreadInNav(sam)).toBe(before + 1);
    await b.visit(sam, '/messages');
    const thread = sam.getByRole('listitem').filter({ hasText: `Evidence: ${PIECE}` });
    expect(await thread.innerText()).toMatch(/1 unread/);
    await thread.getByRole('link').click();
    await sam.waitForURL(new RegExp(`/apprentice/evidence/${evidenceId}#comments$`));
    await sam.waitForLoadState('networkidle');
    await b.checkA11y(sam, 'with comments');
    const comments = sam.getByRole('region', { name: 'Comments' });
    expect(await comments.getByRole('listitem').filter({ hasText: question }).innerText()).toMatch(/New/);
    // Viewing the thread read it.
    await b.visit(sam, '/');
    expect(await unreadInNav(sam)).toBe(before);

    await b.visit(sam, `/apprentice/evidence/${evidenceId}`, { settle: true });
    const box = sam.getByLabel('Add a comment');
    const withNumber = `I checked the notes for 943 476 5919 against the standard (${run})`;
    await box.fill(withNumber);
    await sam.getByRole('button', { name: 'Post message' }).click();
    await sam.getByText(/looks like an NHS number/).waitFor();
    expect(await description(sam, 'Add a comment')).toMatch(/looks like an NHS number/);
    expect(await box.inputValue()).toBe(withNumber);
    await b.checkA11y(sam, 'refused');

    const reply = `The national clinical coding audit standard, version 17 (${run}).`;
    await box.fill(reply);
    await sam.getByRole('button', { name: 'Post message' }).click();
    await sam.getByText('Your message was posted.').waitFor();
    const mine = sam.getByRole('region', { name: 'Comments' }).getByRole('listitem').filter({ hasText: reply });
    await mine.waitFor();

    // Within 5 minutes the author may change it, in place.
    const corrected = `The national clinical coding audit standard, version 18 (${run}).`;
    await mine.getByText('Change this message').click();
    await mine.getByLabel('Your message').fill(corrected);
    await mine.getByRole('button', { name: 'Save change' }).click();
    const edited = sam.getByRole('region', { name: 'Comments' }).getByRole('listitem').filter({ hasText: corrected });
    await edited.waitFor();
    expect(await edited.innerText()).toMatch(/\(edited\)/);

    // The trainer sees the reply, changed, and cannot change it.
    await b.visit(trainer, `/evidence/${evidenceId}`);
    const theirs = trainer.getByRole('listitem').filter({ hasText: corrected });
    await theirs.waitFor();
    expect(await theirs.getByText('Change this message').count()).toBe(0);

    // At 320 px wide nothing scrolls sideways.
    await sam.setViewportSize({ width: 320, height: 800 });
    await b.visit(sam, `/apprentice/evidence/${evidenceId}`);
    await noSideways(sam);
    await b.visit(sam, '/messages');
    await noSideways(sam);
  });

  test('the direct thread between an apprentice and their trainer works both ways', async () => {
    const run = runId();
    const sam = await b.signedIn(SAM);
    await b.visit(sam, '/messages');
    await sam.getByRole('link', { name: 'Priya Patel', exact: true }).click();
    await sam.waitForURL(/\/messages\/direct\/[0-9a-f-]{36}\/[0-9a-f-]{36}$/);
    await sam.waitForLoadState('networkidle');
    await b.checkA11y(sam, 'direct');
    const path = new URL(sam.url()).pathname;
    const text = `Can we talk about my next paper before Thursday? (${run})`;
    await sam.getByLabel('Write a message').fill(text);
    await sam.getByRole('button', { name: 'Post message' }).click();
    await sam.getByText('Your message was posted.').waitFor();

    const trainer = await b.signedIn(TRAINER_PATEL);
    expect(await unreadInNav(trainer)).toBeGreaterThan(0);
    await b.visit(trainer, '/messages');
    const thread = trainer.getByRole('listitem').filter({ hasText: 'Conversation with Sam Whitfield' });
    expect(await thread.innerText()).toMatch(/unread/);
    await thread.getByRole('link').click();
    await trainer.waitForURL((url) => url.pathname === path);
    await trainer.waitForLoadState('networkidle');
    await trainer.getByText(text).waitFor();
    const answer = `Yes: Wednesday at 14:00 (${run}).`;
    await trainer.getByLabel('Write a message').fill(answer);
    await trainer.getByRole('button', { name: 'Post message' }).click();
    await trainer.getByText('Your message was posted.').waitFor();

    await sam.setViewportSize({ width: 320, height: 800 });
    await b.visit(sam, path);
    await sam.getByText(answer).waitFor();
    await noSideways(sam);
    // The trainer reaches the same thread from the apprenticeship page.
    await b.visit(trainer, '/trainer');
    await trainer.getByRole('link', { name: 'Sam Whitfield' }).first().click();
    await trainer.waitForURL(/\/apprenticeships\/[0-9a-f-]{36}$/);
    await trainer.getByRole('link', { name: 'Message Sam Whitfield' }).click();
    await trainer.waitForURL((url) => url.pathname === path);

    // An administrator reads it for oversight, from the apprentice's admin page, and is told why there is no form.
    const admin = await b.signedIn(ADMIN);
    await b.visit(admin, `/admin/apprentices/${path.split('/')[3]}`);
    await admin.getByRole('link', { name: 'With Priya Patel' }).click();
    await admin.waitForURL((url) => url.pathname === path);
    await admin.getByText(answer).waitFor();
    await admin.getByText(/may read this conversation for oversight/).waitFor();
    expect(await admin.getByLabel('Write a message').count()).toBe(0);
    await b.checkA11y(admin, 'read only');
  });

  test('an employer contact cannot open a coding attempt or its thread (404), and has a Messages page', async () => {
    const trainer = await b.signedIn(TRAINER_PATEL);
    await trainer.getByRole('link', { name: 'Sam Whitfield' }).first().click();
    await trainer.waitForURL(/\/apprenticeships\/[0-9a-f-]{36}$/);
    await b.visit(trainer, `${new URL(trainer.url()).pathname}?section=practice`);
    const attemptHref = await trainer.locator('a[href^="/attempts/"]').first().getAttribute('href');
    expect(attemptHref).toMatch(/^\/attempts\/[0-9a-f-]{36}$/);
    await b.visit(trainer, attemptHref!);
    await trainer.getByRole('region', { name: 'Comments' }).waitFor();

    const employer = await b.signedIn(ASHWELL_MANAGER);
    const response = await employer.goto(attemptHref!);
    expect(response?.status()).toBe(404);
    expect(await employer.getByText('Add a comment').count()).toBe(0);
    await b.visit(employer, '/messages');
    await employer.getByRole('heading', { name: 'Messages', level: 1 }).waitFor();
  });
});
