import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray, sql } from 'drizzle-orm';
import {
  countWrittenToMark,
  getAttemptPaper,
  getAttemptResult,
  getSitting,
  listMyAssessments,
  listWrittenToMark,
  markWrittenAnswer,
  saveAssessmentAnswer,
  scheduleSitting,
  setExtraTime,
  startAssessment,
  submitAssessment,
  uploadBlueprint,
} from '@/lib/dal';
import { AnswerRefused } from '@/lib/dal/assessments';
import { submitOverdueAttempts } from '@/lib/dal/assessment-marking';
import { apprenticeships, assessmentAnswers, assessmentAttempts, assessmentMarks, auditLog, cases, codingAttempts, practiceTime, questionAnswers, questions, writtenItems } from '@/db/schema';
import { Conflict, FieldError, NotFound } from '@/lib/errors';
import type { Blueprint } from '@/lib/content/assessment';
import type { Viewer } from '@/lib/dal/viewer';
import { createTestDb, type TestDb } from '../helpers/test-db';

let t: TestDb;
let sam: Viewer; // apprentice, Priya Patel's
let owen: Viewer; // apprentice, Daniel Okafor's
let patel: Viewer;
let okafor: Viewer;
let admin: Viewer;

// A small paper over the seeded content: two cases, three questions and one written answer.
const blueprint = (over: Partial<Blueprint> = {}): Blueprint => ({
  id: 'integration-mock',
  title: 'Integration mock paper',
  kind: 'other',
  description: 'A short paper the integration tests sit, over the seeded cases and questions.',
  practice: true,
  ksbs: ['K4'],
  boundaries: { pass: 50, distinction: 80 },
  sections: [
    { id: 'cases', title: 'Coding cases', kind: 'coding', instructions: 'Code each case in full.', draw: 2, pool: { ids: ['ent-01-recurrent-tonsillitis-tonsillectomy', 'general-surgery-90-laparoscopic-appendicectomy'] }, minutes: 30, weight: 2, boundaries: { pass: 50, distinction: 80 } },
    { id: 'theory', title: 'Theory', kind: 'theory', instructions: 'Answer every question.', draw: 3, pool: { ids: ['icd10-conventions-001', 'icd10-conventions-002', 'icd10-conventions-003'] }, minutes: 20, weight: 1, boundaries: { pass: 50, distinction: 80 } },
    { id: 'written', title: 'Written', kind: 'written', instructions: 'Answer in your own words.', draw: 1, pool: { ids: ['integration-written-1'] }, minutes: 10, weight: 1, boundaries: { pass: 50, distinction: 80 } },
  ],
  ...over,
});

const seq = (() => {
  let n = Date.now();
  return () => ++n;
})();

beforeAll(async () => {
  t = await createTestDb();
  [sam, owen, patel, okafor, admin] = (await Promise.all(
    ['sam.whitfield@ashwell.example', 'owen.price@kingsmere.example', 'trainer.patel@coderpathway.example', 'trainer.okafor@coderpathway.example', 'admin@coderpathway.example'].map((e) => t.viewer(e)),
  )) as [Viewer, Viewer, Viewer, Viewer, Viewer];
  await t.db
    .insert(writtenItems)
    .values({ id: 'integration-written-1', topic: 'Tests', prompt: 'Explain why a coder queries an unclear diagnosis with the clinician.', ksbs: ['K4'], rubric: [{ criterion: 'Names the clinician as the source of truth', marks: 3 }, { criterion: 'Explains the effect on data quality', marks: 2 }], guidance: 'Source document, never assume; data quality and payment.', marks: 5 })
    .onConflictDoNothing();
  await uploadBlueprint(admin, { definition: JSON.stringify(blueprint()) });
});
afterAll(async () => t?.close());

async function startFresh(viewer: Viewer) {
  // Any earlier test's attempt in progress is submitted first, so each test starts its own.
  await t.db.execute(sql`update assessment_attempts set status = 'submitted', submitted_at = now(), submitted_by = 'apprentice' where status = 'in_progress' and apprentice_id = ${viewer.userId}`);
  const { id } = await startAssessment(viewer, { blueprintKey: 'integration-mock' });
  return id;
}

/** An attempt whose deadline has already passed, made directly (nothing in the app can move a deadline). */
async function overdueAttempt(viewer: Viewer) {
  const id = await startFresh(viewer);
  const [a] = await t.db.select().from(assessmentAttempts).where(eq(assessmentAttempts.id, id));
  await t.db.execute(sql`update assessment_attempts set status = 'submitted', submitted_at = now(), submitted_by = 'apprentice' where id = ${id}`);
  const [late] = await t.db
    .insert(assessmentAttempts)
    .values({ ...a!, id: undefined, status: 'in_progress', submittedAt: null, submittedBy: null, startedAt: new Date(Date.now() - 3_600_000), deadline: new Date(Date.now() + 1500) })
    .returning({ id: assessmentAttempts.id });
  return late!.id;
}

describe('sitting a paper', () => {
  it('starts with the items drawn and fixed, the deadline from the limit, and no expected answer in the paper', async () => {
    const id = await startFresh(sam);
    const paper = await getAttemptPaper(sam, id);
    if (paper.status !== 'in_progress') throw new Error('expected the paper in progress');
    expect(paper.items.map((i) => i.kind)).toEqual(['coding', 'coding', 'theory', 'theory', 'theory', 'written']);
    expect(paper.deadline.getTime() - paper.startedAt.getTime()).toBe(60 * 60_000);
    const text = JSON.stringify(paper);
    expect(text).not.toContain('J35.0'); // the tonsillitis case's expected code
    expect(text).not.toContain('"expected"');
    expect(text).not.toContain('rationale');
    expect(text).not.toContain('Source document, never assume'); // the marker's guidance
    // Starting again resumes the same attempt.
    expect(await startAssessment(sam, { blueprintKey: 'integration-mock' })).toEqual({ id, resumed: true });
  });

  it('uses the extra time the trainer recorded', async () => {
    const [ap] = await t.db.select().from(apprenticeships).where(eq(apprenticeships.apprenticeId, sam.userId));
    await setExtraTime(patel, { apprenticeshipId: ap!.id, percent: 25, version: ap!.version });
    try {
      const id = await startFresh(sam);
      const [a] = await t.db.select().from(assessmentAttempts).where(eq(assessmentAttempts.id, id));
      expect(a!.deadline.getTime() - a!.startedAt.getTime()).toBe(75 * 60_000);
      expect(a!.extraTimePercent).toBe(25);
    } finally {
      const [now] = await t.db.select().from(apprenticeships).where(eq(apprenticeships.id, ap!.id));
      await setExtraTime(patel, { apprenticeshipId: ap!.id, percent: 0, version: now!.version });
    }
    await expect(setExtraTime(okafor, { apprenticeshipId: (await t.db.select().from(apprenticeships).where(eq(apprenticeships.apprenticeId, sam.userId)))[0]!.id, percent: 10, version: 1 })).rejects.toBeInstanceOf(NotFound);
  });

  it('keeps the newer of two saves to one item, whichever arrives last', async () => {
    const id = await startFresh(sam);
    const older = seq();
    const newer = seq();
    const save = (s: number, codes: string[]) => saveAssessmentAnswer(sam, id, { kind: 'coding', item: 0, seq: s, flagged: false, answer: { diagnoses: codes, procedures: [] } });
    // Both at once, then the older arriving again late: the newer answer stands.
    const results = await Promise.all([save(newer, ['J35.0']), save(older, ['J03.9'])]);
    expect(results.map((r) => r.status).sort()).toEqual(expect.arrayContaining(['saved']));
    expect((await save(older, ['J03.9'])).status).toBe('stale');
    const [stored] = await t.db.select().from(assessmentAnswers).where(and(eq(assessmentAnswers.attemptId, id), eq(assessmentAnswers.item, 0)));
    expect(stored!.answer).toEqual({ diagnoses: ['J35.0'], procedures: [] });
    expect(stored!.clientSeq).toBe(newer);
  });

  it('refuses an answer of the wrong kind, an NHS number, and another apprentice', async () => {
    const id = await startFresh(sam);
    await expect(saveAssessmentAnswer(sam, id, { kind: 'theory', item: 0, seq: seq(), flagged: false, answer: [1] })).rejects.toBeInstanceOf(AnswerRefused);
    await expect(saveAssessmentAnswer(sam, id, { kind: 'written', item: 5, seq: seq(), flagged: false, answer: { text: 'Patient 943 476 5919 was queried.' } })).rejects.toThrow(/NHS number/);
    await expect(saveAssessmentAnswer(owen, id, { kind: 'coding', item: 0, seq: seq(), flagged: false, answer: { diagnoses: ['J35.0'], procedures: [] } })).rejects.toBeInstanceOf(NotFound);
    await expect(getAttemptPaper(owen, id)).rejects.toBeInstanceOf(NotFound);
    await expect(getAttemptResult(okafor, id)).rejects.toBeInstanceOf(NotFound);
  });

  it('refuses an answer that reaches the server after the deadline', async () => {
    const id = await overdueAttempt(sam);
    await saveAssessmentAnswer(sam, id, { kind: 'theory', item: 2, seq: seq(), flagged: false, answer: [1] });
    await new Promise((r) => setTimeout(r, 1600));
    const late = saveAssessmentAnswer(sam, id, { kind: 'theory', item: 3, seq: seq(), flagged: false, answer: [1] });
    await expect(late).rejects.toMatchObject({ reason: 'late' });
    const stored = await t.db.select().from(assessmentAnswers).where(eq(assessmentAnswers.attemptId, id));
    expect(stored.map((s) => s.item)).toEqual([2]);
  });

  it('submits at the deadline with nobody there, and marks what it can', async () => {
    const id = await overdueAttempt(sam);
    await saveAssessmentAnswer(sam, id, { kind: 'coding', item: 0, seq: seq(), flagged: false, answer: { diagnoses: ['J35.0'], procedures: ['F34.1'] } });
    await new Promise((r) => setTimeout(r, 1600));
    expect(await submitOverdueAttempts(t.db)).toBeGreaterThanOrEqual(1);
    const [a] = await t.db.select().from(assessmentAttempts).where(eq(assessmentAttempts.id, id));
    expect(a!.status).toBe('marked'); // the blank written answer needs no trainer
    expect(a!.submittedBy).toBe('deadline');
    expect(a!.submittedAt!.getTime()).toBe(a!.deadline.getTime());
    const marks = await t.db.select().from(assessmentMarks).where(eq(assessmentMarks.attemptId, id));
    expect(marks.length).toBe(6); // two cases, three questions, and the blank written answer scored 0
    // The coded case joins the practice history readiness is measured on; blank ones do not.
    const practice = await t.db.select().from(codingAttempts).where(eq(codingAttempts.assessmentAttemptId, id));
    expect(practice.length).toBe(1);
    expect(await submitOverdueAttempts(t.db)).toBe(0);
    // Submitted by the server, not by anyone: audited once, with no actor (issue 14 §8).
    const audit = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'assessment.submit_at_deadline'), eq(auditLog.entityId, id)));
    expect(audit).toEqual([expect.objectContaining({ actorId: null, entityType: 'assessment_attempt', after: expect.objectContaining({ apprenticeId: sam.userId, submittedAt: a!.deadline.toISOString() }) })]);
  });
});

async function submittedResult(viewer: Viewer, id: string) {
  const r = await getAttemptResult(viewer, id);
  if (!('items' in r) || !r.result) throw new Error('expected a submitted attempt');
  return r;
}

describe('results and marking', () => {
  it('grades sections and the paper, and a trainer marks the written answer and remarks it with a reason', async () => {
    const id = await startFresh(sam);
    const paper = await getAttemptPaper(sam, id);
    if (paper.status !== 'in_progress') throw new Error('expected the paper in progress');
    const caseIds = paper.items.filter((i) => i.kind === 'coding').map((i) => (i as { title: string }).title);
    expect(caseIds.length).toBe(2);
    // Right answers to every case and question, from the database (as a perfect candidate would give).
    const [c] = await t.db.select().from(assessmentAttempts).where(eq(assessmentAttempts.id, id));
    for (const [index, item] of c!.items.entries()) {
      if (item.kind === 'coding') {
        const [x] = await t.db.select().from(cases).where(eq(cases.id, item.ref));
        await saveAssessmentAnswer(sam, id, { kind: 'coding', item: index, seq: seq(), flagged: false, answer: { diagnoses: x!.expected.diagnoses.map((d) => d.code), procedures: x!.expected.procedures.map((p) => p.code) } });
      } else if (item.kind === 'theory') {
        const [q] = await t.db.select().from(questions).where(eq(questions.id, item.ref));
        await saveAssessmentAnswer(sam, id, { kind: 'theory', item: index, seq: seq(), flagged: index === 2, answer: q!.answer as number[] });
      } else {
        await saveAssessmentAnswer(sam, id, { kind: 'written', item: index, seq: seq(), flagged: false, answer: { text: 'I would ask the consultant, because the record must reflect what they documented.' } });
      }
    }
    // At least a second on the paper, so its practice time is not rounded down to nothing.
    await new Promise((r) => setTimeout(r, 1_100));
    await submitAssessment(sam, id);
    await expect(saveAssessmentAnswer(sam, id, { kind: 'theory', item: 2, seq: seq(), flagged: false, answer: [0] })).rejects.toMatchObject({ reason: 'submitted' });
    // The time from start to submission is practice time (issue 19, point 5), tagged with the paper's items' KSBs.
    const [time] = await t.db.select().from(practiceTime).where(and(eq(practiceTime.kind, 'mock'), eq(practiceTime.refId, id)));
    const paperKsbs = [...new Set((await t.db.select({ ksbs: cases.ksbs }).from(cases).where(inArray(cases.id, c!.items.filter((i) => i.kind === 'coding').map((i) => i.ref)))).flatMap((r) => r.ksbs))];
    expect(time).toMatchObject({ apprenticeId: sam.userId, otjEntryId: null });
    expect(time!.activeSeconds).toBeGreaterThan(0);
    expect(time!.activeSeconds).toBeLessThanOrEqual((c!.deadline.getTime() - c!.startedAt.getTime()) / 1000);
    for (const k of paperKsbs) expect(time!.ksbs).toContain(k);

    let result = await submittedResult(sam, id);
    expect(result.result!.pending).toBe(true);
    expect(result.result!.grade).toBeNull();
    expect(result.result!.figures!.correct).toBe(result.result!.figures!.outOf);
    expect((await listWrittenToMark(patel)).some((w) => w.attemptId === id)).toBe(true);
    expect((await listWrittenToMark(okafor)).some((w) => w.attemptId === id)).toBe(false);
    expect(await countWrittenToMark(patel)).toBe((await listWrittenToMark(patel)).length);
    await expect(markWrittenAnswer(okafor, { attemptId: id, item: 5, criteria: [3, 2], feedback: 'Clear and right.' })).rejects.toBeInstanceOf(NotFound);
    await expect(markWrittenAnswer(patel, { attemptId: id, item: 5, criteria: [4, 2], feedback: 'Clear and right.' })).rejects.toBeInstanceOf(FieldError);

    await markWrittenAnswer(patel, { attemptId: id, item: 5, criteria: [3, 1], feedback: 'Right source; say more on data quality.' });
    result = await submittedResult(sam, id);
    expect(result.status).toBe('marked');
    expect(result.result!.pending).toBe(false);
    // 2/2 weight on cases at 100%, theory 100%, written 4/5 = 80%: (200 + 100 + 80) / 4 = 95%.
    expect(result.result!.percent).toBeCloseTo(95, 5);
    expect(result.result!.grade).toBe('distinction');
    expect(result.ksbBreakdown.length).toBeGreaterThan(0);

    // A remark without a reason is refused; with one, it stands and both are in the audit log.
    const standing = result.items[5]!.mark!.id;
    await expect(markWrittenAnswer(patel, { attemptId: id, item: 5, criteria: [1, 0], feedback: 'On reflection, too thin.', basedOn: standing })).rejects.toBeInstanceOf(FieldError);
    await expect(markWrittenAnswer(patel, { attemptId: id, item: 5, criteria: [1, 0], feedback: 'On reflection, too thin.', reason: 'x', basedOn: 0 })).rejects.toBeInstanceOf(Conflict);
    await markWrittenAnswer(patel, { attemptId: id, item: 5, criteria: [1, 0], feedback: 'On reflection, too thin.', reason: 'Moderation with a second trainer', basedOn: standing });
    result = await submittedResult(sam, id);
    expect(result.items[5]!.mark!.score).toBe(1);
    expect(result.result!.percent).toBeCloseTo((200 + 100 + 20) / 4, 5);
    const audit = await t.db.select().from(auditLog).where(and(eq(auditLog.entityId, id)));
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['assessment.start', 'assessment.submit', 'assessment.mark', 'assessment.remark']));
    // Marks are appended, never changed.
    await expect(t.db.execute(sql`update assessment_marks set score = 5 where attempt_id = ${id}`)).rejects.toThrow();
    const practice = await t.db.select().from(questionAnswers).where(eq(questionAnswers.assessmentAttemptId, id));
    expect(practice.length).toBe(3);
  });
});

describe('scheduling', () => {
  it('invites only the trainer’s own apprentices, and the sitting shows each one’s state', async () => {
    const opensAt = new Date(Date.now() - 60_000);
    const closesAt = new Date(Date.now() + 86_400_000);
    await expect(scheduleSitting(patel, { blueprintKey: 'integration-mock', apprenticeIds: [owen.userId], opensAt, closesAt })).rejects.toBeInstanceOf(FieldError);
    const { id, invited } = await scheduleSitting(patel, { blueprintKey: 'integration-mock', apprenticeIds: [sam.userId, owen.userId], opensAt, closesAt });
    expect(invited).toBe(1);
    const denied = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'access.denied'), eq(auditLog.actorId, patel.userId), eq(auditLog.entityId, owen.userId)));
    expect(denied.length).toBeGreaterThanOrEqual(2);
    const mine = await listMyAssessments(sam);
    expect(mine.sittings.some((s) => s.id === id)).toBe(true);
    expect((await listMyAssessments(owen)).sittings.some((s) => s.id === id)).toBe(false);
    await expect(startAssessment(owen, { sittingId: id })).rejects.toBeInstanceOf(NotFound);
    // The practice version of the same paper in progress must be finished first.
    const practice = await startFresh(sam);
    await expect(startAssessment(sam, { sittingId: id })).rejects.toThrow(/practice version of this paper in progress/);
    expect(await startAssessment(sam, { blueprintKey: 'integration-mock' })).toEqual({ id: practice, resumed: true });
    await t.db.execute(sql`update assessment_attempts set status = 'submitted', submitted_at = now(), submitted_by = 'apprentice' where status = 'in_progress' and apprentice_id = ${sam.userId}`);
    const { id: attemptId } = await startAssessment(sam, { sittingId: id });
    await expect(startAssessment(sam, { blueprintKey: 'integration-mock' })).rejects.toThrow(/scheduled sitting of this paper is in progress/);
    const sitting = await getSitting(patel, id);
    expect(sitting.rows).toEqual([expect.objectContaining({ apprenticeName: expect.any(String), attemptId, state: 'in_progress' })]);
    await expect(getSitting(okafor, id)).rejects.toBeInstanceOf(NotFound);
    await submitAssessment(sam, attemptId);
    await expect(startAssessment(sam, { sittingId: id })).rejects.toBeInstanceOf(Conflict);
  });
});
