// One Chromium per test file; a fresh browser context (own cookies) per signed-in person.
// Every page visited is checked with axe; a failed test leaves screenshots in tests/e2e/artifacts/.
// Every page and frame of every test is watched for Content-Security-Policy violations (and Permissions-Policy
// errors): any one fails the test, so a policy that breaks a page or an interaction cannot pass.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, expect, inject } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page, type Response } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { DEMO_PASSWORD } from '@/db/demo-data';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const artifactsDir = path.resolve('tests/e2e/artifacts');
const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 100);

export type A11yFinding = { page: string; rule: string; impact: string; help: string; targets: string[] };

/** A Content-Security-Policy violation (or a Permissions-Policy error) seen in a page or one of its frames. */
export type PolicyViolation = { page: string; directive: string; blocked: string; sample: string; source: string };

/**
 * Report every policy violation in this context, from its pages and their frames: the
 * `securitypolicyviolation` event (listened for before any of the page's own scripts run), and Chromium's
 * console message, which also covers what the event may miss (a report from a frame's viewer, a
 * Permissions-Policy header it cannot parse).
 */
export async function watchPolicyViolations(context: BrowserContext, report: (v: PolicyViolation) => void) {
  await context.exposeBinding('__cspViolation', ({ frame }, v: Omit<PolicyViolation, 'page'>) => report({ page: frame.url(), ...v }));
  await context.addInitScript(() => {
    const send = (window as unknown as { __cspViolation: (v: object) => void }).__cspViolation;
    document.addEventListener(
      'securitypolicyviolation',
      (e) => send({ directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample, source: `${e.sourceFile}:${e.lineNumber}:${e.columnNumber}` }),
      true,
    );
  });
  context.on('console', (message) => {
    const text = message.text();
    if (/Content[ -]Security[ -]Policy|Permissions[ -]Policy/i.test(text))
      report({ page: message.page()?.url() ?? '', directive: `console.${message.type()}`, blocked: '', sample: text.slice(0, 400), source: message.location().url });
  });
}

/** `baseUrl`: where this file's pages are opened (by default the server global-setup started), read when a page opens. */
export function useBrowser(options: { baseUrl?: () => string; ignoreHTTPSErrors?: boolean } = {}) {
  const baseUrl = inject('baseUrl');
  let browser: Browser | undefined;
  let contexts: BrowserContext[] = [];
  let findings: A11yFinding[] = [];
  let violations: PolicyViolation[] = [];
  // Each distinct page (path and state) is checked once per file: the sign-in page, for one, is visited often.
  const checked = new Set<string>();

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
  });

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') {
      fs.mkdirSync(artifactsDir, { recursive: true });
      const name = slug(`${path.basename(ctx.task.file.name, '.test.ts')} ${ctx.task.name}`);
      let n = 0;
      for (const context of contexts)
        for (const page of context.pages()) {
          const file = path.join(artifactsDir, `${name}-${++n}.png`);
          await page.screenshot({ path: file, fullPage: true, caret: 'initial' }).catch(() => {});
          console.error(`[e2e] screenshot of ${page.url()}: ${path.relative(process.cwd(), file)}`);
        }
    }
    await Promise.all(contexts.map((c) => c.close().catch(() => {})));
    contexts = [];
    const found = findings;
    findings = [];
    const blocked = violations;
    violations = [];
    expect.soft(blocked, 'the browser reported Content-Security-Policy or Permissions-Policy violations').toEqual([]);
    expect(found, 'axe found serious or critical accessibility violations').toEqual([]);
  });

  async function newPage(): Promise<Page> {
    if (!browser) throw new Error('the browser has not started');
    // ignoreHTTPSErrors: for a test's own https servers (an identity provider with a throwaway certificate
    // authority that only the app's Node process is told to trust).
    const context = await browser.newContext({ baseURL: options.baseUrl?.() ?? baseUrl, locale: 'en-GB', timezoneId: 'Europe/London', ignoreHTTPSErrors: options.ignoreHTTPSErrors ?? false });
    context.setDefaultTimeout(15_000);
    context.setDefaultNavigationTimeout(30_000);
    contexts.push(context);
    await watchPolicyViolations(context, (v) => violations.push(v));
    return context.newPage();
  }

  /** Run axe on the page as it is now and keep any serious or critical violation for the end of the test. */
  async function checkA11y(page: Page, state = '') {
    const key = `${new URL(page.url()).pathname.replace(/[0-9a-f-]{36}/g, ':id')}${state ? ` (${state})` : ''}`;
    if (checked.has(key)) return;
    checked.add(key);
    // After a server action refreshes the page, React puts <title> back a moment after the body: give
    // it that moment, so axe sees the page as it settles. A page with no title still fails below.
    await page.waitForFunction(() => document.title !== '', undefined, { timeout: 5_000 }).catch(() => {});
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    for (const v of serious)
      findings.push({ page: key, rule: v.id, impact: v.impact!, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) });
    if (serious.length) {
      fs.mkdirSync(artifactsDir, { recursive: true });
      await page.screenshot({ path: path.join(artifactsDir, `a11y-${slug(key)}.png`), fullPage: true, caret: 'initial' }).catch(() => {});
    }
  }

  /**
   * Open a path and check it with axe. `settle: true` also waits for the network to go quiet, so a
   * page whose form is driven by client code has hydrated before the test types into it.
   */
  async function visit(page: Page, pathname: string, options: { settle?: boolean } = {}): Promise<Response> {
    const response = await page.goto(pathname, { waitUntil: options.settle ? 'networkidle' : 'load' });
    if (!response) throw new Error(`no response for ${pathname}`);
    await checkA11y(page);
    return response;
  }

  /** Open the sign-in page and submit the form; does not wait for the outcome. */
  async function submitSignIn(page: Page, email: string, password = DEMO_PASSWORD) {
    await visit(page, '/login', { settle: true });
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  /** Sign in through the form and wait to leave the sign-in page. */
  async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
    await submitSignIn(page, email, password);
    await page.waitForURL((url) => url.pathname !== '/login');
    await checkA11y(page);
  }

  /**
   * A new context signed in as this person, on their home page. Signs in through the auth endpoint
   * (quicker than the form); tests of signing in itself use signIn().
   */
  async function signedIn(email: string, password = DEMO_PASSWORD): Promise<Page> {
    const page = await newPage();
    const request = page.context().request; // shares the context's cookies
    const { csrfToken } = (await (await request.get('/api/auth/csrf')).json()) as { csrfToken: string };
    const res = await request.post('/api/auth/callback/credentials', { form: { csrfToken, email, password }, maxRedirects: 0 });
    const cookies = await page.context().cookies();
    if (!cookies.some((c) => c.name === 'authjs.session-token'))
      throw new Error(`could not sign in as ${email}: ${res.status()} to ${res.headers().location ?? 'nowhere'}`);
    await visit(page, '/');
    return page;
  }

  return { baseUrl, newPage, visit, submitSignIn, signIn, signedIn, checkA11y };
}

/** The text of the elements an element points to with aria-describedby (its hint and error). */
export async function description(page: Page, label: string): Promise<string> {
  return page.getByLabel(label, { exact: true }).evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' '),
  );
}

/** Names shown as links in the apprentices table on a page. */
export async function apprenticeNames(page: Page): Promise<string[]> {
  return page.locator('table tbody tr td:first-child a').allTextContents();
}
