import { describe, expect, test } from 'vitest';
import type { Locator } from 'playwright-core';
import { useBrowser } from './support/browser';
import { ADMIN } from './support/people';

/** The text of what an input points to with aria-describedby (its hint and error). */
const describedText = (input: Locator) =>
  input.evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' '),
  );

describe('the settings form', () => {
  const b = useBrowser();

  test('clearing a number asks for it beside the field, keeps what was typed and saves nothing (issue 14: it once saved 0%)', async () => {
    const page = await b.signedIn(ADMIN);
    await b.visit(page, '/admin/settings', { settle: true });
    const firstLevel = page.getByRole('group', { name: 'First attainment level (%)' });
    const pd = firstLevel.getByLabel('Primary diagnosis', { exact: true });
    const stored = await pd.inputValue();
    expect(Number(stored)).toBeGreaterThan(0);
    // The input says its range to the browser too.
    expect([await pd.getAttribute('min'), await pd.getAttribute('max')]).toEqual(['0', '100']);

    await pd.fill('');
    const weeks = page.getByLabel('Weeks between progress reviews', { exact: true });
    const weeksStored = await weeks.inputValue();
    const weeksTyped = weeksStored === '13' ? '14' : '13';
    await weeks.fill(weeksTyped);
    await page.getByRole('button', { name: 'Save settings' }).click();

    await expect.poll(() => describedText(pd)).toContain('Enter the first-level primary diagnosis.');
    expect(await pd.getAttribute('aria-invalid')).toBe('true');
    expect(await pd.inputValue()).toBe('');
    expect(await weeks.inputValue()).toBe(weeksTyped);
    expect(await page.getByRole('status').filter({ hasText: 'Settings saved' }).count()).toBe(0);
    await b.checkA11y(page, 'settings error');

    // Nothing was saved: the page opened afresh shows the stored values once its form has settled (read at
    // the load event, the form could still be filling itself in, which made this test flaky).
    const fresh = await page.context().newPage();
    await b.visit(fresh, '/admin/settings', { settle: true });
    const freshPd = fresh.getByRole('group', { name: 'First attainment level (%)' }).getByLabel('Primary diagnosis', { exact: true });
    await expect.poll(() => freshPd.inputValue()).toBe(stored);
    await expect.poll(() => fresh.getByLabel('Weeks between progress reviews', { exact: true }).inputValue()).toBe(weeksStored);
  });
});
