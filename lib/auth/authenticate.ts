import 'server-only';
import { and, eq, gte, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { auditLog, signInFailures, users, type Role } from '@/db/schema';
import { burnVerifyTime, verifyPassword } from './password';
import { lockState, RELEVANT_MS } from './throttle';

export type AuthResult =
  | { ok: true; user: { id: string; role: Role; name: string; email: string } }
  | { ok: false; reason: 'invalid' | 'disabled' }
  | { ok: false; reason: 'locked'; until: Date };

export async function authenticate(emailInput: string, password: string, now = new Date()): Promise<AuthResult> {
  const db = await getDb();
  const email = emailInput.trim().toLowerCase();
  const [user] = await db
    .select({ id: users.id, role: users.role, name: users.name, email: users.email, active: users.active, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(sql`lower(${users.email})`, email));
  if (!user) {
    await burnVerifyTime(password); // same time as a wrong password: no account enumeration by timing
    return { ok: false, reason: 'invalid' };
  }

  const since = new Date(now.getTime() - RELEVANT_MS);
  const failures = await db
    .select({ at: signInFailures.at })
    .from(signInFailures)
    .where(and(eq(signInFailures.userId, user.id), gte(signInFailures.at, since)));
  const before = lockState(failures.map((f) => f.at), now);
  if (before.locked) return { ok: false, reason: 'locked', until: before.until };

  if (!(await verifyPassword(user.passwordHash, password))) {
    await db.transaction(async (tx) => {
      await tx.insert(signInFailures).values({ userId: user.id, at: now });
      await tx.insert(auditLog).values({ actorId: null, action: 'auth.sign_in_failed', entityType: 'user', entityId: user.id });
    });
    const after = lockState([...failures.map((f) => f.at), now], now);
    if (after.locked) {
      await db.insert(auditLog).values({ action: 'auth.locked', entityType: 'user', entityId: user.id, after: { until: after.until.toISOString() } });
      return { ok: false, reason: 'locked', until: after.until };
    }
    return { ok: false, reason: 'invalid' };
  }
  // Only someone who knows the password learns the account is disabled.
  if (!user.active) return { ok: false, reason: 'disabled' };

  await db.transaction(async (tx) => {
    await tx.delete(signInFailures).where(eq(signInFailures.userId, user.id));
    await tx.insert(auditLog).values({ actorId: user.id, action: 'auth.sign_in', entityType: 'user', entityId: user.id });
  });
  return { ok: true, user: { id: user.id, role: user.role, name: user.name, email: user.email } };
}

/** For Entra ID: an existing, active user with this email, or null. */
export async function findActiveUserByEmail(emailInput: string) {
  const db = await getDb();
  const [user] = await db
    .select({ id: users.id, role: users.role, name: users.name, email: users.email, mustChangePassword: users.mustChangePassword })
    .from(users)
    .where(and(eq(sql`lower(${users.email})`, emailInput.trim().toLowerCase()), eq(users.active, true)));
  return user ?? null;
}
