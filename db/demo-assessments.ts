// Mock assessments for the demo (issue 7): Sam Whitfield has passed a practice EPA and narrowly
// failed a mock NCCQ practical; Aisha Rahman's theory paper waits for Priya Patel to mark its written
// answers; Tom Hargreaves failed a theory paper; Priya has scheduled the practical for her Sep 2025
// cohort this week. All were sat on the day the demo was made. Papers are drawn, answered, submitted and marked by the same code as the app's,
// so every figure on the result pages is real. Answers are synthetic; no patient data.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { drawItems } from '@/lib/assessments/draw';
import { deadlineFor } from '@/lib/assessments/deadline';
import { paperMinutes, writtenItemMarks, type Blueprint } from '@/lib/content/assessment';
import { recordResult, submitAndMark } from '@/lib/dal/assessment-marking';
import type { DbOrTx } from './client';
import { assessmentAnswers, assessmentAttempts, assessmentBlueprints, assessmentInvitations, assessmentMarks, assessmentSittings, apprenticeships, cases, questions, trainerAssignments, users, writtenItems } from './schema';

type Plan = {
  email: string;
  blueprint: string;
  /** Share of items answered right; the rest answered with a plausible mistake. */
  right: number;
  /** Written answers: marked by the trainer (as a share of the marks), or left for them to mark. */
  written: number | 'waiting';
};

const PLANS: Plan[] = [
  { email: 'sam.whitfield@ashwell.example', blueprint: 'mock-epa', right: 0.8, written: 0.75 },
  { email: 'sam.whitfield@ashwell.example', blueprint: 'mock-nccq-practical', right: 0.55, written: 0 },
  { email: 'tom.hargreaves@ashwell.example', blueprint: 'mock-nccq-theory', right: 0.5, written: 0.4 },
  { email: 'aisha.rahman@ashwell.example', blueprint: 'mock-nccq-theory', right: 0.75, written: 'waiting' },
];

const WRITTEN_ANSWER =
  'I would check what the clinician documented in the source record first and never assume. Where the record is unclear or conflicts, I would raise a query with the responsible consultant through our agreed query process, record the query and its answer, and code only once the documentation supports it, following the national clinical coding standards. This keeps the coded data accurate for payment, commissioning and clinical audit.';

// Exactly the planned share of items right, spread through the paper, the same each time.
const isRight = (item: number, plan: number, right: number) => ((item * 7 + plan * 3) % 20) / 20 < right;

export async function seedDemoAssessments(tx: DbOrTx) {
  const people = new Map((await tx.select({ id: users.id, email: users.email }).from(users)).map((u) => [u.email, u.id]));
  const patel = people.get('trainer.patel@coderpathway.example');
  const current = new Map(
    (await tx.selectDistinctOn([assessmentBlueprints.key], { id: assessmentBlueprints.id, key: assessmentBlueprints.key, definition: assessmentBlueprints.definition }).from(assessmentBlueprints).orderBy(assessmentBlueprints.key, sql`${assessmentBlueprints.version} desc`)).map((b) => [b.key, b]),
  );
  if (!patel || current.size === 0) return;
  const already = await tx.select({ id: assessmentAttempts.id }).from(assessmentAttempts).limit(1);
  if (already.length) return;

  const [c, q, w] = await Promise.all([
    tx.select({ id: cases.id, ksbs: cases.ksbs, specialty: cases.specialty, difficulty: cases.difficulty, expected: cases.expected }).from(cases).where(eq(cases.active, true)),
    tx.select({ id: questions.id, ksbs: questions.ksbs, topic: questions.topic, type: questions.type, options: questions.options, answer: questions.answer }).from(questions).where(eq(questions.active, true)),
    tx.select({ id: writtenItems.id, ksbs: writtenItems.ksbs, topic: writtenItems.topic, rubric: writtenItems.rubric }).from(writtenItems).where(eq(writtenItems.active, true)),
  ]);
  const caseById = new Map(c.map((x) => [x.id, x]));
  const questionById = new Map(q.map((x) => [x.id, x]));
  const writtenById = new Map(w.map((x) => [x.id, x]));

  for (const [n, plan] of PLANS.entries()) {
    const apprenticeId = people.get(plan.email);
    const bp = current.get(plan.blueprint);
    if (!apprenticeId || !bp) continue;
    const definition = bp.definition as Blueprint;
    const items = drawItems(definition, { coding: c, theory: q, written: w }, `demo-${n}`);
    // Sat in the hours before the demo was made, finished with a little time to spare: answers are
    // accepted only before the deadline, so the paper is submitted while it is still running.
    const startedAt = new Date(Date.now() - Math.round(paperMinutes(definition) * 0.9) * 60_000);
    const deadline = deadlineFor(startedAt, paperMinutes(definition), 0);
    const [attempt] = await tx.insert(assessmentAttempts).values({ apprenticeId, blueprintId: bp.id, blueprintKey: bp.key, items, startedAt, deadline }).returning({ id: assessmentAttempts.id });
    const answers = items.map((it, item) => {
      const right = isRight(item, n, plan.right);
      if (it.kind === 'coding') {
        const x = caseById.get(it.ref)!;
        const diagnoses = x.expected.diagnoses.map((d) => d.code);
        const procedures = x.expected.procedures.map((p) => p.code);
        // The usual slips: a secondary diagnosis left out, or the primary given a different fourth character.
        if (!right) {
          if (diagnoses.length > 1) diagnoses.pop();
          else diagnoses[0] = diagnoses[0]!.length === 5 ? `${diagnoses[0]!.slice(0, 4)}${diagnoses[0]!.endsWith('9') ? '8' : '9'}` : diagnoses[0]!;
        }
        return { attemptId: attempt!.id, item, answer: { diagnoses, procedures }, clientSeq: item + 1 };
      }
      if (it.kind === 'theory') {
        const x = questionById.get(it.ref)!;
        const expected = x.answer as (number | string)[];
        let answer: unknown;
        if (x.type === 'code') answer = right ? expected[0] : 'R69';
        else if (right) answer = expected;
        else answer = [((expected[0] as number) + 1) % (x.options?.length ?? 4)];
        return { attemptId: attempt!.id, item, answer, clientSeq: item + 1 };
      }
      return { attemptId: attempt!.id, item, answer: { text: WRITTEN_ANSWER }, clientSeq: item + 1 };
    });
    await tx.insert(assessmentAnswers).values(answers);
    await submitAndMark(tx, attempt!.id, 'apprentice');
    if (plan.written === 'waiting') continue;
    const share = plan.written;
    const marks = items.flatMap((it, item) => {
      if (it.kind !== 'written') return [];
      const rubric = writtenById.get(it.ref)!.rubric;
      const criteria = rubric.map((r) => Math.round(r.marks * share));
      return [{ attemptId: attempt!.id, item, score: criteria.reduce((t, m) => t + m, 0), outOf: writtenItemMarks({ rubric }), detail: { criteria, feedback: share >= 0.7 ? 'Right source and the right route; you explain why it matters for the data.' : 'Name the source document and the query route, and say what an error costs.' }, markedBy: patel }];
    });
    if (marks.length) {
      await tx.insert(assessmentMarks).values(marks);
      await recordResult(tx, attempt!.id, patel);
    }
  }

  // This week's sitting of the practical for Priya Patel's Sep 2025 apprentices.
  const practical = current.get('mock-nccq-practical');
  if (!practical) return;
  const invitees = await tx
    .select({ id: apprenticeships.apprenticeId, cohortId: apprenticeships.cohortId })
    .from(apprenticeships)
    .innerJoin(trainerAssignments, and(eq(trainerAssignments.apprenticeshipId, apprenticeships.id), eq(trainerAssignments.trainerId, patel)))
    .innerJoin(users, eq(users.id, apprenticeships.apprenticeId))
    .where(inArray(users.email, ['sam.whitfield@ashwell.example', 'aisha.rahman@ashwell.example', 'tom.hargreaves@ashwell.example', 'lucy.chen@kingsmere.example']));
  if (!invitees.length) return;
  const [sitting] = await tx
    .insert(assessmentSittings)
    .values({ blueprintId: practical.id, cohortId: invitees[0]!.cohortId, opensAt: new Date(Date.now() - 86_400_000), closesAt: new Date(Date.now() + 6 * 86_400_000), createdBy: patel })
    .returning({ id: assessmentSittings.id });
  await tx.insert(assessmentInvitations).values(invitees.map((i) => ({ sittingId: sitting!.id, apprenticeId: i.id })));
}
