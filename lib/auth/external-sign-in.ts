import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';
import { eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { auditLog, users } from '@/db/schema';
import { describeAuthError, providerOfAuthError } from './auth-error-cause';
import { normaliseEmail } from './authenticate';

/**
 * Sign-in with an identity provider (lib/auth/identity-providers.ts): who may sign in, and a record of
 * every outcome. Successes are audited by Auth.js's signIn event (lib/auth.ts); refusals here, as they
 * are decided; failures (the provider down, a token that does not verify) when Auth.js reports them to
 * its logger, which knows the cause but not the request: the request's handler (the sign-in button's
 * action, the callback route) runs inside `withSignInAttempt`, and the logger leaves the cause there.
 */
type Attempt = { provider: string | null; address: string; cause: string | null };
const attempts = new AsyncLocalStorage<Attempt>();

export function withSignInAttempt<T>(attempt: { provider: string | null; address: string }, run: () => Promise<T>): Promise<T> {
  return attempts.run({ ...attempt, cause: null }, run);
}

/** For Auth.js's logger: one line for the server log, with the cause, and the cause kept for the audit entry. */
export function noteSignInError(error: unknown): string {
  const cause = describeAuthError(error);
  const attempt = attempts.getStore();
  const provider = providerOfAuthError(error) ?? attempt?.provider ?? null;
  if (attempt) {
    attempt.cause = cause;
    attempt.provider ??= provider;
  }
  return provider ? `sign-in with ${provider} failed: ${cause}` : cause;
}

/** What the logger left for this request, after Auth.js has answered it. */
export const attemptCause = () => attempts.getStore()?.cause ?? null;

/**
 * The account an identity provider's email address belongs to (the email compared case-insensitively),
 * if it may sign in; otherwise why not, audited. Never creates an account: roles come from this app.
 */
export async function accountForExternalSignIn(provider: string, email: string | null): Promise<{ ok: true; userId: string } | { ok: false; error: 'NoAccount' | 'Disabled' | 'NoEmail' }> {
  const db = await getDb();
  const address = attempts.getStore()?.address ?? 'unknown';
  if (!email) {
    await db.insert(auditLog).values({ action: 'auth.sign_in_failed', entityType: 'user', after: { provider, address, reason: 'no email claim' } });
    return { ok: false, error: 'NoEmail' };
  }
  const [user] = await db.select({ id: users.id, active: users.active }).from(users).where(eq(sql`lower(${users.email})`, normaliseEmail(email)));
  if (!user) {
    // The address is kept, unlike a mistyped one at the password form: the provider vouched for it, and the
    // administrator needs it to add the person.
    await db.insert(auditLog).values({ action: 'auth.sign_in_failed', entityType: 'user', after: { provider, address, reason: 'no account', email } });
    return { ok: false, error: 'NoAccount' };
  }
  if (!user.active) {
    await db.insert(auditLog).values({ actorId: user.id, action: 'auth.sign_in_disabled', entityType: 'user', entityId: user.id, after: { provider, address } });
    return { ok: false, error: 'Disabled' };
  }
  return { ok: true, userId: user.id };
}

/** A sign-in with an identity provider that ended in an error page (`error` is Auth.js's code). */
export async function recordSignInError(provider: string | null, error: string) {
  const attempt = attempts.getStore();
  const db = await getDb();
  await db.insert(auditLog).values({
    action: 'auth.sign_in_error',
    entityType: 'user',
    after: { provider: provider ?? attempt?.provider ?? null, address: attempt?.address ?? 'unknown', error, cause: attempt?.cause ?? null },
  });
}

/** A sign-in with an identity provider that gave a session (Auth.js's signIn event). */
export async function recordExternalSignIn(userId: string, provider: string | null) {
  const db = await getDb();
  const address = attempts.getStore()?.address ?? 'unknown';
  await db.insert(auditLog).values({ actorId: userId, action: 'auth.sign_in', entityType: 'user', entityId: userId, after: { provider, address } });
}
