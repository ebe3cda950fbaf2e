import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { useBrowser } from './support/browser';
import { freePort } from './support/global-setup';
import { logOf, startOwnInstance } from './support/own-instance';
import { ADMIN, SAM, TRAINER_PATEL } from './support/people';
import { makeCertificateAuthority } from '../support/oidc/certificates';
import { startOidcProvider } from '../support/oidc/provider';
import { confirmProviderSignOut, signInAtProvider } from '../support/oidc/interact';

// Issue 21: sign-in with a trust's identity provider, against real OpenID Connect servers (oidc-provider)
// over https, with a certificate authority made for the run that only the app's Node process is told to
// trust (NODE_EXTRA_CA_CERTS). Two at once on one app instance: one in Microsoft Entra ID's shape
// (issuer https://HOST/TENANT/v2.0, read by Auth.js's Entra ID provider) and a generic one, configured
// with another email claim and with signing out there too.
const TENANT = '5f3c2b8e-9d41-4c7a-b0e6-2a1d7c9e4f10';
const GENERIC_NAME = 'Trust sign-in';
const CONTACT = 'the coding training team (training@ashwell.example)';
const MEI = 'mei.tanaka@ashwell.example';

describe('sign-in with an identity provider', () => {
  let entra: Awaited<ReturnType<typeof startOidcProvider>>;
  let generic: Awaited<ReturnType<typeof startOidcProvider>>;
  let app: Awaited<ReturnType<typeof startOwnInstance>>;
  let caDir = '';
  const roundTrips: number[] = [];

  const b = useBrowser({ baseUrl: () => app.base, ignoreHTTPSErrors: true });

  beforeAll(async () => {
    caDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cp-e2e-ca-'));
    const ca = makeCertificateAuthority(caDir);
    const port = await freePort();
    const base = `http://localhost:${port}`;
    const client = (id: string, callback: string) => ({
      client_id: id,
      client_secret: `${id}-secret-for-the-test-run`,
      redirect_uris: [`${base}/api/auth/callback/${callback}`],
      post_logout_redirect_uris: [`${base}/login`],
    });
    const tls = { key: ca.serverKeyPem, cert: ca.serverCertPem };
    entra = await startOidcProvider({ tls, issuerPath: `/${TENANT}/v2.0`, clients: [client('pathway-entra', 'microsoft-entra-id')] });
    generic = await startOidcProvider({ tls, clients: [client('pathway-generic', 'oidc')] });
    app = await startOwnInstance(
      'identity-providers',
      {
        NODE_EXTRA_CA_CERTS: ca.caCertFile,
        AUTH_MICROSOFT_ENTRA_ID_ID: 'pathway-entra',
        AUTH_MICROSOFT_ENTRA_ID_SECRET: 'pathway-entra-secret-for-the-test-run',
        AUTH_MICROSOFT_ENTRA_ID_ISSUER: entra.issuer,
        AUTH_OIDC_ISSUER: generic.issuer,
        AUTH_OIDC_CLIENT_ID: 'pathway-generic',
        AUTH_OIDC_CLIENT_SECRET: 'pathway-generic-secret-for-the-test-run',
        AUTH_OIDC_NAME: GENERIC_NAME,
        AUTH_OIDC_EMAIL_CLAIM: 'upn',
        AUTH_OIDC_SIGN_OUT: 'on',
        SUPPORT_CONTACT: CONTACT,
      },
      { port },
    );
    expect(entra.issuer).toMatch(new RegExp(`^https://localhost:\\d+/${TENANT}/v2\\.0$`));
  }, 180_000);

  afterAll(async () => {
    await app?.stop();
    await entra?.stop();
    await generic?.stop();
    if (caDir) fs.rmSync(caDir, { recursive: true, force: true });
  }, 60_000);

  const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });
  const MICROSOFT = 'Sign in with Microsoft (NHSmail)';
  const GENERIC = `Sign in with ${GENERIC_NAME}`;

  /** From the sign-in page through the provider's login, timed from the click to the page the app lands on. */
  async function signInWith(page: Page, which: string, login: string, lands: RegExp) {
    await b.visit(page, '/login', { settle: true });
    const started = Date.now();
    await button(page, which).click();
    await page.waitForURL((url) => url.protocol === 'https:');
    await signInAtProvider(page, login);
    await page.waitForURL((url) => url.origin === app.base && lands.test(url.pathname + url.search));
    await page.locator('h1').first().waitFor();
    return Date.now() - started;
  }

  async function alertText(page: Page) {
    const alert = page.getByRole('alert').filter({ hasNot: page.locator('#__next-route-announcer__') }).first();
    await alert.waitFor();
    return (await alert.textContent())?.trim() ?? '';
  }

  test('Microsoft shape: a known user lands on their home, the email matched whatever its case; signing out ends only our session', async () => {
    const page = await b.newPage();
    roundTrips.push(await signInWith(page, MICROSOFT, 'Sam.Whitfield@ASHWELL.example', /^\/apprentice$/));
    await page.getByRole('heading', { name: /Sam/ }).first().waitFor();
    await b.checkA11y(page, 'signed in with Microsoft');
    await page.screenshot({ path: path.resolve('tests/e2e/artifacts/idp-entra-home.png') });

    await button(page, 'Sign out').click();
    await page.waitForURL((url) => url.pathname === '/login');
    expect(new URL(page.url()).searchParams.get('signedOut')).toBe('here');
    expect(await page.getByRole('status').filter({ hasText: 'You have signed out.' }).count()).toBe(1);
    await b.visit(page, '/apprentice');
    expect(new URL(page.url()).pathname).toBe('/login');
  });

  test('generic provider, email from another claim: a known user lands on their home; signing out ends the session at the provider too', async () => {
    const page = await b.newPage();
    roundTrips.push(await signInWith(page, GENERIC, TRAINER_PATEL, /^\/trainer$/));
    await page.screenshot({ path: path.resolve('tests/e2e/artifacts/idp-generic-home.png') });

    await button(page, 'Sign out').click();
    await page.waitForURL((url) => url.origin !== app.base);
    await confirmProviderSignOut(page);
    await page.waitForURL((url) => url.origin === app.base && url.pathname === '/login');
    expect(await page.getByRole('status').filter({ hasText: 'signed out' }).textContent()).toBe(`You have signed out of Coder Pathway and of ${GENERIC_NAME}.`);
    await page.screenshot({ path: path.resolve('tests/e2e/artifacts/idp-generic-signed-out.png') });

    // The next person at this computer is asked to sign in at the provider, not let straight in.
    await button(page, GENERIC).click();
    await page.waitForURL((url) => url.protocol === 'https:');
    await signInAtProvider(page, SAM);
    await page.waitForURL((url) => url.origin === app.base && url.pathname === '/apprentice');
  });

  test('an unknown email is refused without an account being made', async () => {
    const page = await b.newPage();
    await signInWith(page, MICROSOFT, 'nobody.here@ashwell.example', /^\/login\?/);
    expect(new URL(page.url()).searchParams.get('error')).toBe('NoAccount');
    expect(await alertText(page)).toBe(`Your Microsoft account is not set up in Coder Pathway. Ask ${CONTACT} to add your email address.`);
    await b.checkA11y(page, 'no account');
    await page.screenshot({ path: path.resolve('tests/e2e/artifacts/idp-no-account.png') });

    const admin = await b.signedIn(ADMIN);
    await b.visit(admin, `/admin/users?q=${encodeURIComponent('nobody.here')}`);
    expect(await admin.getByRole('link', { name: /nobody/i }).count()).toBe(0);
  });

  test('a disabled account is told it is disabled, and whom to contact', async () => {
    const admin = await b.signedIn(ADMIN);
    await b.visit(admin, `/admin/users?q=${encodeURIComponent(MEI)}`);
    await admin.getByRole('link', { name: 'Mei Tanaka', exact: true }).click();
    await admin.waitForURL((url) => /^\/admin\/users\/[0-9a-f-]{36}$/.test(url.pathname));
    admin.once('dialog', (dialog) => void dialog.accept());
    await button(admin, 'Disable').click();
    await button(admin, 'Re-enable').waitFor();

    const page = await b.newPage();
    await signInWith(page, GENERIC, MEI.toUpperCase(), /^\/login\?/);
    expect(new URL(page.url()).searchParams.get('error')).toBe('Disabled');
    const text = await alertText(page);
    expect(text).toBe(`Your Coder Pathway account has been disabled, so you cannot sign in with ${GENERIC_NAME} or with a password. Ask ${CONTACT} to re-enable it.`);
    expect(text).not.toMatch(/not set up/);
    await page.screenshot({ path: path.resolve('tests/e2e/artifacts/idp-disabled.png') });
  });

  test('a provider that is down gives a plain message, and the server log says why', async () => {
    await generic.stop();
    try {
      const page = await b.newPage();
      await b.visit(page, '/login', { settle: true });
      await button(page, GENERIC).click();
      await page.waitForURL((url) => url.pathname === '/login' && url.searchParams.has('error'));
      const text = await alertText(page);
      expect(text).toMatch(new RegExp(`^Signing in with ${GENERIC_NAME} did not work: it could not be reached`));
      expect(text).toContain(CONTACT);
      await b.checkA11y(page, 'provider down');
      await page.screenshot({ path: path.resolve('tests/e2e/artifacts/idp-down.png') });
      expect(logOf(app)).toMatch(/\[auth\] sign-in with oidc failed: .*ECONNREFUSED/);
    } finally {
      await generic.start();
    }
  });

  test('a callback the app cannot check, or a provider down before signing out there, gives a plain message too', async () => {
    // The sign-in's PKCE verifier cookie lost while at the provider (another browser, cookies cleared): the
    // app cannot check the provider's answer at its callback.
    const page = await b.newPage();
    await b.visit(page, '/login', { settle: true });
    await button(page, GENERIC).click();
    await page.waitForURL((url) => url.protocol === 'https:');
    await page.context().clearCookies({ name: 'authjs.pkce.code_verifier' });
    await signInAtProvider(page, TRAINER_PATEL);
    await page.waitForURL((url) => url.origin === app.base && url.pathname === '/login' && url.searchParams.has('error'));
    expect(await alertText(page)).toMatch(new RegExp(`^Signing in with ${GENERIC_NAME} did not work`));
    expect(logOf(app)).toMatch(/\[auth\] sign-in with oidc failed: InvalidCheck: pkceCodeVerifier/);

    // Signed in, then the provider goes down: signing out still ends the session here, and says what it could not do.
    const signedIn = await b.newPage();
    await signInWith(signedIn, GENERIC, SAM, /^\/apprentice$/);
    await generic.stop();
    try {
      await button(signedIn, 'Sign out').click();
      await signedIn.waitForURL((url) => url.pathname === '/login');
      expect(await signedIn.getByRole('status').filter({ hasText: 'signed out' }).textContent()).toBe(
        `You have signed out of Coder Pathway, but ${GENERIC_NAME} could not be reached to end your session there. On a shared computer, close every browser window.`,
      );
      await signedIn.screenshot({ path: path.resolve('tests/e2e/artifacts/idp-sign-out-provider-down.png') });
      await b.visit(signedIn, '/apprentice');
      expect(new URL(signedIn.url()).pathname).toBe('/login');
    } finally {
      await generic.start();
    }
  });

  test('each outcome is in the audit log, with its provider and, for a failure, its cause', async () => {
    const admin = await b.signedIn(ADMIN);
    await b.visit(admin, '/admin/audit');
    const rows = admin.getByRole('table', { name: 'Audit log entries' }).getByRole('row');
    const texts = (await rows.allTextContents()).map((t) => t.replace(/\s+/g, ' '));
    // Each detail is JSON whose keys PostgreSQL orders its own way (jsonb): every fragment is looked for on its own.
    const has = (action: string, ...details: string[]) => texts.some((t) => t.includes(`${action}User`) && details.every((d) => t.includes(d)));
    expect(has('auth.sign_in', '"provider":"microsoft-entra-id"', 'Sam Whitfield')).toBe(true);
    expect(has('auth.sign_in', '"provider":"oidc"', 'Priya Patel')).toBe(true);
    expect(has('auth.sign_in_failed', '"provider":"microsoft-entra-id"', '"reason":"no account"', '"email":"nobody.here@ashwell.example"')).toBe(true);
    expect(has('auth.sign_in_disabled', '"provider":"oidc"', 'Mei Tanaka')).toBe(true);
    expect(has('auth.sign_in_error', '"provider":"oidc"', '"error":"Configuration"', 'ECONNREFUSED')).toBe(true);
    expect(has('auth.sign_in_error', '"provider":"oidc"', 'InvalidCheck')).toBe(true);
    expect(texts.filter((t) => t.includes('auth.sign_out')).length).toBeGreaterThanOrEqual(2);
    console.log(`[idp] sign-in round trips (click to home), ms: ${roundTrips.join(', ')}; instance started in ${app.startedInMs} ms`);
  });
});
