import path from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { useBrowser } from './support/browser';
import { SAM, TRAINER_PATEL } from './support/people';

const EPISODE = 'written-01-cholecystitis-symptom-and-missing-comorbidity';
const artifacts = (name: string) => path.resolve('tests/e2e/artifacts', name);

async function noSideways(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
}

/** Choose Correct or Error for a code with the keyboard: focus its radio and press Space. */
async function verdict(page: Page, code: string, choice: 'Correct' | 'Error') {
  await page.getByRole('group', { name: new RegExp(`^${code.replace('.', '\\.')}\\b`) }).getByRole('radio', { name: choice, exact: true }).focus();
  await page.keyboard.press('Space');
}

describe('audit practice', () => {
  const b = useBrowser();

  test('Sam audits a coded episode, is told what is missing, submits, and sees each judgement marked; his trainer reads it', async () => {
    const page = await b.signedIn(SAM);
    await b.visit(page, '/apprentice/practice');
    await page.getByRole('link', { name: 'Audit practice' }).click();
    await page.waitForURL('**/apprentice/practice/audit');
    await b.checkA11y(page);
    await page.getByRole('link', { name: 'Acute cholecystitis: a symptom coded and a comorbidity missed' }).click();
    await page.waitForURL(`**/apprentice/practice/audit/${EPISODE}`);
    await page.waitForLoadState('networkidle');
    await b.checkA11y(page);
    // The coder's codes with their descriptions; the key is nowhere on the page.
    const codes = await page.getByRole('region', { name: "The coder's codes, in the order given" }).innerText();
    expect(codes).toMatch(/R10\.1\s+Pain localized to upper abdomen/);
    expect(await page.content()).not.toContain('explanation');

    // Submitted with nothing chosen: a summary of what is missing, focused, each linking to its field.
    await page.getByRole('button', { name: 'Submit audit' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await summary.waitFor();
    expect(await summary.innerText()).toContain('Choose whether K80.0 is correct or an error.');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toContain('There is a problem');
    await b.checkA11y(page, 'errors');

    await verdict(page, 'K80.0', 'Correct');
    await verdict(page, 'R10.1', 'Error');
    await page.getByLabel('Error type').selectOption({ label: 'Symptom coded with its definitive diagnosis' });
    await verdict(page, 'J18.3', 'Correct');
    await verdict(page, 'Y75.2', 'Correct');
    await page.getByRole('button', { name: 'Add a code the coder omitted' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('omitted-0');
    await page.keyboard.type('I10X');
    const figure = async (name: string, correct: string, of: string) => {
      const group = page.getByRole('group', { name, exact: true });
      await group.getByLabel('Correct', { exact: true }).fill(correct);
      await group.getByLabel('Audited', { exact: true }).fill(of);
    };
    await figure('Primary diagnosis', '1', '1');
    await figure('Secondary diagnoses', '0', '2');
    await figure('Primary procedure', '1', '1');
    await figure('Secondary procedures', '1', '1');
    await page.screenshot({ path: artifacts('audit-practice-episode-desktop.png'), fullPage: true });
    await page.setViewportSize({ width: 320, height: 800 });
    await noSideways(page);
    await page.screenshot({ path: artifacts('audit-practice-episode-320.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 800 });

    await page.getByRole('button', { name: 'Submit audit' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/apprentice\/practice\/audit\/attempts\/[0-9a-f-]{36}$/);
    await page.waitForLoadState('networkidle');
    await b.checkA11y(page);
    // 4 verdicts, 1 error type, 1 omission, 4 figures.
    expect(await page.getByText('10 of 10 judgements right').isVisible()).toBe(true);
    const judgements = await page.getByRole('list').filter({ hasText: 'R10.1: error type' }).innerText();
    expect(judgements).toContain('Omitted code I10X');
    expect(judgements).toContain('national coding standards say a symptom is not coded');
    const figures = await page.getByRole('region', { name: /The coder's four audit figures/ }).innerText();
    expect(figures).toMatch(/Secondary diagnoses\s+0 of 2\s+0 of 2/);
    await page.screenshot({ path: artifacts('audit-practice-result-desktop.png'), fullPage: true });
    await page.setViewportSize({ width: 320, height: 800 });
    await noSideways(page);
    await page.screenshot({ path: artifacts('audit-practice-result-320.png'), fullPage: true });

    // The list shows the best score.
    await b.visit(page, '/apprentice/practice/audit');
    const row = page.getByRole('row').filter({ hasText: 'Acute cholecystitis: a symptom coded' });
    expect(await row.innerText()).toContain('10 of 10 · 1 try');

    // His trainer opens the audit from the apprenticeship page.
    const attemptUrl = await page.getByRole('link', { name: 'Acute cholecystitis: a symptom coded and a comorbidity missed' }).first().getAttribute('href');
    expect(attemptUrl).toBeTruthy();
    const trainer = await b.signedIn(TRAINER_PATEL);
    await trainer.getByRole('link', { name: 'Sam Whitfield' }).click();
    await trainer.waitForURL(/\/apprenticeships\//);
    await trainer.getByRole('link', { name: 'Coding practice', exact: true }).click();
    await trainer.waitForURL(/section=practice/);
    await trainer.getByRole('region', { name: 'Audits of coded episodes by Sam Whitfield' }).getByRole('link').first().click();
    await trainer.waitForURL(/\/apprentice\/practice\/audit\/attempts\/[0-9a-f-]{36}$/);
    expect(await trainer.getByText("Sam Whitfield's audit", { exact: false }).isVisible()).toBe(true);
    await b.checkA11y(trainer, 'trainer');
  });
});
