import { describe, expect, test } from 'vitest';
import { useBrowser } from './support/browser';

describe('the evidence portfolio', () => {
  const b = useBrowser();

  test('text with a valid NHS number is refused beside the field and stays there; the corrected piece is submitted', async () => {
    const page = await b.signedIn('ellie.brooks@ashwell.example');
    await b.visit(page, '/apprentice/evidence/new', { settle: true });
    await page.getByLabel('Title').fill('Coding a theatre list');
    const typed = 'I coded the theatre list. Patient 943 476 5919 had two procedures.';
    await page.getByLabel('Your account').fill(typed);
    await page.getByLabel('Find an item by code or words').fill('four-step');
    await page.getByRole('checkbox', { name: /S5/ }).check();
    await page.getByRole('button', { name: 'Create draft' }).click();
    await page.getByText('“943 476 5919” in the account looks like an NHS number', { exact: false }).waitFor();
    expect(await page.getByLabel('Your account').inputValue()).toBe(typed);
    expect(await page.getByLabel('Title').inputValue()).toBe('Coding a theatre list');
    await b.checkA11y(page, 'refused');

    await page.getByLabel('Your account').fill('I coded the theatre list and checked every episode against the four-step process; two needed queries.');
    await page.getByRole('button', { name: 'Create draft' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/apprentice\/evidence\/[0-9a-f-]{36}$/);
    await page.waitForLoadState('networkidle');
    // On the draft's own page, focus is back on the button pressed, now "Save draft", not at the top of the page.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Save draft');
    await page.getByText('Draft saved. From now on, changes save automatically.').waitFor();
    // Its files come before the button that sends it for marking.
    const order = await page.evaluate(() => {
      const files = [...document.querySelectorAll('h2')].find((h) => h.textContent === 'Files')!;
      const submit = [...document.querySelectorAll('button')].find((el) => /Submit for marking|Save your changes/.test(el.textContent ?? ''))!;
      return files.compareDocumentPosition(submit) & Node.DOCUMENT_POSITION_FOLLOWING;
    });
    expect(order).toBeTruthy();
    await b.checkA11y(page);
    // Save draft by keyboard: focus stays on the button while it saves and after (a disabled button dropped it to <body>).
    await page.getByLabel('Your account').fill('I coded the theatre list and checked every episode against the four-step process; two needed clinical queries.');
    await page.getByRole('button', { name: 'Save draft' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('button', { name: 'Submit for marking' }).isEnabled(), { timeout: 20_000 }).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Save draft');
    await page.getByRole('button', { name: 'Submit for marking' }).click();
    await page.getByText('Submitted: waiting for your trainer to mark it.').waitFor();

    await b.visit(page, '/apprentice/evidence?status=submitted');
    expect(await page.locator('table').innerText()).toContain('Coding a theatre list');
  });
});
