import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { description, useBrowser } from './support/browser';
import { ASHWELL_MANAGER, SAM, TRAINER_PATEL, runId } from './support/people';
import { isoOfUtcDay, ukToday, utcDay } from '@/lib/otj/plan';

/** A figure of the totals ("358.5 hours" → 358.5). */
async function fact(page: Page, term: string): Promise<number> {
  const text = await page.locator('dl > div', { has: page.locator('dt', { hasText: new RegExp(`^${term}$`) }) }).locator('dd').innerText();
  return Number(text.replace(/,/g, '').replace(/ hours?$/, ''));
}

async function logActivity(page: Page, what: { hours: string; type: string; text: string; ksbFilter: string; ksb: RegExp }) {
  await page.getByLabel('Hours', { exact: true }).fill(what.hours);
  await page.getByLabel('Type of activity').selectOption({ label: what.type });
  await page.getByLabel('What you did').fill(what.text);
  await page.getByLabel('Find an item by code or words').fill(what.ksbFilter);
  // Within the form: the practice offered above it has checkboxes of its own, whose labels list KSBs.
  await page.getByRole('region', { name: 'Log an activity' }).getByRole('checkbox', { name: what.ksb }).check();
  await page.getByRole('button', { name: 'Log activity' }).click();
}

describe('the off-the-job training log', () => {
  const b = useBrowser();
  const run = runId();

  test('the apprentice logs an activity and sees it in the table and the totals', async () => {
    const page = await b.signedIn(SAM);
    await page.getByRole('link', { name: 'Off-the-job log' }).click();
    await page.waitForURL(/\/apprentice\/otj$/);
    await page.waitForLoadState('networkidle');
    await b.checkA11y(page);
    expect(await page.getByRole('img', { name: /^Off-the-job hours over the apprenticeship/ }).count()).toBe(1);
    const before = await fact(page, 'Logged');
    const text = `Shadowed the monthly coding audit and noted the corrections (${run}).`;
    await logActivity(page, { hours: '2.5', type: 'Shadowing', text, ksbFilter: 'audit', ksb: /S13/ });
    await page.getByText('Activity logged.').waitFor();
    const row = page.locator('tbody tr', { hasText: text });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/2\.5\s+Shadowing/);
    expect(await row.innerText()).toContain('Awaiting review');
    await expect.poll(() => fact(page, 'Logged')).toBe(before + 2.5);
    // Ready for the next activity.
    expect(await page.getByLabel('What you did').inputValue()).toBe('');
  });

  test('a date in the future is refused beside the date, and the description stays', async () => {
    const page = await b.signedIn(SAM);
    await b.visit(page, '/apprentice/otj', { settle: true });
    const later = isoOfUtcDay(utcDay(ukToday()) + 2);
    await page.getByLabel('Date of the activity').fill(later);
    const text = `Coding clinic on sequencing rules (${run}).`;
    await logActivity(page, { hours: '1', type: 'Teaching', text, ksbFilter: 'four-step', ksb: /S5/ });
    await expect.poll(() => description(page, 'Date of the activity')).toMatch(/is in the future: log training once it has happened/);
    expect(await page.getByLabel('What you did').inputValue()).toBe(text);
    expect(await page.getByLabel('Hours', { exact: true }).inputValue()).toBe('1');
    await b.checkA11y(page, 'refused');
    expect(await page.getByRole('region', { name: 'Your off-the-job entries, newest first' }).innerText()).not.toContain(text);

    // Checked on the server against the day's other entries: 24 more hours today is too many.
    await page.getByLabel('Date of the activity').fill(ukToday());
    await page.getByLabel('Hours', { exact: true }).fill('24');
    await page.getByRole('button', { name: 'Log activity' }).click();
    await expect.poll(() => description(page, 'Hours')).toMatch(/^In quarter hours.* with these 24 hours that makes [\d.]+, more than the 24 hours in a day\.$/);
    expect(await page.getByLabel('What you did').inputValue()).toBe(text);
  });

  test("the trainer queries an entry and the apprentice sees the trainer's comment", async () => {
    const sam = await b.signedIn(SAM);
    await b.visit(sam, '/apprentice/otj', { settle: true });
    const text = `Mentoring session on coding queries with my workplace mentor (${run}).`;
    await logActivity(sam, { hours: '1.25', type: 'Mentoring', text, ksbFilter: 'queries', ksb: /S18/ });
    await sam.locator('tbody tr', { hasText: text }).waitFor();

    const trainer = await b.signedIn(TRAINER_PATEL);
    await trainer.getByRole('link', { name: 'Sam Whitfield', exact: true }).click();
    await trainer.waitForURL(/\/apprenticeships\/[0-9a-f-]{36}$/);
    await b.checkA11y(trainer);
    await trainer.getByRole('heading', { name: 'Off-the-job training' }).waitFor();
    await trainer.getByRole('link', { name: 'Off-the-job log and entries' }).click();
    await trainer.waitForURL(/\/apprenticeships\/[0-9a-f-]{36}\/otj$/);
    await trainer.waitForLoadState('networkidle');
    await b.checkA11y(trainer);
    const row = trainer.locator('tbody tr', { hasText: text });
    const comment = 'Which queries did you go through? Add the topics so this shows the learning.';
    await row.getByLabel(/^Comment/).fill(comment);
    await row.getByRole('button', { name: /^Query/ }).click();
    await trainer.locator('tbody tr', { hasText: text }).getByText('Queried by Priya Patel').waitFor();

    await b.visit(sam, '/apprentice/otj');
    const samRow = sam.locator('tbody tr', { hasText: text });
    expect(await samRow.innerText()).toContain(`Queried by Priya Patel: “${comment}”`);
    // Opening it shows the query above the form, ready to correct.
    await samRow.getByRole('link', { name: /^Edit/ }).click();
    await sam.getByText('Your trainer queried this entry').waitFor();
    await sam.waitForLoadState('networkidle');
    await b.checkA11y(sam);
    expect(await sam.getByLabel('What you did').inputValue()).toBe(text);
    // Corrected, it goes back to the trainer.
    await sam.getByLabel('What you did').fill(`${text} We went through sequencing and dagger-asterisk queries.`);
    await sam.getByRole('button', { name: 'Save changes' }).click();
    await sam.waitForURL(/\/apprentice\/otj$/);
    const corrected = sam.locator('tbody tr', { hasText: 'dagger-asterisk queries' });
    await corrected.getByText('Awaiting review').waitFor();
    expect(await corrected.innerText()).toContain(`Earlier query by Priya Patel: “${comment}”`);
  });

  test('the employer sees the totals and the chart, not what was done', async () => {
    const page = await b.signedIn(ASHWELL_MANAGER);
    await page.getByRole('link', { name: 'Sam Whitfield', exact: true }).click();
    await page.waitForURL(/\/apprenticeships\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: 'Off-the-job training' }).waitFor();
    await b.checkA11y(page);
    expect(await fact(page, 'Logged')).toBeGreaterThan(100);
    expect(await page.getByText(/On track|behind plan/).count()).toBeGreaterThan(0);
    await page.getByRole('link', { name: 'Off-the-job totals and chart' }).click();
    await page.waitForURL(/\/otj$/);
    await b.checkA11y(page);
    expect(await fact(page, 'Logged')).toBeGreaterThan(100);
    expect(await page.getByRole('img', { name: /^Off-the-job hours over the apprenticeship/ }).count()).toBe(1);
    expect(await page.getByRole('heading', { name: 'Entries' }).count()).toBe(0);
    expect(await page.locator('main').innerText()).not.toContain(run);
  });
});
