// Security headers against `next start`: the Content-Security-Policy, HSTS and Permissions-Policy on every
// kind of response, and every page each role can reach, opened in Chromium with the policy enforced. Any
// violation in any page or frame fails the test (tests/e2e/support/browser.ts watches every test for it).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import type { APIResponse, Page } from 'playwright-core';
import { useBrowser } from './support/browser';
import { ADMIN, ASHWELL_MANAGER, SAM, TRAINER_PATEL } from './support/people';
import { checkFocusIndicators, type FocusFinding } from './support/focus';
import { makePdf, makePng } from '../fixtures/files';
import { API_POLICY, HSTS, PERMISSIONS_POLICY } from '@/lib/security/headers';

// Kingsmere's Nathan Lowe and his trainer Daniel Okafor: no other browser test writes anything of theirs.
const NATHAN = 'nathan.lowe@kingsmere.example';
const TRAINER_OKAFOR = 'trainer.okafor@coderpathway.example';

const PAGE_POLICY = /^default-src 'self'; script-src 'self' 'nonce-([A-Za-z0-9+/]{22}==)' 'strict-dynamic'; style-src 'self' 'nonce-\1'; img-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'(; upgrade-insecure-requests)?$/;

/** Every App Router page, as its route ("/apprenticeships/[id]/otj"), read from app/. Static routes first. */
const ROUTES = (fs.readdirSync('app', { recursive: true }) as string[])
  .filter((f) => path.basename(f) === 'page.tsx')
  .map((f) => {
    const route = `/${path.dirname(f).split(path.sep).filter((s) => s !== '.' && !/^\(.+\)$/.test(s)).join('/')}`;
    return { route, pattern: new RegExp(`^${route.replace(/\[[^\]]+\]/g, '[^/]+')}/?$`), params: (route.match(/\[/g) ?? []).length };
  })
  .sort((a, b) => a.params - b.params);
const routeOf = (pathname: string) => ROUTES.find((r) => r.pattern.test(pathname))?.route ?? `(no page) ${pathname}`;

/** Routes opened in the browser (by any test below), and how many page loads that took. */
const visitedRoutes = new Map<string, Set<string>>();
let pageLoads = 0;
const noteVisit = (who: string, pathname: string) => {
  pageLoads++;
  const route = routeOf(pathname);
  visitedRoutes.set(route, (visitedRoutes.get(route) ?? new Set()).add(who));
};

/** Exactly one header of this name (two policies would both apply: a route's own would be tightened, not replaced). */
function only(res: APIResponse, name: string): string | undefined {
  const values = res.headersArray().filter((h) => h.name.toLowerCase() === name.toLowerCase());
  expect(values.length, `${res.url()} sends ${values.length} ${name} headers`).toBeLessThanOrEqual(1);
  return values[0]?.value;
}

/** The headers every response of ours carries, static files and route handlers included. */
function expectStaticHeaders(res: APIResponse) {
  expect(only(res, 'permissions-policy')).toBe(PERMISSIONS_POLICY);
  expect(only(res, 'x-content-type-options')).toBe('nosniff');
  expect(only(res, 'referrer-policy')).toBe('strict-origin-when-cross-origin');
}

/** A page: the nonce policy, that nonce on every script and style element, no style attribute anywhere. */
async function expectPage(res: APIResponse, { https = false } = {}) {
  const policy = only(res, 'content-security-policy') ?? '';
  const match = PAGE_POLICY.exec(policy);
  expect(match, `${res.url()}: ${policy}`).not.toBeNull();
  expect(Boolean(match![2]), 'upgrade-insecure-requests over HTTPS only').toBe(https);
  expect(only(res, 'x-frame-options')).toBe('DENY');
  expect(only(res, 'strict-transport-security')).toBe(https ? HSTS : undefined);
  expectStaticHeaders(res);
  const html = await res.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  expect(scripts.filter((s) => !s.includes(` nonce="${match![1]}"`)), 'scripts without the nonce').toEqual([]);
  expect((html.match(/<style\b[^>]*>/g) ?? []).filter((s) => !s.includes(` nonce="${match![1]}"`)), 'style elements without the nonce').toEqual([]);
  expect(html.match(/<[^>]+\sstyle="[^"]*"/g) ?? [], 'style attributes (blocked by the policy)').toEqual([]);
  return match![1]!;
}

function expectRouteHandler(res: APIResponse, { https = false } = {}) {
  expect(only(res, 'content-security-policy'), res.url()).toBe(API_POLICY);
  expect(only(res, 'x-frame-options')).toBe('DENY');
  expect(only(res, 'strict-transport-security')).toBe(https ? HSTS : undefined);
  expectStaticHeaders(res);
}

/**
 * The page at 320 CSS pixels wide (WCAG 1.4.10 reflow): its path, its width and what sticks out (the first
 * element or text past the edge) when it scrolls sideways.
 */
async function scrollsSidewaysAt320(page: Page): Promise<string[]> {
  const size = page.viewportSize()!;
  await page.setViewportSize({ width: 320, height: 640 });
  const found = await page.evaluate(() => {
    const width = document.documentElement.scrollWidth;
    if (width <= 320) return null;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const range = document.createRange();
      range.selectNodeContents(n);
      const box = n instanceof Element ? n.getBoundingClientRect() : range.getBoundingClientRect();
      if (box.right > 321 && box.width > 0 && !(n instanceof Element && n.closest('[role=region], [tabindex="0"]'))) {
        const el = n instanceof Element ? n : n.parentElement!;
        return `${width} px: <${el.tagName.toLowerCase()} class="${el.className}"> “${(n.textContent ?? '').trim().slice(0, 50)}”`;
      }
    }
    return `${width} px`;
  });
  await page.setViewportSize(size);
  return found ? [`${new URL(page.url()).pathname}: ${found}`] : [];
}

/** Kinds of interactive element whose focus indicator was checked, across every role's pages. */
const focusChecked = new Set<string>();

/**
 * Focus indicators and reflow depend on the pages' markup and styles, not on the database behind them: CI runs the
 * browser tests on PGlite and on PostgreSQL side by side on two cores, so the PGlite run checks them (about a
 * third of this file's time) and the PostgreSQL run checks the policy only. The default run (no E2E_DATABASE_URL) checks them.
 */
const CHECK_LAYOUT = !process.env.E2E_DATABASE_URL;

/**
 * Follow every link a role sees, opening each page route once, until none is new. On each page, every kind of
 * interactive element not yet seen must show a contrasting focus indicator (tests/e2e/support/focus.ts).
 */
async function crawl(page: Page, who: string, origin: string, seeds: string[]) {
  const done = new Set<string>();
  const focusFindings: FocusFinding[] = [];
  const sideways: string[] = [];
  const queue = [...seeds];
  const statuses: { url: string; status: number }[] = [];
  while (queue.length) {
    const url = queue.shift()!;
    const route = routeOf(new URL(url, origin).pathname);
    if (done.has(route)) continue;
    done.add(route);
    const res = await page.goto(url, { waitUntil: 'networkidle' });
    statuses.push({ url, status: res?.status() ?? 0 });
    noteVisit(who, new URL(url, origin).pathname);
    const landed = new URL(page.url()).pathname;
    if (!done.has(routeOf(landed))) {
      done.add(routeOf(landed)); // "/" sends each role to its home
      noteVisit(who, landed);
    }
    if (CHECK_LAYOUT) {
      focusFindings.push(...(await checkFocusIndicators(page, focusChecked)));
      sideways.push(...(await scrollsSidewaysAt320(page)));
    }
    const hrefs = await page.$$eval('a[href]:not([download])', (links) => links.map((a) => (a as HTMLAnchorElement).href));
    for (const href of hrefs) {
      const link = new URL(href);
      if (link.origin !== origin || link.pathname.startsWith('/api/') || link.pathname.startsWith('/_next/')) continue;
      if (!done.has(routeOf(link.pathname))) queue.push(link.pathname + link.search);
    }
  }
  // A link that a role is shown and that fails would be a bug of its own; say so here rather than hide it.
  expect(statuses.filter((s) => s.status >= 400)).toEqual([]);
  expect(sideways, 'pages that scroll sideways on a 320 px screen (WCAG 1.4.10)').toEqual([]);
  expect(focusFindings, 'elements whose focus is not visibly different at 3:1, or whose focused text is under 4.5:1').toEqual([]);
  return done.size;
}

describe('security headers', () => {
  const b = useBrowser();
  const origin = new URL(b.baseUrl).origin;

  afterAll(() => {
    const summary = [...visitedRoutes].map(([route, who]) => `${route} (${[...who].join(', ')})`).join('\n  ');
    console.log(`[e2e] security headers: ${pageLoads} page loads over ${visitedRoutes.size} routes with the policy enforced:\n  ${summary}`);
    console.log(CHECK_LAYOUT
      ? `[e2e] focus visible: ${focusChecked.size} kinds of interactive element checked focused against unfocused; every page also at 320 px`
      : '[e2e] focus visible and reflow: checked by the PGlite run (same pages, same styles)');
  });

  test('each kind of response carries its own policy, HSTS only over HTTPS, and the same Permissions-Policy', async () => {
    const visitor = (await b.newPage()).context().request;
    const sam = (await b.signedIn(SAM)).context().request;

    // Sign-in, signed out; every request a nonce of its own.
    const login = await visitor.get('/login');
    expect(login.status()).toBe(200);
    const nonce = await expectPage(login);
    expect(await expectPage(await visitor.get('/login'))).not.toBe(nonce);
    // A signed-in page, and the 404 page (an error page rendered for a missing page).
    await expectPage(await sam.get('/apprentice'));
    const missing = await sam.get('/no-such-page');
    expect(missing.status()).toBe(404);
    await expectPage(missing);
    // The redirect to sign in carries the headers too.
    const redirect = await visitor.get('/apprentice/evidence', { maxRedirects: 0 });
    expect(redirect.status()).toBe(307);
    expect(only(redirect, 'content-security-policy')).toMatch(PAGE_POLICY);

    // Route handlers: JSON signed in and out, Auth.js, a CSV; the classification upload (outside the proxy).
    for (const [request, url] of [[sam, '/api/codes?q=K35'], [visitor, '/api/health'], [visitor, '/api/auth/csrf'], [visitor, '/api/admin/classifications']] as const) {
      const res = await request.get(url);
      expect(res.status(), url).toBeLessThan(500);
      if (url === '/api/admin/classifications') {
        // next.config.ts sets its policy, which cannot depend on the request: no HSTS from there.
        expect(only(res, 'content-security-policy')).toBe(API_POLICY);
        expectStaticHeaders(res);
      } else expectRouteHandler(res);
    }

    // Over HTTPS (a proxy in front that terminated TLS): HSTS everywhere, and the page may upgrade http:// loads.
    const https = { 'x-forwarded-proto': 'https' };
    await expectPage(await visitor.get('/login', { headers: https }), { https: true });
    await expectPage(await sam.get('/apprentice/progress', { headers: https }), { https: true });
    expectRouteHandler(await sam.get('/api/codes?q=K35', { headers: https }), { https: true });
    expect(only(await visitor.get('/apprentice', { headers: https, maxRedirects: 0 }), 'strict-transport-security')).toBe(HSTS);
    // A static file gets the static headers only.
    const icon = await visitor.get('/icon.svg');
    expectStaticHeaders(icon);
    expect(only(icon, 'x-frame-options')).toBe('DENY');
  });

  const roles = [
    ['an administrator', ADMIN],
    ['a trainer', TRAINER_PATEL],
    ['an employer contact', ASHWELL_MANAGER],
    ['an apprentice', SAM],
  ] as const;
  for (const [who, email] of roles)
    test(`every page ${who} can reach by a link runs with nothing blocked${CHECK_LAYOUT ? ', shows where focus is and fits a 320 px screen' : ''}`, { timeout: 600_000 }, async () => {
      const page = await b.signedIn(email);
      const routes = await crawl(page, who, origin, ['/', '/codes?q=appendicitis', '/standard', '/change-password']);
      expect(routes).toBeGreaterThan(5);
    });

  test('the sign-in page and a missing page run with nothing blocked, signed out and in', async () => {
    const visitor = await b.newPage();
    await b.submitSignIn(visitor, SAM);
    await visitor.waitForURL((url) => url.pathname !== '/login');
    noteVisit('a visitor', '/login');
    const res = await visitor.goto('/no-such-page', { waitUntil: 'networkidle' });
    expect(res?.status()).toBe(404);
    await visitor.getByRole('heading', { name: 'Page not found' }).waitFor();
  });

  test('client code loads and runs under the policy: an upload with progress, file previews in the marking page, the mock paper’s timer and code search, the error page', { timeout: 300_000 }, async () => {
    // An upload with its progress bar, as the apprentice; submitted for marking.
    const apprentice = await b.signedIn(NATHAN);
    await apprentice.goto('/apprentice/evidence/new', { waitUntil: 'networkidle' });
    noteVisit('an apprentice (interactions)', '/apprentice/evidence/new');
    const title = `Coding audit under the security policy ${Date.now()}`;
    await apprentice.getByLabel('Title').fill(title);
    await apprentice.getByLabel('Your account').fill('I audited twenty coded episodes against the four-step process and wrote up what I found.');
    await apprentice.getByLabel('Find an item by code or words').fill('four-step');
    await apprentice.getByRole('checkbox', { name: /S5/ }).check();
    await apprentice.getByRole('button', { name: 'Create draft' }).click();
    await apprentice.waitForURL(/\/apprentice\/evidence\/[0-9a-f-]{36}$/);
    await apprentice.getByRole('heading', { level: 1, name: title }).waitFor();
    await apprentice.waitForLoadState('networkidle');
    noteVisit('an apprentice (interactions)', new URL(apprentice.url()).pathname);
    const progressShown = apprentice.waitForSelector('progress', { state: 'attached' });
    await apprentice.getByLabel('Add files').setInputFiles({ name: 'audit.pdf', mimeType: 'application/pdf', buffer: await makePdf(['Twenty episodes audited.'], { padTo: 2 * 1024 * 1024 }) });
    await progressShown;
    await apprentice.getByRole('link', { name: 'audit.pdf' }).waitFor();
    await apprentice.getByLabel('Add files').setInputFiles({ name: 'worksheet.png', mimeType: 'image/png', buffer: makePng() });
    await apprentice.getByRole('link', { name: 'worksheet.png' }).waitFor();
    await apprentice.getByRole('button', { name: 'Submit for marking' }).click();
    await apprentice.getByText('Submitted: waiting for your trainer to mark it.').waitFor();

    // The trainer's marking page frames the PDF and shows the image, each from the file route.
    const trainer = await b.signedIn(TRAINER_OKAFOR);
    await trainer.goto('/trainer/marking', { waitUntil: 'networkidle' });
    await trainer.getByRole('link', { name: title }).click();
    await trainer.waitForURL(/\/evidence\/[0-9a-f-]{36}$/);
    await trainer.waitForLoadState('networkidle');
    noteVisit('a trainer (interactions)', new URL(trainer.url()).pathname);
    const frame = trainer.getByTitle('Preview of audit.pdf');
    const pdfSrc = (await frame.getAttribute('src'))!;
    await expect.poll(() => trainer.frames().some((f) => f.url().endsWith(pdfSrc))).toBe(true);
    const image = trainer.getByRole('img', { name: /worksheet\.png/ });
    await expect.poll(() => image.evaluate((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth)).toBe(1);
    // The file route's own policy, alone: framed by our pages only for a preview, by none for a download.
    const request = trainer.context().request;
    const preview = await request.get(pdfSrc, { headers: { 'x-forwarded-proto': 'https' } });
    expect(only(preview, 'content-security-policy')).toBe("frame-ancestors 'self'");
    expect(only(preview, 'x-frame-options')).toBe('SAMEORIGIN');
    expect(only(preview, 'strict-transport-security')).toBe(HSTS);
    expectStaticHeaders(preview);
    const imagePreview = await request.get((await image.getAttribute('src'))!);
    expect(only(imagePreview, 'content-security-policy')).toMatch(/^sandbox; default-src 'none'; .*frame-ancestors 'self'$/);
    const download = await request.get(pdfSrc.replace('?inline=1', ''));
    expect(only(download, 'content-security-policy')).toBe("sandbox; default-src 'none'; frame-ancestors 'none'");
    expect(only(download, 'x-frame-options')).toBe('DENY');
    expect(only(download, 'strict-transport-security')).toBeUndefined();
    await expectPage(await request.get(new URL(trainer.url()).pathname));

    // The mock paper: its timer counts down, and the code picker searches as the apprentice types.
    await apprentice.goto('/apprentice/assessments', { waitUntil: 'networkidle' });
    await apprentice.getByRole('link', { name: /^(Start|Resume) Mock NCCQ practical paper$/ }).click();
    // Starting asks first (how long the paper lasts); resuming goes straight back to it.
    await apprentice.waitForURL(/\/apprentice\/assessments\/start\?|\/assessments\/[0-9a-f-]{36}\/sit/);
    if (apprentice.url().includes('/start?')) await apprentice.getByRole('button', { name: 'Start the paper' }).click();
    await apprentice.waitForURL(/\/assessments\/[0-9a-f-]{36}\/sit(\?q=\d+)?$/);
    noteVisit('an apprentice (interactions)', new URL(apprentice.url()).pathname);
    const timer = apprentice.getByRole('timer');
    const first = await timer.getAttribute('aria-label');
    await expect.poll(() => timer.getAttribute('aria-label'), { timeout: 10_000 }).not.toBe(first);
    await apprentice.getByRole('combobox', { name: 'Add a diagnosis code' }).focus();
    await apprentice.keyboard.type('K35');
    await apprentice.getByRole('listbox').filter({ visible: true }).getByRole('option').first().waitFor();

    // The error page: a server action that fails (here, its answer replaced by a 500) shows app/error.tsx,
    // whose "Try again" runs too.
    await apprentice.goto('/apprentice', { waitUntil: 'networkidle' });
    await apprentice.route('**/apprentice', (route) =>
      route.request().method() === 'POST' ? route.fulfill({ status: 500, contentType: 'text/plain', body: 'Internal Server Error' }) : route.fallback(),
    );
    await apprentice.getByRole('button', { name: 'Sign out' }).click();
    await apprentice.getByRole('heading', { name: 'Sorry, something went wrong' }).waitFor();
    await apprentice.unroute('**/apprentice');
    await apprentice.getByRole('button', { name: 'Try again' }).click();
    await apprentice.getByRole('heading', { name: 'Sorry, something went wrong' }).waitFor({ state: 'detached' });
  });

  // The bell's "open" route is linked only once someone has a notification, which other files make; so one is made
  // here, whatever order the files run in: Nathan's trainer comments on the piece submitted above, and Nathan opens it.
  test('a notification opened from the bell runs with nothing blocked', async () => {
    const okafor = await b.signedIn(TRAINER_OKAFOR);
    await b.visit(okafor, '/trainer/marking');
    await okafor.getByRole('link', { name: /^Coding audit under the security policy/ }).first().click();
    await okafor.waitForURL(/\/evidence\/[0-9a-f-]{36}$/);
    await okafor.getByLabel('Add a comment').fill('Which sample did you audit against?');
    await okafor.getByRole('button', { name: 'Post message' }).click();
    await okafor.getByText('Your message was posted.').waitFor();

    const nathan = await b.signedIn(NATHAN);
    await b.visit(nathan, '/notifications');
    const href = await nathan.locator('main a[href^="/notifications/open/"]').first().getAttribute('href');
    expect(href).toMatch(/^\/notifications\/open\/[0-9a-f-]{36}$/);
    const res = await nathan.goto(href!, { waitUntil: 'networkidle' });
    expect(res?.status()).toBeLessThan(400);
    noteVisit('an apprentice', href!);
  });

  // issue 20: the gateway pack. Its trainer's page is linked only once all three have confirmed (never on this
  // shared server: confirmations are permanent), and a shared link's page only by its token: both opened here.
  test('the gateway pack pages: the trainer’s with the usual headers; a shared link’s with no referrer, no cache and no index', async () => {
    const patel = await b.signedIn(TRAINER_PATEL);
    const href = await patel.getByRole('link', { name: 'Sam Whitfield', exact: true }).first().getAttribute('href');
    const gateway = `${href}/gateway`;
    const page = await patel.goto(gateway);
    expect(page?.status()).toBe(200);
    noteVisit('a trainer', gateway);
    await expectPage(await patel.context().request.get(gateway));

    const visitor = await b.newPage();
    const shared = `/gateway-pack/${'A'.repeat(43)}`; // no such link: the refusal, as for an expired one
    const opened = await visitor.goto(shared);
    expect(opened?.status()).toBe(404);
    noteVisit('a visitor', shared);
    await visitor.getByText('This link has expired or been withdrawn.', { exact: false }).waitFor();
    const res = await visitor.context().request.get(shared);
    expect(only(res, 'content-security-policy')).toMatch(PAGE_POLICY);
    expect(only(res, 'referrer-policy')).toBe('no-referrer');
    expect(only(res, 'x-robots-tag')).toBe('noindex, nofollow');
    expect(only(res, 'cache-control')).toContain('no-store');
    expect(only(res, 'permissions-policy')).toBe(PERMISSIONS_POLICY);
    const download = await visitor.context().request.get(`${shared}/summary`);
    expect(download.status()).toBe(404);
    expect(only(download, 'referrer-policy')).toBe('no-referrer');
  });

  test('every page of the app was opened with the policy enforced', () => {
    const missing = ROUTES.map((r) => r.route).filter((route) => !visitedRoutes.has(route));
    expect(missing).toEqual([]);
  });
});
