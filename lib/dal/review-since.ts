import 'server-only';
import { and, asc, desc, eq, gt, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { apprenticeships, assessmentAttempts, assessmentBlueprints, assessmentResults, auditLog, learningBreaks, otjEntries, trainingPlans } from '@/db/schema';
import type { Break } from '@/lib/funding/breaks';
import { englishMathsText, supportText, targetsText, type SkillStatus } from '@/lib/reviews/prefill';
import { fullySigned } from './training-plans';

/**
 * What changed since the last review (or the start), for the review form's panel and its suggested text. Called
 * only by the reviews DAL after it has authorized the viewer for the apprenticeship. Each figure is one
 * set-based statement over the apprentice's rows dated after the last review; nothing new is stored.
 */
const round2 = (n: number) => Math.round(n * 100) / 100;
const ukDateOf = (col: unknown) => sql`(${col} at time zone 'Europe/London')::date`;

/** The apprenticeship's breaks in learning, for the review interval rule. */
export async function breaksOf(db: DbOrTx, apprenticeshipId: string): Promise<Break[]> {
  return db.select({ startDate: learningBreaks.startDate, endDate: learningBreaks.endDate }).from(learningBreaks).where(eq(learningBreaks.apprenticeshipId, apprenticeshipId)).orderBy(asc(learningBreaks.startDate));
}

/** The training plan in force: the latest version signed by all three, if any. */
export async function planInForce(db: DbOrTx, apprenticeshipId: string) {
  const [p] = await db
    .select({ version: trainingPlans.version, support: trainingPlans.support, reasonableAdjustments: trainingPlans.reasonableAdjustments })
    .from(trainingPlans)
    .where(and(eq(trainingPlans.apprenticeshipId, apprenticeshipId), fullySigned))
    .orderBy(desc(trainingPlans.version))
    .limit(1);
  return p ?? null;
}

type Skills = { english: SkillStatus; maths: SkillStatus };

export async function sinceLastReview(db: DbOrTx, a: { id: string; apprenticeId: string; startDate: string }, last: { reviewDate: string; targets: string } | null) {
  // Things dated on the last review's day happened before or at it: "since" starts the day after. Before a first review: from the start.
  const since = last?.reviewDate ?? null;
  const after = (col: unknown) => (since ? sql`${ukDateOf(col)} > ${since}::date` : sql`true`);
  const [[evidenceRow], newlyMet, [otjRow], mocks, [skills], [firstChange], plan] = await Promise.all([
    db.execute<{ n: number }>(sql`
      select count(*)::int as n from evidence e join evidence_reviews r on r.id = e.standing_review_id
      where e.apprentice_id = ${a.apprenticeId} and e.status = 'accepted' and ${after(sql`r.created_at`)}`).then(rowsOf<{ n: number }>),
    // KSBs met in accepted evidence now that no piece accepted by the last review's day had met.
    db.execute<{ code: string }>(sql`
      select d.ksb_code as code from evidence e
      join evidence_reviews r on r.id = e.standing_review_id
      join evidence_ksb_decisions d on d.review_id = r.id and d.met
      where e.apprentice_id = ${a.apprenticeId} and e.status = 'accepted'
      group by d.ksb_code
      having ${since ? sql`bool_and(${ukDateOf(sql`r.created_at`)} > ${since}::date)` : sql`true`}`).then(rowsOf<{ code: string }>),
    db
      .select({ minutes: sql<number>`coalesce(sum(${otjEntries.minutes}), 0)`.mapWith(Number) })
      .from(otjEntries)
      .where(and(eq(otjEntries.apprenticeId, a.apprenticeId), ne(otjEntries.status, 'queried'), since ? gt(otjEntries.activityDate, since) : sql`true`)),
    db
      .select({ title: assessmentBlueprints.title, grade: assessmentResults.grade, percent: assessmentResults.percent, at: assessmentAttempts.submittedAt })
      .from(assessmentAttempts)
      .innerJoin(assessmentBlueprints, eq(assessmentBlueprints.id, assessmentAttempts.blueprintId))
      .innerJoin(assessmentResults, eq(assessmentResults.attemptId, assessmentAttempts.id))
      .where(
        and(
          eq(assessmentAttempts.apprenticeId, a.apprenticeId),
          eq(assessmentAttempts.status, 'marked'),
          sql`${assessmentResults.id} = (select max(r.id) from assessment_results r where r.attempt_id = ${assessmentAttempts.id})`,
          after(assessmentAttempts.submittedAt),
        ),
      )
      .orderBy(asc(assessmentAttempts.submittedAt), asc(assessmentAttempts.id)),
    db.select({ english: apprenticeships.englishStatus, maths: apprenticeships.mathsStatus, extraTimePercent: apprenticeships.extraTimePercent }).from(apprenticeships).where(eq(apprenticeships.id, a.id)),
    // The status then: what the first change after the last review's day changed it from (the audit log keeps each change's before).
    since
      ? db
          .select({ before: auditLog.before })
          .from(auditLog)
          .where(and(eq(auditLog.entityType, 'apprenticeship'), eq(auditLog.entityId, a.id), eq(auditLog.action, 'apprenticeship.update'), sql`${ukDateOf(auditLog.at)} > ${since}::date`))
          .orderBy(asc(auditLog.at), asc(auditLog.id))
          .limit(1)
      : Promise.resolve([]),
    planInForce(db, a.id),
  ]);
  const now: Skills = { english: skills!.english, maths: skills!.maths };
  const before = firstChange?.before as { englishStatus?: SkillStatus; mathsStatus?: SkillStatus } | undefined;
  const then: Skills | null = since ? { english: before?.englishStatus ?? now.english, maths: before?.mathsStatus ?? now.maths } : null;
  const ksbOrder = (x: string, y: string) => 'KSB'.indexOf(x[0]!) - 'KSB'.indexOf(y[0]!) || Number(x.slice(1)) - Number(y.slice(1));
  return {
    since,
    startDate: a.startDate,
    evidenceAccepted: Number(evidenceRow?.n ?? 0),
    ksbsNewlyMet: newlyMet.map((k) => k.code).sort(ksbOrder),
    otjHoursLogged: round2((otjRow?.minutes ?? 0) / 60),
    mocks: mocks.filter((m) => m.grade && m.percent !== null).map((m) => ({ title: m.title, grade: m.grade!, percent: Number(m.percent), at: m.at! })),
    englishMaths: { now, then },
    planVersion: plan?.version ?? null,
    prefill: {
      englishMaths: englishMathsText(now, then),
      supportDiscussed: supportText(plan, skills!.extraTimePercent),
      targets: targetsText(last?.targets ?? null),
    },
  };
}
export type SinceLastReview = Awaited<ReturnType<typeof sinceLastReview>>;

function rowsOf<T>(r: unknown): T[] {
  return (Array.isArray(r) ? r : ((r as { rows?: unknown[] }).rows ?? [])) as T[];
}
