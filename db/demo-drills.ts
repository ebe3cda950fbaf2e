import { and, desc, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from './client';
import { codingAttempts, drillCards, questionAnswers, questions, users } from './schema';
import { review } from '@/lib/drills/schedule';
import { conventionOf } from '@/lib/progress/weak-spots';
import type { Finding } from '@/lib/coding/mark';

const DAY = 86_400_000;

/**
 * Weak-spot drills for the demo (issue 19 §4): Sam Whitfield has two of the cases they got a convention wrong in
 * and one theory question they answered wrong, missed yesterday and so due today, so "Practise my weak spots" is
 * not empty on a fresh start. For an apprentice with no drill cards yet; run after the demo progress (attempts).
 */
export async function seedDemoDrills(tx: DbOrTx, now: Date = new Date()) {
  const [sam] = await tx.select({ id: users.id }).from(users).where(eq(users.email, 'sam.whitfield@ashwell.example'));
  if (!sam) return;
  const [existing] = await tx.select({ id: drillCards.itemId }).from(drillCards).where(eq(drillCards.apprenticeId, sam.id)).limit(1);
  if (existing) return;
  const yesterday = new Date(now.getTime() - DAY);
  const attempts = await tx
    .select({ caseId: codingAttempts.caseId, findings: codingAttempts.findings })
    .from(codingAttempts)
    .where(eq(codingAttempts.apprenticeId, sam.id))
    .orderBy(desc(codingAttempts.createdAt), codingAttempts.caseId);
  const cards: (typeof drillCards.$inferInsert)[] = [];
  for (const a of attempts) {
    if (cards.length >= 2) break;
    if (cards.some((c) => c.itemId === a.caseId)) continue;
    const convention = (a.findings as Finding[]).map(conventionOf).find((c) => c !== null);
    if (convention) cards.push({ apprenticeId: sam.id, itemKind: 'case', itemId: a.caseId, reason: convention, ...review(null, false, yesterday) });
  }
  const [wrong] = await tx
    .select({ questionId: questionAnswers.questionId, ksbs: questions.ksbs })
    .from(questionAnswers)
    .innerJoin(questions, eq(questions.id, questionAnswers.questionId))
    .where(and(eq(questionAnswers.apprenticeId, sam.id), eq(questionAnswers.correct, false), isNull(questionAnswers.assessmentAttemptId)))
    .orderBy(desc(questionAnswers.createdAt), questionAnswers.questionId)
    .limit(1);
  if (wrong) cards.push({ apprenticeId: sam.id, itemKind: 'question', itemId: wrong.questionId, reason: wrong.ksbs[0] ?? 'K5', ...review(null, false, yesterday) });
  if (cards.length) await tx.insert(drillCards).values(cards).onConflictDoNothing();
}
