import { and, eq, inArray } from 'drizzle-orm';
import { subDays, subHours } from 'date-fns';
import type { DbOrTx } from './client';
import { apprenticeships, conversationMessages, conversationReads, conversationThreads, evidence, users } from './schema';

const PATEL = 'trainer.patel@coderpathway.example';
const SAM = 'sam.whitfield@ashwell.example';
// One of Sam's demo pieces (db/demo-evidence.ts): referred back, so a question about it is natural.
const PIECE = 'Reflective account: querying a missing histology result';

type Line = { by: 'trainer' | 'apprentice'; daysAgo: number; hoursAgo?: number; body: string };

// Relative to the day of seeding, like the demo evidence: the conversations are always recent.
const DIRECT: Line[] = [
  { by: 'trainer', daysAgo: 3, body: 'Hi Sam, could we move next week’s review to Thursday morning? I am at the other site on Tuesday.' },
  { by: 'apprentice', daysAgo: 3, hoursAgo: -2, body: 'Thursday works. Would 10:00 be all right? I have the ward meeting until 9:30.' },
  { by: 'trainer', daysAgo: 1, body: 'Thursday at 10:00 it is. Bring your notes on the sequencing queries you raised this month.' },
];
const ON_PIECE: Line[] = [
  { by: 'trainer', daysAgo: 2, body: 'When you add the outcome of the query, say which coding standard told you to wait for the histology result.' },
  { by: 'apprentice', daysAgo: 2, hoursAgo: -3, body: 'Will do: I will add the reference and what the consultant confirmed.' },
];

/**
 * A direct conversation between Priya Patel and Sam Whitfield (her last message not yet read by Sam), and a
 * comment thread on one of Sam's pieces, so the Messages page and the Comments panels are not empty.
 * Written directly (no viewer at seeding). Idempotent: seeded once, only where Sam has no thread yet.
 */
export async function seedDemoConversations(tx: DbOrTx) {
  const people = await tx.select({ id: users.id, email: users.email }).from(users).where(inArray(users.email, [PATEL, SAM]));
  const trainerId = people.find((p) => p.email === PATEL)?.id;
  const samId = people.find((p) => p.email === SAM)?.id;
  if (!trainerId || !samId) return;
  const [app] = await tx.select({ id: apprenticeships.id }).from(apprenticeships).where(eq(apprenticeships.apprenticeId, samId)).limit(1);
  if (!app) return;
  const [existing] = await tx.select({ id: conversationThreads.id }).from(conversationThreads).where(eq(conversationThreads.apprenticeshipId, app.id)).limit(1);
  if (existing) return;
  const [piece] = await tx.select({ id: evidence.id }).from(evidence).where(and(eq(evidence.apprenticeId, samId), eq(evidence.title, PIECE)));
  const now = new Date();
  const at = (l: Line) => subHours(subDays(now, l.daysAgo), l.hoursAgo ?? 0);
  const thread = async (values: typeof conversationThreads.$inferInsert, lines: Line[], samReadUpTo: Date) => {
    const last = at(lines.at(-1)!);
    const [t] = await tx.insert(conversationThreads).values({ ...values, createdAt: at(lines[0]!), lastMessageAt: last }).returning({ id: conversationThreads.id });
    await tx.insert(conversationMessages).values(lines.map((l) => ({ threadId: t!.id, authorId: l.by === 'trainer' ? trainerId : samId, body: l.body, createdAt: at(l) })));
    await tx.insert(conversationReads).values([
      { threadId: t!.id, userId: trainerId, readUpTo: last },
      { threadId: t!.id, userId: samId, readUpTo: samReadUpTo },
    ]);
  };
  await thread({ apprenticeshipId: app.id, subjectType: 'direct', trainerId }, DIRECT, at(DIRECT[1]!));
  if (piece) await thread({ apprenticeshipId: app.id, subjectType: 'evidence', subjectId: piece.id }, ON_PIECE, at(ON_PIECE[1]!));
}
