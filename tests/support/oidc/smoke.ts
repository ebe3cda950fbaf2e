// Proof that the OpenID provider harness works on its own, without the app: `npx tsx tests/support/oidc/smoke.ts`.
// The parts that play the app (discovery, token exchange) run in a child node process that trusts the test CA
// only through NODE_EXTRA_CA_CERTS, as the app server will; the browser part runs in Chromium.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import * as oauth from 'oauth4webapi';
import { chromium, type Page } from 'playwright-core';
import { makeCertificateAuthority } from './certificates';
import { confirmProviderSignOut, signInAtProvider } from './interact';
import { startOidcProvider, subjectFor, type OidcClient, type RunningOidcProvider } from './provider';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oidc-smoke-'));
const ca = makeCertificateAuthority(dir);

// Runs an ES module in a fresh node that trusts the CA (and nothing turned off); returns what it printed.
// Asynchronously: the provider runs in this process and must keep answering meanwhile.
async function asTheApp(code: string, env: Record<string, string> = {}): Promise<string> {
  const env0: NodeJS.ProcessEnv = { ...process.env, NODE_EXTRA_CA_CERTS: ca.caCertFile, ...env };
  delete env0.NODE_TLS_REJECT_UNAUTHORIZED;
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', code], { env: env0, encoding: 'utf8' });
  return stdout.trim();
}

// The "client": one http server whose /cb and /signed-out only record where the browser landed.
const landed: URL[] = [];
const rpServer = http.createServer((req, res) => {
  landed.push(new URL(req.url ?? '/', `http://localhost:${(rpServer.address() as AddressInfo).port}`));
  res.writeHead(200, { 'content-type': 'text/html' }).end('<!DOCTYPE html><title>client</title><p>back at the client</p>');
});
await new Promise<void>((resolve) => rpServer.listen(0, resolve));
const rpOrigin = `http://localhost:${(rpServer.address() as AddressInfo).port}`;
const client: OidcClient = { client_id: 'pathway-test', client_secret: 'not-a-secret-test-only', redirect_uris: [`${rpOrigin}/cb`], post_logout_redirect_uris: [`${rpOrigin}/signed-out`] };

const op = await startOidcProvider({ tls: { key: ca.serverKeyPem, cert: ca.serverCertPem }, issuerPath: '/tenant-1/v2.0', clients: [client] });
console.log(`provider: ${op.issuer} (port ${op.port})`);

const discover = `
  const d = await (await fetch(process.env.ISSUER + '/.well-known/openid-configuration')).json();
  const jwks = await (await fetch(d.jwks_uri)).json();
  console.log(JSON.stringify({ issuer: d.issuer, endpoints: Object.fromEntries(Object.entries(d).filter(([k]) => k.endsWith('_endpoint') || k === 'jwks_uri')),
    token_endpoint_auth_methods_supported: d.token_endpoint_auth_methods_supported, code_challenge_methods_supported: d.code_challenge_methods_supported,
    claims_supported: d.claims_supported, jwks: jwks.keys.map((k) => k.kid + ' ' + k.kty + ' ' + k.alg) }, null, 2));`;
const metadata = JSON.parse(await asTheApp(discover, { ISSUER: op.issuer })) as { issuer: string; endpoints: Record<string, string> };
console.log('discovery, fetched by a child node with NODE_EXTRA_CA_CERTS:', JSON.stringify(metadata, null, 2));
const outside = Object.values(metadata.endpoints).filter((u) => !u.startsWith(`${op.issuer}/`));
if (metadata.issuer !== op.issuer || outside.length) throw new Error(`endpoints outside the issuer: ${outside.join(', ')}`);

// Code + PKCE + state + nonce, with Auth.js's Entra scopes (User.Read is unknown here and just ignored); the
// code is exchanged by the child, with the client's own way of sending its secret.
async function signInFlow(page: Page, provider: RunningOidcProvider, rp: OidcClient, login: string) {
  const endpoints = JSON.parse(await asTheApp(discover, { ISSUER: provider.issuer })).endpoints as Record<string, string>;
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const nonce = oauth.generateRandomNonce();
  const authorize = new URL(endpoints.authorization_endpoint!);
  authorize.search = new URLSearchParams({
    client_id: rp.client_id, redirect_uri: rp.redirect_uris[0]!, response_type: 'code', scope: 'openid profile email User.Read',
    code_challenge: await oauth.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', state, nonce,
  }).toString();
  await page.goto(authorize.href);
  const started = Date.now();
  await signInAtProvider(page, login);
  console.log(`signed in at ${provider.issuer} as ${login} in ${Date.now() - started} ms; back at ${page.url().replace(/code=[^&]+/, 'code=…')}`);

  const exchange = `
    import * as oauth from 'oauth4webapi';
    const as = await oauth.processDiscoveryResponse(new URL(process.env.ISSUER), await oauth.discoveryRequest(new URL(process.env.ISSUER), { algorithm: 'oidc' }));
    const client = { client_id: process.env.CLIENT_ID };
    const auth = process.env.AUTH === 'client_secret_post' ? oauth.ClientSecretPost(process.env.CLIENT_SECRET) : oauth.ClientSecretBasic(process.env.CLIENT_SECRET);
    const params = oauth.validateAuthResponse(as, client, new URL(process.env.CALLBACK), process.env.STATE);
    const response = await oauth.authorizationCodeGrantRequest(as, client, auth, params, process.env.REDIRECT_URI, process.env.VERIFIER);
    const result = await oauth.processAuthorizationCodeResponse(as, client, response, { expectedNonce: process.env.NONCE, requireIdToken: true });
    console.log(JSON.stringify({ id_token: result.id_token, claims: oauth.getValidatedIdTokenClaims(result) }));`;
  const tokens = await asTheApp(exchange, {
    ISSUER: provider.issuer, CLIENT_ID: rp.client_id, CLIENT_SECRET: rp.client_secret, REDIRECT_URI: rp.redirect_uris[0]!,
    AUTH: rp.token_endpoint_auth_method ?? 'client_secret_basic', CALLBACK: page.url(), STATE: state, NONCE: nonce, VERIFIER: verifier,
  });
  const { id_token, claims } = JSON.parse(tokens) as { id_token: string; claims: Record<string, unknown> };
  console.log(`ID token claims (code + PKCE exchanged with ${rp.token_endpoint_auth_method ?? 'client_secret_basic'}):`, JSON.stringify(claims, null, 2));
  return { endpoints, claims, idToken: id_token };
}

// A second provider, generic (issuer without a path), whose client sends its secret in the body.
const generic = { ...client, client_id: 'pathway-generic', token_endpoint_auth_method: 'client_secret_post' as const };
const op2 = await startOidcProvider({ tls: { key: ca.serverKeyPem, cert: ca.serverCertPem }, clients: [generic] });

// Chromium trusts exactly this server key (not every bad certificate, as ignoreHTTPSErrors would).
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', `--ignore-certificate-errors-spki-list=${ca.serverSpkiSha256}`] });
try {
  const page = await (await browser.newContext()).newPage();
  const entra = await signInFlow(page, op, client, 'Sam.Whitfield@Ashwell.example');
  // Same browser (cookies on localhost are shared by all ports), same person typed in lower case.
  const other = await signInFlow(page, op2, generic, 'sam.whitfield@ashwell.example');
  if (entra.claims.sub !== subjectFor('sam.whitfield@ashwell.example') || other.claims.sub !== entra.claims.sub) throw new Error('sub is not stable');
  console.log(`same sub from both providers for both spellings: ${entra.claims.sub}`);

  // RP-initiated logout with client_id, id_token_hint and a registered post_logout_redirect_uri.
  const endSession = new URL(entra.endpoints.end_session_endpoint!);
  endSession.search = new URLSearchParams({ client_id: client.client_id, id_token_hint: entra.idToken, post_logout_redirect_uri: client.post_logout_redirect_uris[0]!, state: 'bye' }).toString();
  await page.goto(endSession.href);
  console.log(`end session page: "${await page.locator('h1').textContent()}"`);
  await confirmProviderSignOut(page);
  await page.waitForURL((u) => u.pathname === '/signed-out');
  console.log(`after sign-out the browser is at ${page.url()}`);

  // Down (with the browser's keep-alive connections open), then back up on the same port.
  const ping = `try { const r = await fetch(process.env.ISSUER + '/.well-known/openid-configuration'); console.log('HTTP ' + r.status); }
    catch (e) { console.log('failed: ' + e.message + ' (' + (e.cause?.code ?? e.cause?.message) + ')'); }`;
  const discovery = `${op.issuer}/.well-known/openid-configuration`;
  const inBrowser = () => page.goto(discovery).then((r) => `HTTP ${r?.status()}`, (e: Error) => `failed: ${e.message.split('\n')[0]}`);
  await op.stop();
  console.log(`after stop():  child node: discovery ${await asTheApp(ping, { ISSUER: op.issuer })}; browser: ${await inBrowser()}`);
  await op.start();
  console.log(`after start(): child node: discovery ${await asTheApp(ping, { ISSUER: op.issuer })}; browser: ${await inBrowser()}`);
} finally {
  await browser.close();
}

await op.stop();
await op2.stop();
rpServer.close();
fs.rmSync(dir, { recursive: true, force: true });
