import { describe, expect, test } from 'vitest';
import { useBrowser } from './support/browser';
import { SAM, TRAINER_PATEL } from './support/people';

const CASE = '/apprentice/cases/general-surgery-90-laparoscopic-appendicectomy';

/** Type into the focused combobox, wait for the matches, move with the arrow keys and press Enter. */
async function pick(page: import('playwright-core').Page, text: string, downs = 0) {
  await page.keyboard.type(text);
  await page.getByRole('listbox').filter({ visible: true }).waitFor();
  await page.waitForTimeout(300); // let the debounced search settle on the last keystroke
  for (let i = 0; i < downs; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
}

describe('coding a case', () => {
  const b = useBrowser();

  test('an apprentice codes a case with the keyboard only and sees the four figures and findings', async () => {
    const page = await b.signedIn(SAM);
    await b.visit(page, '/apprentice/cases', { settle: true });
    await page.getByRole('link', { name: /Acute appendicitis in a patient with type 2 diabetes/ }).click();
    await page.waitForURL(`**${CASE}`);
    await page.waitForLoadState('networkidle');
    await b.checkA11y(page);

    await page.getByRole('combobox', { name: 'Add a diagnosis code' }).focus();
    await pick(page, 'k35.8');
    await pick(page, 'type 2 diabetes without');
    await b.checkA11y(page, 'codes entered');
    // Tab to the procedure picker: a wrong procedure (H01.1 instead of H01.2) and the approach code.
    await page.getByRole('combobox', { name: 'Add a procedure code' }).focus();
    await pick(page, 'Y75.2');
    await pick(page, 'h011');
    // The approach went in first: move the appendicectomy up with the keyboard.
    await page.getByRole('button', { name: 'Move up H01.1' }).focus();
    await page.keyboard.press('Enter');
    const procedures = page.getByRole('list', { name: 'Procedures (OPCS-4) in order' });
    await expect.poll(() => procedures.locator('li .font-mono').allTextContents()).toEqual(['H01.1', 'Y75.2']);
    // Focus stays with the moved code (now first, so on its Move down), not on <body> (WCAG 2.4.3).
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Move down H01.1');

    await page.getByRole('button', { name: 'Submit for marking' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/attempts\/[0-9a-f-]{36}$/);
    await page.waitForLoadState('networkidle');
    await b.checkA11y(page);

    const figures = await page.getByRole('region', { name: 'Audit figures' }).or(page.locator('section', { has: page.getByRole('heading', { name: 'Audit figures' }) })).innerText();
    expect(figures).toMatch(/Primary diagnosis\s+100%\s+1 of 1 correct/);
    expect(figures).toMatch(/Secondary diagnoses\s+100%/);
    expect(figures).toMatch(/Primary procedure\s+0%\s+0 of 1 correct/);
    expect(figures).toMatch(/Secondary procedures\s+100%/);
    // The wrong code's finding sits beside it.
    const entry = page.locator('li', { hasText: 'Primary: H01.1' });
    await expect.poll(() => entry.innerText()).toMatch(/fourth character: H01\.1 has the wrong fourth character: the expected code is H01\.2/);
    expect(await page.getByRole('heading', { name: 'The expected coding and why' }).isVisible()).toBe(true);

    // The trainer sees the attempt, read-only, from the apprenticeship page.
    const attemptUrl = new URL(page.url()).pathname;
    const trainer = await b.signedIn(TRAINER_PATEL);
    await trainer.getByRole('link', { name: 'Sam Whitfield' }).click();
    await trainer.waitForURL(/\/apprenticeships\//);
    await b.checkA11y(trainer);
    await trainer.getByRole('link', { name: 'Coding practice', exact: true }).click();
    await trainer.waitForURL(/section=practice/);
    await trainer.locator(`a[href="${attemptUrl}"]`).first().click();
    await trainer.waitForURL(`**${attemptUrl}`);
    expect(await trainer.getByText("Sam Whitfield's attempt").isVisible()).toBe(true);
    expect(await trainer.getByRole('button', { name: 'Submit for marking' }).count()).toBe(0);
  });

  test('the code browser finds appendicitis by word and K35.8 by code', async () => {
    const page = await b.signedIn(SAM);
    await b.visit(page, '/codes?q=appendicitis&scheme=icd10');
    const rows = await page.locator('table tbody tr').allInnerTexts();
    expect(rows.some((r) => r.startsWith('K35.8'))).toBe(true);
    expect(rows.every((r) => /appendicitis/i.test(r))).toBe(true);
    await b.visit(page, '/codes?q=K35.8');
    expect(await page.locator('table tbody tr').first().innerText()).toMatch(/^K35\.8\s+Acute appendicitis, other and unspecified/);
    await b.visit(page, '/codes?scheme=icd10&chapter=XI&block=K35-K38&category=K35');
    expect(await page.locator('table tbody tr').allInnerTexts()).toHaveLength(3);
  });

  test('an apprentice answers a theory question and sees the explanation', async () => {
    const page = await b.signedIn(SAM);
    await b.visit(page, '/apprentice/questions/practice?ksb=K14', { settle: true });
    const card = page.locator('main ol > li').first();
    const choice = card.locator('input[type=radio], input[type=checkbox]').first();
    if (await choice.count()) await choice.check();
    else await card.locator('input').first().fill('Z88.0');
    await card.getByRole('button', { name: 'Check answer' }).click();
    await expect.poll(() => card.locator('[aria-live] p').first().textContent()).toMatch(/^(Right\.|Not quite\.)/);
    await b.checkA11y(page, 'answered');
    await b.visit(page, '/apprentice/questions');
    expect(await page.locator('table').innerText()).toContain('K14');
  });
});
