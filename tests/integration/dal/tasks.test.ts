import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { countOtjToReview, listCohortProgress, listOtjToReview, listTasks } from '@/lib/dal';
import {
  apprenticeships,
  assessmentAttempts,
  assessmentBlueprints,
  assessmentInvitations,
  assessmentMarks,
  assessmentSittings,
  auditLog,
  codingAttempts,
  evidence,
  evidenceKsbDecisions,
  evidenceReviews,
  gatewayConfirmations,
  initialAssessments,
  otjEntries,
  progressReviews,
  questionAnswers,
  queryAttempts,
  queryScenarios,
  trainerAssignments,
  trainingPlans,
  users,
  witnessStatements,
} from '@/db/schema';
import { ukToday } from '@/lib/otj/plan';
import { DEFAULT_PROGRESS_SETTINGS } from '@/lib/progress/settings';
import { adminTasks, apprenticeTasks, employerTasks, isNewStarter, planTasks, sortTasks, startHere, trainerTasks, WITNESS_RETURNED_DAYS, type Confirmations, type Task } from '@/lib/tasks/rules';
import type { Viewer } from '@/lib/dal/viewer';
import { createTestDb, type TestDb } from '../helpers/test-db';
import { learningSchedules } from '@/lib/dal/schedules';

/**
 * "Needs you" (issue 17): the task list the data access layer computes in a few statements equals the same
 * rules applied to a plain computation over every seeded row, read table by table and filtered in
 * JavaScript by the relationships of each role. Demo data plus rows added here so every kind appears.
 */
let t: TestDb;
// One clock for both sides: the demo data is seeded relative to the day the test runs.
const NOW = new Date();
const TODAY = ukToday();

type All = Awaited<ReturnType<typeof loadAll>>;
async function loadAll() {
  const db = t.db;
  return {
    users: await db.select().from(users),
    apprenticeships: await db.select().from(apprenticeships),
    assignments: await db.select().from(trainerAssignments),
    evidence: await db.select().from(evidence),
    reviews: await db.select().from(evidenceReviews),
    decisions: await db.select().from(evidenceKsbDecisions),
    witness: await db.select().from(witnessStatements),
    otj: await db.select().from(otjEntries),
    progressReviews: await db.select().from(progressReviews),
    confirmations: await db.select().from(gatewayConfirmations),
    sittings: await db.select().from(assessmentSittings),
    invitations: await db.select().from(assessmentInvitations),
    attempts: await db.select().from(assessmentAttempts),
    blueprints: await db.select().from(assessmentBlueprints),
    marks: await db.select({ attemptId: assessmentMarks.attemptId, item: assessmentMarks.item }).from(assessmentMarks),
    coding: await db.select({ apprenticeId: codingAttempts.apprenticeId, createdAt: codingAttempts.createdAt }).from(codingAttempts),
    answers: await db.select({ apprenticeId: questionAnswers.apprenticeId, createdAt: questionAnswers.createdAt }).from(questionAnswers),
    queryAttempts: await db.select().from(queryAttempts),
    queryScenarios: await db.select({ id: queryScenarios.id, title: queryScenarios.title }).from(queryScenarios),
    initialAssessments: await db.select().from(initialAssessments), // issue 20: initial assessment
    audit: await db.select().from(auditLog).where(sql`${auditLog.action} in ('auth.locked', 'auth.sign_in', 'user.unlock')`),
    trainingPlans: await db.select().from(trainingPlans), // issue 20: training plan
    // issue 20: the signed plan in force and breaks, by the one loader every view uses (tested in breaks.test.ts).
    schedules: await learningSchedules(db, (await db.select({ id: apprenticeships.id }).from(apprenticeships)).map((r) => r.id)),
  };
}

// issue 20: training plan. The latest version of each apprenticeship the viewer signs for, not superseded, their side unsigned.
function withPlans(a: All, v: Viewer, tasks: Task[]): Task[] {
  if (v.role === 'admin') return tasks;
  const mine = a.apprenticeships.filter((x) =>
    v.role === 'apprentice' ? x.apprenticeId === v.userId : v.role === 'employer' ? x.employerId === v.organisationId : a.assignments.some((s) => s.apprenticeshipId === x.id && s.trainerId === v.userId),
  );
  const rows = mine.flatMap((x) => {
    const latest = a.trainingPlans.filter((p) => p.apprenticeshipId === x.id).sort((p, q) => q.version - p.version)[0];
    if (!latest || latest.supersededAt) return [];
    const unsigned = v.role === 'apprentice' ? !latest.apprenticeSignedAt : v.role === 'employer' ? !latest.employerSignedAt : !latest.providerSignedAt;
    return unsigned ? [{ id: latest.id, apprenticeshipId: x.id, version: latest.version, apprenticeName: nameOf(a, x.apprenticeId), createdAt: latest.createdAt }] : [];
  });
  return sortTasks([...tasks, ...planTasks(rows, v.role)]);
}

const nameOf = (a: All, id: string) => a.users.find((u) => u.id === id)!.name;
const confirmationsOf = (a: All, apprenticeshipId: string): Confirmations => ({
  trainer: a.confirmations.some((c) => c.apprenticeshipId === apprenticeshipId && c.role === 'trainer'),
  employer: a.confirmations.some((c) => c.apprenticeshipId === apprenticeshipId && c.role === 'employer'),
});
function ksbsMetOf(a: All, apprenticeId: string) {
  const met = new Set<string>();
  for (const e of a.evidence.filter((x) => x.apprenticeId === apprenticeId && x.status === 'accepted'))
    for (const d of a.decisions.filter((x) => x.reviewId === e.standingReviewId && x.met)) met.add(d.ksbCode);
  return met.size;
}
const lastReviewOf = (a: All, apprenticeshipId: string) =>
  a.progressReviews
    .filter((r) => r.apprenticeshipId === apprenticeshipId)
    .map((r) => r.reviewDate)
    .sort()
    .at(-1) ?? null;
function lastActivityOf(a: All, apprenticeId: string): Date | null {
  const times = [
    ...a.coding.filter((x) => x.apprenticeId === apprenticeId).map((x) => x.createdAt.getTime()),
    ...a.answers.filter((x) => x.apprenticeId === apprenticeId).map((x) => x.createdAt.getTime()),
    ...a.evidence.filter((x) => x.apprenticeId === apprenticeId).map((x) => x.updatedAt.getTime()),
    ...a.otj.filter((x) => x.apprenticeId === apprenticeId).map((x) => new Date(`${x.activityDate}T00:00:00Z`).getTime()),
  ];
  return times.length ? new Date(Math.max(...times)) : null;
}
const assigned = (a: All, trainerId: string) => new Set(a.assignments.filter((x) => x.trainerId === trainerId).map((x) => x.apprenticeshipId));

function plainApprentice(a: All, v: Viewer) {
  const own = a.apprenticeships
    .filter((x) => x.apprenticeId === v.userId)
    .sort((x, y) => Number(y.status === 'active') - Number(x.status === 'active') || y.startDate.localeCompare(x.startDate))[0];
  const returnedFrom = new Date(`${TODAY}T00:00:00Z`).getTime() - WITNESS_RETURNED_DAYS * 86_400_000;
  const mine = a.evidence.filter((e) => e.apprenticeId === v.userId);
  const tasks = apprenticeTasks(
    {
      referred: mine
        .filter((e) => e.status === 'referred')
        .map((e) => ({ id: e.id, title: e.title, decidedAt: a.reviews.find((r) => r.id === e.standingReviewId)?.createdAt ?? e.updatedAt })),
      reviewsToSign: a.progressReviews
        .filter((r) => r.apprenticeSignedAt === null && a.apprenticeships.some((x) => x.id === r.apprenticeshipId && x.apprenticeId === v.userId))
        .map((r) => ({ id: r.id, reviewDate: r.reviewDate, trainerName: nameOf(a, r.trainerId), createdAt: r.createdAt })),
      witness: a.witness
        .filter((w) => mine.some((e) => e.id === w.evidenceId) && (w.status === 'requested' || (w.signedAt && w.signedAt.getTime() > returnedFrom)))
        .map((w) => ({ id: w.id, evidenceId: w.evidenceId, evidenceTitle: mine.find((e) => e.id === w.evidenceId)!.title, witnessName: nameOf(a, w.witnessId), status: w.status, requestedAt: w.requestedAt, signedAt: w.signedAt })),
      sittings: a.sittings
        .filter((s) => s.closesAt > NOW && a.invitations.some((i) => i.sittingId === s.id && i.apprenticeId === v.userId) && !a.attempts.some((x) => x.sittingId === s.id && x.apprenticeId === v.userId))
        .map((s) => ({ id: s.id, title: a.blueprints.find((b) => b.id === s.blueprintId)!.title, opensAt: s.opensAt, closesAt: s.closesAt })),
      inProgress: a.attempts
        .filter((x) => x.apprenticeId === v.userId && x.status === 'in_progress')
        .map((x) => ({ id: x.id, title: a.blueprints.find((b) => b.id === x.blueprintId)!.title, deadline: x.deadline })),
      apprenticeship:
        own && own.status === 'active'
          ? {
              id: own.id,
              startDate: own.startDate,
              plannedEndDate: own.plannedEndDate,
              plannedOtjHours: own.plannedOtjHours,
              otjMinutes: a.otj.filter((o) => o.apprenticeId === v.userId && o.status !== 'queried').reduce((n, o) => n + o.minutes, 0),
              ksbsMet: ksbsMetOf(a, v.userId),
              english: own.englishStatus,
              maths: own.mathsStatus,
              lastReviewDate: lastReviewOf(a, own.id),
              schedule: a.schedules.get(own.id),
              confirmations: confirmationsOf(a, own.id),
              assessmentSubmitted: a.initialAssessments.some((x) => x.apprenticeshipId === own.id && x.submittedAt !== null), // issue 20
            }
          : null,
      reviewIntervalWeeks: DEFAULT_PROGRESS_SETTINGS.reviewIntervalWeeks,
    },
    TODAY,
    NOW,
  );
  const facts = {
    ksbsMet: ksbsMetOf(a, v.userId),
    attempts: a.coding.filter((x) => x.apprenticeId === v.userId).length,
    answers: a.answers.filter((x) => x.apprenticeId === v.userId).length,
    evidence: mine.length,
    otjEntries: a.otj.filter((o) => o.apprenticeId === v.userId).length,
  };
  return { tasks, startHere: own && isNewStarter(facts) ? startHere(facts) : null };
}

function plainOtjQueue(a: All, v: Viewer) {
  const mine = assigned(a, v.userId);
  const inScope = (apprenticeId: string) => a.apprenticeships.some((x) => x.apprenticeId === apprenticeId && mine.has(x.id));
  const byApprentice = new Map<string, (typeof a.otj)[number][]>();
  for (const o of a.otj.filter((o) => o.status === 'logged' && inScope(o.apprenticeId))) byApprentice.set(o.apprenticeId, [...(byApprentice.get(o.apprenticeId) ?? []), o]);
  return [...byApprentice].map(([apprenticeId, entries]) => ({
    apprenticeshipId: a.apprenticeships
      .filter((x) => x.apprenticeId === apprenticeId)
      .sort((x, y) => Number(y.status === 'active') - Number(x.status === 'active') || y.startDate.localeCompare(x.startDate) || x.id.localeCompare(y.id))[0]!.id,
    apprenticeName: nameOf(a, apprenticeId),
    entries: entries.length,
    minutes: entries.reduce((n, o) => n + o.minutes, 0),
    oldest: new Date(Math.min(...entries.map((o) => o.createdAt.getTime()))),
  }));
}

/** Written answers of submitted papers with no mark yet, for the trainer's apprentices. */
function writtenToMark(a: All, mine: Set<string>) {
  return a.attempts
    .filter((x) => x.status === 'submitted' && a.apprenticeships.some((p) => p.apprenticeId === x.apprenticeId && mine.has(p.id)))
    .flatMap((x) =>
      x.items
        .map((item, i) => ({ item, i }))
        .filter(({ item, i }) => item.kind === 'written' && !a.marks.some((m) => m.attemptId === x.id && m.item === i))
        .map(({ i }) => ({ attemptId: x.id, item: i, title: a.blueprints.find((b) => b.id === x.blueprintId)!.title, apprenticeName: nameOf(a, x.apprenticeId), submittedAt: x.submittedAt ?? new Date(0) })),
    );
}

function plainTrainer(a: All, v: Viewer) {
  const mine = assigned(a, v.userId);
  const inScope = (apprenticeId: string) => a.apprenticeships.some((x) => x.apprenticeId === apprenticeId && mine.has(x.id));
  return trainerTasks(
    {
      toMark: a.evidence
        .filter((e) => e.status === 'submitted' && inScope(e.apprenticeId))
        .map((e) => ({ id: e.id, title: e.title, apprenticeName: nameOf(a, e.apprenticeId), submittedAt: e.submittedAt ?? e.updatedAt, versionNo: e.submissionNo })),
      written: writtenToMark(a, mine),
      queries: a.queryAttempts
        .filter((q) => q.status === 'submitted' && inScope(q.apprenticeId))
        .map((q) => ({ id: q.id, title: a.queryScenarios.find((s) => s.id === q.scenarioId)!.title, apprenticeName: nameOf(a, q.apprenticeId), submittedAt: q.createdAt })),
      otj: plainOtjQueue(a, v),
      apprenticeships: a.apprenticeships
        .filter((x) => mine.has(x.id) && x.status === 'active')
        .map((x) => ({
          id: x.id,
          apprenticeName: nameOf(a, x.apprenticeId),
          startDate: x.startDate,
          lastReviewDate: lastReviewOf(a, x.id),
          schedule: a.schedules.get(x.id),
          lastActivity: lastActivityOf(a, x.apprenticeId),
          ksbsMet: ksbsMetOf(a, x.apprenticeId),
          confirmations: confirmationsOf(a, x.id),
        })),
      unsigned: a.progressReviews
        .filter((r) => r.trainerId === v.userId && mine.has(r.apprenticeshipId) && (r.apprenticeSignedAt === null || r.employerSignedAt === null))
        .map((r) => ({
          id: r.id,
          apprenticeName: nameOf(a, a.apprenticeships.find((x) => x.id === r.apprenticeshipId)!.apprenticeId),
          reviewDate: r.reviewDate,
          createdAt: r.createdAt,
          apprenticeSigned: r.apprenticeSignedAt !== null,
          employerSigned: r.employerSignedAt !== null,
        })),
      reviewIntervalWeeks: DEFAULT_PROGRESS_SETTINGS.reviewIntervalWeeks,
      inactivityWeeks: DEFAULT_PROGRESS_SETTINGS.inactivityWeeks,
      // issue 20: initial assessment
      assessmentsToConfirm: a.initialAssessments
        .filter((x) => x.submittedAt !== null && x.confirmedAt === null && mine.has(x.apprenticeshipId) && a.apprenticeships.some((y) => y.id === x.apprenticeshipId && y.status === 'active'))
        .map((x) => ({ apprenticeshipId: x.apprenticeshipId, apprenticeName: nameOf(a, a.apprenticeships.find((y) => y.id === x.apprenticeshipId)!.apprenticeId), submittedAt: x.submittedAt! })),
    },
    TODAY,
  );
}

/** The employer's tasks but "at red", whose rule (RAG) needs the whole progress picture: that is taken from the cohort table. */
function plainEmployer(a: All, v: Viewer, red: Set<string>) {
  const employed = (apprenticeshipId: string) => a.apprenticeships.some((x) => x.id === apprenticeshipId && x.employerId === v.organisationId);
  return employerTasks(
    {
      reviewsToSign: a.progressReviews
        .filter((r) => r.employerSignedAt === null && employed(r.apprenticeshipId))
        .map((r) => ({ id: r.id, apprenticeName: nameOf(a, a.apprenticeships.find((x) => x.id === r.apprenticeshipId)!.apprenticeId), reviewDate: r.reviewDate, trainerName: nameOf(a, r.trainerId), createdAt: r.createdAt })),
      witness: a.witness
        .filter((w) => w.witnessId === v.userId && w.status === 'requested')
        .map((w) => {
          const e = a.evidence.find((x) => x.id === w.evidenceId)!;
          return { id: w.id, apprenticeName: nameOf(a, e.apprenticeId), evidenceTitle: e.title, requestedAt: w.requestedAt };
        }),
      apprenticeships: a.apprenticeships
        .filter((x) => x.employerId === v.organisationId && x.status === 'active')
        .map((x) => ({
          id: x.id,
          apprenticeName: nameOf(a, x.apprenticeId),
          ksbsMet: ksbsMetOf(a, x.apprenticeId),
          confirmations: confirmationsOf(a, x.id),
          rag: { rag: red.has(x.id) ? ('red' as const) : ('green' as const), reasons: [] },
        })),
    },
    TODAY,
  );
}

function plainAdmin(a: All) {
  const since = NOW.getTime() - 15 * 60_000;
  const locked = a.users
    .map((u) => {
      const locks = a.audit.filter((e) => e.action === 'auth.locked' && e.entityType === 'user' && e.entityId === u.id && e.at.getTime() > since);
      const open = locks.filter((l) => !a.audit.some((e) => ['user.unlock', 'auth.sign_in'].includes(e.action) && e.entityType === 'user' && e.entityId === u.id && e.at > l.at));
      return open.length ? { userId: u.id, name: u.name, lockedAt: new Date(Math.max(...open.map((l) => l.at.getTime()))) } : null;
    })
    .filter((x) => x !== null);
  return adminTasks(
    {
      locked,
      neverSignedIn: a.users.filter((u) => u.active && !a.audit.some((e) => e.action === 'auth.sign_in' && e.actorId === u.id)).map((u) => ({ userId: u.id, name: u.name, role: u.role, createdAt: u.createdAt })),
      noTrainer: a.apprenticeships
        .filter((x) => x.status === 'active' && !a.assignments.some((s) => s.apprenticeshipId === x.id))
        .map((x) => ({ apprenticeshipId: x.id, apprenticeName: nameOf(a, x.apprenticeId), startDate: x.startDate })),
      failedJobs: [],
    },
    NOW,
  );
}

const strip = (tasks: { key: string }[]) => tasks.map((x) => JSON.parse(JSON.stringify(x)));

beforeAll(async () => {
  t = await createTestDb();
  // Rows the demo data lacks, so that each kind of task appears at least once.
  const ellie = await t.viewer('ellie.brooks@ashwell.example');
  const aisha = await t.viewer('aisha.rahman@ashwell.example');
  await t.db.insert(otjEntries).values({ apprenticeId: aisha.userId, activityDate: '2026-01-05', minutes: 90, activityType: 'teaching', description: 'Workshop on sequencing.', status: 'logged' });
  // Ellie locked out a few minutes ago (the audit entry authenticate() writes when a limit is reached).
  await t.db.insert(auditLog).values({ action: 'auth.locked', entityType: 'user', entityId: ellie.userId, at: new Date(NOW.getTime() - 5 * 60_000), after: { limit: 'account' } });
  // Mei's apprenticeship loses its trainer.
  const [mei] = await t.db.select({ id: apprenticeships.id }).from(apprenticeships).innerJoin(users, eq(users.id, apprenticeships.apprenticeId)).where(eq(users.email, 'mei.tanaka@ashwell.example'));
  await t.db.delete(trainerAssignments).where(eq(trainerAssignments.apprenticeshipId, mei!.id));
}, 180_000);
afterAll(async () => {
  await t?.close();
});

describe('"Needs you" tasks equal a plain computation over the seeded rows', () => {
  for (const email of ['sam.whitfield@ashwell.example', 'aisha.rahman@ashwell.example', 'ryan.doyle@ashwell.example', 'jordan.kaur@kingsmere.example', 'ellie.brooks@ashwell.example'])
    it(`for the apprentice ${email}`, async () => {
      const v = await t.viewer(email);
      const got = await listTasks(v, { now: NOW, today: TODAY });
      const all = await loadAll();
      const want = plainApprentice(all, v);
      expect(strip(got.tasks)).toEqual(strip(withPlans(all, v, want.tasks)));
      expect(got.startHere).toEqual(want.startHere);
    });

  it('for Ryan, a new starter, with the "start here" path and nothing done yet', async () => {
    const got = await listTasks(await t.viewer('ryan.doyle@ashwell.example'), { now: NOW, today: TODAY });
    // Four weeks in: some coding, questions and off-the-job hours, no evidence yet, nothing met.
    expect(got.startHere?.map((s) => [s.key, s.done])).toEqual([
      ['standard', false],
      ['case', true],
      ['questions', true],
      ['otj', true],
      ['evidence', false],
    ]);
    // Nobody else in the demo data has nothing met.
    for (const email of ['sam.whitfield@ashwell.example', 'jordan.kaur@kingsmere.example'])
      expect((await listTasks(await t.viewer(email), { now: NOW, today: TODAY })).startHere).toBeNull();
    expect(got.tasks.map((x) => x.kind)).toContain('next_review');
  });

  for (const email of ['trainer.patel@coderpathway.example', 'trainer.okafor@coderpathway.example'])
    it(`for the trainer ${email}, and the off-the-job queue and count`, async () => {
      const v = await t.viewer(email);
      const all = await loadAll();
      const got = await listTasks(v, { now: NOW, today: TODAY });
      expect(strip(got.tasks)).toEqual(strip(withPlans(all, v, plainTrainer(all, v))));
      expect(got.tasks.length).toBeGreaterThan(0);
      const queue = plainOtjQueue(all, v);
      const byId = (x: { apprenticeshipId: string }, y: { apprenticeshipId: string }) => x.apprenticeshipId.localeCompare(y.apprenticeshipId);
      expect([...(await listOtjToReview(v))].sort(byId)).toEqual(queue.sort(byId));
      expect(await countOtjToReview(v)).toBe(queue.reduce((n, q) => n + q.entries, 0));
    });

  for (const email of ['coding.manager@ashwell.example', 'coding.manager@kingsmere.example'])
    it(`for the employer contact ${email}`, async () => {
      const v = await t.viewer(email);
      const red = new Set((await listCohortProgress(v)).rows.filter((r) => r.rag.rag === 'red').map((r) => r.id));
      const got = await listTasks(v, { now: NOW, today: TODAY });
      const all = await loadAll();
      const want = withPlans(all, v, plainEmployer(all, v, red));
      // "At red" carries the RAG's reasons; the plain side knows only that it is red.
      expect(strip(got.tasks).map((x) => ({ ...x, detail: x.kind === 'at_red' ? null : x.detail }))).toEqual(strip(want).map((x) => ({ ...x, detail: x.kind === 'at_red' ? null : x.detail })));
    });

  it('for the admin', async () => {
    const got = await listTasks(await t.viewer('admin@coderpathway.example'), { now: NOW, today: TODAY });
    const want = plainAdmin(await loadAll());
    expect(strip(got.tasks.filter((x) => x.kind !== 'failed_jobs'))).toEqual(strip(want));
    expect(got.tasks.map((x) => x.kind)).toEqual(expect.arrayContaining(['account_locked', 'never_signed_in', 'no_trainer']));
  });

  it('a sign-in after the lock lifts it from the admin list', async () => {
    const ellie = await t.viewer('ellie.brooks@ashwell.example');
    await t.db.insert(auditLog).values({ action: 'auth.sign_in', actorId: ellie.userId, entityType: 'user', entityId: ellie.userId, at: new Date(NOW.getTime() - 60_000) });
    const got = await listTasks(await t.viewer('admin@coderpathway.example'), { now: NOW, today: TODAY });
    expect(got.tasks.some((x) => x.key === `account_locked:${ellie.userId}`)).toBe(false);
    expect(got.tasks.some((x) => x.key === `never_signed_in:${ellie.userId}`)).toBe(false);
  });
});
