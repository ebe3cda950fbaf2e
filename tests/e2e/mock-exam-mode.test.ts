import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { useBrowser } from './support/browser';

// Issue 18 point 7: a timed paper asks before it starts and says how long it lasts; it is sat in exam
// mode (no site navigation: the title, timer, question list and question); a reload returns to the open
// question; and no page an apprentice reads carries the content's internal notes.
const RYAN = 'ryan.doyle@ashwell.example'; // no mock attempts in the demo data
const THEORY = 'Mock NCCQ theory paper';
const INTERNAL = /DOMAIN\.md|unconfirmed|is ours/i;

const noSidewaysScroll = async (page: Page) => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(page.viewportSize()!.width);
const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');
const questionCount = async (page: Page) => Number(/of (\d+)$/.exec(await page.getByRole('heading', { level: 2, name: /^Question \d+ of \d+$/ }).innerText())![1]);

/** Press Tab until the named element has focus (at most `limit` times): proof it is reachable by keyboard. */
async function tabTo(page: Page, matches: () => Promise<boolean>, limit = 60) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (await matches()) return;
  }
  throw new Error('not reached with the Tab key');
}
const focusedText = (page: Page) => page.evaluate(() => (document.activeElement?.textContent ?? '').replace(/\s+/g, ' ').trim());

describe('mock papers in exam mode', () => {
  const b = useBrowser();

  test('the confirmation says how long the paper lasts; the paper runs without site navigation, keeps its place over a reload and works by keyboard at 320 px', async () => {
    const page = await b.signedIn(RYAN);
    await b.visit(page, '/apprentice/assessments', { settle: true });
    expect(await page.locator('body').innerText()).not.toMatch(INTERNAL);
    expect(await page.content()).not.toMatch(INTERNAL);

    // Start, by keyboard: the confirmation page, its heading focused.
    await tabTo(page, async () => (await focusedText(page)) === `Start ${THEORY}`);
    await page.keyboard.press('Enter');
    await page.waitForURL('**/apprentice/assessments/start?paper=mock-nccq-theory');
    await page.getByRole('heading', { level: 1, name: `Start ${THEORY}?` }).waitFor();
    await page.waitForLoadState('networkidle');
    await expect.poll(() => focusedId(page)).toBe('start-title');
    expect(await page.title()).toBe(`Start ${THEORY}? · Coder Pathway`);
    const about = await page.locator('main').innerText();
    expect(about).toMatch(/Time allowed\s+3 hours \(180 minutes\)/);
    expect(about).toMatch(/Questions\s+53/);
    expect(about).toContain('it keeps running if you leave the page');
    expect(about).toContain('When the time is up, the paper is submitted as it stands and marked.');
    expect(about).not.toMatch(INTERNAL);
    expect(await page.content()).not.toMatch(INTERNAL);
    await b.checkA11y(page, 'confirmation');

    // "Not now" goes back and starts nothing.
    await tabTo(page, async () => (await focusedText(page)) === 'Not now');
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.pathname === '/apprentice/assessments');
    await page.getByRole('heading', { level: 1, name: 'Mock assessments' }).waitFor();
    expect(await page.getByRole('link', { name: `Resume ${THEORY}` }).count()).toBe(0);

    // At 320 px the confirmation fits.
    await page.setViewportSize({ width: 320, height: 800 });
    await b.visit(page, '/apprentice/assessments/start?paper=mock-nccq-theory', { settle: true });
    await noSidewaysScroll(page);
    await page.setViewportSize({ width: 1280, height: 720 });

    // "Start the paper", by keyboard.
    await expect.poll(() => focusedId(page)).toBe('start-title');
    await tabTo(page, async () => (await focusedText(page)) === 'Start the paper');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/assessments\/[0-9a-f-]{36}\/sit\?q=1$/);
    await page.getByRole('timer').waitFor();
    await page.waitForLoadState('networkidle');
    const id = /\/assessments\/([0-9a-f-]{36})\/sit/.exec(page.url())![1]!;

    // Exam mode: the paper's title, timer, question list and question; no site navigation, bell or footer.
    const n = await questionCount(page);
    expect(n).toBe(53);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(THEORY);
    expect(await page.getByRole('navigation', { name: 'Main' }).count()).toBe(0);
    expect(await page.getByRole('banner').getByRole('link').count()).toBe(0);
    expect(await page.locator('a[href="/notifications"]').count()).toBe(0);
    expect(await page.getByRole('contentinfo').count()).toBe(0);
    expect(await page.getByRole('navigation').count()).toBe(1);
    expect(await page.getByRole('navigation', { name: 'Questions in this paper' }).isVisible()).toBe(true);
    expect(await page.getByRole('link').allInnerTexts()).toEqual(['Skip to main content', 'Leave the paper']);
    expect(await page.getByRole('timer').isVisible()).toBe(true);
    // The timer's live region is silent until a threshold (30, 10, 5 or 1 minutes left).
    expect(await page.locator('[aria-live="polite"]').first().innerText()).toBe('');
    expect(await page.title()).toBe(`${THEORY} — question 1 of ${n} · Coder Pathway`);
    expect(await focusedId(page)).toBe('item-heading');
    expect(await page.content()).not.toMatch(INTERNAL);
    await b.checkA11y(page, 'exam mode');

    // Question 3 from the list, by keyboard: focus moves to it, and the address and title say so.
    await page.getByRole('button', { name: 'Question 3, not answered', exact: true }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 2, name: `Question 3 of ${n}` }).waitFor();
    await expect.poll(() => focusedId(page)).toBe('item-heading');
    expect(new URL(page.url()).search).toBe('?q=3');
    expect(await page.title()).toBe(`${THEORY} — question 3 of ${n} · Coder Pathway`);
    expect(await page.getByRole('button', { name: 'Question 3, not answered', exact: true }).getAttribute('aria-current')).toBe('step');

    // A reload lands on question 3.
    await page.reload({ waitUntil: 'networkidle' });
    await page.getByRole('timer').waitFor();
    expect(await page.getByRole('heading', { level: 2, name: `Question 3 of ${n}` }).isVisible()).toBe(true);
    expect(await page.title()).toBe(`${THEORY} — question 3 of ${n} · Coder Pathway`);

    // Next, by keyboard.
    await page.getByRole('button', { name: 'Next', exact: true }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 2, name: `Question 4 of ${n}` }).waitFor();
    expect(new URL(page.url()).search).toBe('?q=4');

    // At 320 px: no sideways scroll, the question list folded under one button that opens it.
    await page.setViewportSize({ width: 320, height: 800 });
    await noSidewaysScroll(page);
    const toggle = page.getByRole('button', { name: /^Show all questions/ });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await page.getByRole('button', { name: /^Question 7,/ }).isVisible()).toBe(false);
    await toggle.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('button', { name: /^Hide the list of questions/ }).getAttribute('aria-expanded')).toBe('true');
    await noSidewaysScroll(page);
    await b.checkA11y(page, 'exam mode at 320 px, list open');
    await page.getByRole('button', { name: /^Question 7,/ }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 2, name: `Question 7 of ${n}` }).waitFor();
    await expect.poll(() => focusedId(page)).toBe('item-heading');
    expect(await page.getByRole('button', { name: /^Show all questions/ }).getAttribute('aria-expanded')).toBe('false');
    await noSidewaysScroll(page);
    await page.setViewportSize({ width: 1280, height: 720 });
    // An answer to question 7 (whatever kind of question it is), saved.
    const question = page.locator('section', { has: page.locator('#item-heading') });
    const choice = question.locator('input[type="radio"], input[type="checkbox"][name^="q-"]');
    if (await choice.count()) await choice.first().check();
    else await question.getByRole('textbox').fill('A09');
    await page.getByRole('status').filter({ hasText: /^All answers saved at/ }).waitFor({ timeout: 10_000 });

    // Leaving: back to the list, where the paper is resumed without asking again.
    await page.getByRole('link', { name: 'Leave the paper' }).click();
    await page.waitForURL((u) => u.pathname === '/apprentice/assessments');
    await page.getByRole('link', { name: `Resume ${THEORY}` }).first().click();
    await page.waitForURL(new RegExp(`/assessments/${id}/sit`));
    await page.getByRole('timer').waitFor();
    // No ?q in the address: the paper opens where an answer was saved last.
    await page.getByRole('heading', { level: 2, name: `Question 7 of ${n}` }).waitFor();
    await expect.poll(() => new URL(page.url()).search).toBe('?q=7');

    // Submit: focus moves to the result, which explains the grading in plain words.
    await page.getByRole('button', { name: 'Submit paper' }).click();
    await page.getByRole('button', { name: 'Yes, submit now' }).click();
    await page.waitForURL((u) => u.pathname === `/assessments/${id}`);
    await page.getByRole('heading', { level: 2, name: 'Result', exact: true }).waitFor();
    await page.waitForLoadState('networkidle');
    await expect.poll(() => focusedId(page)).toBe('attempt-title');
    expect(new URL(page.url()).search).toBe('');
    expect(await page.title()).toBe(`Result: ${THEORY} · Coder Pathway`);
    const result = await page.locator('main').innerText();
    expect(result).toContain('Distinction is given at 85% or more; this boundary is set by your training provider.');
    expect(result).not.toMatch(INTERNAL);
    expect(await page.content()).not.toMatch(INTERNAL);
    // Back in the site: its navigation is there again.
    expect(await page.getByRole('navigation', { name: 'Main' }).count()).toBe(1);
    await b.checkA11y(page, 'result');
    await noSidewaysScroll(page);

    // The exam address of a submitted paper leads to its result.
    await page.goto(`/assessments/${id}/sit?q=3`, { waitUntil: 'networkidle' });
    expect(new URL(page.url()).pathname).toBe(`/assessments/${id}`);
  });
});
