import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray, ne } from 'drizzle-orm';
import { getProgressReview, listProgressReviews, recordProgressReview } from '@/lib/dal';
import {
  apprenticeships,
  assessmentAttempts,
  assessmentBlueprints,
  assessmentResults,
  auditLog,
  evidence,
  evidenceKsbDecisions,
  evidenceReviews,
  learningBreaks,
  otjEntries,
  progressReviews,
  trainerAssignments,
  trainingPlans,
  users,
} from '@/db/schema';
import { ZodError } from 'zod';
import { FieldError } from '@/lib/errors';
import type { Viewer } from '@/lib/dal/viewer';
import { createTestDb, type TestDb } from '../helpers/test-db';

/** Issue 20 point 4: the funding rules' minimum content, the review interval with breaks, what changed since the last review. */
let t: TestDb;
let patel: Viewer;
let helen: Viewer;
let kim: Viewer; // a new apprentice with a fresh apprenticeship, so no other test's reviews get in the way
let kimApprenticeship: string;

const review = (apprenticeshipId: string, over: Record<string, unknown> = {}) => ({
  apprenticeshipId,
  reviewDate: '2026-02-02',
  progressSummary: 'Kim has coded forty day cases against the plan and is ahead on outpatients.',
  ksbsDiscussed: ['K1'],
  targets: 'Complete the dagger and asterisk module before the next review.',
  englishMaths: 'English: achieved. Maths: in progress, exam booked for March.',
  supportDiscussed: 'Written task lists agreed as a reasonable adjustment; working well.',
  wellbeing: 'Settled in the team.',
  safeguardingConcern: 'no' as const,
  safeguardingNotes: '',
  ...over,
});

const ukDate = (d: Date) => d.toLocaleDateString('en-CA', { timeZone: 'Europe/London' });

beforeAll(async () => {
  t = await createTestDb();
  [patel, helen] = (await Promise.all(['trainer.patel@coderpathway.example', 'coding.manager@ashwell.example'].map((e) => t.viewer(e)))) as [Viewer, Viewer];
  const [sams] = await t.db.select().from(apprenticeships).innerJoin(users, eq(users.id, apprenticeships.apprenticeId)).where(eq(users.email, 'sam.whitfield@ashwell.example'));
  const [u] = await t.db.insert(users).values({ email: 'kim.new@ashwell.example', name: 'Kim New', role: 'apprentice', organisationId: helen.organisationId }).returning({ id: users.id });
  const [a] = await t.db
    .insert(apprenticeships)
    .values({ apprenticeId: u!.id, employerId: sams!.apprenticeships.employerId, standardId: sams!.apprenticeships.standardId, startDate: '2026-01-05', plannedEndDate: '2027-07-05', weeklyHours: 30, plannedOtjHours: 400, extraTimePercent: 25 })
    .returning({ id: apprenticeships.id });
  kimApprenticeship = a!.id;
  await t.db.insert(trainerAssignments).values({ trainerId: patel.userId, apprenticeshipId: kimApprenticeship });
  kim = await t.viewer('kim.new@ashwell.example');
});
afterAll(() => t.close());

describe('the minimum content', () => {
  it('requires English and maths and support, beside the field, and refuses an NHS number in them', async () => {
    const field = async (over: Record<string, unknown>) => {
      const e = await recordProgressReview(patel, review(kimApprenticeship, over)).catch((x: unknown) => x);
      // Refused by the schema (a ZodError naming the field) or by the data access layer (a FieldError).
      if (e instanceof ZodError) return e.issues.map((i) => i.path[0]).join(',');
      expect(e).toBeInstanceOf(FieldError);
      return (e as FieldError).field;
    };
    expect(await field({ englishMaths: '' })).toBe('englishMaths');
    expect(await field({ englishMaths: undefined })).toBe('englishMaths');
    expect(await field({ supportDiscussed: 'ok' })).toBe('supportDiscussed');
    expect(await field({ supportDiscussed: 'Support for the patient 943 476 5919 letters.' })).toBe('supportDiscussed');
    expect(await field({ englishMaths: 'Maths exam for 943 476 5919 booked.' })).toBe('englishMaths');
    expect(await t.db.select().from(progressReviews).where(eq(progressReviews.apprenticeshipId, kimApprenticeship))).toHaveLength(0);
  });

  it('stores them with the plan version in force: none, then the latest version all three signed', async () => {
    const first = await recordProgressReview(patel, review(kimApprenticeship));
    const signed = new Date('2026-01-10T10:00:00Z');
    const plan = (version: number, allSigned: boolean) => ({
      apprenticeshipId: kimApprenticeship,
      version,
      plannedStartDate: '2026-01-05',
      plannedEndDate: '2027-07-05',
      durationMonths: 18,
      weeklyHours: 30,
      rulesYear: '2025-26',
      standardOtjHours: 400,
      plannedOtjHours: 400,
      activities: [],
      support: `Support of version ${version}.`,
      reasonableAdjustments: 'Written task lists.',
      englishPlan: 'Achieved at GCSE.',
      mathsPlan: 'Functional skills Level 2 by month 6.',
      createdBy: patel.userId,
      apprenticeSignedAt: signed,
      employerSignerId: helen.userId,
      employerSignedName: 'Helen Birch',
      employerSignedAt: signed,
      providerSignerId: patel.userId,
      providerSignedName: 'Priya Patel',
      providerSignedAt: allSigned ? signed : null,
    });
    await t.db.insert(trainingPlans).values([plan(1, true), plan(2, true), plan(3, false)]);
    const second = await recordProgressReview(patel, review(kimApprenticeship, { reviewDate: '2026-02-16' }));
    const rows = await t.db.select().from(progressReviews).where(inArray(progressReviews.id, [first.id, second.id]));
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(first.id)).toMatchObject({ planVersion: null, englishMaths: review('').englishMaths, supportDiscussed: review('').supportDiscussed });
    expect(byId.get(second.id)!.planVersion).toBe(2);
    const audit = await t.db.select({ after: auditLog.after }).from(auditLog).where(and(eq(auditLog.action, 'review.create'), eq(auditLog.entityId, second.id)));
    expect(audit[0]!.after).toMatchObject({ planVersion: 2, englishMaths: review('').englishMaths });
    // The form's suggested support is the signed plan's, version 2 (version 3 is not signed by the provider).
    const listed = await listProgressReviews(patel, kimApprenticeship, { forReviewForm: true });
    expect(listed.since!.prefill.supportDiscussed).toBe('Support agreed in the signed training plan (version 2): Support of version 2.\nReasonable adjustments: Written task lists.');
    expect(listed.since!.prefill.targets).toBe(`Actions from the last review:\n${review('').targets}\n\nTargets for the next period:\n`);
    // The detail (what the apprentice and the employer sign) shows them.
    expect(await getProgressReview(kim, second.id)).toMatchObject({ englishMaths: review('').englishMaths, supportDiscussed: review('').supportDiscussed, planVersion: 2 });
  });
});

describe('the review interval, breaks in learning not counted', () => {
  it('flags a review more than 12 weeks of learning after the previous one, on the review and in the list', async () => {
    // Kim's reviews so far: 2 Feb and 16 Feb. A 4-week break, then a review 16 weeks later (12 in learning): on time.
    await t.db.insert(learningBreaks).values({ apprenticeshipId: kimApprenticeship, startDate: '2026-03-02', endDate: '2026-03-30', reason: 'Illness.', recordedBy: patel.userId });
    const onTime = await recordProgressReview(patel, review(kimApprenticeship, { reviewDate: '2026-06-08' }));
    expect((await getProgressReview(kim, onTime.id)).gap).toMatchObject({ learningDays: 84, late: false, message: null });
    // 15 weeks after that, no break between: late.
    const late = await recordProgressReview(patel, review(kimApprenticeship, { reviewDate: '2026-09-21' }));
    // An old review, recorded before the minimum content, with nothing in the new columns: 3 weeks later.
    const [old] = await t.db
      .insert(progressReviews)
      .values({ apprenticeshipId: kimApprenticeship, trainerId: patel.userId, reviewDate: '2026-10-12', progressSummary: 'Older style review.', ksbsDiscussed: ['K1'], targets: 'Keep going.', otjHoursLogged: 0, otjHoursPlanned: 0, wellbeing: 'Fine.', safeguardingConcern: false })
      .returning({ id: progressReviews.id });
    const detail = await getProgressReview(helen, late.id);
    expect(detail.gap).toMatchObject({ learningDays: 105, late: true });
    expect(detail.gap.message).toBe('Recorded 15 weeks after the previous review: more than the 12 weeks the funding rules allow.');
    const oldDetail = await getProgressReview(helen, old!.id);
    expect(oldDetail).toMatchObject({ englishMaths: null, supportDiscussed: null, planVersion: null, gap: { late: false } });

    const listed = await listProgressReviews(patel, kimApprenticeship);
    const gaps = new Map(listed.reviews.map((r) => [r.reviewDate, r.gap]));
    expect(gaps.get('2026-02-02')).toMatchObject({ learningDays: 28, late: false, since: 'start' });
    expect(gaps.get('2026-02-16')).toMatchObject({ learningDays: 14, late: false });
    expect(gaps.get('2026-06-08')).toMatchObject({ learningDays: 84, late: false });
    expect(gaps.get('2026-09-21')!.message).toBe(detail.gap.message);
    expect(gaps.get('2026-10-12')).toMatchObject({ learningDays: 21, late: false });
    expect(listed.interval).toMatchObject({ weeks: 12, lastReviewDate: '2026-10-12', breaks: [{ startDate: '2026-03-02', endDate: '2026-03-30' }] });
  });
});

describe('since the last review', () => {
  it('matches a plain computation over the apprentice’s rows (Sam, the demo data)', async () => {
    const [a] = await t.db.select().from(apprenticeships).innerJoin(users, eq(users.id, apprenticeships.apprenticeId)).where(eq(users.email, 'sam.whitfield@ashwell.example'));
    const samId = a!.users.id;
    const id = a!.apprenticeships.id;
    // English changed after the last review: the audit log keeps what it was.
    const before = await listProgressReviews(patel, id, { forReviewForm: true });
    const last = before.reviews[0]!;
    await t.db.update(apprenticeships).set({ englishStatus: 'in_progress', mathsStatus: 'achieved' }).where(eq(apprenticeships.id, id));
    await t.db.insert(auditLog).values({ actorId: patel.userId, action: 'apprenticeship.update', entityType: 'apprenticeship', entityId: id, before: { englishStatus: 'required', mathsStatus: 'achieved' }, after: { englishStatus: 'in_progress', mathsStatus: 'achieved' } });

    const s = (await listProgressReviews(patel, id, { forReviewForm: true })).since!;
    expect(s.since).toBe(last.reviewDate);
    const since = last.reviewDate;

    const otj = await t.db.select().from(otjEntries).where(and(eq(otjEntries.apprenticeId, samId), ne(otjEntries.status, 'queried')));
    const minutes = otj.filter((e) => e.activityDate > since).reduce((sum, e) => sum + e.minutes, 0);
    expect(s.otjHoursLogged).toBeCloseTo(minutes / 60, 2);

    const accepted = await t.db
      .select({ id: evidence.id, reviewId: evidenceReviews.id, at: evidenceReviews.createdAt })
      .from(evidence)
      .innerJoin(evidenceReviews, eq(evidenceReviews.id, evidence.standingReviewId))
      .where(and(eq(evidence.apprenticeId, samId), eq(evidence.status, 'accepted')));
    expect(s.evidenceAccepted).toBe(accepted.filter((e) => ukDate(e.at) > since).length);
    const decisions = accepted.length ? await t.db.select().from(evidenceKsbDecisions).where(and(inArray(evidenceKsbDecisions.reviewId, accepted.map((e) => e.reviewId)), eq(evidenceKsbDecisions.met, true))) : [];
    const dateOf = new Map(accepted.map((e) => [e.reviewId, ukDate(e.at)]));
    const metBefore = new Set(decisions.filter((d) => dateOf.get(d.reviewId)! <= since).map((d) => d.ksbCode));
    const newly = [...new Set(decisions.map((d) => d.ksbCode))].filter((c) => !metBefore.has(c));
    expect([...s.ksbsNewlyMet].sort()).toEqual(newly.sort());

    const attempts = await t.db
      .select({ id: assessmentAttempts.id, at: assessmentAttempts.submittedAt, title: assessmentBlueprints.title })
      .from(assessmentAttempts)
      .innerJoin(assessmentBlueprints, eq(assessmentBlueprints.id, assessmentAttempts.blueprintId))
      .where(and(eq(assessmentAttempts.apprenticeId, samId), eq(assessmentAttempts.status, 'marked')));
    const results = attempts.length ? await t.db.select().from(assessmentResults).where(inArray(assessmentResults.attemptId, attempts.map((x) => x.id))) : [];
    const latest = attempts
      .filter((x) => x.at && ukDate(x.at) > since)
      .map((x) => ({ x, r: results.filter((r) => r.attemptId === x.id).sort((p, q) => q.id - p.id)[0] }))
      .filter(({ r }) => r && r.grade && r.percent !== null);
    expect(s.mocks.map((m) => `${m.title}|${m.grade}|${m.percent}`).sort()).toEqual(latest.map(({ x, r }) => `${x.title}|${r!.grade}|${Number(r!.percent)}`).sort());

    expect(s.englishMaths).toEqual({ now: { english: 'in_progress', maths: 'achieved' }, then: { english: 'required', maths: 'achieved' } });
    expect(s.prefill.englishMaths).toBe('English: in progress (was: required). Maths: achieved.');
    expect(s.prefill.targets.startsWith(`Actions from the last review:\n${last.targets.trim()}`)).toBe(true);
  });

  it('counts from the start before a first review, and is computed only for the form', async () => {
    const [u] = await t.db.insert(users).values({ email: 'lee.first@ashwell.example', name: 'Lee First', role: 'apprentice', organisationId: helen.organisationId }).returning({ id: users.id });
    const [kimRow] = await t.db.select().from(apprenticeships).where(eq(apprenticeships.id, kimApprenticeship));
    const [a] = await t.db
      .insert(apprenticeships)
      .values({ apprenticeId: u!.id, employerId: kimRow!.employerId, standardId: kimRow!.standardId, startDate: '2026-01-05', plannedEndDate: '2027-07-05', weeklyHours: 30, plannedOtjHours: 400, extraTimePercent: 25 })
      .returning({ id: apprenticeships.id });
    await t.db.insert(trainerAssignments).values({ trainerId: patel.userId, apprenticeshipId: a!.id });
    await t.db.insert(otjEntries).values([
      { apprenticeId: u!.id, activityDate: '2026-01-05', minutes: 90, activityType: 'practical_training', description: 'Induction.', ksbs: [] },
      { apprenticeId: u!.id, activityDate: '2026-01-20', minutes: 60, activityType: 'practical_training', description: 'Queried.', ksbs: [], status: 'queried' },
    ]);
    const listed = await listProgressReviews(patel, a!.id, { forReviewForm: true });
    expect(listed.since).toMatchObject({ since: null, startDate: '2026-01-05', otjHoursLogged: 1.5, evidenceAccepted: 0, ksbsNewlyMet: [], mocks: [], planVersion: null });
    expect(listed.since!.prefill).toEqual({
      englishMaths: 'English: required. Maths: required.',
      supportDiscussed: 'Reasonable adjustment: 25% extra time on timed mock assessments.',
      targets: '',
    });
    expect((await listProgressReviews(helen, a!.id)).since).toBeNull();
  });
});
