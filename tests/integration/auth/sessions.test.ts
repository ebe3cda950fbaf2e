import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { NextRequest } from 'next/server';
import { apprenticeships, auditLog, revokedSessions, users } from '@/db/schema';
import { DEMO_PASSWORD } from '@/db/demo-data';
import { createTestDb, type TestDb } from '../helpers/test-db';

/**
 * Sessions through the real Auth.js handlers (sign-in, session, sign-out) and the app's own reading of
 * the cookie (getViewer, route handlers), as a browser or a script with a copied cookie would drive
 * them. next/headers is the one thing stood in for: it gives pages and handlers this test's cookies.
 */
const state = await vi.hoisted(async () => {
  const [fs, os, path] = await Promise.all([import('node:fs'), import('node:os'), import('node:path')]);
  process.env.AUTH_SECRET = 'a-test-secret-for-sessions-of-at-least-32-chars';
  // Exports are written under DATA_DIR: a folder of this test's own.
  process.env.DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'cp-sessions-'));
  return { jar: [] as { name: string; value: string }[], headers: new Headers() };
});
vi.mock('next/headers', () => ({
  cookies: async () => ({
    getAll: () => state.jar,
    get: (name: string) => state.jar.find((c) => c.name === name),
    has: (name: string) => state.jar.some((c) => c.name === name),
    set: () => {},
    delete: () => {},
  }),
  headers: async () => state.headers,
}));

const { handlers } = await import('@/lib/auth');
const { getViewer } = await import('@/lib/dal/session');

const BASE = 'http://localhost:3000';
const SESSION = 'authjs.session-token';
const SAM = 'sam.whitfield@ashwell.example';
const TRAINER = 'trainer.patel@coderpathway.example';

type Jar = Map<string, string>;
const cookieHeader = (jar: Jar) => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
function keepCookies(jar: Jar, res: Response) {
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const i = pair!.indexOf('=');
    const [name, value] = [pair!.slice(0, i), pair!.slice(i + 1)];
    if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) jar.delete(name);
    else jar.set(name, value);
  }
}
async function call(jar: Jar, method: 'GET' | 'POST', pathname: string, form?: Record<string, string>, address = '198.51.100.20') {
  const headers = new Headers({ cookie: cookieHeader(jar), 'x-forwarded-for': address });
  if (form) headers.set('content-type', 'application/x-www-form-urlencoded');
  const req = new NextRequest(`${BASE}${pathname}`, { method, headers, body: form ? new URLSearchParams(form) : undefined });
  const res = await (method === 'GET' ? handlers.GET : handlers.POST)(req);
  keepCookies(jar, res);
  return res;
}
async function csrf(jar: Jar) {
  return ((await (await call(jar, 'GET', '/api/auth/csrf')).json()) as { csrfToken: string }).csrfToken;
}
/** Signs in as a browser would (the credentials callback), and answers the browser's cookie jar. */
async function signIn(email: string, password = DEMO_PASSWORD, address?: string): Promise<Jar> {
  const jar: Jar = new Map();
  const res = await call(jar, 'POST', '/api/auth/callback/credentials', { csrfToken: await csrf(jar), email, password }, address);
  expect(res.status).toBe(302);
  return jar;
}
/** What the app makes of a request carrying this session cookie (a page's getViewer). */
async function viewerWith(cookie: string | undefined) {
  state.jar = cookie ? [{ name: SESSION, value: cookie }] : [];
  return getViewer();
}
const sessionEndpoint = async (cookie: string) => {
  const jar: Jar = new Map([[SESSION, cookie]]);
  const res = await call(jar, 'GET', '/api/auth/session');
  return { body: (await res.json()) as { user?: { email?: string } } | null, cleared: !jar.has(SESSION) };
};

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  try {
    await t?.close();
  } finally {
    fs.rmSync(process.env.DATA_DIR!, { recursive: true, force: true });
  }
});

describe('signing out ends the session on the server', () => {
  it('a copy of the cookie taken before sign-out no longer works: not for pages, not for Auth.js, not after a restart', async () => {
    const jar = await signIn(SAM);
    const copied = jar.get(SESSION)!;
    expect(copied).toBeTruthy();
    expect((await viewerWith(copied))?.email).toBe(SAM);
    expect((await sessionEndpoint(copied)).body?.user?.email).toBe(SAM);

    const res = await call(jar, 'POST', '/api/auth/signout', { csrfToken: await csrf(jar) });
    expect(res.status).toBe(302);
    expect(jar.has(SESSION)).toBe(false); // the browser's cookie is cleared...

    // ...and the copy, replayed, is refused everywhere the session is read.
    expect(await viewerWith(copied)).toBeNull();
    const replay = await sessionEndpoint(copied);
    expect(replay.body?.user).toBeUndefined();
    expect(replay.cleared).toBe(true);
    // The refusal is a row in the database, not memory of this process: a fresh module graph (another
    // instance, or this one restarted) refuses it too.
    vi.resetModules();
    const fresh = await import('@/lib/dal/session');
    state.jar = [{ name: SESSION, value: copied }];
    expect(await fresh.getViewer()).toBeNull();

    const [entry] = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'auth.sign_out'), eq(auditLog.actorId, (await t.viewer(SAM)).userId)));
    expect(entry).toBeDefined();
  });

  it('ends only that session: the same user signed in elsewhere stays signed in', async () => {
    const laptop = await signIn(SAM);
    const phone = await signIn(SAM);
    await call(laptop, 'POST', '/api/auth/signout', { csrfToken: await csrf(laptop) });
    expect((await viewerWith(phone.get(SESSION)))?.email).toBe(SAM);
  });

  it('the sign-out button (a server action) ends it too', async () => {
    const jar = await signIn(TRAINER);
    const copied = jar.get(SESSION)!;
    state.headers = new Headers({ cookie: cookieHeader(jar), host: 'localhost:3000', 'x-forwarded-proto': 'http' });
    const { signOutAction } = await import('@/app/(app)/actions');
    // It ends by redirecting to the sign-in page (Next's redirect throws).
    await expect(signOutAction()).rejects.toMatchObject({ digest: expect.stringContaining('NEXT_REDIRECT') });
    expect(await viewerWith(copied)).toBeNull();
  });

  it('forgets revoked sessions once their tokens would have expired anyway', async () => {
    const { endSession } = await import('@/lib/auth/sessions');
    const old = crypto.randomUUID();
    await t.db.insert(revokedSessions).values({ sessionId: old, expiresAt: new Date(Date.now() - 1000) });
    await endSession({ sub: (await t.viewer(SAM)).userId, sid: crypto.randomUUID(), exp: Math.floor(Date.now() / 1000) + 3600 });
    expect(await t.db.select().from(revokedSessions).where(eq(revokedSessions.sessionId, old))).toEqual([]);
  });

  it('a token with no session id (made before sessions could be revoked) is not a session', async () => {
    const { encode } = await import('next-auth/jwt');
    const token = await encode({ token: { sub: (await t.viewer(SAM)).userId, authAt: Date.now() }, secret: process.env.AUTH_SECRET!, salt: SESSION });
    expect(await viewerWith(token)).toBeNull();
  });
});

describe('a user who must choose a new password reaches no data, through any route handler', () => {
  // Method syntax: each route's GET takes its own params shape.
  const get = async (route: { GET(req: Request, ctx: { params: Promise<Record<string, string>> }): Promise<Response> }, url: string, params: Record<string, string> = {}) =>
    route.GET(new Request(`${BASE}${url}`), { params: Promise.resolve(params) });

  it.each([
    ['the progress PDF', SAM],
    ['the portfolio export', SAM],
    ['the cohort CSV', TRAINER],
    ['code search', SAM],
  ])('%s refuses them, and answers once they have chosen one', async (what, email) => {
    await t.db.update(users).set({ mustChangePassword: true }).where(eq(users.email, email));
    const jar = await signIn(email); // signing in works: the change-password page needs the session
    state.jar = [{ name: SESSION, value: jar.get(SESSION)! }];
    state.headers = new Headers({ host: 'localhost:3000' });
    const [own] = await t.db.select({ id: apprenticeships.id }).from(apprenticeships).innerJoin(users, eq(users.id, apprenticeships.apprenticeId)).where(eq(users.email, SAM));
    const request = async () => {
      switch (what) {
        case 'the progress PDF':
          return get(await import('@/app/api/progress/[id]/report/route'), `/api/progress/${own!.id}/report`, { id: own!.id });
        case 'the portfolio export': {
          const route = await import('@/app/api/portfolio/[id]/export/route');
          return route.POST(new Request(`${BASE}/api/portfolio/${own!.id}/export`, { method: 'POST' }), { params: Promise.resolve({ id: own!.id }) });
        }
        case 'the cohort CSV':
          return get(await import('@/app/api/progress/cohort.csv/route'), '/api/progress/cohort.csv');
        default:
          return get(await import('@/app/api/codes/route'), '/api/codes?q=appendicitis');
      }
    };
    const refused = await request();
    expect(refused.status).toBe(404);
    expect(refused.headers.get('content-type') ?? '').not.toMatch(/pdf|csv/);
    const denied = await t.db
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'access.denied'), sql`${auditLog.after}->>'reason' = 'password_change_required'`));
    expect(denied[0]!.n).toBeGreaterThan(0);

    await t.db.update(users).set({ mustChangePassword: false }).where(eq(users.email, email));
    const allowed = await request();
    expect(allowed.status).toBeLessThan(300);
  });
});
