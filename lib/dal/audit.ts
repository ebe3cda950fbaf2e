import 'server-only';
import { and, desc, eq, gte, ilike, lt, or, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { addDays, parseISO } from 'date-fns';
import { getDb } from '@/db/client';
import { auditLog, users } from '@/db/schema';
import { AuditFilter } from '@/lib/admin/schemas';
import { authorize } from './access';
import { containsPattern } from './search';
import type { Viewer } from './viewer';

export const AUDIT_PAGE_SIZE = 50;

/** Admin: the audit log, newest first, filtered by who, entity and date, a page at a time. */
export async function listAuditLog(viewer: Viewer, filter: Partial<z.input<typeof AuditFilter>> = {}) {
  await authorize(viewer, 'audit.read');
  const parsed = AuditFilter.safeParse(filter);
  const f = parsed.success ? parsed.data : AuditFilter.parse({});
  const db = await getDb();
  const conditions: SQL[] = [];
  if (f.actor) {
    const like = containsPattern(f.actor);
    conditions.push(or(ilike(users.name, like), ilike(users.email, like))!);
  }
  if (f.entity) conditions.push(eq(auditLog.entityType, f.entity));
  if (f.from) conditions.push(gte(auditLog.at, parseISO(f.from)));
  if (f.to) conditions.push(lt(auditLog.at, addDays(parseISO(f.to), 1)));
  const rows = await db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      actorName: users.name,
      actorEmail: users.email,
      action: auditLog.action,
      entityType: auditLog.entityType,
      entityId: auditLog.entityId,
      before: auditLog.before,
      after: auditLog.after,
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(AUDIT_PAGE_SIZE)
    .offset((f.page - 1) * AUDIT_PAGE_SIZE);
  const entityTypes = await db.selectDistinct({ entityType: auditLog.entityType }).from(auditLog).orderBy(auditLog.entityType);
  return {
    rows: rows.map(({ total: _t, ...r }) => r),
    total: rows[0]?.total ?? 0,
    page: f.page,
    pageSize: AUDIT_PAGE_SIZE,
    filter: f,
    entityTypes: entityTypes.map((e) => e.entityType),
  };
}
