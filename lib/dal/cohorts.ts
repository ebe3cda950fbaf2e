import 'server-only';
import { parseInput } from '@/lib/forms/parse-input';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { getDb } from '@/db/client';
import { apprenticeships, cohorts } from '@/db/schema';
import { Conflict, FieldError, NotFound } from '@/lib/errors';
import { CohortInput, CohortUpdate } from '@/lib/admin/schemas';
import { authorize, writeAudit } from './access';
import { isUniqueViolation } from './db-errors';
import type { Viewer } from './viewer';

/** Cohorts with their number of apprenticeships, newest first. */
export async function listCohorts(viewer: Viewer) {
  await authorize(viewer, 'cohort.read');
  const db = await getDb();
  return db
    .select({
      id: cohorts.id,
      name: cohorts.name,
      startDate: cohorts.startDate,
      version: cohorts.version,
      apprenticeships: sql<number>`(select count(*) from ${apprenticeships} where ${apprenticeships.cohortId} = ${cohorts.id})`.mapWith(Number),
    })
    .from(cohorts)
    .orderBy(desc(cohorts.startDate), asc(cohorts.name));
}

const duplicateName = () => new FieldError('name', 'A cohort with this name already exists.');

export async function createCohort(viewer: Viewer, input: z.input<typeof CohortInput>) {
  await authorize(viewer, 'cohort.manage');
  const data = parseInput(CohortInput, input);
  const db = await getDb();
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx.insert(cohorts).values(data).returning();
      await writeAudit(tx, viewer, { action: 'cohort.create', entityType: 'cohort', entityId: row!.id, after: row });
      return row!;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw duplicateName();
    throw e;
  }
}

export async function updateCohort(viewer: Viewer, input: z.input<typeof CohortUpdate>) {
  await authorize(viewer, 'cohort.manage', { type: 'cohort' });
  const data = parseInput(CohortUpdate, input);
  const db = await getDb();
  try {
    return await db.transaction(async (tx) => {
      const [before] = await tx.select().from(cohorts).where(eq(cohorts.id, data.id));
      if (!before) throw new NotFound('cohort');
      const [after] = await tx
        .update(cohorts)
        .set({ name: data.name, startDate: data.startDate, version: sql`${cohorts.version} + 1` })
        .where(and(eq(cohorts.id, data.id), eq(cohorts.version, data.version)))
        .returning();
      if (!after) throw new Conflict('Someone else changed this cohort after you opened it. Reload the page to see their change.');
      await writeAudit(tx, viewer, { action: 'cohort.update', entityType: 'cohort', entityId: data.id, before, after });
      return after;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw duplicateName();
    throw e;
  }
}
