import { describe, expect, it } from 'vitest';
import { NextRequest } from 'next/server';
import { proxy } from '@/proxy';
import {
  ACTION_BODY_LIMIT,
  MESSAGES,
  actionKind,
  checkActionBody,
  checkActionHeaders,
  checkAuthRequest,
  checkPath,
  safeRedirect,
  hostAllowed,
  plainReplyValue,
  sameSiteCallback,
} from '@/lib/security/request-guards';

const action = (headers: Record<string, string>, pathname = '/admin/users', method = 'POST') => ({ method, pathname, headers: new Headers({ host: 'localhost:3000', ...headers }) });
const fetchAction = (headers: Record<string, string> = {}) => action({ 'next-action': '7f00aa', 'content-type': 'text/plain;charset=UTF-8', ...headers });

describe('which requests are server actions', () => {
  it('a POST to a page with Next-Action is a fetch action, a multipart POST without it a form action, anything else neither', () => {
    expect(actionKind(fetchAction())).toBe('fetch');
    expect(actionKind(action({ 'content-type': 'multipart/form-data; boundary=x' }))).toBe('form');
    expect(actionKind(action({ 'content-type': 'application/x-www-form-urlencoded' }))).toBeNull();
    expect(actionKind(action({ 'next-action': 'x' }, '/admin/users', 'GET'))).toBeNull();
    // Route handlers run no actions: their bodies are their own business.
    expect(actionKind(action({ 'next-action': 'x', 'content-type': 'multipart/form-data; boundary=x' }, '/api/evidence/x/files'))).toBeNull();
  });
});

describe('server-action requests refused from their headers', () => {
  it('the browser’s own requests pass: text or multipart, same host, within the limit, with or without Origin', () => {
    expect(checkActionHeaders(fetchAction({ origin: 'http://localhost:3000', 'content-length': '120' }))).toBeNull();
    expect(checkActionHeaders(fetchAction({ 'content-type': 'multipart/form-data; boundary=----x' }))).toBeNull();
    expect(checkActionHeaders(fetchAction({ origin: 'https://pathway.example', 'x-forwarded-host': 'pathway.example, internal:3000' }))).toBeNull();
    expect(checkActionHeaders(action({ 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(ACTION_BODY_LIMIT) }))).toBeNull();
  });

  it('another site’s Origin, a null Origin or one that is not a URL is refused with 403', () => {
    for (const origin of ['https://evil.example', 'null', 'not a url', 'http://localhost:3001'])
      expect(checkActionHeaders(fetchAction({ origin })), origin).toEqual({ status: 403, message: MESSAGES.crossSite });
    // A forwarded host decides, as in Next.js: the proxy in front says which host the browser used.
    expect(checkActionHeaders(fetchAction({ origin: 'http://localhost:3000', 'x-forwarded-host': 'pathway.example' }))?.status).toBe(403);
    // And a form posted from another site without JavaScript.
    expect(checkActionHeaders(action({ origin: 'https://evil.example', 'content-type': 'multipart/form-data; boundary=x' }))?.status).toBe(403);
  });

  it('an origin listed as allowed passes', () => {
    expect(checkActionHeaders(fetchAction({ origin: 'https://portal.trust.example' }), ['*.trust.example'])).toBeNull();
    expect(checkActionHeaders(fetchAction({ origin: 'https://a.b.trust.example' }), ['*.trust.example'])?.status).toBe(403);
  });

  it('a body declared over 1 MB is refused with 413, also a declared length that is not a number', () => {
    expect(checkActionHeaders(fetchAction({ 'content-length': String(ACTION_BODY_LIMIT + 1) }))).toEqual({ status: 413, message: MESSAGES.tooLarge });
    expect(checkActionHeaders(action({ 'content-type': 'multipart/form-data; boundary=x', 'content-length': '50000000' }))?.status).toBe(413);
    expect(checkActionHeaders(fetchAction({ 'content-length': 'lots' }))?.status).toBe(413);
  });

  it('a content type React’s client never sends for an action is refused with 400', () => {
    for (const type of ['application/json', 'application/x-www-form-urlencoded', 'text/html', ''])
      expect(checkActionHeaders(fetchAction({ 'content-type': type })), type).toEqual({ status: 400, message: MESSAGES.contentType });
    expect(checkActionHeaders(fetchAction({ 'content-type': 'multipart/form-data' }))?.status).toBe(400); // no boundary
  });
});

describe('server-action bodies', () => {
  it('React’s replies of plain arguments pass: objects, lists, escaped dollars and inline values', () => {
    expect(checkActionBody(40, JSON.stringify([{ name: 'Cohort $$5', n: 1, list: ['a', '$undefined'] }]), false)).toBeNull();
    expect(checkActionBody(10, '["$D2026-01-01T00:00:00.000Z","$n12","$NaN"]', false)).toBeNull();
    expect(checkActionBody(10, '["$K1"]', true)).toBeNull(); // a FormData argument, in a multipart body
  });

  it('a body over 1 MB is refused with 413 even without a Content-Length', () => {
    expect(checkActionBody(ACTION_BODY_LIMIT + 1, '[]', false)).toEqual({ status: 413, message: MESSAGES.tooLarge });
  });

  it('JSON that is not a list of arguments, not JSON, or refers to rows that are not there is refused with 400', () => {
    for (const root of ['{"email":"a"}', '"x"', '1', 'null', 'not json', '', '["$Q1"]', '["$K1"]', '["$@0"]', '[{"$h":1}]', '["$nope"]', '["$n12x"]'])
      expect(checkActionBody(root.length, root, false), root).toEqual({ status: 400, message: MESSAGES.unreadable });
    expect(checkActionBody(0, null, true)?.status).toBe(400); // a multipart body without its root field
  });

  it('arguments nested deeper than any form sends are refused', () => {
    const deep = '['.repeat(100) + ']'.repeat(100);
    expect(checkActionBody(deep.length, deep, false)?.status).toBe(400);
    expect(plainReplyValue([[[{ a: [1] }]]], false)).toBe(true);
  });
});

describe('Auth.js callback URLs', () => {
  it('a path or an URL of this host is ours; javascript:, another host, // and bare words are not', () => {
    expect(sameSiteCallback('/apprentice', 'localhost:3000')).toBe(true);
    expect(sameSiteCallback('http://localhost:3000/trainer', 'localhost:3000')).toBe(true);
    for (const bad of ['javascript:alert(1)', 'https://evil.example/', '//evil.example', '/\\evil.example', 'apprentice', 'data:text/html,x', '/a\u0000b'])
      expect(sameSiteCallback(bad, 'localhost:3000'), bad).toBe(false);
  });

  it('a bad callbackUrl parameter is refused with 400; a bad callback URL cookie is dropped, every copy of it', () => {
    const headers = (cookie?: string) => new Headers({ host: 'localhost:3000', ...(cookie ? { cookie } : {}) });
    expect(checkAuthRequest(new URL('http://localhost:3000/api/auth/csrf'), headers('authjs.callback-url=javascript:alert(1); authjs.csrf-token=x'))).toEqual({ refusal: null, cookie: 'authjs.csrf-token=x' });
    expect(checkAuthRequest(new URL('http://localhost:3000/api/auth/signin?callbackUrl=javascript:x'), headers()).refusal).toEqual({ status: 400, message: MESSAGES.callbackUrl });
    expect(checkAuthRequest(new URL('http://localhost:3000/api/auth/signin?callbackUrl=%2Fapprentice'), headers('authjs.callback-url=http%3A%2F%2Flocalhost%3A3000%2F'))).toEqual({ refusal: null, cookie: null });
    // Sent twice: one parser may read the first and another the last. Only the good copy stays.
    expect(checkAuthRequest(new URL('http://localhost:3000/api/auth/csrf'), headers('authjs.callback-url=javascript:alert(1); a=1; authjs.callback-url=http%3A%2F%2Flocalhost%3A3000')).cookie).toBe('a=1; authjs.callback-url=http%3A%2F%2Flocalhost%3A3000');
    expect(checkAuthRequest(new URL('http://localhost:3000/api/auth/csrf'), headers('__Secure-authjs.callback-url=%E0%A4%A; b=2')).cookie).toBe('b=2'); // not even decodable
  });
});

describe('where Auth.js sends someone after signing in or out', () => {
  it('a path or a URL of this site is kept; anything else, a bare word included, goes home without throwing', () => {
    const home = 'http://localhost:3000';
    expect(safeRedirect('/apprentice', home)).toBe('http://localhost:3000/apprentice');
    expect(safeRedirect('http://localhost:3000/trainer?x=1', home)).toBe('http://localhost:3000/trainer?x=1');
    for (const other of ['foo', 'javascript:alert(1)', '//evil.example', '/\\evil.example', 'https://evil.example/', 'http://localhost:3001/', '', '/a\u0000b'])
      expect(safeRedirect(other, home), other).toBe(home);
  });
});

describe('paths', () => {
  it('a percent-encoding that is not UTF-8 is refused with 400; any other path passes', () => {
    for (const bad of ['/api/progress/%F0%28/report', '/admin/users/%ED%A0%80', '/api/files/%E0%A4%A', '/x/%'])
      expect(checkPath(bad), bad).toEqual({ status: 400, message: MESSAGES.address });
    for (const good of ['/admin/users/3f1c0a9e-0000-4000-8000-000000000000', '/api/files/%00', '/evidence/%E2%80%AE', '/'])
      expect(checkPath(good), good).toBeNull();
  });
});

describe('allowed origins', () => {
  it('match like serverActions.allowedOrigins: * is one label, ** any, and never a whole domain', () => {
    expect(hostAllowed('a.trust.example', ['*.trust.example'])).toBe(true);
    expect(hostAllowed('trust.example', ['*.trust.example'])).toBe(false);
    expect(hostAllowed('a.b.trust.example', ['**.trust.example'])).toBe(true);
    expect(hostAllowed('evil.example', ['*'])).toBe(false);
    expect(hostAllowed('portal.example', ['portal.example'])).toBe(true);
  });
});

describe('the proxy applies the guards', () => {
  const base = 'http://localhost:3000';
  const post = (path: string, body: BodyInit, headers: Record<string, string>) =>
    proxy(new NextRequest(new URL(path, base), { method: 'POST', body, headers: { host: 'localhost:3000', cookie: 'authjs.session-token=abc', ...headers } }));
  const textAction = { 'next-action': '7f00aa', 'content-type': 'text/plain;charset=UTF-8', origin: base };

  it('lets the browser’s own action through to Next.js, with its security headers', async () => {
    const res = await post('/admin/users', '[{"name":"Ann"}]', textAction);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-middleware-next')).toBe('1');
    expect(res.headers.get('content-security-policy')).toContain("'nonce-");
  });

  it('answers another site’s action 403, JSON 400 and an unreadable body 400, each with a sentence', async () => {
    const cross = await post('/admin/users', '[{}]', { ...textAction, origin: 'https://evil.example' });
    expect([cross.status, await cross.text()]).toEqual([403, MESSAGES.crossSite]);
    const json = await post('/admin/users', '{"name":"Ann"}', { ...textAction, 'content-type': 'application/json' });
    expect([json.status, await json.text()]).toEqual([400, MESSAGES.contentType]);
    const notArgs = await post('/admin/users', '{"name":"Ann"}', textAction);
    expect([notArgs.status, await notArgs.text()]).toEqual([400, MESSAGES.unreadable]);
    expect(notArgs.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('measures the body itself: over 1 MB is 413 without any Content-Length', async () => {
    const big = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new TextEncoder().encode(`["${'a'.repeat(ACTION_BODY_LIMIT)}"]`));
        c.close();
      },
    });
    const res = await proxy(new NextRequest(new URL('/admin/users', base), { method: 'POST', body: big, headers: { ...textAction, host: 'localhost:3000' }, duplex: 'half' } as ConstructorParameters<typeof NextRequest>[1]));
    expect(res.status).toBe(413);
  });

  it('reads a multipart action’s root row: present and plain passes, missing is 400', async () => {
    const good = new FormData();
    good.set('0', '["$K1"]');
    good.set('1_sittingId', 'abc');
    const multipart = (form: FormData) => new Request(base, { method: 'POST', body: form });
    const goodReq = multipart(good);
    expect((await post('/apprentice/assessments', await goodReq.arrayBuffer(), { ...textAction, 'content-type': goodReq.headers.get('content-type')! })).status).toBe(200);
    const bad = new FormData();
    bad.set('name', 'x');
    const badReq = multipart(bad);
    expect((await post('/apprentice/assessments', await badReq.arrayBuffer(), { ...textAction, 'content-type': badReq.headers.get('content-type')! })).status).toBe(400);
  });

  it('answers a path Next.js cannot decode 400, signed in or not', async () => {
    const res = await proxy(new NextRequest(new URL('/api/progress/%F0%28/report', base), { headers: { host: 'localhost:3000', cookie: 'authjs.session-token=abc' } }));
    expect([res.status, await res.text()]).toEqual([400, MESSAGES.address]);
  });

  it('drops an Auth.js callback URL cookie leading elsewhere, and refuses such a parameter with 400', async () => {
    const res = await proxy(new NextRequest(new URL('/api/auth/csrf', base), { headers: { host: 'localhost:3000', cookie: 'authjs.callback-url=javascript:alert(1); authjs.csrf-token=t1' } }));
    expect(res.status).toBe(200);
    expect(res.headers.get('x-middleware-request-cookie')).toBe('authjs.csrf-token=t1');
    expect(res.headers.get('set-cookie')).toMatch(/authjs\.callback-url=;/);
    const param = await proxy(new NextRequest(new URL('/api/auth/signin?callbackUrl=javascript:alert(1)', base), { headers: { host: 'localhost:3000' } }));
    expect(param.status).toBe(400);
    const ours = await proxy(new NextRequest(new URL('/api/auth/csrf', base), { headers: { host: 'localhost:3000', cookie: 'authjs.callback-url=http%3A%2F%2Flocalhost%3A3000%2Ftrainer' } }));
    expect(ours.headers.get('x-middleware-request-cookie')).toBe('authjs.callback-url=http%3A%2F%2Flocalhost%3A3000%2Ftrainer');
    expect(ours.headers.get('set-cookie')).toBeNull();
  });
});
