import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { useBrowser } from './support/browser';
import { ADMIN, ASHWELL, TRAINER_PATEL, runId } from './support/people';

const artifacts = (name: string) => path.resolve('tests/e2e/artifacts', name);
const ILR_HEADER = 'LearnRefNumber,ULN,LearnStartDate,LearnPlanEndDate,LearnActEndDate,PHours,OTJActHours,CompStatus,WithdrawReason,Outcome,LearnPlanEndDateAfterBreaks,BreakStartDate1,BreakEndDate1';

describe('learner-record (ILR) figures', () => {
  const b = useBrowser();

  test('an administrator sees a record with a problem listed, and downloads the CSV of the others', async () => {
    const page = await b.signedIn(ADMIN);
    // An apprentice of its own, started under the hours rule with planned hours below the funding floor.
    const id = runId();
    const name = `Ilr Tester ${id}`;
    await b.visit(page, '/admin/apprentices/new', { settle: true });
    await page.getByLabel('Full name', { exact: true }).fill(name);
    await page.getByLabel('Email address', { exact: true }).fill(`ilr.${id}@ashwell.example`);
    await page.getByLabel('Temporary password', { exact: true }).fill('Temporary-pass-2026');
    await page.getByLabel('Employer', { exact: true }).selectOption({ label: ASHWELL });
    await page.getByLabel('Start date', { exact: true }).fill('2026-09-01');
    await page.getByLabel('Planned end date', { exact: true }).fill('2028-03-01');
    await page.getByLabel('Weekly contracted hours', { exact: true }).fill('37.5');
    await page.getByLabel('Planned off-the-job hours', { exact: true }).fill('150');
    await page.getByLabel('English', { exact: true }).selectOption({ label: 'Achieved' });
    await page.getByLabel('Maths', { exact: true }).selectOption({ label: 'Achieved' });
    await page.getByRole('button', { name: 'Add apprentice' }).click();
    await page.waitForURL((url) => url.pathname !== '/admin/apprentices/new');

    // The navigation leads there.
    expect(await page.locator('a[href="/admin/ilr"]').count()).toBeGreaterThan(0);
    await b.visit(page, '/admin/ilr');
    await page.getByRole('heading', { level: 1, name: 'Learner-record figures' }).waitFor();
    const problem = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name }) });
    expect(await problem.getByRole('cell').nth(1).textContent()).toBe('PHours');
    expect(await problem.getByRole('cell').nth(2).textContent()).toContain('below the funding floor of 187 hours');

    const download = page.getByRole('link', { name: /^Download the CSV \(\d+ rows?\)$/ });
    const rows = Number((await download.textContent())!.match(/\((\d+) rows?\)/)![1]);
    expect(rows).toBeGreaterThan(0);
    const downloading = page.waitForEvent('download');
    await download.click();
    const file = await downloading;
    expect(file.suggestedFilename()).toMatch(/^ilr-figures-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = fs.readFileSync((await file.path())!, 'utf8').split('\r\n').filter((l) => l !== '');
    // Other features' demo data may add breaks in learning, and with them more pairs of break columns.
    expect(lines[0]!.startsWith(ILR_HEADER)).toBe(true);
    expect(lines).toHaveLength(rows + 1);
    // The record with a problem is not in the file.
    const newId = await problem.getByRole('link', { name }).getAttribute('href');
    expect(lines.some((l) => l.startsWith(newId!.split('/').pop()!))).toBe(false);

    await page.screenshot({ path: artifacts('ilr-admin-desktop.png'), fullPage: true });
    await page.setViewportSize({ width: 320, height: 800 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await page.screenshot({ path: artifacts('ilr-admin-320.png'), fullPage: true });

    // One cohort: the new apprentice has none, so is not listed.
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByLabel('Cohort').selectOption({ label: 'September 2025' });
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.getByRole('heading', { name: 'Cohort September 2025' }).waitFor();
    expect(await page.getByRole('rowheader', { name }).count()).toBe(0);
    await b.checkA11y(page, 'one cohort');
  });

  test('a trainer reaches the figures for their apprentices from cohort progress', async () => {
    const page = await b.signedIn(TRAINER_PATEL);
    await b.visit(page, '/trainer/progress');
    await page.getByRole('link', { name: 'Learner-record (ILR) figures for your apprentices' }).click();
    await page.waitForURL(/\/trainer\/ilr$/);
    await page.getByRole('heading', { name: 'All the apprenticeships assigned to you' }).waitFor();
    await b.checkA11y(page);
    const res = await page.context().request.get('/api/ilr/ilr.csv');
    expect(res.status()).toBe(200);
    expect((await res.text()).split('\r\n')[0]!.startsWith(ILR_HEADER)).toBe(true);
  });
});
