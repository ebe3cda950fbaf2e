import 'server-only';
import { parseInput } from '@/lib/forms/parse-input';
import { and, asc, eq, gt, ilike, lte, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { rowVersion } from '@/lib/forms/fields';
import { searchText } from '@/lib/forms/safe-text';
import { getDb, type DbOrTx } from '@/db/client';
import { apprenticeships, organisations, signInFailures, users, type Role } from '@/db/schema';
import { Conflict, FieldError, NotFound } from '@/lib/errors';
import { hashPassword } from '@/lib/auth/password';
import { accountKeyOf } from '@/lib/auth/authenticate';
import { LIMITS, WINDOW_MS } from '@/lib/auth/throttle';
import { UserInput, UserUpdate } from '@/lib/admin/schemas';
import { authorize, writeAudit } from './access';
import { isUniqueViolation } from './db-errors';
import { containsPattern } from './search';
import type { Viewer } from './viewer';

// What leaves the data access layer about a user: never the password hash.
const userColumns = {
  id: users.id,
  name: users.name,
  email: users.email,
  role: users.role,
  organisationId: users.organisationId,
  organisationName: organisations.name,
  active: users.active,
  mustChangePassword: users.mustChangePassword,
  version: users.version,
  createdAt: users.createdAt,
};

export const UserListQuery = z.object({
  q: searchText(100),
  role: z.enum(['apprentice', 'trainer', 'employer', 'admin', '']).catch(''),
  /** The people of one organisation (the admin's organisation page). */
  organisationId: z.union([z.uuid(), z.literal('')]).catch(''),
});

/** Admin: users, searched by name or email and filtered by role. */
export async function listUsers(viewer: Viewer, query: Partial<z.infer<typeof UserListQuery>> = {}) {
  await authorize(viewer, 'user.manage');
  const { q, role, organisationId } = UserListQuery.parse(query);
  const db = await getDb();
  const conditions: SQL[] = [];
  if (q) {
    const like = containsPattern(q);
    conditions.push(or(ilike(users.name, like), ilike(users.email, like))!);
  }
  if (role) conditions.push(eq(users.role, role));
  if (organisationId) conditions.push(eq(users.organisationId, organisationId));
  return db
    .select(userColumns)
    .from(users)
    .leftJoin(organisations, eq(organisations.id, users.organisationId))
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(asc(users.role), asc(users.name))
    .limit(500);
}

export async function getUser(viewer: Viewer, id: string) {
  await authorize(viewer, 'user.manage', { type: 'user', id });
  if (!z.uuid().safeParse(id).success) throw new NotFound('user');
  const db = await getDb();
  const [row] = await db.select(userColumns).from(users).leftJoin(organisations, eq(organisations.id, users.organisationId)).where(eq(users.id, id));
  if (!row) throw new NotFound('user');
  return { ...row, signIn: await signInThrottleOf(db, row.email) };
}

/**
 * Failed sign-ins on this email within the throttle window (lib/auth/throttle.ts): how many, from how
 * many addresses, and whether they now refuse it from everywhere (`account`) or from some addresses.
 */
async function signInThrottleOf(db: DbOrTx, email: string, now = new Date()) {
  const f = signInFailures;
  const rows = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(f)
    .where(and(eq(f.accountKey, accountKeyOf(email)), gt(f.at, new Date(now.getTime() - WINDOW_MS)), lte(f.at, now)))
    .groupBy(f.address);
  const failures = rows.reduce((t, r) => t + r.n, 0);
  const lock = failures >= LIMITS.account ? 'account' : rows.some((r) => r.n >= LIMITS.accountAddress) ? 'some_addresses' : null;
  return { failures, addresses: rows.length, lock } as const;
}

/**
 * Admin: lifts the sign-in throttle on a user's email, from every address (their failed sign-ins are
 * forgotten). Audited with how many there were.
 */
export async function unlockUser(viewer: Viewer, input: { id: string }) {
  await authorize(viewer, 'user.manage', { type: 'user', id: input.id });
  const data = z.object({ id: z.uuid() }).safeParse(input);
  if (!data.success) throw new NotFound('user');
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [user] = await tx.select({ id: users.id, email: users.email }).from(users).where(eq(users.id, data.data.id));
    if (!user) throw new NotFound('user');
    const cleared = await tx.delete(signInFailures).where(eq(signInFailures.accountKey, accountKeyOf(user.email))).returning({ id: signInFailures.id });
    await writeAudit(tx, viewer, { action: 'user.unlock', entityType: 'user', entityId: user.id, before: { failedSignIns: cleared.length } });
    return { cleared: cleared.length };
  });
}

/** Trainers need the training provider, employer contacts and apprentices an employer. */
async function checkOrganisation(db: DbOrTx, role: Role, organisationId: string | null) {
  const needs = role === 'employer' || role === 'apprentice' ? 'employer' : role === 'trainer' ? 'training_provider' : null;
  if (!organisationId) {
    if (needs) throw new FieldError('organisationId', needs === 'employer' ? 'Choose the employer.' : 'Choose the training provider.');
    return;
  }
  const [org] = await db.select({ kind: organisations.kind }).from(organisations).where(eq(organisations.id, organisationId));
  if (!org) throw new FieldError('organisationId', 'Choose an organisation from the list.');
  if (needs && org.kind !== needs)
    throw new FieldError('organisationId', needs === 'employer' ? 'This role belongs to an employer, not a training provider.' : 'Trainers belong to the training provider.');
}

const duplicateEmail = () => new FieldError('email', 'A user with this email address already exists.');
const forAudit = ({ passwordHash: _p, ...rest }: typeof users.$inferSelect) => rest;

/** Admin: a trainer, employer contact or admin with a temporary password to change at first sign-in. */
export async function createUser(viewer: Viewer, input: z.input<typeof UserInput>) {
  await authorize(viewer, 'user.manage');
  const data = parseInput(UserInput, input);
  if (data.role === 'apprentice') throw new FieldError('role', 'Add apprentices on the Apprentices page, together with their apprenticeship.');
  const db = await getDb();
  await checkOrganisation(db, data.role, data.organisationId);
  const passwordHash = await hashPassword(data.temporaryPassword);
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(users)
        .values({ name: data.name, email: data.email, role: data.role, organisationId: data.organisationId, passwordHash, mustChangePassword: true })
        .returning();
      await writeAudit(tx, viewer, { action: 'user.create', entityType: 'user', entityId: row!.id, after: forAudit(row!) });
      return { id: row!.id };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw duplicateEmail();
    throw e;
  }
}

export async function updateUser(viewer: Viewer, input: z.input<typeof UserUpdate>) {
  await authorize(viewer, 'user.manage', { type: 'user' });
  const data = parseInput(UserUpdate, input);
  const db = await getDb();
  await checkOrganisation(db, data.role, data.organisationId);
  const passwordHash = data.temporaryPassword ? await hashPassword(data.temporaryPassword) : undefined;
  try {
    return await db.transaction(async (tx) => {
      const [before] = await tx.select().from(users).where(eq(users.id, data.id));
      if (!before) throw new NotFound('user');
      if (before.role !== data.role) {
        const [has] = await tx.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(apprenticeships).where(eq(apprenticeships.apprenticeId, data.id));
        if (has!.n > 0) throw new FieldError('role', 'This person has an apprenticeship, so they stay an apprentice.');
        if (data.id === viewer.userId) throw new FieldError('role', 'You cannot change your own role.');
      }
      const [after] = await tx
        .update(users)
        .set({
          name: data.name,
          email: data.email,
          role: data.role,
          organisationId: data.organisationId,
          // A reset ends the user's open sessions: whoever holds one must sign in with the new password.
          ...(passwordHash ? { passwordHash, mustChangePassword: true, sessionsValidFrom: new Date() } : {}),
          version: sql`${users.version} + 1`,
        })
        .where(and(eq(users.id, data.id), eq(users.version, data.version)))
        .returning();
      if (!after) throw new Conflict('Someone else changed this user after you opened it. Reload the page to see their change.');
      await writeAudit(tx, viewer, {
        action: passwordHash ? 'user.update_and_reset_password' : 'user.update',
        entityType: 'user',
        entityId: data.id,
        before: forAudit(before),
        after: forAudit(after),
      });
      return { id: after.id, version: after.version };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw duplicateEmail();
    throw e;
  }
}

/** Admin: disable or re-enable sign-in. A disabled user's session stops on their next request. */
export async function setUserActive(viewer: Viewer, input: { id: string; active: boolean; version: number | string }) {
  await authorize(viewer, 'user.manage', { type: 'user', id: input.id });
  const data = parseInput(z.object({ id: z.uuid(), active: z.boolean(), version: rowVersion() }), input);
  if (data.id === viewer.userId && !data.active) throw new Conflict('You cannot disable your own account.');
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [after] = await tx
      .update(users)
      .set({ active: data.active, version: sql`${users.version} + 1` })
      .where(and(eq(users.id, data.id), eq(users.version, data.version)))
      .returning({ id: users.id, active: users.active });
    if (!after) {
      const [exists] = await tx.select({ id: users.id }).from(users).where(eq(users.id, data.id));
      if (!exists) throw new NotFound('user');
      throw new Conflict('Someone else changed this user after you opened it. Reload the page and try again.');
    }
    await writeAudit(tx, viewer, { action: data.active ? 'user.enable' : 'user.disable', entityType: 'user', entityId: data.id, before: { active: !data.active }, after });
    return after;
  });
}
