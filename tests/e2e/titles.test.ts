import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { useBrowser } from './support/browser';
import { ADMIN, TRAINER_PATEL } from './support/people';

// Issue 18, point 9: a page about one record says which in its <title> (the browser tab, the history, what
// a screen reader announces first), not just "Apprenticeship" or "Progress". Sam Whitfield is Priya Patel's
// apprentice in the demo data, with reviews and submitted evidence.
const SAM = 'Sam Whitfield';
const SUFFIX = ' · Coder Pathway';

async function titleOf(page: Page): Promise<string> {
  await page.waitForFunction(() => document.title !== '');
  const title = await page.title();
  expect(title.endsWith(SUFFIX), title).toBe(true);
  return title.slice(0, -SUFFIX.length);
}

describe('page titles name the record', () => {
  const b = useBrowser();

  test("the trainer's apprenticeship, progress, reviews, a review and a piece of evidence are titled by the apprentice and the piece", async () => {
    const trainer = await b.signedIn(TRAINER_PATEL);
    // His apprenticeship, by the link that names him on the trainer's home.
    const path = await trainer.evaluate((name) => {
      const link = [...document.querySelectorAll('a')].find((a) => a.textContent?.trim() === name && /^\/apprenticeships\/[0-9a-f-]{36}$/.test(a.getAttribute('href') ?? ''));
      return link?.getAttribute('href') ?? '';
    }, SAM);
    expect(path).not.toBe('');
    await b.visit(trainer, path);
    expect(await titleOf(trainer)).toBe(`${SAM}'s apprenticeship`);
    expect(await trainer.getByRole('heading', { level: 1 }).innerText()).toBe(`${SAM}'s apprenticeship`);

    await b.visit(trainer, `${path}/progress`);
    expect(await titleOf(trainer)).toBe(`${SAM}: progress`);

    await b.visit(trainer, `${path}/otj`);
    expect(await titleOf(trainer)).toBe(`${SAM}: off-the-job log`);

    await b.visit(trainer, `${path}/reviews`);
    expect(await titleOf(trainer)).toBe(`${SAM}: progress reviews`);
    const review = trainer.getByRole('link', { name: /^Review of \d{1,2} \w{3} \d{4}$/ }).first();
    const reviewDate = (await review.innerText()).replace('Review of ', '');
    await review.click();
    await trainer.waitForURL(/\/reviews\/[0-9a-f-]{36}$/);
    expect(await titleOf(trainer)).toBe(`Progress review: ${SAM}, ${reviewDate}`);

    await b.visit(trainer, `${path}?section=evidence`);
    const piece = trainer.locator('a[href^="/evidence/"]').first();
    const pieceTitle = (await piece.innerText()).trim();
    expect(pieceTitle).not.toBe('');
    await piece.click();
    await trainer.waitForURL(/\/evidence\/[0-9a-f-]{36}$/);
    expect(await titleOf(trainer)).toBe(`${pieceTitle} by ${SAM}`);
  });

  test("the admin's user page is titled by the user's name; a record out of reach is the 404 page, not a title naming it", async () => {
    const admin = await b.signedIn(ADMIN);
    await b.visit(admin, '/admin/users');
    await admin.getByRole('link', { name: SAM, exact: true }).first().click();
    await admin.waitForURL(/\/admin\/users\/[0-9a-f-]{36}$/);
    expect(await titleOf(admin)).toBe(SAM);

    const missing = await admin.goto('/admin/users/00000000-0000-4000-8000-000000000000');
    expect(missing?.status()).toBe(404);
    expect(await admin.getByRole('heading', { level: 1 }).innerText()).toBe('Page not found');
  });
});
