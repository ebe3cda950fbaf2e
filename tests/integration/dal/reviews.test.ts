import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import fc from 'fast-check';
import { addDays, parseISO } from 'date-fns';
import {
  confirmGateway,
  getProgressPicture,
  getProgressReview,
  listProgressReviews,
  listReviewsDue,
  listReviewsToSign,
  recordProgressReview,
  signProgressReview,
} from '@/lib/dal';
import { apprenticeships, auditLog, gatewayConfirmations, otjEntries, progressReviews, trainerAssignments, users } from '@/db/schema';
import { Conflict, FieldError, NotFound } from '@/lib/errors';
import { isoOfUtcDay, plannedHoursToDate, ukToday, utcDay } from '@/lib/otj/plan';
import { nextReviewDue } from '@/lib/progress/schedule';
import type { Viewer } from '@/lib/dal/viewer';
import { createTestDb, type TestDb } from '../helpers/test-db';
import { failureText } from '../helpers/errors';
import { learningSchedule } from '@/lib/dal/schedules';
import { otjExpectedBy } from '@/lib/funding/schedule';

let t: TestDb;
let sam: Viewer; // apprentice at Ashwell, Priya Patel's
let helen: Viewer; // Ashwell's coding manager
let deputy: Viewer; // a second contact at Ashwell
let marcus: Viewer; // Kingsmere's coding manager
let patel: Viewer; // Sam's trainer
let okafor: Viewer; // not Sam's trainer
let admin: Viewer;
let samApprenticeship: { id: string; startDate: string; plannedEndDate: string; plannedOtjHours: number };

const review = (apprenticeshipId: string, over: Record<string, unknown> = {}) => ({
  apprenticeshipId,
  reviewDate: '2026-03-10',
  progressSummary: 'Sam has coded sixty inpatient episodes and improved on sequencing of secondary diagnoses.',
  ksbsDiscussed: ['S3', 'K1', 'K1'],
  targets: 'Complete the dagger and asterisk module and code one full outpatient clinic list.',
  englishMaths: 'English: achieved. Maths: in progress.',
  supportDiscussed: 'Weekly catch-up with the coding manager; no adjustments needed.',
  wellbeing: 'Settled, enjoying the work.',
  safeguardingConcern: 'no' as const,
  safeguardingNotes: '',
  ...over,
});

beforeAll(async () => {
  t = await createTestDb();
  [sam, helen, marcus, patel, okafor, admin] = (await Promise.all(
    ['sam.whitfield@ashwell.example', 'coding.manager@ashwell.example', 'coding.manager@kingsmere.example', 'trainer.patel@coderpathway.example', 'trainer.okafor@coderpathway.example', 'admin@coderpathway.example'].map((e) =>
      t.viewer(e),
    ),
  )) as Viewer[] as [Viewer, Viewer, Viewer, Viewer, Viewer, Viewer];
  await t.db.insert(users).values({ email: 'deputy.manager@ashwell.example', name: 'Dee Puty', role: 'employer', organisationId: helen.organisationId });
  deputy = await t.viewer('deputy.manager@ashwell.example');
  const [a] = await t.db
    .select({ id: apprenticeships.id, startDate: apprenticeships.startDate, plannedEndDate: apprenticeships.plannedEndDate, plannedOtjHours: apprenticeships.plannedOtjHours })
    .from(apprenticeships)
    .where(eq(apprenticeships.apprenticeId, sam.userId));
  samApprenticeship = a!;
});
afterAll(() => t.close());

describe('recording a progress review', () => {
  it('fills in the off-the-job hours from the log as it stood on the review date, and audits', async () => {
    const entries = await t.db.select().from(otjEntries).where(eq(otjEntries.apprenticeId, sam.userId));
    expect(entries.length).toBeGreaterThan(10);
    // A queried entry before the date does not count; one after the date does not either.
    await t.db.insert(otjEntries).values([
      { apprenticeId: sam.userId, activityDate: '2026-03-07', minutes: 120, activityType: 'practical_training', description: 'Queried workshop.', ksbs: [], status: 'queried' },
      { apprenticeId: sam.userId, activityDate: '2026-03-11', minutes: 240, activityType: 'practical_training', description: 'After the review.', ksbs: [] },
    ]);
    const all = await t.db.select().from(otjEntries).where(eq(otjEntries.apprenticeId, sam.userId));
    const expected = all.filter((e) => e.activityDate <= '2026-03-10' && e.status !== 'queried').reduce((s, e) => s + e.minutes, 0) / 60;

    const { id } = await recordProgressReview(patel, review(samApprenticeship.id, { otjHoursLogged: 9999 }));
    const [row] = await t.db.select().from(progressReviews).where(eq(progressReviews.id, id));
    expect(row!.otjHoursLogged).toBeCloseTo(expected, 2);
    // The plan to date is the signed training plan's (Sam's demo plan is signed), month by month.
    expect(row!.otjHoursPlanned).toBeCloseTo(otjExpectedBy((await learningSchedule(t.db, samApprenticeship.id))!, '2026-03-10'), 2);
    expect(row!.otjHoursPlanned).not.toBeCloseTo(plannedHoursToDate(samApprenticeship, '2026-03-10'), 2);
    expect(row!.otjHoursLogged).toBeGreaterThan(0);
    expect(row!.ksbsDiscussed).toEqual(['K1', 'S3']);
    expect(row!.trainerId).toBe(patel.userId);
    expect(row!.safeguardingNotes).toBeNull();
    const audit = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'review.create'), eq(auditLog.entityId, id)));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actorId).toBe(patel.userId);

    const listed = await listProgressReviews(helen, samApprenticeship.id);
    expect(listed.reviews.map((r) => r.id)).toContain(id);
    expect(listed.reviews.find((r) => r.id === id)!.awaiting).toEqual(['apprentice', 'employer']);
  });

  it('refuses a future date, a date before the start, an unknown KSB, an NHS number and a concern without notes, beside the field', async () => {
    const tomorrow = isoOfUtcDay(utcDay(ukToday()) + 1);
    const field = async (over: Record<string, unknown>) => {
      const e = await recordProgressReview(patel, review(samApprenticeship.id, over)).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(FieldError);
      return (e as FieldError).field;
    };
    expect(await field({ reviewDate: tomorrow })).toBe('reviewDate');
    expect(await field({ reviewDate: '2025-08-01' })).toBe('reviewDate');
    expect(await field({ ksbsDiscussed: ['K99'] })).toBe('ksbsDiscussed');
    expect(await field({ targets: 'Ask the ward clerk about patient 943 476 5919 records before the audit.' })).toBe('targets');
    expect(await field({ safeguardingConcern: 'yes', safeguardingNotes: 'Raised with DSL about 9434765919.' })).toBe('safeguardingNotes');
    await expect(recordProgressReview(patel, review(samApprenticeship.id, { safeguardingConcern: 'yes', safeguardingNotes: '' }))).rejects.toThrow(/Describe the concern/);
    const { id } = await recordProgressReview(patel, review(samApprenticeship.id, { reviewDate: '2026-03-01', safeguardingConcern: 'yes', safeguardingNotes: 'Raised with the DSL; support plan agreed.' }));
    // The employer sees that a concern was recorded, not the notes.
    expect((await getProgressReview(helen, id)).safeguardingNotes).toBeNull();
    expect((await getProgressReview(sam, id)).safeguardingNotes).toBe('Raised with the DSL; support plan agreed.');
  });

  it('is refused (404) for a trainer not assigned to the apprentice', async () => {
    await expect(recordProgressReview(okafor, review(samApprenticeship.id))).rejects.toBeInstanceOf(NotFound);
  });
});

describe('signing a progress review', () => {
  const fresh = async () => (await recordProgressReview(patel, review(samApprenticeship.id, { reviewDate: '2026-04-01' }))).id;

  it('is signed by the apprentice and an employer contact, then final: no further signature, no direct change', async () => {
    const id = await fresh();
    expect((await listReviewsToSign(sam)).map((r) => r.id)).toContain(id);
    expect((await listReviewsToSign(helen)).map((r) => r.id)).toContain(id);
    expect((await getProgressReview(sam, id)).mySide).toBe('apprentice');

    const first = await signProgressReview(sam, { id, rowVersion: 1, comment: 'I agree with the targets.' });
    expect(first).toMatchObject({ rowVersion: 2, final: false });
    expect((await listReviewsToSign(sam)).map((r) => r.id)).not.toContain(id);
    expect((await getProgressReview(sam, id)).mySide).toBeNull();
    expect((await getProgressReview(helen, id)).awaiting).toEqual(['employer']);

    const second = await signProgressReview(helen, { id, rowVersion: 2, comment: 'Sam is doing well on the ward.' });
    expect(second).toMatchObject({ rowVersion: 3, final: true });
    const r = await getProgressReview(patel, id);
    expect(r).toMatchObject({ final: true, apprenticeComment: 'I agree with the targets.', employerComment: 'Sam is doing well on the ward.', employerSignedName: 'Helen Birch' });
    expect((await listReviewsToSign(helen)).map((x) => x.id)).not.toContain(id);
    const [row] = await t.db.select().from(progressReviews).where(eq(progressReviews.id, id));
    expect(row!.employerSignerId).toBe(helen.userId);

    await expect(signProgressReview(deputy, { id, rowVersion: 3, comment: 'Signing again.' })).rejects.toBeInstanceOf(Conflict);
    await expect(signProgressReview(sam, { id, rowVersion: 3, comment: 'Changing my mind.' })).rejects.toBeInstanceOf(Conflict);
    expect(await failureText(t.db.update(progressReviews).set({ targets: 'Rewritten later.' }).where(eq(progressReviews.id, id)))).toMatch(/signed progress review is never changed/);
    expect(await failureText(t.db.delete(progressReviews).where(eq(progressReviews.id, id)))).toMatch(/signed progress review is never changed/);

    const audit = await t.db.select({ after: auditLog.after, actorId: auditLog.actorId }).from(auditLog).where(and(eq(auditLog.action, 'review.sign'), eq(auditLog.entityId, id)));
    expect(audit.map((a) => a.actorId)).toEqual([sam.userId, helen.userId]);
    expect(audit.at(-1)!.after).toMatchObject({ side: 'employer', final: true });
  });

  it('lets one of two employer contacts signing at once through; the other gets a Conflict naming who signed', async () => {
    const id = await fresh();
    const results = await Promise.allSettled([
      signProgressReview(helen, { id, rowVersion: 1, comment: 'Signed by Helen.' }),
      signProgressReview(deputy, { id, rowVersion: 1, comment: 'Signed by Dee.' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refused).toHaveLength(1);
    expect(refused[0]!.reason).toBeInstanceOf(Conflict);
    const [row] = await t.db.select().from(progressReviews).where(eq(progressReviews.id, id));
    expect(row!.rowVersion).toBe(2);
    expect([helen.userId, deputy.userId]).toContain(row!.employerSignerId);
    // The one refused hears who signed.
    await expect(signProgressReview(deputy, { id, rowVersion: 2, comment: 'Again.' })).rejects.toThrow(/already signed this review for the employer/);
  });

  it('refuses a stale rowVersion, an NHS number, and (404) an employer of another organisation or another apprentice', async () => {
    const id = await fresh();
    await expect(signProgressReview(sam, { id, rowVersion: 7, comment: 'A stale form.' })).rejects.toThrow(/changed after you opened it/);
    const e = await signProgressReview(sam, { id, rowVersion: 1, comment: 'My number is 943 476 5919.' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(FieldError);
    expect((e as FieldError).field).toBe('comment');
    await expect(getProgressReview(marcus, id)).rejects.toBeInstanceOf(NotFound);
    await expect(signProgressReview(marcus, { id, rowVersion: 1, comment: 'Not mine to sign.' })).rejects.toBeInstanceOf(NotFound);
    await expect(getProgressReview(okafor, id)).rejects.toBeInstanceOf(NotFound);
    const owen = await t.viewer('owen.price@kingsmere.example');
    await expect(signProgressReview(owen, { id, rowVersion: 1, comment: 'Not mine to sign.' })).rejects.toBeInstanceOf(NotFound);
    expect((await listReviewsToSign(marcus)).map((r) => r.id)).not.toContain(id);
    const denied = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'access.denied'), eq(auditLog.actorId, marcus.userId), eq(auditLog.entityId, id)));
    expect(denied.length).toBe(2);
    const [row] = await t.db.select().from(progressReviews).where(eq(progressReviews.id, id));
    expect(row).toMatchObject({ rowVersion: 1, apprenticeSignedAt: null, employerSignedAt: null });
  });
});

describe('reviews due or overdue', () => {
  it('matches a plain reference computation over random review dates and days', async () => {
    const all = await t.db.select({ id: apprenticeships.id, startDate: apprenticeships.startDate, status: apprenticeships.status }).from(apprenticeships);
    const trainerOf = await t.db.select().from(trainerAssignments);
    // Random past reviews for some apprenticeships (as the trainer would have recorded them).
    const rng = fc.sample(fc.tuple(fc.nat(all.length - 1), fc.integer({ min: 0, max: 400 })), { numRuns: 25, seed: 6 });
    for (const [i, offset] of rng) {
      const a = all[i]!;
      const assigned = trainerOf.find((x) => x.apprenticeshipId === a.id);
      if (!assigned) continue;
      const date = isoOfUtcDay(utcDay(a.startDate) + offset);
      await t.db.insert(progressReviews).values({
        apprenticeshipId: a.id,
        trainerId: assigned.trainerId,
        reviewDate: date,
        progressSummary: 'Random review.',
        ksbsDiscussed: ['K1'],
        targets: 'Random targets.',
        otjHoursLogged: 0,
        otjHoursPlanned: 0,
        wellbeing: 'Fine.',
        safeguardingConcern: false,
      });
    }
    const reviews = await t.db.select({ apprenticeshipId: progressReviews.apprenticeshipId, reviewDate: progressReviews.reviewDate }).from(progressReviews);
    const reference = (today: string, visible: (id: string) => boolean) =>
      all
        .filter((a) => a.status === 'active' && visible(a.id))
        .filter((a) => {
          const last = reviews.filter((r) => r.apprenticeshipId === a.id).map((r) => r.reviewDate).sort().at(-1) ?? null;
          return nextReviewDue(a.startDate, last, 12) <= addDays(parseISO(today), 14);
        })
        .map((a) => a.id)
        .sort();
    const patelIds = new Set(trainerOf.filter((x) => x.trainerId === patel.userId).map((x) => x.apprenticeshipId));
    const ashwell = new Set((await t.db.select({ id: apprenticeships.id }).from(apprenticeships).where(eq(apprenticeships.employerId, helen.organisationId!))).map((a) => a.id));
    let nonTrivial = 0;
    // Days around the real today: the demo reviews are dated relative to when the demo data is made.
    for (const today of [-300, -120, -40, 0, 20, 45, 70, 200].map((d) => isoOfUtcDay(utcDay(ukToday()) + d))) {
      const expected = reference(today, () => true);
      const got = await listReviewsDue(admin, today);
      expect({ today, ids: got.map((r) => r.apprenticeshipId).sort() }).toEqual({ today, ids: expected });
      if (expected.length > 0 && expected.length < all.length) nonTrivial++;
      expect(got.every((r) => r.overdue === r.due < parseISO(today))).toBe(true);
      expect((await listReviewsDue(patel, today)).map((r) => r.apprenticeshipId).sort()).toEqual(reference(today, (id) => patelIds.has(id)));
      expect((await listReviewsDue(helen, today)).map((r) => r.apprenticeshipId).sort()).toEqual(reference(today, (id) => ashwell.has(id)));
    }
    expect(nonTrivial).toBeGreaterThan(1);
  });
});

describe('gateway confirmations', () => {
  it('are recorded once per role, with name, date and note, in the audit log', async () => {
    // Aisha: the demo data gives Sam a trainer's confirmation already.
    const aisha = await t.viewer('aisha.rahman@ashwell.example');
    const [a] = await t.db.select({ id: apprenticeships.id }).from(apprenticeships).where(eq(apprenticeships.apprenticeId, aisha.userId));
    const id = a!.id;
    await expect(confirmGateway(patel, { apprenticeshipId: id, note: 'Ready' })).rejects.toThrow(/at least four words/);
    await expect(confirmGateway(okafor, { apprenticeshipId: id, note: 'Ready for gateway now, all agreed.' })).rejects.toBeInstanceOf(NotFound);
    await expect(confirmGateway(marcus, { apprenticeshipId: id, note: 'Ready for gateway now, all agreed.' })).rejects.toBeInstanceOf(NotFound);
    // issue 20: the apprentice confirms too, their own apprenticeship only.
    await expect(confirmGateway(await t.viewer('sam.whitfield@ashwell.example'), { apprenticeshipId: id, note: 'I think Aisha is ready for gateway.' })).rejects.toBeInstanceOf(NotFound);

    const byTrainer = await confirmGateway(patel, { apprenticeshipId: id, note: 'Portfolio complete and audit figures steady.' });
    expect(byTrainer.role).toBe('trainer');
    await expect(confirmGateway(patel, { apprenticeshipId: id, note: 'Confirming a second time, just in case.' })).rejects.toThrow(/already confirmed for the trainer by Priya Patel/);
    const byEmployer = await confirmGateway(helen, { apprenticeshipId: id, note: 'Aisha codes independently on the ward now.' });
    expect(byEmployer.role).toBe('employer');
    await expect(confirmGateway(deputy, { apprenticeshipId: id, note: 'I also confirm Aisha is ready.' })).rejects.toBeInstanceOf(Conflict);

    const rows = await t.db.select().from(gatewayConfirmations).where(eq(gatewayConfirmations.apprenticeshipId, id));
    expect(rows.map((r) => [r.role, r.confirmedName, r.note]).sort()).toEqual([
      ['employer', 'Helen Birch', 'Aisha codes independently on the ward now.'],
      ['trainer', 'Priya Patel', 'Portfolio complete and audit figures steady.'],
    ]);
    const audit = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'gateway.confirm'), eq(auditLog.entityId, id)));
    expect(audit.map((a) => a.actorId).sort()).toEqual([patel.userId, helen.userId].sort());
    const line = async () => (await getProgressPicture(aisha, id)).gateway.lines.find((l) => l.key === 'confirmed')!;
    expect(await line()).toMatchObject({ met: false, missing: 'Waiting for the apprentice' });
    expect((await line()).evidence).toMatch(/trainer Priya Patel .*employer Helen Birch/);
    // The third confirmation, the apprentice's own, queues the gateway pack (issue 20).
    const byApprentice = await confirmGateway(aisha, { apprenticeshipId: id, note: 'I think I am ready for gateway.' });
    expect(byApprentice).toMatchObject({ role: 'apprentice', packId: expect.any(String) });
    expect(await line()).toMatchObject({ met: true, missing: null });
  });
});
