import 'server-only';
import crypto from 'node:crypto';
import { and, eq, gt, lte, or, sql } from 'drizzle-orm';
import { getDb, type DbOrTx } from '@/db/client';
import { auditLog, signInFailures, users, type Role } from '@/db/schema';
import { verifyPasswordOrDecoy } from './password';
import { KEEP_MS, LIMITS, limitsReachedBy, throttledBy, WINDOW_MS, type FailureCounts } from './throttle';

/**
 * Unknown email, wrong password and a throttled attempt all answer 'invalid': the answer says nothing
 * about whether an account exists or is locked. Only someone who gives the right password, and is
 * not throttled, learns that their account is disabled.
 */
export type AuthResult = { ok: true; user: { id: string; role: Role; name: string; email: string } } | { ok: false; reason: 'invalid' | 'disabled' };

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

/** What failures are counted by for an email: a hash, so no typed text (a mistyped password, say) is kept. */
export const accountKeyOf = (email: string) => crypto.createHash('sha256').update(`sign-in:${normaliseEmail(email)}`).digest('base64url');

/** The failures that count at `now` for this email, this address, and both. */
export async function failureCounts(db: DbOrTx, accountKey: string, address: string, now: Date): Promise<FailureCounts> {
  const f = signInFailures;
  const [row] = await db
    .select({
      accountAddress: sql<number>`count(*) filter (where ${f.accountKey} = ${accountKey} and ${f.address} = ${address})`.mapWith(Number),
      address: sql<number>`count(*) filter (where ${f.address} = ${address})`.mapWith(Number),
      account: sql<number>`count(*) filter (where ${f.accountKey} = ${accountKey})`.mapWith(Number),
    })
    .from(f)
    .where(and(gt(f.at, new Date(now.getTime() - WINDOW_MS)), lte(f.at, now), or(eq(f.accountKey, accountKey), eq(f.address, address))));
  return row ?? { accountAddress: 0, address: 0, account: 0 };
}

/**
 * Checks an email and password, throttled per email, per address and per both (lib/auth/throttle.ts),
 * with the counts in the database so the limits hold across app instances and restarts.
 *
 * Every path does the same work, so the time taken says nothing either: the same two reads, exactly
 * one argon2 verification (against a decoy hash when there is no account or no password), and the
 * same one write statement (recordAttempt). Each outcome is audited: auth.sign_in, auth.sign_in_failed
 * (unknown email or wrong password), auth.locked (the failure that reached a limit),
 * auth.sign_in_throttled (refused while a limit holds) and auth.sign_in_disabled.
 */
export async function authenticate(emailInput: string, password: string, options: { address?: string; now?: Date } = {}): Promise<AuthResult> {
  const address = options.address ?? 'unknown';
  const now = options.now ?? new Date();
  const db = await getDb();
  const email = normaliseEmail(emailInput);
  const accountKey = accountKeyOf(email);
  const [[user], counts] = await Promise.all([
    db
      .select({ id: users.id, role: users.role, name: users.name, email: users.email, active: users.active, passwordHash: users.passwordHash })
      .from(users)
      .where(eq(sql`lower(${users.email})`, email)),
    failureCounts(db, accountKey, address, now),
  ]);
  // Verified whatever the throttle says, so a throttled attempt takes as long as any other.
  const passwordOk = await verifyPasswordOrDecoy(user?.passwordHash, password);
  const throttled = throttledBy(counts);
  const entry = (action: string, after: Record<string, unknown> = {}, actorId: string | null = null) => ({ actorId, action, entityId: user?.id ?? null, after: { address, ...after } });
  const record = { accountKey, address, now, countFailure: false, forgetPair: false };

  if (throttled) {
    // Not counted as a failure: the limit lifts as the failures that reached it age out of the window.
    await recordAttempt(db, { ...record, entries: [entry('auth.sign_in_throttled', { limit: throttled })] });
    return { ok: false, reason: 'invalid' };
  }
  if (!passwordOk || !user) {
    const until = new Date(now.getTime() + WINDOW_MS).toISOString(); // at the latest: the window slides
    const locks = limitsReachedBy(counts).map((limit) => entry('auth.locked', { limit, failures: LIMITS[limit], until }));
    await recordAttempt(db, { ...record, countFailure: true, entries: [entry('auth.sign_in_failed'), ...locks] });
    return { ok: false, reason: 'invalid' };
  }
  if (!user.active) {
    await recordAttempt(db, { ...record, entries: [entry('auth.sign_in_disabled', {}, user.id)] });
    return { ok: false, reason: 'disabled' };
  }
  // This address has proved it knows the password: its failures on this email no longer count.
  await recordAttempt(db, { ...record, forgetPair: true, entries: [entry('auth.sign_in', {}, user.id)] });
  return { ok: true, user: { id: user.id, role: user.role, name: user.name, email: user.email } };
}

/**
 * The one write of a sign-in attempt, the same statement on every path so that it takes the same time:
 * forgets failures too old to count (and, on success, this address's on this email), counts this
 * attempt if it failed, and writes its audit entries. One statement, so all of it or none.
 */
async function recordAttempt(
  db: DbOrTx,
  p: { accountKey: string; address: string; now: Date; countFailure: boolean; forgetPair: boolean; entries: { actorId: string | null; action: string; entityId: string | null; after: Record<string, unknown> }[] },
) {
  const f = signInFailures;
  const entries = sql.join(
    p.entries.map((e) => sql`(${e.actorId}::uuid, ${e.action}, 'user', ${e.entityId}, ${JSON.stringify(e.after)}::jsonb)`),
    sql`, `,
  );
  await db.execute(sql`
    with gone as (
      delete from ${f}
      where ${f.at} < ${new Date(p.now.getTime() - KEEP_MS).toISOString()}::timestamptz
         or (${p.forgetPair}::boolean and ${f.accountKey} = ${p.accountKey} and ${f.address} = ${p.address})
    ), failed as (
      insert into ${f} (account_key, address, at)
      select ${p.accountKey}, ${p.address}, ${p.now.toISOString()}::timestamptz where ${p.countFailure}::boolean
    )
    insert into ${auditLog} (actor_id, action, entity_type, entity_id, after) values ${entries}`);
}

/** For Entra ID: an existing, active user with this email, or null. */
export async function findActiveUserByEmail(emailInput: string) {
  const db = await getDb();
  const [user] = await db
    .select({ id: users.id, role: users.role, name: users.name, email: users.email, mustChangePassword: users.mustChangePassword })
    .from(users)
    .where(and(eq(sql`lower(${users.email})`, normaliseEmail(emailInput)), eq(users.active, true)));
  return user ?? null;
}
