import { describe, expect, it } from 'vitest';
import { NextRequest } from 'next/server';
import { API_POLICY, HSTS, PERMISSIONS_POLICY, createNonce, isHttps, pagePolicy, responseKind, securityHeaders } from '@/lib/security/headers';
import { fileResponseHeaders } from '@/lib/files/http';
import { config, proxy } from '@/proxy';

const directives = (policy: string) => new Map(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));
const prod = { dev: false, https: false };

describe('the Content-Security-Policy by kind of response', () => {
  it('a page (signed-in pages, sign-in, change-password, 404 and error pages) runs only scripts and styles carrying its nonce', () => {
    for (const path of ['/apprentice', '/trainer/marking', '/login', '/change-password', '/no-such-page', '/evidence/3f1c0a9e-0000-4000-8000-000000000000', '/'])
      expect(responseKind(path), path).toBe('page');
    const d = directives(pagePolicy('abc123', prod));
    expect(d.get('default-src')).toEqual(["'self'"]);
    expect(d.get('script-src')).toEqual(["'self'", "'nonce-abc123'", "'strict-dynamic'"]);
    expect(d.get('style-src')).toEqual(["'self'", "'nonce-abc123'"]);
    expect(d.get('img-src')).toEqual(["'self'"]);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('base-uri')).toEqual(["'self'"]);
    expect(d.get('form-action')).toEqual(["'self'"]);
    expect(d.get('frame-ancestors')).toEqual(["'none'"]);
    // Nothing that would let an injected script or style run.
    expect(pagePolicy('abc123', prod)).not.toMatch(/unsafe-inline|unsafe-eval|\*|data:|https?:/);
    expect(d.has('upgrade-insecure-requests')).toBe(false);
  });

  it('next dev gets eval for React’s error stacks and inline styles for its hot-reloaded CSS, and production neither', () => {
    const dev = directives(pagePolicy('n', { dev: true, https: false }));
    expect(dev.get('script-src')).toEqual(["'self'", "'nonce-n'", "'strict-dynamic'", "'unsafe-eval'"]);
    expect(dev.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
  });

  it('the sign-in page may post to Microsoft when Entra ID is configured, and nowhere else', () => {
    const d = directives(pagePolicy('n', { ...prod, formActionOrigins: ['https://login.microsoftonline.com'] }));
    expect(d.get('form-action')).toEqual(["'self'", 'https://login.microsoftonline.com']);
  });

  it('a route handler (JSON, CSV, PDF, ZIP, Auth.js) may run, load and be framed by nothing', () => {
    for (const path of ['/api/codes', '/api/health', '/api/auth/session', '/api/progress/cohort.csv', '/api/reviews/x/pdf', '/api/portfolio/x/export'])
      expect(responseKind(path), path).toBe('api');
    const { headers } = securityHeaders('/api/codes', prod);
    expect(headers['Content-Security-Policy']).toBe(API_POLICY);
    const d = directives(API_POLICY);
    expect(d.get('default-src')).toEqual(["'none'"]);
    expect(d.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('an evidence file keeps the policy its route sets: a preview framed by our own pages only, a download by none', () => {
    expect(responseKind('/api/files/3f1c0a9e-0000-4000-8000-000000000000')).toBe('file');
    // Added to the route's own headers, a second policy would be appended, not replace it: none is added.
    expect(securityHeaders('/api/files/x', prod).headers).toEqual({});
    const pdf = { fileName: 'a.pdf', mediaType: 'application/pdf', sizeBytes: 1 };
    expect(directives(fileResponseHeaders(pdf, true).get('content-security-policy')!).get('frame-ancestors')).toEqual(["'self'"]);
    expect(directives(fileResponseHeaders(pdf, false).get('content-security-policy')!).get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('a page without a nonce is a programming error, not a page without a policy', () => {
    expect(() => securityHeaders('/login', prod)).toThrow(/nonce/);
  });

  it('every nonce is new: 128 random bits', () => {
    const nonces = new Set(Array.from({ length: 1000 }, createNonce));
    expect(nonces.size).toBe(1000);
    for (const n of [...nonces].slice(0, 20)) expect(Buffer.from(n, 'base64')).toHaveLength(16);
  });
});

describe('HSTS', () => {
  const request = (url: string, headers: Record<string, string> = {}) => ({ url, headers: new Headers(headers) });

  it('is sent over HTTPS, directly or behind a proxy that says so, and never over plain HTTP', () => {
    expect(isHttps(request('https://cp.example/login'))).toBe(true);
    expect(isHttps(request('http://cp.internal/login', { 'x-forwarded-proto': 'https' }))).toBe(true);
    expect(isHttps(request('http://cp.internal/login', { 'x-forwarded-proto': 'HTTPS, http' }))).toBe(true);
    expect(isHttps(request('http://cp.internal/login'))).toBe(false);
    expect(isHttps(request('http://cp.internal/login', { 'x-forwarded-proto': 'http' }))).toBe(false);

    for (const path of ['/login', '/api/codes', '/api/files/x']) {
      const nonce = responseKind(path) === 'page' ? 'n' : undefined;
      expect(securityHeaders(path, { nonce, dev: false, https: true }).headers['Strict-Transport-Security'], path).toBe(HSTS);
      expect(securityHeaders(path, { nonce, dev: false, https: false }).headers['Strict-Transport-Security'], path).toBeUndefined();
    }
    expect(HSTS).toBe('max-age=63072000; includeSubDomains');
  });

  it('over HTTPS a page also asks the browser to upgrade any http:// address it loads; over HTTP it cannot', () => {
    expect(directives(pagePolicy('n', { dev: false, https: true })).has('upgrade-insecure-requests')).toBe(true);
    expect(directives(pagePolicy('n', { dev: false, https: false })).has('upgrade-insecure-requests')).toBe(false);
  });
});

describe('Permissions-Policy', () => {
  it('denies the powerful features nobody here uses, to our pages and anything they frame', () => {
    const features = new Map(PERMISSIONS_POLICY.split(', ').map((f) => f.split('=') as [string, string]));
    for (const f of ['camera', 'microphone', 'geolocation', 'payment', 'usb', 'serial', 'hid', 'midi', 'display-capture'])
      expect(features.get(f), f).toBe('()');
    expect([...features.values()].every((v) => v === '()')).toBe(true);
  });
});

describe('the proxy', () => {
  const run = async (path: string, headers: Record<string, string> = {}) => proxy(new NextRequest(new URL(path, 'http://localhost:3000'), { headers }));
  const signedIn = { cookie: 'authjs.session-token=abc' };

  it('gives each page its own nonce, in the response and in the request Next renders from', async () => {
    const a = await run('/apprentice', signedIn);
    const b = await run('/apprentice', signedIn);
    const policy = a.headers.get('content-security-policy')!;
    const nonce = /'nonce-([^']+)'/.exec(policy)![1];
    expect(policy).toBe(pagePolicy(nonce!, prod));
    expect(b.headers.get('content-security-policy')).not.toBe(policy);
    // NextResponse.next({ request: { headers } }) hands the request's new headers to Next this way.
    expect(a.headers.get('x-middleware-request-content-security-policy')).toBe(policy);
    expect(a.headers.get('strict-transport-security')).toBeNull();
  });

  it('replaces a policy the client sent, so no client can choose the nonce', async () => {
    const res = await run('/login', { 'content-security-policy': "script-src 'nonce-chosen'" });
    expect(res.headers.get('x-middleware-request-content-security-policy')).not.toContain('chosen');
  });

  it('covers the sign-in page, and a missing page for a signed-in visitor, without sending anyone anywhere', async () => {
    for (const [path, headers] of [['/login', {}], ['/', {}], ['/no-such-page', signedIn]] as const) {
      const res = await run(path, headers);
      expect(res.headers.get('location'), path).toBeNull();
      expect(res.headers.get('content-security-policy'), path).toMatch(/^default-src 'self'; script-src 'self' 'nonce-/);
    }
  });

  it('still sends a visitor with no session cookie to sign in from the pages it did before, with the headers', async () => {
    const res = await run('/apprentice/evidence', { 'x-forwarded-proto': 'https' });
    expect(res.status).toBe(307);
    expect(new URL(res.headers.get('location')!).pathname).toBe('/login');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('strict-transport-security')).toBe(HSTS);
    for (const path of ['/api/auth/csrf', '/api/health', '/login']) expect((await run(path)).headers.get('location'), path).toBeNull();
  });

  it('gives a route handler the inert policy and an evidence file none of its own', async () => {
    expect((await run('/api/health')).headers.get('content-security-policy')).toBe(API_POLICY);
    expect((await run('/api/codes?q=k35', signedIn)).headers.get('content-security-policy')).toBe(API_POLICY);
    const file = await run('/api/files/3f1c0a9e-0000-4000-8000-000000000000?inline=1', signedIn);
    expect(file.headers.get('content-security-policy')).toBeNull();
    expect(file.headers.get('x-middleware-request-content-security-policy')).toBeNull();
  });

  it('runs on every path but static files and the classification upload (whose body it must not buffer)', async () => {
    const matcher = new RegExp(`^${config.matcher[0]!}$`);
    for (const path of ['/', '/login', '/apprentice', '/no-such-page', '/api/health', '/api/auth/csrf', '/api/files/x', '/admin/classifications'])
      expect(matcher.test(path), path).toBe(true);
    for (const path of ['/_next/static/chunks/a.js', '/_next/image', '/favicon.ico', '/icon.svg', '/api/admin/classifications'])
      expect(matcher.test(path), path).toBe(false);
  });
});
