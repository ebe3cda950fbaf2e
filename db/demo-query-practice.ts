import { inArray, sql } from 'drizzle-orm';
import { subDays } from 'date-fns';
import type { DbOrTx } from './client';
import { queryAttempts, users } from './schema';
import { precheckQuery } from '@/lib/query-practice/prechecks';

// Clinical query practice in the demo (issue 19, point 2): Sam has an answer his trainer has marked; Aisha has
// one waiting for Priya Patel's marking, so the trainer's queue and its "Needs you" task are not empty.
const PATEL = 'trainer.patel@coderpathway.example';
const SAM = 'sam.whitfield@ashwell.example';
const AISHA = 'aisha.rahman@ashwell.example';

const AISHA_QUERY =
  'Dear Mr Ashworth, the operation note of 21/05 for this day case does not record which eye was operated on, and the discharge summary does not name it either. Could you please confirm it was the right eye, as the clinic letter says?';

export async function seedDemoQueryPractice(tx: DbOrTx) {
  const [{ n } = { n: 0 }] = await tx.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(queryAttempts);
  if (n > 0) return;
  const people = await tx.select({ id: users.id, email: users.email }).from(users).where(inArray(users.email, [PATEL, SAM, AISHA]));
  const id = (email: string) => people.find((p) => p.email === email)?.id;
  const [patel, sam, aisha] = [id(PATEL), id(SAM), id(AISHA)];
  if (!patel || !sam || !aisha) return;
  const now = new Date();
  await tx.insert(queryAttempts).values([
    {
      apprenticeId: sam,
      scenarioId: 'query-17-hernia-side-in-operation-note',
      queryNeeded: false,
      reasoning: 'The discharge summary has no side, but the operation note of 17/06 records a right indirect inguinal hernia repaired with mesh, so the laterality is documented and no query is needed.',
      prechecks: [],
      status: 'marked',
      rubric: { decision_correct: { met: true } },
      feedback: 'Right: you read the operation note before deciding. That is exactly the habit to keep.',
      markedBy: patel,
      markedAt: subDays(now, 3),
      rowVersion: 2,
      createdAt: subDays(now, 4),
    },
    {
      apprenticeId: aisha,
      scenarioId: 'query-03-cataract-side-not-recorded',
      queryNeeded: true,
      addressedTo: 'Mr D. Ashworth',
      queryText: AISHA_QUERY,
      reasoning: 'No side is recorded for the cataract operation; the laterality code depends on it.',
      prechecks: precheckQuery(AISHA_QUERY),
      createdAt: subDays(now, 2),
    },
  ]);
}
