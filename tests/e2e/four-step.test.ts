import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { useBrowser } from './support/browser';
import { SAM, TRAINER_PATEL } from './support/people';

// The four-step process (issue 19 §3): an optional mode of any case; the trainer sees it beside the attempt.
const CASE = '/apprentice/cases/general-surgery-90-laparoscopic-appendicectomy';
const artifacts = path.join(process.cwd(), 'tests/e2e/artifacts');

async function pick(page: Page, text: string) {
  await page.keyboard.type(text);
  await page.getByRole('listbox').filter({ visible: true }).waitFor();
  await page.waitForTimeout(300); // let the debounced search settle on the last keystroke
  await page.keyboard.press('Enter');
}

describe('the four-step process', () => {
  const b = useBrowser();

  test('an apprentice codes a case recording the four steps, and the trainer sees them beside the attempt', async () => {
    const page = await b.signedIn(SAM);
    await b.visit(page, CASE, { settle: true });
    await page.getByRole('combobox', { name: 'Add a diagnosis code' }).focus();
    await pick(page, 'k35.8');
    await page.getByRole('combobox', { name: 'Add a procedure code' }).focus();
    await pick(page, 'h012');
    await page.getByRole('checkbox', { name: 'Record the four-step process' }).check();
    const k35 = page.getByRole('group', { name: 'How you found K35.8' });
    await k35.getByLabel('Lead term').fill('Appendicitis');
    await k35.getByLabel('Index entry followed').fill('Appendicitis, acute');
    await k35.getByLabel('Tabular check made').fill('K35 excludes read; no peritonitis documented');
    const h01 = page.getByRole('group', { name: 'How you found H01.2' });
    await h01.getByLabel('Lead term').fill('Appendicectomy');
    await h01.getByLabel('Index entry followed').fill('Appendicectomy, emergency, NEC');
    await h01.getByLabel('Tabular check made').fill('H01 includes laparoscopic; approach Y75.2 needed');
    await b.checkA11y(page, 'four-step mode');
    await page.setViewportSize({ width: 320, height: 800 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    fs.mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: path.join(artifacts, 'four-step-form-320.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole('button', { name: 'Submit for marking' }).click();
    await page.waitForURL(/\/attempts\/[0-9a-f-]{36}$/);
    const attempt = new URL(page.url()).pathname;
    const table = page.getByRole('region', { name: 'The four-step process recorded for each code' });
    await table.waitFor();
    expect(await table.locator('tbody tr').allInnerTexts()).toEqual([
      expect.stringMatching(/^K35\.8\s+Appendicitis\s+Appendicitis, acute\s+K35 excludes read; no peritonitis documented$/),
      expect.stringMatching(/^H01\.2\s+Appendicectomy\s+Appendicectomy, emergency, NEC\s+H01 includes laparoscopic; approach Y75\.2 needed$/),
    ]);
    await page.screenshot({ path: path.join(artifacts, 'four-step-result-desktop.png'), fullPage: true });

    const trainer = await b.signedIn(TRAINER_PATEL);
    await b.visit(trainer, attempt, { settle: true });
    expect(await trainer.getByText('How the apprentice found and checked each code.').isVisible()).toBe(true);
    expect(await trainer.getByRole('region', { name: 'The four-step process recorded for each code' }).locator('tbody tr').count()).toBe(2);
  });
});
