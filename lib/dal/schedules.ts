import { asc, inArray } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { apprenticeships, learningBreaks } from '@/db/schema';
import type { LearningSchedule } from '@/lib/funding/schedule';
import { ksbsPlannedByMonth, monthlyOtjHours } from '@/lib/training-plan/activities';
import { unsafePlansInForce } from './training-plans';

/**
 * The learning schedules of a set of apprenticeships (lib/funding/schedule.ts): the signed training plan in
 * force (the latest version signed by all three) when there is one, otherwise the apprenticeship's own
 * dates and hours; and its breaks in learning. Three queries whatever the number of ids (apprenticeships by
 * primary key, the plan in force per apprenticeship by DISTINCT ON over the (apprenticeship_id, version)
 * unique index, breaks over the (apprenticeship_id, start_date) index). Not a permission check: callers
 * pass ids they have already authorised.
 */
export async function learningSchedules(db: DbOrTx, apprenticeshipIds: readonly string[]): Promise<Map<string, LearningSchedule>> {
  const ids = [...new Set(apprenticeshipIds)];
  const out = new Map<string, LearningSchedule>();
  if (ids.length === 0) return out;
  const [rows, plans, breaks] = await Promise.all([
    db
      .select({ id: apprenticeships.id, startDate: apprenticeships.startDate, plannedEndDate: apprenticeships.plannedEndDate, plannedOtjHours: apprenticeships.plannedOtjHours })
      .from(apprenticeships)
      .where(inArray(apprenticeships.id, ids)),
    unsafePlansInForce(db, ids),
    db
      .select({ apprenticeshipId: learningBreaks.apprenticeshipId, startDate: learningBreaks.startDate, endDate: learningBreaks.endDate })
      .from(learningBreaks)
      .where(inArray(learningBreaks.apprenticeshipId, ids))
      .orderBy(asc(learningBreaks.apprenticeshipId), asc(learningBreaks.startDate)),
  ]);
  const planOf = plans;
  const breaksOf = new Map<string, LearningSchedule['breaks']>();
  for (const b of breaks) breaksOf.set(b.apprenticeshipId, [...(breaksOf.get(b.apprenticeshipId) ?? []), { startDate: b.startDate, endDate: b.endDate }]);
  for (const a of rows) {
    const p = planOf.get(a.id);
    out.set(a.id, {
      startDate: p?.plannedStartDate ?? a.startDate,
      plannedEndDate: p?.plannedEndDate ?? a.plannedEndDate,
      plannedOtjHours: p?.plannedOtjHours ?? a.plannedOtjHours,
      plan: p
        ? {
            version: p.version,
            durationMonths: p.durationMonths,
            monthlyHours: monthlyOtjHours(p.activities, p.durationMonths),
            ksbsByMonth: ksbsPlannedByMonth(p.activities, p.durationMonths),
          }
        : null,
      breaks: breaksOf.get(a.id) ?? [],
    });
  }
  return out;
}

/** One apprenticeship's schedule (the set-based loader with one id). */
export async function learningSchedule(db: DbOrTx, apprenticeshipId: string): Promise<LearningSchedule | undefined> {
  return (await learningSchedules(db, [apprenticeshipId])).get(apprenticeshipId);
}

type ApprenticeshipDates = { id: string; startDate: string; plannedEndDate: string; plannedOtjHours: number };

/** The straight line over an apprenticeship's own dates, no plan, no breaks (a row the loader did not find). */
export function straightSchedule(a: Omit<ApprenticeshipDates, 'id'>): LearningSchedule {
  return { startDate: a.startDate, plannedEndDate: a.plannedEndDate, plannedOtjHours: a.plannedOtjHours, plan: null, breaks: [] };
}

/** The schedule of an apprenticeship already read (and authorised) by the caller. */
export async function scheduleOf(db: DbOrTx, a: ApprenticeshipDates): Promise<LearningSchedule> {
  return (await learningSchedule(db, a.id)) ?? straightSchedule(a);
}
