import 'server-only';
import { and, asc, desc, eq, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, type DbOrTx } from '@/db/client';
import { apprenticeships, cohorts, learningBreaks, trainingPlans, users } from '@/db/schema';
import { ilrProblems, ilrRow, ilrTable, type IlrProblem, type IlrRow, type IlrSource } from '@/lib/funding/ilr';
import type { FundingSettings } from '@/lib/funding/settings';
import { ukToday } from '@/lib/otj/plan';
import { apprenticeshipsIn, authorize, writeAudit } from './access';
import { fundingSettings } from './funding-settings';
import type { Viewer } from './viewer';
import { fullySigned } from './training-plans';

/** Which apprenticeships: one cohort, or every one the viewer reaches (the whole provider for an admin). */
const IlrQuery = z.object({ cohortId: z.union([z.uuid(), z.literal('')]).catch('') });

export type IlrRecord = { id: string; apprenticeName: string; cohortName: string | null; row: IlrRow; problems: IlrProblem[] };

/**
 * Every apprenticeship in reach, with its learner-record row and what is wrong with it: three set-based
 * statements (the apprenticeships, the plans in force, the breaks), however many apprenticeships there are.
 */
async function ilrRecords(db: DbOrTx, where: SQL, settings: FundingSettings, asOf: string): Promise<IlrRecord[]> {
  const [base, plans, breaks] = await Promise.all([
    db
      .select({
        id: apprenticeships.id,
        apprenticeName: users.name,
        cohortName: cohorts.name,
        startDate: apprenticeships.startDate,
        plannedEndDate: apprenticeships.plannedEndDate,
        plannedOtjHours: apprenticeships.plannedOtjHours,
        status: apprenticeships.status,
        actualEndDate: apprenticeships.actualEndDate,
        actualOtjHours: apprenticeships.actualOtjHours,
        withdrawReason: apprenticeships.withdrawReason,
      })
      .from(apprenticeships)
      .innerJoin(users, eq(users.id, apprenticeships.apprenticeId))
      .leftJoin(cohorts, eq(cohorts.id, apprenticeships.cohortId))
      .where(where)
      .orderBy(asc(users.name), asc(apprenticeships.id)),
    // The plan in force: the latest version signed by all three.
    db
      .selectDistinctOn([trainingPlans.apprenticeshipId], {
        apprenticeshipId: trainingPlans.apprenticeshipId,
        plannedEndDate: trainingPlans.plannedEndDate,
        plannedOtjHours: trainingPlans.plannedOtjHours,
      })
      .from(trainingPlans)
      .innerJoin(apprenticeships, eq(apprenticeships.id, trainingPlans.apprenticeshipId))
      .where(and(where, fullySigned))
      .orderBy(trainingPlans.apprenticeshipId, desc(trainingPlans.version)),
    db
      .select({ apprenticeshipId: learningBreaks.apprenticeshipId, startDate: learningBreaks.startDate, endDate: learningBreaks.endDate })
      .from(learningBreaks)
      .innerJoin(apprenticeships, eq(apprenticeships.id, learningBreaks.apprenticeshipId))
      .where(where),
  ]);
  const planOf = new Map(plans.map((p) => [p.apprenticeshipId, p]));
  const breaksOf = new Map<string, IlrSource['breaks']>();
  for (const b of breaks) {
    const list = breaksOf.get(b.apprenticeshipId) ?? [];
    list.push({ startDate: b.startDate, endDate: b.endDate });
    breaksOf.set(b.apprenticeshipId, list);
  }
  return base.map((a) => {
    const source: IlrSource = {
      id: a.id,
      startDate: a.startDate,
      plannedEndDate: a.plannedEndDate,
      plannedOtjHours: a.plannedOtjHours,
      status: a.status,
      actualEndDate: a.actualEndDate,
      actualOtjHours: a.actualOtjHours,
      withdrawReason: a.withdrawReason,
      plan: planOf.get(a.id) ?? null,
      breaks: breaksOf.get(a.id) ?? [],
    };
    const row = ilrRow(source, asOf);
    return { id: a.id, apprenticeName: a.apprenticeName, cohortName: a.cohortName, row, problems: ilrProblems(source, row, settings) };
  });
}

async function scoped(viewer: Viewer, query: { cohortId?: string }) {
  const scope = await authorize(viewer, 'ilr.export');
  const f = IlrQuery.parse(query);
  const conditions: SQL[] = [apprenticeshipsIn(viewer, scope)];
  if (f.cohortId) conditions.push(eq(apprenticeships.cohortId, f.cohortId));
  const db = await getDb();
  return { db, scope, where: and(...conditions)!, cohortId: f.cohortId, settings: await fundingSettings(db) };
}

/**
 * The learner-record figures for the page: every apprenticeship in reach (an admin: the provider's; a trainer:
 * those they are assigned to), optionally one cohort's, each with its problems, and the cohorts to choose from.
 */
export async function listIlrRecords(viewer: Viewer, query: { cohortId?: string } = {}, asOf: string = ukToday()) {
  const { db, scope, where, cohortId, settings } = await scoped(viewer, query);
  const records = await ilrRecords(db, where, settings, asOf);
  const cohortList = await db
    .selectDistinct({ id: cohorts.id, name: cohorts.name, startDate: cohorts.startDate })
    .from(cohorts)
    .innerJoin(apprenticeships, eq(apprenticeships.cohortId, cohorts.id))
    .where(apprenticeshipsIn(viewer, scope))
    .orderBy(desc(cohorts.startDate), asc(cohorts.name));
  return { cohortId, records, cohorts: cohortList, rulesYear: settings.rulesYear };
}

/**
 * The CSV's header and cells: only the rows without a problem. A row with a problem is left out, not refused
 * for the whole file: the ILR's own validation rejects a learner's record with an error and takes the rest,
 * and a data officer fixes those few and sends the return again, rather than holding back every learner for
 * one. The page lists what was left out and why beside the download. Recorded as `ilr.exported`.
 */
export async function exportIlr(viewer: Viewer, query: { cohortId?: string } = {}, asOf: string = ukToday()) {
  const { db, where, cohortId, settings } = await scoped(viewer, query);
  const records = await ilrRecords(db, where, settings, asOf);
  const valid = records.filter((r) => r.problems.length === 0);
  const table = ilrTable(valid.map((r) => r.row));
  const excluded = records.length - valid.length;
  await db.transaction(async (tx) => {
    await writeAudit(tx, viewer, {
      action: 'ilr.exported',
      entityType: cohortId ? 'cohort' : 'provider',
      entityId: cohortId || null,
      after: { rows: valid.length, excluded, excludedIds: records.filter((r) => r.problems.length > 0).map((r) => r.id) },
    });
  });
  return { ...table, ids: valid.map((r) => r.id), excluded };
}
