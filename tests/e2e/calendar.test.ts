import { describe, expect, test } from 'vitest';
import { request as playwrightRequest, type Page } from 'playwright-core';
import { useBrowser } from './support/browser';
import { ADMIN, SAM } from './support/people';

// Sam Whitfield is invited to this week's sitting of the practical paper (open since yesterday, closing in six
// days) in the demo data, and has a next progress review due.
async function noSideways(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(page.viewportSize()!.width);
}

describe('calendar', () => {
  const b = useBrowser();

  test('an apprentice sees their dates by month and as an agenda, subscribes with a feed and revokes it', async () => {
    const page = await b.signedIn(SAM);
    await page.getByRole('link', { name: 'Calendar', exact: true }).click();
    await page.waitForURL(/\/calendar$/);
    await b.checkA11y(page);

    // The agenda: what is ahead, the open paper window first (today) and the next review.
    await b.visit(page, '/calendar?view=agenda');
    const agenda = page.getByRole('region', { name: 'Coming up' });
    await agenda.getByRole('link', { name: /^Mock paper window: / }).first().waitFor();
    expect(await agenda.getByRole('link', { name: 'Progress review due' }).count()).toBe(1);
    expect(await agenda.getByRole('link', { name: /^Mock paper window: / }).first().getAttribute('href')).toBe('/apprentice/assessments');

    // The month: a table with a header per weekday, today marked, and previous and next month by link.
    await b.visit(page, '/calendar?view=month');
    const month = page.getByRole('region', { name: /^\w+ \d{4}$/ });
    const heading = await month.getByRole('heading', { level: 2 }).innerText();
    const table = month.getByRole('table');
    expect(await table.getByRole('columnheader').allInnerTexts()).toEqual(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']);
    expect(await table.locator('td[aria-current="date"]').count()).toBe(1);
    await month.getByRole('link', { name: /^Next month/ }).click();
    await page.waitForURL(/\?month=\d{4}-\d{2}&view=month$/);
    expect(await page.getByRole('region', { name: /^\w+ \d{4}$/ }).getByRole('heading', { level: 2 }).innerText()).not.toBe(heading);
    await b.checkA11y(page, 'next month');
    await page.getByRole('link', { name: 'This month' }).click();
    await expect.poll(() => page.getByRole('region', { name: /^\w+ \d{4}$/ }).getByRole('heading', { level: 2 }).innerText()).toBe(heading);

    // The feed: made, shown once with its address, fetched without a session, revoked.
    await b.visit(page, '/calendar', { settle: true });
    await page.getByRole('button', { name: 'Make a calendar feed' }).click();
    const address = page.getByLabel('Calendar address');
    await address.waitFor();
    const url = await address.inputValue();
    expect(url).toMatch(/\/api\/calendar\/[A-Za-z0-9_-]{43}$/);
    await b.checkA11y(page, 'feed made');
    const outlook = await playwrightRequest.newContext(); // a calendar app: no cookies
    try {
      const feed = await outlook.get(url);
      expect(feed.status()).toBe(200);
      expect(feed.headers()['content-type']).toMatch(/^text\/calendar/);
      expect(feed.headers()['cache-control']).toContain('no-store');
      const ics = (await feed.text()).replace(/\r\n[ \t]/g, '');
      expect(ics).toMatch(/^BEGIN:VCALENDAR/);
      expect(ics).toContain('X-WR-CALNAME:Coder Pathway: Sam Whitfield');
      expect(ics).toContain('SUMMARY:Progress review due');
      expect(ics).toMatch(/SUMMARY:Mock paper window: /);

      await page.getByRole('button', { name: 'Revoke calendar feed' }).click();
      await page.getByText('Your calendar feed is revoked').waitFor();
      expect((await outlook.get(url)).status()).toBe(404);
      await b.visit(page, '/calendar', { settle: true });
      await page.getByText('You have no calendar feed.').waitFor();
    } finally {
      await outlook.dispose();
    }
  });

  test('at 320 px the calendar shows the agenda and scrolls no wider than the screen; the month too when chosen', async () => {
    const page = await b.signedIn(SAM);
    await page.setViewportSize({ width: 320, height: 800 });
    await b.visit(page, '/calendar');
    expect(await page.getByRole('region', { name: 'Coming up' }).isVisible()).toBe(true);
    expect(await page.getByRole('table').isVisible()).toBe(false);
    await noSideways(page);
    await b.visit(page, '/calendar?view=month');
    await b.checkA11y(page, 'month at 320');
    await noSideways(page);
    // The table's cells hold counts at this width; the dates themselves are listed under it, by day.
    expect(await page.getByRole('heading', { name: /^Dates in \w+ \d{4}$/ }).isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: /^Mock paper window: / }).first().isVisible()).toBe(true);
    // By keyboard: the view links and the feed's button are reachable with Tab.
    await page.locator('body').focus();
    const reached = new Set<string>();
    for (let i = 0; i < 200 && !reached.has('Make a calendar feed'); i++) {
      await page.keyboard.press('Tab');
      reached.add(await page.evaluate(() => document.activeElement?.textContent?.trim() ?? ''));
    }
    expect(reached.has('Agenda view')).toBe(true);
    expect(reached.has('Make a calendar feed')).toBe(true);
  });

  test('an administrator changes a reminder threshold, checked beside the field', async () => {
    const page = await b.signedIn(ADMIN);
    await b.visit(page, '/admin/settings', { settle: true });
    const field = page.getByLabel('Days a witness request may wait', { exact: true });
    expect(await field.inputValue()).toBe('5');
    await field.fill('0');
    await page.getByRole('button', { name: 'Save reminder thresholds' }).click();
    await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true');
    await b.checkA11y(page, 'reminder error');
    await field.fill('6');
    await page.getByRole('button', { name: 'Save reminder thresholds' }).click();
    await page.getByText('Reminder thresholds saved').waitFor();
    const fresh = await page.context().newPage();
    await b.visit(fresh, '/admin/settings', { settle: true });
    await expect.poll(() => fresh.getByLabel('Days a witness request may wait', { exact: true }).inputValue()).toBe('6');
  });
});
