import 'server-only';
import { parseInput } from '@/lib/forms/parse-input';
import { and, asc, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { pageNumber } from '@/lib/forms/fields';
import { searchText } from '@/lib/forms/safe-text';
import { getDb } from '@/db/client';
import { apprenticeships, cohorts, organisations, standards, users } from '@/db/schema';
import { Conflict, FieldError, NotFound } from '@/lib/errors';
import { hashPassword } from '@/lib/auth/password';
import { ApprenticeInput, ApprenticeshipUpdate } from '@/lib/admin/schemas';
import { apprenticeshipsIn, authorize, recordDenied, writeAudit } from './access';
import { isUniqueViolation } from './db-errors';
import { STANDARD_REFERENCE } from './standard';
import { containsPattern } from './search';
import type { Viewer } from './viewer';

const apprentice = alias(users, 'apprentice');

// Trainers' names in one column, so a list is one query rather than one per row.
const trainerNames = sql<string | null>`(
  select string_agg(tu.name, ', ' order by tu.name)
  from trainer_assignments ta join users tu on tu.id = ta.trainer_id
  where ta.apprenticeship_id = ${apprenticeships.id})`;

const summaryColumns = {
  id: apprenticeships.id,
  apprenticeId: apprenticeships.apprenticeId,
  apprenticeName: apprentice.name,
  apprenticeEmail: apprentice.email,
  employerId: apprenticeships.employerId,
  employerName: organisations.name,
  cohortId: apprenticeships.cohortId,
  cohortName: cohorts.name,
  startDate: apprenticeships.startDate,
  plannedEndDate: apprenticeships.plannedEndDate,
  status: apprenticeships.status,
  trainers: trainerNames,
};

export const ApprenticeshipListQuery = z.object({
  q: searchText(100),
  /** One cohort's or one employer's apprentices (the admin's cohort and organisation pages). */
  cohortId: z.union([z.uuid(), z.literal('')]).catch(''),
  employerId: z.union([z.uuid(), z.literal('')]).catch(''),
  sort: z.enum(['name', 'employer', 'cohort', 'start']).catch('name'),
  dir: z.enum(['asc', 'desc']).catch('asc'),
  page: pageNumber(),
});
export type ApprenticeshipListQuery = z.infer<typeof ApprenticeshipListQuery>;
export const PAGE_SIZE = 50;

/** Apprenticeships the viewer may see, searched, sorted and paged in one query. */
export async function listApprenticeships(viewer: Viewer, query: Partial<ApprenticeshipListQuery> = {}) {
  const scope = await authorize(viewer, 'apprenticeship.read');
  const { q, cohortId, employerId, sort, dir, page } = ApprenticeshipListQuery.parse(query);
  const db = await getDb();
  const conditions: SQL[] = [apprenticeshipsIn(viewer, scope)];
  if (cohortId) conditions.push(eq(apprenticeships.cohortId, cohortId));
  if (employerId) conditions.push(eq(apprenticeships.employerId, employerId));
  if (q) {
    const like = containsPattern(q);
    conditions.push(or(ilike(apprentice.name, like), ilike(apprentice.email, like), ilike(organisations.name, like), ilike(cohorts.name, like))!);
  }
  const sortColumn = { name: apprentice.name, employer: organisations.name, cohort: cohorts.name, start: apprenticeships.startDate }[sort];
  const order = dir === 'asc' ? asc(sortColumn) : desc(sortColumn);
  const rows = await db
    .select({ ...summaryColumns, total: sql<number>`count(*) over ()`.mapWith(Number) })
    .from(apprenticeships)
    .innerJoin(apprentice, eq(apprentice.id, apprenticeships.apprenticeId))
    .innerJoin(organisations, eq(organisations.id, apprenticeships.employerId))
    .leftJoin(cohorts, eq(cohorts.id, apprenticeships.cohortId))
    .where(and(...conditions))
    .orderBy(order, asc(apprentice.name), asc(apprenticeships.id))
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE);
  return { rows: rows.map(({ total: _t, ...r }) => r), total: rows[0]?.total ?? 0, page, pageSize: PAGE_SIZE, q, sort, dir };
}

async function selectDetail(viewer: Viewer, where: SQL) {
  const db = await getDb();
  const [row] = await db
    .select({
      ...summaryColumns,
      weeklyHours: apprenticeships.weeklyHours,
      plannedOtjHours: apprenticeships.plannedOtjHours,
      englishStatus: apprenticeships.englishStatus,
      mathsStatus: apprenticeships.mathsStatus,
      extraTimePercent: apprenticeships.extraTimePercent,
      version: apprenticeships.version,
      standardReference: standards.reference,
      standardTitle: standards.title,
    })
    .from(apprenticeships)
    .innerJoin(apprentice, eq(apprentice.id, apprenticeships.apprenticeId))
    .innerJoin(organisations, eq(organisations.id, apprenticeships.employerId))
    .innerJoin(standards, eq(standards.id, apprenticeships.standardId))
    .leftJoin(cohorts, eq(cohorts.id, apprenticeships.cohortId))
    .where(where)
    .orderBy(desc(apprenticeships.startDate))
    .limit(1);
  return row;
}

/** One apprenticeship, if the viewer's relationship allows; otherwise the same 404 as a missing one. */
export async function getApprenticeship(viewer: Viewer, id: string) {
  const scope = await authorize(viewer, 'apprenticeship.read', { type: 'apprenticeship', id });
  if (!z.uuid().safeParse(id).success) throw new NotFound('apprenticeship');
  const row = await selectDetail(viewer, and(eq(apprenticeships.id, id), apprenticeshipsIn(viewer, scope))!);
  if (!row) {
    await recordDenied(viewer, 'apprenticeship.read', 'apprenticeship', id);
    throw new NotFound('apprenticeship');
  }
  return row;
}

/** The apprentice's own (latest) apprenticeship, or null if none is recorded yet. */
export async function getOwnApprenticeship(viewer: Viewer) {
  await authorize(viewer, 'apprenticeship.own', { type: 'apprenticeship' });
  return (await selectDetail(viewer, eq(apprenticeships.apprenticeId, viewer.userId))) ?? null;
}

async function checkEmployerAndCohort(db: Awaited<ReturnType<typeof getDb>>, employerId: string, cohortId: string | null) {
  const [employer] = await db.select({ kind: organisations.kind }).from(organisations).where(eq(organisations.id, employerId));
  if (!employer || employer.kind !== 'employer') throw new FieldError('employerId', 'Choose an employer organisation.');
  if (cohortId) {
    const [cohort] = await db.select({ id: cohorts.id }).from(cohorts).where(eq(cohorts.id, cohortId));
    if (!cohort) throw new FieldError('cohortId', 'Choose a cohort from the list.');
  }
}

/** Admin: a new apprentice user and their apprenticeship, in one transaction. */
export async function createApprentice(viewer: Viewer, input: z.input<typeof ApprenticeInput>) {
  await authorize(viewer, 'apprenticeship.manage');
  const data = parseInput(ApprenticeInput, input);
  const db = await getDb();
  await checkEmployerAndCohort(db, data.employerId, data.cohortId);
  const [standard] = await db.select({ id: standards.id }).from(standards).where(eq(standards.reference, STANDARD_REFERENCE));
  if (!standard) throw new NotFound('standard');
  const passwordHash = await hashPassword(data.temporaryPassword);
  try {
    return await db.transaction(async (tx) => {
      const [user] = await tx
        .insert(users)
        .values({ name: data.name, email: data.email, role: 'apprentice', organisationId: data.employerId, passwordHash, mustChangePassword: true })
        .returning({ id: users.id });
      const { name, email, temporaryPassword: _pw, ...fields } = data;
      const [created] = await tx
        .insert(apprenticeships)
        .values({ ...fields, apprenticeId: user!.id, standardId: standard.id })
        .returning();
      await writeAudit(tx, viewer, { action: 'apprentice.create', entityType: 'apprenticeship', entityId: created!.id, after: { name, email, ...fields } });
      return { apprenticeshipId: created!.id, userId: user!.id };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new FieldError('email', 'A user with this email address already exists.');
    throw e;
  }
}

/** Admin: change an apprenticeship; refused if someone else changed it since it was read. */
export async function updateApprenticeship(viewer: Viewer, input: z.input<typeof ApprenticeshipUpdate>) {
  await authorize(viewer, 'apprenticeship.manage', { type: 'apprenticeship' });
  const data = parseInput(ApprenticeshipUpdate, input);
  const db = await getDb();
  await checkEmployerAndCohort(db, data.employerId, data.cohortId);
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(apprenticeships).where(eq(apprenticeships.id, data.id));
    if (!before) throw new NotFound('apprenticeship');
    const { id, version, ...fields } = data;
    const [after] = await tx
      .update(apprenticeships)
      .set({ ...fields, version: sql`${apprenticeships.version} + 1` })
      .where(and(eq(apprenticeships.id, id), eq(apprenticeships.version, version)))
      .returning();
    if (!after) throw new Conflict('Someone else changed this apprenticeship after you opened it. Reload the page to see their change, then make yours again.');
    // The apprentice belongs to their employer's organisation.
    if (before.employerId !== after.employerId)
      await tx.update(users).set({ organisationId: after.employerId }).where(eq(users.id, after.apprenticeId));
    await writeAudit(tx, viewer, { action: 'apprenticeship.update', entityType: 'apprenticeship', entityId: id, before, after });
    return after;
  });
}
