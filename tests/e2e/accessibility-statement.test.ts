// The accessibility statement (issue 18, point 5): public, in the GOV.UK / NHS model format, linked from the
// sign-in page and from every signed-in page's footer. useBrowser() checks each page it opens with axe.
import { describe, expect, test } from 'vitest';
import { useBrowser } from './support/browser';
import { SAM } from './support/people';

const SECTIONS = [
  'Using this website',
  'How accessible this website is',
  'Feedback and contact information',
  'Reporting accessibility problems with this website',
  'Enforcement procedure',
  "Technical information about this website's accessibility",
  'Non-accessible content',
  "What we're doing to improve accessibility",
  'How we tested this website',
];

describe('accessibility statement', () => {
  const b = useBrowser();

  test('opens signed out from the sign-in page, with every section of the model statement', async () => {
    const page = await b.newPage();
    await b.visit(page, '/login');
    await page.getByRole('link', { name: 'Accessibility statement' }).click();
    await page.waitForURL((url) => url.pathname === '/accessibility');
    await b.checkA11y(page);
    expect(await page.title()).toBe('Accessibility statement · Coder Pathway');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Accessibility statement for Coder Pathway');
    expect(await page.getByRole('heading', { level: 2 }).allTextContents()).toEqual(SECTIONS);
    expect(await page.getByRole('heading', { level: 3, name: 'Compliance status' }).count()).toBe(1);
    const main = page.getByRole('main');
    expect(await main.textContent()).toContain('partially compliant with the Web Content Accessibility Guidelines version 2.2 AA standard');
    expect(await main.textContent()).toContain("We'll reply within 5 working days");
    expect(await main.textContent()).toContain('Equality Advisory and Support Service (EASS)');
    expect(await main.textContent()).toContain('This statement was prepared on 7 December 2026');
    expect(await page.getByRole('link', { name: 'accessibility@coderpathway.example' }).first().getAttribute('href')).toBe('mailto:accessibility@coderpathway.example');
  });

  test('is linked from the footer of a signed-in page', async () => {
    const page = await b.signedIn(SAM);
    await page.getByRole('contentinfo').getByRole('link', { name: 'Accessibility statement' }).click();
    await page.waitForURL((url) => url.pathname === '/accessibility');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Accessibility statement for Coder Pathway');
  });
});
