// No 'server-only' marker: the demo seed (db/demo-assessments.ts) runs these outside Next too.
import { and, eq, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { assessmentAnswers, assessmentAttempts, auditLog, assessmentBlueprints, assessmentMarks, assessmentResults, cases, codingAttempts, questionAnswers, questions, writtenItems, type DrawnItemRow } from '@/db/schema';
import type { Blueprint, Grade } from '@/lib/content/assessment';
import { codingScore, gradePaper } from '@/lib/assessments/grade';
import { expectedForMarking } from '@/lib/coding/expected';
import { activeClassification, markingRules } from '@/db/classification-read';
import { figureColumns, KeyNotMarkable, mark } from '@/lib/coding/mark';
import { grade as gradeQuestion, type GradableQuestion } from '@/lib/questions/grade';

/**
 * Submission and marking of mock attempts: shared by the apprentice's own submit, the deadline
 * sweep (no viewer at all) and a trainer's mark of a written answer. Callers authorize first.
 */

export type CodingAnswer = { diagnoses: string[]; procedures: string[] };
export type TheoryAnswer = number[] | string;
export type WrittenAnswer = { text: string };

type MarkRow = typeof assessmentMarks.$inferInsert;

const isBlankCoding = (a: CodingAnswer | undefined) => !a || (a.diagnoses.length === 0 && a.procedures.length === 0);
const isBlankTheory = (a: TheoryAnswer | undefined) => a === undefined || (Array.isArray(a) ? a.length === 0 : a.trim() === '');

/**
 * Submits an attempt as its answers stand and marks everything a machine can mark, in one
 * transaction. `by` is 'apprentice' or 'deadline'; an attempt reached after its deadline is always
 * submitted as at the deadline. Returns false when it was no longer in progress (someone else got there).
 */
export async function submitAndMark(tx: DbOrTx, attemptId: string, by: 'apprentice' | 'deadline'): Promise<boolean> {
  // The row lock waits for any answer being saved (saves hold FOR SHARE on the attempt) to commit.
  const [attempt] = await tx
    .update(assessmentAttempts)
    .set({
      status: 'submitted',
      submittedAt: sql`least(now(), ${assessmentAttempts.deadline})`,
      submittedBy: sql`case when now() >= ${assessmentAttempts.deadline} then 'deadline' else ${by} end`,
    })
    .where(and(eq(assessmentAttempts.id, attemptId), eq(assessmentAttempts.status, 'in_progress')))
    .returning();
  if (!attempt) return false;
  // Submitted by the server, not by anyone: the sweep, or a read of an overdue attempt. The apprentice's
  // own submit is audited by submitAssessment, in the same transaction.
  if (attempt.submittedBy === 'deadline')
    await tx.insert(auditLog).values({
      actorId: null,
      action: 'assessment.submit_at_deadline',
      entityType: 'assessment_attempt',
      entityId: attempt.id,
      after: { apprenticeId: attempt.apprenticeId, deadline: attempt.deadline.toISOString(), submittedAt: attempt.submittedAt?.toISOString() ?? null },
    });
  const answers = new Map((await tx.select().from(assessmentAnswers).where(eq(assessmentAnswers.attemptId, attemptId))).map((a) => [a.item, a.answer]));
  const items = attempt.items;
  const refs = (kind: DrawnItemRow['kind']) => [...new Set(items.filter((i) => i.kind === kind).map((i) => i.ref))];
  const [caseRows, questionRows, writtenRows] = await Promise.all([
    refs('coding').length ? tx.select({ id: cases.id, expected: cases.expected, patient: cases.patient }).from(cases).where(inArray(cases.id, refs('coding'))) : [],
    refs('theory').length ? tx.select().from(questions).where(inArray(questions.id, refs('theory'))) : [],
    refs('written').length ? tx.select({ id: writtenItems.id, marks: writtenItems.marks }).from(writtenItems).where(inArray(writtenItems.id, refs('written'))) : [],
  ]);
  const caseById = new Map(caseRows.map((c) => [c.id, c]));
  const questionById = new Map(questionRows.map((q) => [q.id, q]));
  const writtenById = new Map(writtenRows.map((w) => [w.id, w]));
  const [classification, rules] = await Promise.all([activeClassification(tx), markingRules(tx)]);
  const editions = { icd10EditionId: classification.editions.icd10.id, opcs4EditionId: classification.editions.opcs4.id };
  const markedUnder = { icd10: classification.editions.icd10.name, opcs4: classification.editions.opcs4.name };

  const marks: MarkRow[] = [];
  const practiceAttempts: (typeof codingAttempts.$inferInsert)[] = [];
  const practiceAnswers: (typeof questionAnswers.$inferInsert)[] = [];
  items.forEach((item, index) => {
    const given = answers.get(index);
    if (item.kind === 'coding') {
      const c = caseById.get(item.ref)!;
      const key = expectedForMarking(c.expected);
      const expected = key.stored;
      const answer = (given as CodingAnswer | undefined) ?? { diagnoses: [], procedures: [] };
      let result: ReturnType<typeof mark>;
      try {
        result = mark(key.coding, answer, classification, { rules, patient: c.patient ?? undefined });
      } catch (e) {
        if (!(e instanceof KeyNotMarkable)) throw e;
        // An edition activated under the content: the case counts for nothing rather than stopping the paper.
        const finding = { type: 'unknown_code', field: 'primaryDiagnosis', given: e.code, message: `This case could not be marked: its key uses ${e.code}, which is not a complete code in ${e.edition}. It does not count towards the paper.` };
        const none = { pdCorrect: null, pdOf: null, sdCorrect: null, sdOf: null, ppCorrect: null, ppOf: null, spCorrect: null, spOf: null };
        marks.push({ attemptId, item: index, score: 0, outOf: 0, detail: { answer, expected, findings: [finding], figures: none } });
        return;
      }
      const columns = figureColumns(result);
      const figures = Object.fromEntries(Object.entries(columns).map(([k, v]) => [k, v ?? null])) as { [K in keyof typeof columns]: number | null };
      const score = codingScore([figures]);
      marks.push({ attemptId, item: index, score: score.correct, outOf: score.outOf, detail: { answer, expected, findings: result.findings, figures, markedUnder, rules } });
      // A case left blank (usually time ran out) says nothing of coding accuracy, so only coded
      // cases join the practice history that readiness is measured on.
      if (!isBlankCoding(given as CodingAnswer | undefined))
        practiceAttempts.push({ apprenticeId: attempt.apprenticeId, caseId: item.ref, answer, expected, findings: result.findings, ...columns, assessmentAttemptId: attemptId, ...editions, rules });
    } else if (item.kind === 'theory') {
      const q = questionById.get(item.ref)!;
      const answer = given as TheoryAnswer | undefined;
      const gradable = (q.type === 'code' ? { type: 'code', classification: q.classification!, answer: q.answer as string[] } : { type: q.type, answer: q.answer as number[] }) as GradableQuestion;
      const correct = !isBlankTheory(answer) && gradeQuestion(gradable, answer!, classification);
      marks.push({ attemptId, item: index, score: correct ? 1 : 0, outOf: 1, detail: { answer: answer ?? null, expected: q.answer, correct } });
      if (!isBlankTheory(answer)) practiceAnswers.push({ apprenticeId: attempt.apprenticeId, questionId: q.id, answer: answer!, correct, assessmentAttemptId: attemptId, editionId: q.type === 'code' ? classification.editions[q.classification!].id : null });
    } else {
      const w = writtenById.get(item.ref)!;
      const text = (given as WrittenAnswer | undefined)?.text?.trim() ?? '';
      // Nothing written earns nothing; no trainer needs to look at it.
      if (!text) marks.push({ attemptId, item: index, score: 0, outOf: w.marks, detail: { criteria: [], feedback: 'No answer was given.' } });
    }
  });
  if (marks.length) await tx.insert(assessmentMarks).values(marks);
  if (practiceAttempts.length) await tx.insert(codingAttempts).values(practiceAttempts);
  if (practiceAnswers.length) await tx.insert(questionAnswers).values(practiceAnswers);
  await recordResult(tx, attemptId, null);
  return true;
}

/**
 * Grades an attempt from the newest mark of each item and appends the result; the attempt becomes
 * 'marked' once nothing waits for a trainer.
 */
export async function recordResult(tx: DbOrTx, attemptId: string, by: string | null) {
  const [attempt] = await tx
    .select({ items: assessmentAttempts.items, definition: assessmentBlueprints.definition, status: assessmentAttempts.status })
    .from(assessmentAttempts)
    .innerJoin(assessmentBlueprints, eq(assessmentBlueprints.id, assessmentAttempts.blueprintId))
    .where(eq(assessmentAttempts.id, attemptId));
  if (!attempt) throw new Error(`attempt ${attemptId} vanished while being marked`);
  const latest = await latestMarks(tx, attemptId);
  const result = resultOf(attempt.definition, attempt.items, latest);
  await tx.insert(assessmentResults).values({ attemptId, percent: result.percent, grade: result.grade, pending: result.pending, sections: result.sections, figures: result.figures, createdBy: by });
  if (!result.pending && attempt.status !== 'marked') await tx.update(assessmentAttempts).set({ status: 'marked' }).where(eq(assessmentAttempts.id, attemptId));
  return result;
}

/** An attempt's standing grade and percent (its newest result), as columns of a query over attempts. */
export const latestResult = {
  grade: sql<Grade | null>`(select r.grade from assessment_results r where r.attempt_id = ${assessmentAttempts.id} order by r.id desc limit 1)`,
  percent: sql<number | null>`(select r.percent from assessment_results r where r.attempt_id = ${assessmentAttempts.id} order by r.id desc limit 1)`.mapWith((v) => (v === null ? null : Number(v))),
};

export type LatestMark = { item: number; score: number; outOf: number; detail: Record<string, unknown>; markedBy: string | null; reason: string | null; createdAt: Date; id: number };

/** The standing mark of each item: the newest row. */
export async function latestMarks(db: DbOrTx, attemptId: string): Promise<Map<number, LatestMark>> {
  const rows = await db
    .selectDistinctOn([assessmentMarks.item], {
      id: assessmentMarks.id,
      item: assessmentMarks.item,
      score: assessmentMarks.score,
      outOf: assessmentMarks.outOf,
      detail: assessmentMarks.detail,
      markedBy: assessmentMarks.markedBy,
      reason: assessmentMarks.reason,
      createdAt: assessmentMarks.createdAt,
    })
    .from(assessmentMarks)
    .where(eq(assessmentMarks.attemptId, attemptId))
    .orderBy(assessmentMarks.item, sql`${assessmentMarks.id} desc`);
  return new Map(rows.map((r) => [r.item, { ...r, detail: r.detail as Record<string, unknown> }]));
}

/** The graded paper from the standing marks: sections, overall, and the paper's four audit figures. */
export function resultOf(bp: Blueprint, items: DrawnItemRow[], latest: Map<number, Pick<LatestMark, 'score' | 'outOf' | 'detail'>>) {
  const sections = bp.sections.map((s) => {
    const idx = items.map((it, i) => ({ it, i })).filter(({ it }) => it.sectionId === s.id);
    const marked = idx.map(({ i }) => latest.get(i)).filter((m) => m !== undefined);
    return {
      sectionId: s.id,
      score: marked.reduce((t, m) => t + Number(m.score), 0),
      outOf: marked.reduce((t, m) => t + m.outOf, 0),
      pending: marked.length < idx.length,
    };
  });
  const graded = gradePaper(bp, sections);
  const codingFigures = items.flatMap((it, i) => (it.kind === 'coding' && latest.get(i) ? [(latest.get(i)!.detail as { figures: Parameters<typeof codingScore>[0][number] }).figures] : []));
  return { ...graded, figures: codingFigures.length ? codingScore(codingFigures) : null };
}

/** Submits every attempt whose deadline has passed, whoever has (or has not) the page open. */
export async function submitOverdueAttempts(db: DbOrTx, limit = 100): Promise<number> {
  const due = await db
    .select({ id: assessmentAttempts.id })
    .from(assessmentAttempts)
    .where(and(eq(assessmentAttempts.status, 'in_progress'), lte(assessmentAttempts.deadline, sql`now()`)))
    .limit(limit);
  let n = 0;
  for (const { id } of due) if (await db.transaction((tx) => submitAndMark(tx, id, 'deadline'))) n++;
  return n;
}

/**
 * The job of one attempt's deadline (queue `assessment-deadline`, sent when the attempt starts, to run at
 * the deadline). Idempotent: a paper already submitted (by the apprentice, by a read of it after the
 * deadline, by another run of this job or the sweep) is left alone, and submitAndMark's conditional
 * update lets exactly one of any runs racing submit it and write its audit entry. Run early (a deadline
 * moved later), it answers the deadline to wait for.
 */
export async function submitAttemptAtDeadline(db: DbOrTx, attemptId: string): Promise<{ submitted: boolean; notBefore?: Date }> {
  const [a] = await db
    .select({ status: assessmentAttempts.status, deadline: assessmentAttempts.deadline, due: sql<boolean>`${assessmentAttempts.deadline} <= now()` })
    .from(assessmentAttempts)
    .where(eq(assessmentAttempts.id, attemptId));
  if (!a || a.status !== 'in_progress') return { submitted: false };
  if (!a.due) return { submitted: false, notBefore: a.deadline };
  return { submitted: await db.transaction((tx) => submitAndMark(tx, attemptId, 'deadline')) };
}

/**
 * The latest graded mock of each kind an apprentice has sat, for the gateway checklist. Called by
 * the progress picture after it has authorized the viewer for that apprentice.
 */
export async function latestMockGrades(db: DbOrTx, apprenticeId: string | SQL) {
  const rows = await db
    .selectDistinctOn([assessmentBlueprints.kind], {
      kind: assessmentBlueprints.kind,
      title: assessmentBlueprints.title,
      grade: assessmentResults.grade,
      percent: assessmentResults.percent,
      at: assessmentAttempts.submittedAt,
    })
    .from(assessmentAttempts)
    .innerJoin(assessmentBlueprints, eq(assessmentBlueprints.id, assessmentAttempts.blueprintId))
    .innerJoin(assessmentResults, eq(assessmentResults.attemptId, assessmentAttempts.id))
    .where(and(eq(assessmentAttempts.apprenticeId, apprenticeId), eq(assessmentAttempts.status, 'marked'), sql`${assessmentResults.id} = (select max(r.id) from assessment_results r where r.attempt_id = ${assessmentAttempts.id})`))
    .orderBy(assessmentBlueprints.kind, sql`${assessmentAttempts.submittedAt} desc`);
  return rows.filter((r) => r.grade && r.percent !== null && r.at).map((r) => ({ kind: r.kind, title: r.title, grade: r.grade as 'fail' | 'pass' | 'distinction', percent: Number(r.percent), at: r.at! }));
}
