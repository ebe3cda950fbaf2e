import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, lte, ne } from 'drizzle-orm';
import { endLearningBreak, getLearningStatus, getOtjSummary, recordOutcome, startLearningBreak } from '@/lib/dal';
import { learningSchedules } from '@/lib/dal/schedules';
import { apprenticeships, auditLog, learningBreaks, otjEntries, trainingPlans } from '@/db/schema';
import { Conflict, FieldError, NotFound } from '@/lib/errors';
import { reviewDue } from '@/lib/funding/schedule';
import { isoOfUtcDay, plannedHoursToDate, utcDay } from '@/lib/otj/plan';
import type { Viewer } from '@/lib/dal/viewer';
import { createTestDb, type TestDb } from '../helpers/test-db';

/**
 * Breaks in learning, the signed plan and the outcome, as the data access layer reads them (issue 20 point 3).
 * Ellie Brooks's apprenticeship (trainer Patel; no training plan signed in the demo, so the straight line applies until
 * this file signs one) is given fixed past dates, so nothing depends on today.
 */
let t: TestDb;
let patel: Viewer;
let okafor: Viewer;
let admin: Viewer;
let id: string;
let apprenticeId: string;
const START = '2024-01-01';
const END = '2025-07-01';
const HOURS = 400;
const straight = (asOf: string) => plannedHoursToDate({ startDate: START, plannedEndDate: END, plannedOtjHours: HOURS }, asOf);
const shift = (iso: string, days: number) => isoOfUtcDay(utcDay(iso) + days);
const version = async () => (await t.db.select({ v: apprenticeships.version }).from(apprenticeships).where(eq(apprenticeships.id, id)))[0]!.v;

beforeAll(async () => {
  t = await createTestDb();
  patel = await t.viewer('trainer.patel@coderpathway.example');
  okafor = await t.viewer('trainer.okafor@coderpathway.example');
  admin = await t.viewer('admin@coderpathway.example');
  const ellie = await t.viewer('ellie.brooks@ashwell.example');
  apprenticeId = ellie.userId;
  const [a] = await t.db
    .update(apprenticeships)
    .set({ startDate: START, plannedEndDate: END, plannedOtjHours: HOURS, status: 'active' })
    .where(eq(apprenticeships.apprenticeId, ellie.userId))
    .returning({ id: apprenticeships.id });
  id = a!.id;
});
afterAll(() => t.close());

describe('a break in learning', () => {
  it('follows a straight line over the dates without a plan or a break', async () => {
    const s = await getOtjSummary(patel, id, '2024-04-01');
    expect(s.progress.plannedToDate).toBe(straight('2024-04-01'));
    expect(s.breakSince).toBeNull();
    expect(s.rule.kind).toBe('six_hours');
  });

  it('pauses the off-the-job expectation, moves the planned end and the review due date, and the return resumes them', async () => {
    await startLearningBreak(patel, { apprenticeshipId: id, startDate: '2024-03-01', reason: 'Illness.', version: await version() });
    expect((await t.db.select({ s: apprenticeships.status }).from(apprenticeships).where(eq(apprenticeships.id, id)))[0]!.s).toBe('break_in_learning');

    // During the break: the expectation stands where it was when the break began; nobody is behind.
    const during = await getOtjSummary(patel, id, '2024-04-01');
    expect(during.progress.plannedToDate).toBe(straight('2024-03-01'));
    expect(during.progress.behind).toBe(false);
    expect(during.breakSince).toBe('2024-03-01');
    const status = await getLearningStatus(patel, id, '2024-04-01');
    // An open break moves the end a day for each day so far (1 March to 1 April, both counted).
    expect(status.movedPlannedEnd).toBe(shift(END, 32));
    expect(status.breakSince).toBe('2024-03-01');
    // The first review (12 weeks after the start, 25 March) moves on by the days in the break and is paused.
    const during12 = reviewDue((await learningSchedules(t.db, [id])).get(id)!, null, 12, '2024-04-01');
    expect(isoOfUtcDay(during12.day)).toBe(shift('2024-03-25', 32));
    expect(during12.paused).toBe(true);

    // The return: learning resumes on 1 April; the clock lost 31 days.
    await endLearningBreak(patel, { apprenticeshipId: id, endDate: '2024-04-01', version: await version() });
    const after = await getOtjSummary(patel, id, '2024-05-01');
    expect(after.progress.plannedToDate).toBe(straight(shift('2024-05-01', -31)));
    expect(after.breakSince).toBeNull();
    expect((await getLearningStatus(patel, id, '2024-05-01')).movedPlannedEnd).toBe(shift(END, 31));
    const resumed = reviewDue((await learningSchedules(t.db, [id])).get(id)!, null, 12, '2024-05-01');
    expect(isoOfUtcDay(resumed.day)).toBe(shift('2024-03-25', 31));
    expect(resumed.paused).toBe(false);
    const actions = await t.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, id));
    expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(['learning_break.started', 'learning_break.ended']));
  });

  it('refuses a return on or before the first day of the break, beside the field', async () => {
    await startLearningBreak(admin, { apprenticeshipId: id, startDate: '2024-06-03', reason: 'Caring for a relative.', version: await version() });
    await expect(startLearningBreak(admin, { apprenticeshipId: id, startDate: '2024-06-10', reason: 'Again.', version: await version() })).rejects.toBeInstanceOf(Conflict);
    const e = await endLearningBreak(admin, { apprenticeshipId: id, endDate: '2024-06-03', version: await version() }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(FieldError);
    expect((e as FieldError).field).toBe('endDate');
    await endLearningBreak(admin, { apprenticeshipId: id, endDate: '2024-06-17', version: await version() });
    expect(await t.db.select({ end: learningBreaks.endDate }).from(learningBreaks).where(and(eq(learningBreaks.apprenticeshipId, id), eq(learningBreaks.startDate, '2024-06-03')))).toEqual([{ end: '2024-06-17' }]);
  });

  it('refuses a stale form (Conflict) and another trainer (NotFound), changing nothing', async () => {
    const v = await version();
    await expect(startLearningBreak(patel, { apprenticeshipId: id, startDate: '2024-08-01', reason: 'Stale.', version: v - 1 })).rejects.toBeInstanceOf(Conflict);
    await expect(startLearningBreak(okafor, { apprenticeshipId: id, startDate: '2024-08-01', reason: 'Not mine.', version: v })).rejects.toBeInstanceOf(NotFound);
    await expect(getLearningStatus(okafor, id)).rejects.toBeInstanceOf(NotFound);
    expect(await version()).toBe(v);
    expect((await t.db.select({ id: learningBreaks.id }).from(learningBreaks).where(eq(learningBreaks.apprenticeshipId, id))).length).toBe(2);
  });
});

describe('the signed training plan', () => {
  it('drives the expected hours month by month instead of a straight line', async () => {
    const before = await getOtjSummary(patel, id, '2024-02-01');
    // 1 month in, a month's break later: the straight line has a share of 400 over 18 months.
    expect(before.progress.plannedToDate).toBe(straight('2024-02-01'));
    const signed = new Date('2024-01-02T10:00:00Z');
    await t.db.insert(trainingPlans).values({
      apprenticeshipId: id,
      version: 1,
      plannedStartDate: START,
      plannedEndDate: END,
      durationMonths: 18,
      weeklyHours: 37.5,
      rulesYear: '2023-24',
      standardOtjHours: 400,
      plannedOtjHours: 400,
      // A heavy first month (the induction), then the rest spread over the other months.
      activities: [{ month: 1, title: 'Induction and terminology', ksbs: ['K1', 'K2'], otjHours: 100 }, ...Array.from({ length: 17 }, (_, i) => ({ month: i + 2, title: `Month ${i + 2}`, ksbs: ['S1'], otjHours: 300 / 17 }))],
      englishPlan: 'Level 2 held.',
      mathsPlan: 'Level 2 held.',
      createdBy: patel.userId,
      apprenticeSignedAt: signed,
      employerSignedAt: signed,
      providerSignedAt: signed,
      providerSignerId: patel.userId,
      providerSignedName: 'Priya Patel',
      employerSignedName: 'Coding Manager',
    });
    const after = await getOtjSummary(patel, id, '2024-02-01');
    expect(after.progress.plannedToDate).toBe(100);
    expect(after.progress.plannedToDate).not.toBe(before.progress.plannedToDate);
    expect(after.planVersion).toBe(1);
    // The chart's planned line follows the plan too: the point at week 0 is 0, the last is the plan's total.
    expect(after.series[0]!.planned).toBe(0);
    expect(after.series.at(-1)!.planned).toBeCloseTo(400, 1);
  });
});

describe('withdrawal and completion', () => {
  it('stores the off-the-job hours counted up to the actual end: the plain sum of the log, queried hours left out', async () => {
    const end = '2025-01-15';
    const rows = await t.db
      .select({ minutes: otjEntries.minutes })
      .from(otjEntries)
      .where(and(eq(otjEntries.apprenticeId, apprenticeId), lte(otjEntries.activityDate, end), ne(otjEntries.status, 'queried')));
    const sum = Math.round((rows.reduce((a, r) => a + r.minutes, 0) / 60) * 100) / 100;
    const missing = await recordOutcome(patel, { apprenticeshipId: id, outcome: 'withdrawn', actualEndDate: end, withdrawReason: '', version: await version() }).catch((x: unknown) => x);
    expect(missing).toBeInstanceOf(FieldError);
    expect((missing as FieldError).field).toBe('withdrawReason');
    const r = await recordOutcome(patel, { apprenticeshipId: id, outcome: 'withdrawn', actualEndDate: end, withdrawReason: '43', version: await version() });
    expect(r.actualOtjHours).toBe(sum);
    const [a] = await t.db.select().from(apprenticeships).where(eq(apprenticeships.id, id));
    expect(a).toMatchObject({ status: 'withdrawn', actualEndDate: end, actualOtjHours: sum, withdrawReason: 43 });
    const status = await getLearningStatus(patel, id);
    expect(status.outcome).toMatchObject({ status: 'withdrawn', actualOtjHours: sum, withdrawReasonLabel: 'Financial reasons' });
    await expect(recordOutcome(patel, { apprenticeshipId: id, outcome: 'completed', actualEndDate: end, withdrawReason: '', version: await version() })).rejects.toBeInstanceOf(Conflict);
    expect((await t.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, id))).map((x) => x.action)).toContain('apprenticeship.withdrawn');
  });
});
