import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import {
  countMarkingQueue,
  createEvidence,
  getEvidence,
  getEvidenceHistory,
  listMarkingQueue,
  listMetKsbs,
  markEvidence,
  overrideEvidenceDecision,
  submitEvidence,
  updateEvidence,
} from '@/lib/dal';
import { apprenticeships, auditLog, evidence, evidenceReviews, trainerAssignments, users } from '@/db/schema';
import { Conflict, FieldError } from '@/lib/errors';
import type { Viewer } from '@/lib/dal/viewer';
import { createTestDb, type TestDb } from '../helpers/test-db';

let t: TestDb;
let sam: Viewer;
let patel: Viewer;
let okafor: Viewer;
let admin: Viewer;
const account = 'I coded twenty inpatient episodes this week and checked each one against the four-step coding process.';

async function submitted(title: string, ksbs = ['S3', 'S5']) {
  const e = await createEvidence(sam, { title, type: 'work_product', activityDate: '2026-10-01', account, ksbs });
  return submitEvidence(sam, { id: e.id, rowVersion: e.rowVersion });
}
const auditCount = async (action: string, id: string) =>
  (await t.db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.entityId, id))))[0]!.n;

beforeAll(async () => {
  t = await createTestDb();
  sam = await t.viewer('sam.whitfield@ashwell.example');
  patel = await t.viewer('trainer.patel@coderpathway.example');
  okafor = await t.viewer('trainer.okafor@coderpathway.example');
  admin = await t.viewer('admin@coderpathway.example');
  // A second trainer on Sam's apprenticeship, so two people can mark the same piece.
  const [a] = await t.db.select({ id: apprenticeships.id }).from(apprenticeships).innerJoin(users, eq(users.id, apprenticeships.apprenticeId)).where(eq(users.email, 'sam.whitfield@ashwell.example'));
  await t.db.insert(trainerAssignments).values({ trainerId: okafor.userId, apprenticeshipId: a!.id }).onConflictDoNothing();
});
afterAll(() => t.close());

describe('marking evidence', () => {
  it('lists the queue oldest first and counts it', async () => {
    const first = await submitted('Queue first');
    const second = await submitted('Queue second');
    const queue = await listMarkingQueue(patel);
    const order = queue.rows.map((r) => r.id);
    expect(order.indexOf(first.id)).toBeLessThan(order.indexOf(second.id));
    expect(queue.rows.find((r) => r.id === first.id)).toMatchObject({ apprenticeName: 'Sam Whitfield', versionNo: 1, ksbs: ['S3', 'S5'] });
    expect(await countMarkingQueue(patel)).toBe(queue.total);
    expect((await listMarkingQueue(patel, { ksb: 'K1' })).rows.some((r) => r.id === first.id)).toBe(false);
  });

  it('refers back, the apprentice resubmits as version 2, the trainer accepts, and the KSBs count as met', async () => {
    const piece = await submitted('Referral journey');
    const referred = await markEvidence(patel, { id: piece.id, rowVersion: piece.rowVersion, outcome: 'referred', decisions: { S3: 'met', S5: 'not_met' }, feedback: 'Say how you checked the sequencing against the discharge summary.' });
    expect((await getEvidence(sam, piece.id)).status).toBe('referred');
    expect((await listMetKsbs(patel, sam.userId)).some((k) => k.evidenceId === piece.id)).toBe(false);

    const edited = await updateEvidence(sam, { id: piece.id, rowVersion: referred.rowVersion, title: 'Referral journey', type: 'work_product', activityDate: '2026-10-01', account: `${account} I checked the sequencing against the discharge summary.`, ksbs: ['S3', 'S5'] });
    const resubmitted = await submitEvidence(sam, { id: piece.id, rowVersion: edited.rowVersion });
    expect(resubmitted.submissionNo).toBe(2);
    await markEvidence(patel, { id: piece.id, rowVersion: resubmitted.rowVersion, outcome: 'accepted', decisions: { S3: 'met', S5: 'met' }, feedback: '' });

    const history = await getEvidenceHistory(sam, piece.id);
    expect(history.map((v) => v.versionNo)).toEqual([2, 1]);
    expect(history[1]!.account).toBe(account); // version 1 is as first submitted
    expect(history[1]!.reviews[0]).toMatchObject({ outcome: 'referred', feedback: expect.stringContaining('discharge summary'), reviewerName: 'Priya Patel' });
    expect(history[0]!.reviews[0]!.decisions).toEqual([{ ksbCode: 'S3', met: true }, { ksbCode: 'S5', met: true }]);
    const met = (await listMetKsbs(sam, sam.userId)).filter((k) => k.evidenceId === piece.id).map((k) => k.ksbCode);
    expect(met).toEqual(['S3', 'S5']);
    expect(await auditCount('evidence.refer', piece.id)).toBe(1);
    expect(await auditCount('evidence.accept', piece.id)).toBe(1);
    expect(await auditCount('evidence.resubmit', piece.id)).toBe(1);
  });

  it('refuses the second of two trainers marking at once, saying what the first decided, and overwrites nothing', async () => {
    const piece = await submitted('Two markers');
    const [a, b] = await Promise.allSettled([
      markEvidence(patel, { id: piece.id, rowVersion: piece.rowVersion, outcome: 'accepted', decisions: { S3: 'met', S5: 'met' }, feedback: 'Good.' }),
      markEvidence(okafor, { id: piece.id, rowVersion: piece.rowVersion, outcome: 'referred', decisions: { S3: 'not_met', S5: 'not_met' }, feedback: 'Needs a worked example of each step.' }),
    ]);
    const outcomes = [a, b].map((r) => r.status).sort();
    expect(outcomes).toEqual(['fulfilled', 'rejected']);
    const refused = [a, b].find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(Conflict);
    const winner = a.status === 'fulfilled' ? 'Priya Patel accepted it' : 'Daniel Okafor referred it back';
    expect(refused.reason.userMessage).toContain(winner);
    const reviews = await t.db.select().from(evidenceReviews).where(eq(evidenceReviews.evidenceId, piece.id));
    expect(reviews).toHaveLength(1);
    expect(await auditCount(a.status === 'fulfilled' ? 'evidence.accept' : 'evidence.refer', piece.id)).toBe(1);
  });

  it('requires a decision for every claimed KSB and feedback to refer back', async () => {
    const piece = await submitted('Incomplete decisions');
    await expect(markEvidence(patel, { id: piece.id, rowVersion: piece.rowVersion, outcome: 'accepted', decisions: { S3: 'met' }, feedback: '' })).rejects.toMatchObject({
      field: 'decisions',
      userMessage: expect.stringContaining('S5'),
    });
    await expect(markEvidence(patel, { id: piece.id, rowVersion: piece.rowVersion, outcome: 'referred', decisions: { S3: 'met', S5: 'not_met' }, feedback: 'No.' })).rejects.toThrow();
    await expect(markEvidence(patel, { id: piece.id, rowVersion: piece.rowVersion, outcome: 'accepted', decisions: { S3: 'not_met', S5: 'not_met' }, feedback: '' })).rejects.toBeInstanceOf(FieldError);
    expect((await getEvidence(sam, piece.id)).status).toBe('submitted');
  });

  it('keeps an accepted decision final for trainers; an admin overrides it with a reason, both kept', async () => {
    const piece = await submitted('Override');
    const accepted = await markEvidence(patel, { id: piece.id, rowVersion: piece.rowVersion, outcome: 'accepted', decisions: { S3: 'met', S5: 'met' }, feedback: '' });
    await expect(markEvidence(patel, { id: piece.id, rowVersion: accepted.rowVersion, outcome: 'referred', decisions: { S3: 'not_met', S5: 'not_met' }, feedback: 'Changed my mind about this piece.' })).rejects.toBeInstanceOf(Conflict);
    await expect(overrideEvidenceDecision(admin, { id: piece.id, rowVersion: accepted.rowVersion, outcome: 'accepted', decisions: { S3: 'met', S5: 'not_met' }, feedback: '', reason: '' })).rejects.toBeInstanceOf(Error);
    await overrideEvidenceDecision(admin, { id: piece.id, rowVersion: accepted.rowVersion, outcome: 'accepted', decisions: { S3: 'met', S5: 'not_met' }, feedback: 'S5 needs its own example.', reason: 'Internal quality assurance sample.' });
    const met = (await listMetKsbs(admin, sam.userId)).filter((k) => k.evidenceId === piece.id).map((k) => k.ksbCode);
    expect(met).toEqual(['S3']);
    const history = await getEvidenceHistory(patel, piece.id);
    expect(history[0]!.reviews.map((r) => r.overrideReason)).toEqual(['Internal quality assurance sample.', null]);
    expect(await auditCount('evidence.override', piece.id)).toBe(1);
    // The override is the standing decision the coverage figures join to (kept by a trigger).
    const [standing] = await t.db.select({ id: evidence.standingReviewId }).from(evidence).where(eq(evidence.id, piece.id));
    expect(standing!.id).toBe(history[0]!.reviews[0]!.id);
    // The history cannot be rewritten, even directly.
    await expect(t.db.update(evidenceReviews).set({ feedback: 'rewritten' }).where(eq(evidenceReviews.evidenceId, piece.id))).rejects.toThrow();
  });

  it('refuses an NHS number in feedback', async () => {
    const piece = await submitted('Feedback with identifier');
    await expect(
      markEvidence(patel, { id: piece.id, rowVersion: piece.rowVersion, outcome: 'referred', decisions: { S3: 'met', S5: 'not_met' }, feedback: 'The patient 943 476 5919 should not be named here.' }),
    ).rejects.toMatchObject({ field: 'feedback' });
    const [row] = await t.db.select({ status: evidence.status }).from(evidence).where(eq(evidence.id, piece.id));
    expect(row!.status).toBe('submitted');
  });
});
