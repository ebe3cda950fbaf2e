import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { DEFAULT_FUNDING_SETTINGS as S } from '@/lib/funding/settings';
import { useBrowser } from './support/browser';
import { ASHWELL_MANAGER } from './support/people';

// The initial assessment (issue 20, point 1): Ryan Doyle, the demo's new starter, rates himself against the 59
// KSBs (a draft first), and submits; his trainer Daniel Okafor confirms it with one rating adjusted and recognised
// prior learning, watching what it does to the planned off-the-job hours and duration; the employer contact reads it.
const RYAN = 'ryan.doyle@ashwell.example';
const OKAFOR = 'trainer.okafor@coderpathway.example';
const artifacts = path.resolve('tests/e2e/artifacts');

async function shoot(page: Page, name: string) {
  fs.mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: path.join(artifacts, `initial-assessment-${name}.png`), fullPage: true, caret: 'initial' });
}
async function noSideways(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
}
/** The radio of one KSB's fieldset (its legend starts with the code). */
const radio = (page: Page, code: string, rating: 'None yet' | 'Some' | 'Confident') =>
  page.locator(`#rating-${code}`).getByRole('radio', { name: rating, exact: true });

describe('initial assessment', () => {
  const b = useBrowser();

  test('Ryan rates the 59 items and submits; Okafor confirms with an adjustment and RPL; the employer reads it', async () => {
    const ryan = await b.signedIn(RYAN);
    // "Needs you" asks for it.
    await ryan.getByRole('link', { name: 'Complete your initial assessment' }).click();
    await ryan.waitForURL('**/apprentice/initial-assessment');
    await ryan.waitForLoadState('networkidle');
    await b.checkA11y(ryan);
    const fieldsets = ryan.locator('fieldset[id^="rating-"]');
    expect(await fieldsets.count()).toBe(59);
    expect(await ryan.getByRole('group', { name: /^K13 Data Protection and Security/ }).count()).toBe(1);

    // A draft with a few items; submitting with items unrated is refused beside them.
    await radio(ryan, 'K1', 'Some').check();
    await radio(ryan, 'K8', 'Confident').check();
    await ryan.getByLabel('Prior learning', { exact: true }).fill('GCSEs including English and maths (2023).');
    await ryan.getByRole('button', { name: 'Save draft' }).click();
    await ryan.getByText('Draft saved.').waitFor();
    await ryan.getByRole('button', { name: 'Submit to my trainer' }).click();
    await ryan.getByText('Rate K2 before you submit.').waitFor();
    await b.checkA11y(ryan, 'errors');

    // The rest by a loop: knowledge "some", skills "none yet", behaviours "confident"; S3 "confident" (too sure).
    const codes = await fieldsets.evaluateAll((els) => els.map((e) => e.id.slice('rating-'.length)));
    for (const code of codes) {
      if (code === 'K1' || code === 'K8') continue;
      await radio(ryan, code, code === 'S3' || code.startsWith('B') ? 'Confident' : code.startsWith('K') ? 'Some' : 'None yet').check();
    }
    await ryan.getByText('59 of 59 rated.').waitFor();
    await ryan.getByLabel('Experience', { exact: true }).fill('Six months as a clerk in the coding office: filing and retrieving case notes.');
    await ryan.setViewportSize({ width: 320, height: 800 });
    await noSideways(ryan);
    await shoot(ryan, 'apprentice-320');
    await ryan.setViewportSize({ width: 1280, height: 900 });
    await ryan.getByRole('button', { name: 'Submit to my trainer' }).click();
    await ryan.waitForURL('**/apprentice/initial-assessment?submitted=1');
    await ryan.getByText('Submitted. Your trainer will go through it with you').waitFor();
    expect(await ryan.getByRole('radio').count()).toBe(0); // read-only now
    await b.checkA11y(ryan, 'submitted');

    // The trainer: from "Needs you" to the confirmation.
    const okafor = await b.signedIn(OKAFOR);
    const task = okafor.getByRole('link', { name: 'Confirm Ryan Doyle’s initial assessment' });
    await task.waitFor({ state: 'attached' });
    // The newest task may be among those behind "Show … more".
    if (!(await task.isVisible())) await okafor.getByText(/^Show \d+ more$/).click();
    await task.click();
    await okafor.waitForURL(/\/apprenticeships\/[0-9a-f-]{36}\/initial-assessment$/);
    await okafor.waitForLoadState('networkidle');
    await b.checkA11y(okafor);
    const url = okafor.url();
    // A second tab on the same form, left open while the first confirms.
    const stale = await b.signedIn(OKAFOR);
    await b.visit(stale, new URL(url).pathname);
    await stale.getByRole('button', { name: 'Confirm initial assessment' }).waitFor();
    await okafor.getByText('Six months as a clerk in the coding office').waitFor();
    // Each item starts at Ryan's own rating; S3 adjusted to "some".
    expect(await radio(okafor, 'S3', 'Confident').isChecked()).toBe(true);
    await radio(okafor, 'S3', 'Some').check();
    await okafor.locator('#rating-S3').getByText('(adjusted)').waitFor();
    // RPL: information governance training covers K11 and K15, removes 30 hours and a month; the figures follow.
    const hours = okafor.getByTestId('rpl-otj-hours');
    const months = okafor.getByTestId('rpl-duration');
    expect(await hours.innerText()).toBe(String(S.standardOtjHours));
    expect(await months.innerText()).toBe(`${S.standardDurationMonths} months`);
    for (const code of ['K11', 'K15']) await okafor.locator(`#rating-${code}`).getByLabel('Covered by recognised prior learning').check();
    await okafor.getByLabel('Reason', { exact: true }).fill('Trust information governance and data security training, certificates seen (2025).');
    await okafor.getByLabel('Off-the-job hours it removes').fill('30');
    await okafor.getByLabel('Months it removes').fill('1');
    await expect.poll(() => hours.innerText()).toBe(String(S.standardOtjHours - 30));
    await expect.poll(() => months.innerText()).toBe(`${S.standardDurationMonths - 1} months`);
    // Far more than the standard allows: the floor and the minimum duration hold.
    await okafor.getByLabel('Off-the-job hours it removes').fill('400');
    await okafor.getByLabel('Months it removes').fill('15');
    await expect.poll(() => hours.innerText()).toBe(String(S.otjFloorHours));
    await expect.poll(() => months.innerText()).toBe(`${S.minimumDurationMonths} months`);
    await okafor.getByText(`raised to the funding floor of ${S.otjFloorHours}`).waitFor();
    await b.checkA11y(okafor, 'rpl figures');
    await okafor.setViewportSize({ width: 320, height: 800 });
    await noSideways(okafor);
    await shoot(okafor, 'trainer-320');
    await okafor.setViewportSize({ width: 1280, height: 900 });
    await okafor.getByLabel('Off-the-job hours it removes').fill('30');
    await okafor.getByLabel('Months it removes').fill('1');
    await okafor.getByLabel('Your notes').fill('S3 is some: he has seen episodes coded, not coded them himself yet.');

    await okafor.getByRole('button', { name: 'Confirm initial assessment' }).click();
    await okafor.getByText('Initial assessment confirmed.').waitFor();
    await b.checkA11y(okafor, 'confirmed');
    // The tab opened before the confirmation is stale: the Conflict message, nothing overwritten.
    await stale.getByRole('button', { name: 'Confirm initial assessment' }).click();
    await stale.getByText('this assessment was changed after you opened it').waitFor();
    await shoot(stale, 'trainer-conflict');

    // The confirmed record, read-only, for the employer contact: the adjustment, the RPL and no form.
    const employer = await b.signedIn(ASHWELL_MANAGER);
    await b.visit(employer, new URL(url).pathname);
    await employer.getByRole('heading', { name: 'Ryan Doyle’s initial assessment' }).waitFor();
    expect(await employer.getByRole('radio').count()).toBe(0);
    expect(await employer.getByRole('button', { name: 'Confirm initial assessment' }).count()).toBe(0);
    await employer.getByText('Confirmed by Daniel Okafor').waitFor();
    await employer.getByText('Covers K11, K15; removes 30 off-the-job hours and 1 month.').waitFor();
    expect(await employer.getByTestId('rpl-otj-hours').innerText()).toBe(String(S.standardOtjHours - 30));
    await shoot(employer, 'employer');
    await b.checkA11y(employer);

    // The map starts from it: Ryan's progress page names the starting points.
    await b.visit(ryan, '/apprentice/progress');
    await ryan.getByText(/Starting points from the initial assessment confirmed on/).waitFor();
    await b.visit(ryan, '/apprentice/progress?ksb=K8#ksb-detail');
    await ryan.getByText('At start (initial assessment): confident.').waitFor();
    await b.checkA11y(ryan, 'map');
  });
});
