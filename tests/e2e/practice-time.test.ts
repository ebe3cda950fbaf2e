import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { useBrowser } from './support/browser';
import { SAM } from './support/people';

// Issue 19, point 5: practice that counts. Sam's practice waiting in the demo data is logged as off-the-job
// training in one step; a KSB's practice record becomes a draft piece of evidence in one step. The entries
// made are deleted at the end (the practice is then offered again), so Sam's log is left as it was.
describe('practice that counts', () => {
  const b = useBrowser();

  test('practice time is offered day by day and logged as off-the-job training in one step, for the trainer to review', async () => {
    const page = await b.signedIn(SAM);
    await b.visit(page, '/apprentice/otj', { settle: true });
    const section = page.getByRole('region', { name: 'Practice to log' });
    const boxes = section.getByRole('checkbox');
    const days = await boxes.count();
    expect(days).toBeGreaterThan(0);
    for (let i = 0; i < days; i++) expect(await boxes.nth(i).isChecked()).toBe(true);
    const labels = await section.locator('label').allInnerTexts();
    expect(labels.every((l) => /Practice in Coder Pathway: \d+ coded cases? .*minutes of active practice/.test(l))).toBe(true);
    await section.screenshot({ path: path.resolve('tests/e2e/artifacts/practice-time-offer.png') });

    await section.getByRole('button', { name: 'Log the ticked days as off-the-job training' }).click();
    await section.getByText(/^\d+ (entry|entries) logged \([\d.]+ hours\), waiting for your trainer's review\.$/).waitFor();
    // The page refreshes after the message: the days logged leave the offer and join the entries.
    const rows = page.locator('tbody tr', { hasText: 'Practice in Coder Pathway' });
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(days);
    expect(await section.getByRole('checkbox').count()).toBe(0);
    await section.screenshot({ path: path.resolve('tests/e2e/artifacts/practice-time-logged.png') });
    for (const text of await rows.allInnerTexts()) expect(text).toMatch(/Practical training[\s\S]*Awaiting review/);
    await b.checkA11y(page, 'practice logged');

    // Deleted again: the practice is offered once more.
    for (let i = 0; i < days; i++) {
      await page.locator('tbody tr', { hasText: 'Practice in Coder Pathway' }).first().getByRole('link').first().click();
      await page.waitForURL(/\/apprentice\/otj\/[0-9a-f-]{36}$/);
      await page.getByRole('button', { name: 'Delete this entry' }).click();
      await page.getByRole('button', { name: 'Yes, delete it' }).click();
      await page.waitForURL(/\/apprentice\/otj$/);
    }
    await b.visit(page, '/apprentice/otj', { settle: true });
    expect(await page.getByRole('region', { name: 'Practice to log' }).getByRole('checkbox').count()).toBe(days);
  });

  test('a KSB’s practice record becomes a draft piece of evidence in one step', async () => {
    const page = await b.signedIn(SAM);
    await b.visit(page, '/apprentice/progress?ksb=S5', { settle: true });
    await page.getByRole('button', { name: 'Make evidence from my practice on S5' }).click();
    await page.waitForURL(/\/apprentice\/evidence\/[0-9a-f-]{36}/);
    expect(await page.getByLabel('Title').inputValue()).toBe('Practice record: S5');
    const account = await page.getByLabel('Your account').inputValue();
    expect(account).toMatch(/^My practice record for S5 .*as Coder Pathway recorded it on \d{1,2} [A-Z][a-z]{2} \d{4}\./);
    expect(account).toMatch(/Coding practice: \d+ cases? coded, \d+ of \d+ codes right \(\d+%\)/);
    await b.checkA11y(page, 'practice record draft');
    await page.screenshot({ path: path.resolve('tests/e2e/artifacts/practice-record-draft.png'), fullPage: false });
  });
});
