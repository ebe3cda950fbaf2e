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

/**
 * The name of the record an entry is about, for the kinds a person would recognise by name: the person, the
 * apprentice of an apprenticeship, review or off-the-job entry, the evidence's title, the cohort or
 * organisation. Looked up by primary key for a page of 50 entries; the id is checked to be a uuid before the cast.
 */
const entityName = sql<string | null>`case when ${auditLog.entityId} ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then case ${auditLog.entityType}
  when 'user' then (select u.name from users u where u.id = ${auditLog.entityId}::uuid)
  when 'apprenticeship' then (select u.name from apprenticeships a join users u on u.id = a.apprentice_id where a.id = ${auditLog.entityId}::uuid)
  when 'progress_review' then (select u.name from progress_reviews r join apprenticeships a on a.id = r.apprenticeship_id join users u on u.id = a.apprentice_id where r.id = ${auditLog.entityId}::uuid)
  when 'otj_entry' then (select u.name from otj_entries o join users u on u.id = o.apprentice_id where o.id = ${auditLog.entityId}::uuid)
  when 'evidence' then (select e.title from evidence e where e.id = ${auditLog.entityId}::uuid)
  when 'cohort' then (select c.name from cohorts c where c.id = ${auditLog.entityId}::uuid)
  when 'organisation' then (select o.name from organisations o where o.id = ${auditLog.entityId}::uuid)
  end end`;

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
      entityName: entityName,
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
