import 'server-only';
import { and, eq, exists, sql, type SQL } from 'drizzle-orm';
import { QueryBuilder, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { getDb, type DbOrTx } from '@/db/client';
import { apprenticeships, auditLog, trainerAssignments } from '@/db/schema';
import { NotFound, PasswordChangeRequired } from '@/lib/errors';
import { scopeOf, type Permission, type Scope } from './policy';
import type { Viewer } from './viewer';

/** What a user who must choose a new password may still do: choose it. */
const ALLOWED_BEFORE_PASSWORD_CHANGE: readonly Permission[] = ['account.update'];

/**
 * The viewer's scope for a permission, or a 404 (recorded in the audit log) when they have none.
 * A user whose password was set by an administrator (or reset) has no scope for anything but
 * choosing their own: every page, action and route handler asks here, so none can forget it.
 */
export async function authorize(viewer: Viewer | null, permission: Permission, target?: { type: string; id?: string }): Promise<Scope> {
  if (viewer?.mustChangePassword && !ALLOWED_BEFORE_PASSWORD_CHANGE.includes(permission)) {
    await recordDenied(viewer, permission, target?.type ?? permission.split('.')[0]!, target?.id, 'password_change_required');
    throw new PasswordChangeRequired();
  }
  const scope = viewer ? scopeOf(viewer.role, permission) : null;
  if (!scope) {
    await recordDenied(viewer, permission, target?.type ?? permission.split('.')[0]!, target?.id);
    throw new NotFound(permission);
  }
  return scope;
}

// Builds subqueries without a connection; the outer query renders them.
const qb = new QueryBuilder({ casing: 'snake_case' });

/** The where-clause that limits apprenticeships to those a scope allows. */
export function apprenticeshipsIn(viewer: Viewer, scope: Scope): SQL {
  switch (scope) {
    case 'any':
      return sql`true`;
    case 'own':
      return eq(apprenticeships.apprenticeId, viewer.userId);
    case 'employed':
      // An employer contact with no organisation sees nothing rather than everything.
      return viewer.organisationId ? eq(apprenticeships.employerId, viewer.organisationId) : sql`false`;
    case 'assigned':
      return exists(
        qb
          .select({ one: sql`1` })
          .from(trainerAssignments)
          .where(and(eq(trainerAssignments.apprenticeshipId, apprenticeships.id), eq(trainerAssignments.trainerId, viewer.userId))),
      );
  }
}

/** The where-clause that limits rows about an apprentice (by their user id column) to a scope. */
export function apprenticeIn(viewer: Viewer, scope: Scope, apprenticeId: AnyPgColumn): SQL {
  switch (scope) {
    case 'any':
      return sql`true`;
    case 'own':
      return eq(apprenticeId, viewer.userId);
    case 'employed':
    case 'assigned':
      return exists(
        qb
          .select({ one: sql`1` })
          .from(apprenticeships)
          .where(and(eq(apprenticeships.apprenticeId, apprenticeId), apprenticeshipsIn(viewer, scope))),
      );
  }
}

/**
 * An entity id as the audit log can store it. A refused request's id is whatever was asked for (a URL segment,
 * a field), not yet validated: PostgreSQL refuses a NUL in text (the refusal itself became a 500), and a lone
 * surrogate is not UTF-8. Both become U+FFFD; at most 200 characters are kept.
 */
export function storableId(id: string): string {
  return id
    .slice(0, 200)
    .replace(/\u0000/g, '\uFFFD')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

export async function recordDenied(viewer: Viewer | null, permission: string, entityType: string, entityId?: string, reason?: 'password_change_required') {
  const db = await getDb();
  await db.insert(auditLog).values({
    actorId: viewer?.userId ?? null,
    action: 'access.denied',
    entityType,
    entityId: entityId === undefined ? null : storableId(entityId),
    after: { permission, role: viewer?.role ?? 'anonymous', ...(reason ? { reason } : {}) },
  });
}

export async function writeAudit(
  tx: DbOrTx,
  viewer: Viewer | null,
  entry: { action: string; entityType: string; entityId?: string | null; before?: unknown; after?: unknown },
) {
  await tx.insert(auditLog).values({
    actorId: viewer?.userId ?? null,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId == null ? null : storableId(entry.entityId),
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}
