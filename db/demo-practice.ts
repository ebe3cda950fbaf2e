import { and, desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from './client';
import { cases, codingAttempts, practiceTime, users } from './schema';
import { ukToday } from '@/lib/otj/plan';

/** Active minutes on each of Sam's newest coded cases: a good day, then a short one, so the offer shows both. */
const MINUTES = [18, 22, 14, 6];

/**
 * Practice time waiting to be logged as off-the-job training (issue 19, point 5) for the demo's Sam, on his
 * newest coded cases, so the off-the-job log shows the offer on a fresh start. Once only.
 */
export async function seedDemoPracticeTime(tx: DbOrTx) {
  const [sam] = await tx.select({ id: users.id }).from(users).where(eq(users.email, 'sam.whitfield@ashwell.example'));
  if (!sam) return;
  const [already] = await tx.select({ id: practiceTime.id }).from(practiceTime).where(eq(practiceTime.apprenticeId, sam.id)).limit(1);
  if (already) return;
  const newest = await tx
    .select({ id: codingAttempts.id, createdAt: codingAttempts.createdAt, ksbs: cases.ksbs })
    .from(codingAttempts)
    .innerJoin(cases, eq(cases.id, codingAttempts.caseId))
    .where(and(eq(codingAttempts.apprenticeId, sam.id), sql`${codingAttempts.assessmentAttemptId} is null`))
    .orderBy(desc(codingAttempts.createdAt), desc(codingAttempts.id))
    .limit(MINUTES.length);
  if (!newest.length) return;
  await tx.insert(practiceTime).values(
    newest.map((a, i) => ({ apprenticeId: sam.id, kind: 'coding', refId: a.id, activityDate: ukToday(a.createdAt), activeSeconds: MINUTES[i]! * 60, ksbs: a.ksbs })),
  );
}
