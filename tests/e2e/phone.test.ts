// On a phone (320 CSS pixels): the header is one line with a Menu button, the menu holds the account links and
// the navigation, opens and closes by keyboard, and closes behind a link followed from it (WCAG 1.4.10, 2.4.3).
import { describe, expect, test } from 'vitest';
import { useBrowser } from './support/browser';
import { SAM } from './support/people';

describe('on a phone', () => {
  const b = useBrowser();

  test('the header folds into a Menu button that opens by keyboard, closes with Escape and after a link is followed', async () => {
    const page = await b.signedIn(SAM);
    await page.setViewportSize({ width: 320, height: 640 });
    await page.goto('/apprentice/progress');
    const header = page.locator('body > div header').first();
    // One line: brand and button (it was 30–40% of the screen with the navigation laid out in it).
    expect((await header.boundingBox())!.height).toBeLessThanOrEqual(80);
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Sign out' }).isVisible()).toBe(false);

    const menu = page.getByRole('button', { name: 'Menu' });
    await menu.focus();
    await page.keyboard.press('Enter');
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    await nav.getByRole('link', { name: 'Portfolio' }).waitFor();
    expect(await page.getByRole('button', { name: 'Sign out' }).isVisible()).toBe(true);
    await b.checkA11y(page);
    // Escape closes it and focus goes back to the button, not to the page's top.
    await page.keyboard.press('Escape');
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Menu');

    // A link followed from the menu: the new page opens with the menu closed.
    await page.keyboard.press('Enter');
    await nav.getByRole('link', { name: 'Portfolio' }).click();
    await page.waitForURL(/\/apprentice\/evidence$/);
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await nav.isVisible()).toBe(false);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);

    // From the md breakpoint up there is no Menu button: everything shows.
    await page.setViewportSize({ width: 1024, height: 700 });
    expect(await menu.isVisible()).toBe(false);
    expect(await nav.isVisible()).toBe(true);
  });
});
