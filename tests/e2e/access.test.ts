import { beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { useBrowser } from './support/browser';
import { ADMIN, ASHWELL_MANAGER, SAM, TRAINER_PATEL } from './support/people';

describe('pages outside the viewer’s scope are a 404', () => {
  const b = useBrowser();
  const ids: Record<string, string> = {};

  // Apprenticeship ids, read from the links in the administrator's apprentice table.
  beforeAll(async () => {
    const page = await b.signedIn(ADMIN);
    for (const [key, name] of [
      ['sam', 'Sam Whitfield'],
      ['owen', 'Owen Price'],
    ] as const) {
      await b.visit(page, `/admin/apprentices?q=${encodeURIComponent(name)}`);
      const href = await page.getByRole('link', { name, exact: true }).getAttribute('href');
      const id = href?.match(/\/admin\/apprentices\/([0-9a-f-]{36})$/)?.[1];
      if (!id) throw new Error(`no apprenticeship link for ${name} (href ${href})`);
      ids[key] = id;
    }
    await page.context().close();
  });

  async function expectNotFound(page: Page, path: string) {
    const response = await b.visit(page, path);
    expect(response.status(), path).toBe(404);
    expect(await page.getByRole('heading', { level: 1 }).textContent(), path).toBe('Page not found');
    // Nothing of the record leaks onto the page.
    const main = (await page.locator('main').textContent()) ?? '';
    expect(main).not.toContain('Owen Price');
  }

  test('an apprentice opening the trainer, employer or admin areas gets the 404 page', async () => {
    const page = await b.signedIn(SAM);
    for (const path of ['/trainer', '/employer', '/admin', '/admin/users', '/admin/import']) await expectNotFound(page, path);
  });

  test('an apprentice can open their own apprenticeship but another apprentice’s is a 404', async () => {
    const page = await b.signedIn(SAM);
    const own = await b.visit(page, `/apprenticeships/${ids.sam}`);
    expect(own.status()).toBe(200);
    expect(await page.getByRole('heading', { level: 2, name: 'Sam Whitfield' }).count()).toBe(1);
    await expectNotFound(page, `/apprenticeships/${ids.owen}`);
  });

  test('a trainer opening an apprenticeship they are not assigned to gets the 404 page', async () => {
    const page = await b.signedIn(TRAINER_PATEL);
    const assigned = await b.visit(page, `/apprenticeships/${ids.sam}`);
    expect(assigned.status()).toBe(200);
    await expectNotFound(page, `/apprenticeships/${ids.owen}`);
    await expectNotFound(page, '/admin');
  });

  test('an employer contact opening another employer’s apprenticeship gets the 404 page', async () => {
    const page = await b.signedIn(ASHWELL_MANAGER);
    const own = await b.visit(page, `/apprenticeships/${ids.sam}`);
    expect(own.status()).toBe(200);
    await expectNotFound(page, `/apprenticeships/${ids.owen}`);
    await expectNotFound(page, '/trainer');
  });

  test('an apprenticeship id that does not exist is the same 404 page', async () => {
    const page = await b.signedIn(ADMIN);
    await expectNotFound(page, '/apprenticeships/00000000-0000-4000-8000-000000000000');
  });
});
