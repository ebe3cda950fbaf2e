import 'server-only';
import { and, asc, eq, gt, isNotNull, isNull, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { getDb, type DbOrTx } from '@/db/client';
import {
  apprenticeships,
  assessmentAttempts,
  assessmentBlueprints,
  assessmentInvitations,
  assessmentSittings,
  auditLog,
  evidence,
  evidenceReviews,
  initialAssessments,
  otjEntries,
  progressReviews,
  trainerAssignments,
  users,
  witnessStatements,
} from '@/db/schema';
import { WINDOW_MS } from '@/lib/auth/throttle';
import { isoOfUtcDay, ukToday, utcDay } from '@/lib/otj/plan';
import { summarise } from '@/lib/progress/summary';
import {
  adminTasks,
  apprenticeTasks,
  countByKind,
  employerTasks,
  isNewStarter,
  planTasks,
  sortTasks,
  startHere,
  trainerTasks,
  WITNESS_RETURNED_DAYS,
  type Confirmations,
  type Task,
} from '@/lib/tasks/rules';
import { apprenticeIn, apprenticeshipsIn, authorize } from './access';
import { jobQueue } from './jobs';
import { learningSchedules } from './schedules';
import { factsQuery, ksbsMetSql, lastActivitySql, requestProgressSettings, toFacts } from './progress';
import { listReviewsToSign } from './reviews';
import { listWitnessRequests } from './witness';
import { listWrittenToMark } from './assessment-results';
import { listQueriesToMark } from './query-practice';
import { plansToSign } from './training-plans';
import type { Viewer } from './viewer';

const apprentice = alias(users, 'apprentice');
const witness = alias(users, 'witness');

/** The confirmations of readiness for gateway given on the apprenticeship, as two flags. */
const confirmationsSql = () =>
  sql<{ trainer: boolean; employer: boolean }>`(select json_build_object(
    'trainer', coalesce(bool_or(g.role = 'trainer'), false),
    'employer', coalesce(bool_or(g.role = 'employer'), false))
    from gateway_confirmations g where g.apprenticeship_id = ${apprenticeships.id})`;
const flags = (c: { trainer: boolean; employer: boolean } | null): Confirmations => ({ trainer: Boolean(c?.trainer), employer: Boolean(c?.employer) });

export type TaskList = {
  role: Viewer['role'];
  tasks: Task[];
  counts: Partial<Record<Task['kind'], number>>;
  /** A new starter's first steps (an apprentice who has done nothing yet), else null. */
  startHere: ReturnType<typeof startHere> | null;
};

/**
 * "Needs you": what the viewer has to act on now, computed from the data each time (never stored), in a
 * few set-based statements per role whatever the number of apprentices (lib/tasks/rules.ts has the rules).
 * `now` and `today` (the UK date) are passed in by tests; a page leaves them to the clock.
 */
export async function listTasks(viewer: Viewer, at: { now?: Date; today?: string } = {}): Promise<TaskList> {
  const scope = await authorize(viewer, 'tasks.read');
  const now = at.now ?? new Date();
  const today = at.today ?? ukToday();
  const db = await getDb();
  let tasks: Task[];
  let starter: TaskList['startHere'] = null;
  switch (viewer.role) {
    case 'apprentice': {
      const r = await apprenticeFacts(db, viewer, now, today);
      tasks = r.tasks;
      starter = r.starter;
      break;
    }
    case 'trainer':
      tasks = await trainerFacts(db, viewer, scope, today);
      break;
    case 'employer':
      tasks = await employerFacts(db, viewer, scope, now, today);
      break;
    case 'admin':
      tasks = await adminFacts(db, now);
      break;
  }
  // issue 20: training plan versions waiting for this viewer's signature.
  if (viewer.role !== 'admin') tasks = sortTasks([...tasks, ...planTasks(await plansToSign(db, viewer), viewer.role)]);
  return { role: viewer.role, tasks, counts: countByKind(tasks), startHere: starter };
}

async function apprenticeFacts(db: DbOrTx, viewer: Viewer, now: Date, today: string) {
  const s = await requestProgressSettings();
  const returnedFrom = new Date(`${isoOfUtcDay(utcDay(today) - WITNESS_RETURNED_DAYS)}T00:00:00Z`);
  const [referred, reviewsToSign, witnessRows, sittings, inProgress, [own]] = await Promise.all([
    db
      .select({ id: evidence.id, title: evidence.title, decidedAt: sql<Date>`coalesce(${evidenceReviews.createdAt}, ${evidence.updatedAt})`.mapWith((v) => new Date(v)) })
      .from(evidence)
      .leftJoin(evidenceReviews, eq(evidenceReviews.id, evidence.standingReviewId))
      .where(and(eq(evidence.apprenticeId, viewer.userId), eq(evidence.status, 'referred')))
      .orderBy(asc(evidence.id)),
    listReviewsToSign(viewer),
    db
      .select({
        id: witnessStatements.id,
        evidenceId: evidence.id,
        evidenceTitle: evidence.title,
        witnessName: witness.name,
        status: witnessStatements.status,
        requestedAt: witnessStatements.requestedAt,
        signedAt: witnessStatements.signedAt,
      })
      .from(witnessStatements)
      .innerJoin(evidence, eq(evidence.id, witnessStatements.evidenceId))
      .innerJoin(witness, eq(witness.id, witnessStatements.witnessId))
      .where(and(eq(evidence.apprenticeId, viewer.userId), or(eq(witnessStatements.status, 'requested'), gt(witnessStatements.signedAt, returnedFrom)))),
    db
      .select({ id: assessmentSittings.id, title: assessmentBlueprints.title, opensAt: assessmentSittings.opensAt, closesAt: assessmentSittings.closesAt })
      .from(assessmentSittings)
      .innerJoin(assessmentInvitations, and(eq(assessmentInvitations.sittingId, assessmentSittings.id), eq(assessmentInvitations.apprenticeId, viewer.userId)))
      .innerJoin(assessmentBlueprints, eq(assessmentBlueprints.id, assessmentSittings.blueprintId))
      .where(and(gt(assessmentSittings.closesAt, now), sql`not exists (select 1 from assessment_attempts a where a.sitting_id = ${assessmentSittings.id} and a.apprentice_id = ${viewer.userId})`)),
    db
      .select({ id: assessmentAttempts.id, title: assessmentBlueprints.title, deadline: assessmentAttempts.deadline })
      .from(assessmentAttempts)
      .innerJoin(assessmentBlueprints, eq(assessmentBlueprints.id, assessmentAttempts.blueprintId))
      .where(and(eq(assessmentAttempts.apprenticeId, viewer.userId), eq(assessmentAttempts.status, 'in_progress'))),
    // The apprentice's current apprenticeship (an active one first, then the latest) and what a new starter has done.
    db
      .select({
        id: apprenticeships.id,
        startDate: apprenticeships.startDate,
        plannedEndDate: apprenticeships.plannedEndDate,
        plannedOtjHours: apprenticeships.plannedOtjHours,
        status: apprenticeships.status,
        english: apprenticeships.englishStatus,
        maths: apprenticeships.mathsStatus,
        otjMinutes: sql<number>`(select coalesce(sum(o.minutes), 0) from otj_entries o where o.apprentice_id = ${apprenticeships.apprenticeId} and o.status <> 'queried')`.mapWith(Number),
        ksbsMet: ksbsMetSql(),
        lastReviewDate: sql<string | null>`(select max(pr.review_date)::text from progress_reviews pr where pr.apprenticeship_id = ${apprenticeships.id})`,
        confirmations: confirmationsSql(),
        attempts: sql<number>`(select count(*) from (select 1 from coding_attempts x where x.apprentice_id = ${apprenticeships.apprenticeId} limit 1) c)`.mapWith(Number),
        answers: sql<number>`(select count(*) from (select 1 from question_answers x where x.apprentice_id = ${apprenticeships.apprenticeId} limit 1) c)`.mapWith(Number),
        evidence: sql<number>`(select count(*) from (select 1 from evidence x where x.apprentice_id = ${apprenticeships.apprenticeId} limit 1) c)`.mapWith(Number),
        otjEntries: sql<number>`(select count(*) from (select 1 from otj_entries x where x.apprentice_id = ${apprenticeships.apprenticeId} limit 1) c)`.mapWith(Number),
        // issue 20: initial assessment
        assessmentSubmitted: sql<boolean>`exists (select 1 from initial_assessments ia where ia.apprenticeship_id = ${apprenticeships.id} and ia.submitted_at is not null)`,
      })
      .from(apprenticeships)
      // The join makes drizzle qualify the columns (it leaves a one-table query's bare), which the subqueries
      // above need: a bare "id" inside them would be their own table's.
      .innerJoin(apprentice, eq(apprentice.id, apprenticeships.apprenticeId))
      .where(eq(apprenticeships.apprenticeId, viewer.userId))
      .orderBy(sql`${apprenticeships.status} = 'active' desc`, sql`${apprenticeships.startDate} desc`, asc(apprenticeships.id))
      .limit(1),
  ]);
  // issue 20: the signed plan in force and breaks drive the expectation and the dates.
  const ownSchedule = own ? (await learningSchedules(db, [own.id])).get(own.id) : undefined;
  const tasks = apprenticeTasks(
    {
      referred,
      reviewsToSign,
      witness: witnessRows,
      sittings,
      inProgress,
      apprenticeship: own && own.status === 'active' ? { ...own, schedule: ownSchedule, confirmations: flags(own.confirmations) } : null,
      reviewIntervalWeeks: s.reviewIntervalWeeks,
    },
    today,
    now,
  );
  return { tasks, starter: own && isNewStarter(own) ? startHere(own) : null };
}

async function trainerFacts(db: DbOrTx, viewer: Viewer, scope: Awaited<ReturnType<typeof authorize>>, today: string) {
  const s = await requestProgressSettings();
  const [toMark, written, queries, otj, mine, unsigned, assessmentsToConfirm] = await Promise.all([
    db
      .select({ id: evidence.id, title: evidence.title, apprenticeName: apprentice.name, submittedAt: sql<Date>`coalesce(${evidence.submittedAt}, ${evidence.updatedAt})`.mapWith((v) => new Date(v)), versionNo: evidence.submissionNo })
      .from(evidence)
      .innerJoin(apprentice, eq(apprentice.id, evidence.apprenticeId))
      .where(and(eq(evidence.status, 'submitted'), apprenticeIn(viewer, scope, evidence.apprenticeId))),
    listWrittenToMark(viewer).then((rows) => rows.map((w) => ({ ...w, submittedAt: w.submittedAt ?? new Date(0) }))),
    listQueriesToMark(viewer),
    otjToReview(db, viewer, scope),
    db
      .select({
        id: apprenticeships.id,
        apprenticeName: apprentice.name,
        startDate: apprenticeships.startDate,
        lastReviewDate: sql<string | null>`(select max(pr.review_date)::text from progress_reviews pr where pr.apprenticeship_id = ${apprenticeships.id})`,
        lastActivity: lastActivitySql(),
        ksbsMet: ksbsMetSql(),
        confirmations: confirmationsSql(),
      })
      .from(apprenticeships)
      .innerJoin(apprentice, eq(apprentice.id, apprenticeships.apprenticeId))
      .where(and(apprenticeshipsIn(viewer, scope), eq(apprenticeships.status, 'active'))),
    db
      .select({
        id: progressReviews.id,
        apprenticeName: apprentice.name,
        reviewDate: progressReviews.reviewDate,
        createdAt: progressReviews.createdAt,
        apprenticeSigned: sql<boolean>`${progressReviews.apprenticeSignedAt} is not null`,
        employerSigned: sql<boolean>`${progressReviews.employerSignedAt} is not null`,
      })
      .from(progressReviews)
      .innerJoin(apprenticeships, eq(apprenticeships.id, progressReviews.apprenticeshipId))
      .innerJoin(apprentice, eq(apprentice.id, apprenticeships.apprenticeId))
      .where(and(eq(progressReviews.trainerId, viewer.userId), or(isNull(progressReviews.apprenticeSignedAt), isNull(progressReviews.employerSignedAt)), apprenticeshipsIn(viewer, scope))),
    // issue 20: initial assessment. Submitted and not yet confirmed, for the trainer's active apprenticeships.
    db
      .select({ apprenticeshipId: apprenticeships.id, apprenticeName: apprentice.name, submittedAt: sql<Date>`${initialAssessments.submittedAt}`.mapWith((v) => new Date(v)) })
      .from(initialAssessments)
      .innerJoin(apprenticeships, eq(apprenticeships.id, initialAssessments.apprenticeshipId))
      .innerJoin(apprentice, eq(apprentice.id, apprenticeships.apprenticeId))
      .where(and(isNotNull(initialAssessments.submittedAt), isNull(initialAssessments.confirmedAt), eq(apprenticeships.status, 'active'), apprenticeshipsIn(viewer, scope))),
  ]);
  const schedules = await learningSchedules(db, mine.map((a) => a.id)); // issue 20: three queries for them all
  return trainerTasks(
    {
      toMark,
      written,
      queries,
      otj,
      apprenticeships: mine.map((a) => ({ ...a, schedule: schedules.get(a.id), lastActivity: a.lastActivity ? new Date(a.lastActivity) : null, confirmations: flags(a.confirmations) })),
      unsigned,
      reviewIntervalWeeks: s.reviewIntervalWeeks,
      inactivityWeeks: s.inactivityWeeks,
      assessmentsToConfirm,
    },
    today,
  );
}

async function employerFacts(db: DbOrTx, viewer: Viewer, scope: Awaited<ReturnType<typeof authorize>>, now: Date, today: string) {
  const s = await requestProgressSettings();
  const [reviewsToSign, witnessRows, facts] = await Promise.all([
    listReviewsToSign(viewer),
    listWitnessRequests(viewer),
    factsQuery(db, and(apprenticeshipsIn(viewer, scope), eq(apprenticeships.status, 'active'))!, s),
  ]);
  const schedules = await learningSchedules(db, facts.map((r) => r.id)); // issue 20
  return employerTasks(
    {
      reviewsToSign,
      witness: witnessRows.filter((w) => w.status === 'requested').map((w) => ({ id: w.id, apprenticeName: w.apprenticeName, evidenceTitle: w.evidenceTitle, requestedAt: w.requestedAt })),
      apprenticeships: facts.map((r) => {
        const f = { ...toFacts(r), schedule: schedules.get(r.id) };
        return {
          id: r.id,
          apprenticeName: r.apprenticeName,
          ksbsMet: r.ksbsMet,
          confirmations: { trainer: f.confirmations.some((c) => c.role === 'trainer'), employer: f.confirmations.some((c) => c.role === 'employer') },
          rag: summarise(f, s, now).rag,
        };
      }),
    },
    today,
  );
}

async function adminFacts(db: DbOrTx, now: Date) {
  const lockedSince = new Date(now.getTime() - WINDOW_MS);
  const [locked, neverSignedIn, noTrainer, failedJobs] = await Promise.all([
    // A lock (auth.locked) within the throttle window, not lifted since by an unlock or a sign-in.
    db
      .select({ userId: users.id, name: users.name, lockedAt: sql<Date>`max(${auditLog.at})`.mapWith((v) => new Date(v)) })
      .from(auditLog)
      .innerJoin(users, sql`${users.id}::text = ${auditLog.entityId}`)
      .where(
        and(
          eq(auditLog.entityType, 'user'),
          eq(auditLog.action, 'auth.locked'),
          gt(auditLog.at, lockedSince),
          sql`not exists (select 1 from audit_log l where l.entity_type = 'user' and l.entity_id = ${auditLog.entityId}
                and l.action in ('user.unlock', 'auth.sign_in') and l.at > ${auditLog.at})`,
        ),
      )
      .groupBy(users.id, users.name),
    db
      .select({ userId: users.id, name: users.name, role: users.role, createdAt: users.createdAt })
      .from(users)
      .where(and(eq(users.active, true), sql`not exists (select 1 from audit_log l where l.actor_id = ${users.id} and l.action = 'auth.sign_in')`)),
    db
      .select({ apprenticeshipId: apprenticeships.id, apprenticeName: apprentice.name, startDate: apprenticeships.startDate })
      .from(apprenticeships)
      .innerJoin(apprentice, eq(apprentice.id, apprenticeships.apprenticeId))
      .where(and(eq(apprenticeships.status, 'active'), sql`not exists (select 1 from ${trainerAssignments} where ${trainerAssignments.apprenticeshipId} = ${apprenticeships.id})`)),
    failedJobCounts(),
  ]);
  return adminTasks({ locked, neverSignedIn, noTrainer, failedJobs }, now);
}

async function failedJobCounts(): Promise<{ queue: string; failed: number }[]> {
  const counts = await (await jobQueue()).counts();
  const byQueue = new Map<string, number>();
  for (const c of counts) if (c.state === 'failed') byQueue.set(c.queue, (byQueue.get(c.queue) ?? 0) + c.count);
  return [...byQueue].map(([queue, failed]) => ({ queue, failed }));
}

/**
 * Off-the-job entries waiting for the trainer's review (logged, neither accepted nor queried), one row per
 * apprentice with the apprenticeship whose log page reviews them (an active one first).
 */
function otjToReview(db: DbOrTx, viewer: Viewer, scope: Awaited<ReturnType<typeof authorize>>) {
  return db
    .select({
      apprenticeshipId: sql<string>`(select a2.id from apprenticeships a2 where a2.apprentice_id = ${otjEntries.apprenticeId}
        order by a2.status = 'active' desc, a2.start_date desc, a2.id limit 1)`,
      apprenticeName: apprentice.name,
      entries: sql<number>`count(*)`.mapWith(Number),
      minutes: sql<number>`sum(${otjEntries.minutes})`.mapWith(Number),
      oldest: sql<Date>`min(${otjEntries.createdAt})`.mapWith((v) => new Date(v)),
    })
    .from(otjEntries)
    .innerJoin(apprentice, eq(apprentice.id, otjEntries.apprenticeId))
    .where(and(eq(otjEntries.status, 'logged'), apprenticeIn(viewer, scope, otjEntries.apprenticeId)))
    .groupBy(otjEntries.apprenticeId, apprentice.name)
    .orderBy(sql`min(${otjEntries.createdAt})`, asc(otjEntries.apprenticeId));
}

/** The trainer's off-the-job entries to review, per apprentice, oldest first (the marking page lists them). */
export async function listOtjToReview(viewer: Viewer) {
  const scope = await authorize(viewer, 'otj.review');
  return otjToReview(await getDb(), viewer, scope);
}

/** How many off-the-job entries wait for the trainer's review: part of the navigation's marking count. */
export async function countOtjToReview(viewer: Viewer): Promise<number> {
  const scope = await authorize(viewer, 'otj.review');
  const db = await getDb();
  const [row] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(otjEntries)
    .where(and(eq(otjEntries.status, 'logged'), apprenticeIn(viewer, scope, otjEntries.apprenticeId)));
  return row?.n ?? 0;
}
