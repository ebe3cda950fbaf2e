import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { accountForExternalSignIn, noteSignInError, recordExternalSignIn, recordSignInError, withSignInAttempt } from '@/lib/auth/external-sign-in';
import { viewerForSession } from '@/lib/dal/viewer';
import { auditLog, users } from '@/db/schema';
import { createTestDb, type TestDb } from '../helpers/test-db';

// Who may sign in with an identity provider, and the audit entry each outcome leaves. The browser test
// (tests/e2e/sign-in-identity-provider.test.ts) drives the same through real OpenID Connect servers.
let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.close());

const SAM = 'sam.whitfield@ashwell.example';
const idOf = async (email: string) => (await t.db.select({ id: users.id }).from(users).where(eq(users.email, email)))[0]!.id;
const lastId = async () => (await t.db.select({ n: sql<number>`coalesce(max(${auditLog.id}), 0)`.mapWith(Number) }).from(auditLog))[0]!.n;
const entriesSince = (since: number) =>
  t.db
    .select({ action: auditLog.action, actorId: auditLog.actorId, entityId: auditLog.entityId, after: auditLog.after })
    .from(auditLog)
    .where(and(sql`${auditLog.id} > ${since}`, sql`${auditLog.action} like 'auth.%'`))
    .orderBy(auditLog.id);
const attempt = <T>(run: () => Promise<T>) => withSignInAttempt({ provider: 'oidc', address: '203.0.113.7' }, run);

describe('sign-in with an identity provider', () => {
  it('finds an active account by email whatever its case, and audits the sign-in with provider and address', async () => {
    const since = await lastId();
    const found = await attempt(() => accountForExternalSignIn('oidc', 'Sam.Whitfield@ASHWELL.example'));
    expect(found).toEqual({ ok: true, userId: await idOf(SAM) });
    const sam = await idOf(SAM);
    await attempt(() => recordExternalSignIn(sam, 'oidc'));
    expect(await entriesSince(since)).toEqual([{ action: 'auth.sign_in', actorId: await idOf(SAM), entityId: await idOf(SAM), after: { provider: 'oidc', address: '203.0.113.7' } }]);
  });

  it('refuses an unknown email without making an account, keeping the email for the administrator', async () => {
    const [before] = await t.db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(users);
    const since = await lastId();
    expect(await attempt(() => accountForExternalSignIn('oidc', 'New.Starter@ashwell.example'))).toEqual({ ok: false, error: 'NoAccount' });
    const [after] = await t.db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(users);
    expect(after!.n).toBe(before!.n);
    expect(await entriesSince(since)).toEqual([
      { action: 'auth.sign_in_failed', actorId: null, entityId: null, after: { provider: 'oidc', address: '203.0.113.7', reason: 'no account', email: 'New.Starter@ashwell.example' } },
    ]);
  });

  it('refuses a token with no email, and a disabled account as disabled', async () => {
    const since = await lastId();
    expect(await attempt(() => accountForExternalSignIn('oidc', null))).toEqual({ ok: false, error: 'NoEmail' });
    const owen = 'owen.price@kingsmere.example';
    await t.db.update(users).set({ active: false }).where(eq(users.email, owen));
    try {
      expect(await attempt(() => accountForExternalSignIn('microsoft-entra-id', owen.toUpperCase()))).toEqual({ ok: false, error: 'Disabled' });
    } finally {
      await t.db.update(users).set({ active: true }).where(eq(users.email, owen));
    }
    expect(await entriesSince(since)).toEqual([
      { action: 'auth.sign_in_failed', actorId: null, entityId: null, after: { provider: 'oidc', address: '203.0.113.7', reason: 'no email claim' } },
      { action: 'auth.sign_in_disabled', actorId: await idOf(owen), entityId: await idOf(owen), after: { provider: 'microsoft-entra-id', address: '203.0.113.7' } },
    ]);
  });

  it('records a failure with the cause the logger saw in the same attempt, and none from another', async () => {
    const since = await lastId();
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8443'), { code: 'ECONNREFUSED' });
    await attempt(async () => {
      expect(noteSignInError(new TypeError('fetch failed', { cause: refused }))).toBe('sign-in with oidc failed: TypeError: fetch failed ← Error: connect ECONNREFUSED 127.0.0.1:8443');
      await recordSignInError('oidc', 'Configuration');
    });
    await attempt(() => recordSignInError('oidc', 'OAuthCallbackError'));
    expect(await entriesSince(since)).toEqual([
      { action: 'auth.sign_in_error', actorId: null, entityId: null, after: { provider: 'oidc', address: '203.0.113.7', error: 'Configuration', cause: 'TypeError: fetch failed ← Error: connect ECONNREFUSED 127.0.0.1:8443' } },
      { action: 'auth.sign_in_error', actorId: null, entityId: null, after: { provider: 'oidc', address: '203.0.113.7', error: 'OAuthCallbackError', cause: null } },
    ]);
  });

  it('does not hold a session from an identity provider at "Choose a new password"; a password session still is', async () => {
    const id = await idOf(SAM);
    await t.db.update(users).set({ mustChangePassword: true }).where(eq(users.id, id));
    try {
      const claim = { userId: id, sessionId: crypto.randomUUID(), signedInAt: Date.now() };
      expect((await viewerForSession(t.db, { ...claim, provider: 'microsoft-entra-id' }))?.mustChangePassword).toBe(false);
      expect((await viewerForSession(t.db, { ...claim, provider: null }))?.mustChangePassword).toBe(true);
    } finally {
      await t.db.update(users).set({ mustChangePassword: false }).where(eq(users.id, id));
    }
  });
});
