import 'server-only';
import { parseInput } from '@/lib/forms/parse-input';
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { wholeNumber } from '@/lib/forms/fields';
import { safeText } from '@/lib/forms/safe-text';
import { getDb } from '@/db/client';
import { questionAnswers, questions } from '@/db/schema';
import { NotFound } from '@/lib/errors';
import { activeClassification } from './classification';
import { grade } from '@/lib/questions/grade';
import { authorize, writeAudit } from './access';
import type { Viewer } from './viewer';
import { feedDrill } from './drills';
import { recordPracticeTime } from './practice-time';
import { activeSecondsField } from '@/lib/practice/active-seconds-field';

const KsbCode = z.string().regex(/^[KS]\d{1,2}$/);
export const PracticeQuery = z.object({
  // One item or several (?ksb=K5&ksb=S4); anything else is ignored.
  ksb: z
    .union([z.string(), z.array(z.string())]) // not free text: each item must match KsbCode or is dropped
    .transform((v) => (Array.isArray(v) ? v : v ? [v] : []).filter((k) => KsbCode.safeParse(k).success).slice(0, 60))
    .catch([]),
  count: wholeNumber({ label: 'number of questions', min: 1, max: 40 }).catch(20),
  // One question by its id (a weak-spot drill's Start link); anything not shaped like an id is ignored.
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/).max(120).optional().catch(undefined),
});

/** A practice set: 20 questions drawn at random from the chosen KSBs, or from all, or the one question asked for by id. Never the answers. */
export async function listPracticeQuestions(viewer: Viewer, query: { ksb?: string | string[]; count?: string; id?: string } = {}) {
  await authorize(viewer, 'questions.practise');
  const { ksb, count, id } = PracticeQuery.parse(query);
  const db = await getDb();
  const conditions: SQL[] = [eq(questions.active, true)];
  if (id) conditions.push(eq(questions.id, id));
  if (ksb.length) conditions.push(sql`${questions.ksbs} && ${sql.param(ksb)}::text[]`);
  return db
    .select({ id: questions.id, topic: questions.topic, type: questions.type, stem: questions.stem, options: questions.options, classification: questions.classification, ksbs: questions.ksbs })
    .from(questions)
    .where(and(...conditions))
    .orderBy(sql`random()`)
    .limit(count);
}

export const QuestionAnswerInput = z.object({
  questionId: safeText({ label: 'question', max: 120, trim: false }).min(1),
  answer: z.union([z.array(wholeNumber({ label: 'choice', min: 0, max: 9 })).max(10), safeText({ label: 'code', max: 20 }).min(1, 'Type a code.')]),
  activeSeconds: activeSecondsField(), // counted in the browser; recordPracticeTime caps it
});

/** Marks one answer at once, keeps it (for weak-KSB reports) and gives the explanation. */
export async function answerQuestion(viewer: Viewer, input: z.input<typeof QuestionAnswerInput>) {
  await authorize(viewer, 'questions.practise', { type: 'question', id: input.questionId });
  const data = parseInput(QuestionAnswerInput, input);
  const db = await getDb();
  const [q] = await db.select().from(questions).where(and(eq(questions.id, data.questionId), eq(questions.active, true)));
  if (!q) throw new NotFound('question');
  const gradable = q.type === 'code' ? { type: 'code' as const, classification: q.classification!, answer: q.answer as string[] } : { type: q.type as 'single' | 'multiple', answer: q.answer as number[] };
  const classification = await activeClassification(db);
  const correct = grade(gradable, data.answer, classification);
  await db.transaction(async (tx) => {
    const [saved] = await tx
      .insert(questionAnswers)
      .values({ apprenticeId: viewer.userId, questionId: q.id, answer: data.answer, correct, editionId: q.type === 'code' ? classification.editions[q.classification!].id : null })
      .returning({ id: questionAnswers.id });
    await recordPracticeTime(tx, { apprenticeId: viewer.userId, kind: 'question', refId: String(saved!.id), reportedSeconds: data.activeSeconds, ksbs: q.ksbs });
    await writeAudit(tx, viewer, { action: 'question.answer', entityType: 'question', entityId: q.id, after: { correct } });
    // A wrong answer makes the question a weak-spot drill under its first KSB; answered again, its card is reviewed.
    await feedDrill(tx, { apprenticeId: viewer.userId, itemKind: 'question', itemId: q.id, missReason: correct ? null : (q.ksbs[0] ?? q.topic) });
  });
  return { correct, explanation: q.explanation, answer: q.answer };
}

/** The apprentice's theory score by KSB, weakest first. */
export async function getQuestionScores(viewer: Viewer) {
  await authorize(viewer, 'questions.practise');
  const db = await getDb();
  return db
    .select({
      ksb: sql<string>`k.ksb`,
      answered: sql<number>`count(*)`.mapWith(Number),
      correct: sql<number>`count(*) filter (where ${questionAnswers.correct})`.mapWith(Number),
    })
    .from(questionAnswers)
    .innerJoin(questions, eq(questions.id, questionAnswers.questionId))
    .innerJoin(sql`unnest(${questions.ksbs}) as k(ksb)`, sql`true`)
    .where(eq(questionAnswers.apprenticeId, viewer.userId))
    .groupBy(sql`k.ksb`)
    .orderBy(sql`count(*) filter (where ${questionAnswers.correct})::float / count(*)`, asc(sql`k.ksb`));
}
