import 'server-only';
import { practiceTime } from '@/db/schema';
import type { DbOrTx } from '@/db/client';
import { countedSeconds, type PracticeKind } from '@/lib/practice/active-time';
import { ukToday } from '@/lib/otj/plan';

/**
 * Records the time spent on one piece of practice, in the transaction that saves it, to be offered later as
 * off-the-job training. Called by each kind's submit (coding, questions, audit and query practice, mock
 * papers) with what the browser reported (components/practice/use-active-time.ts); nothing is written when
 * the counted time is 0. One row per piece of practice (unique by kind and id).
 */
export async function recordPracticeTime(
  tx: DbOrTx,
  p: { apprenticeId: string; kind: PracticeKind; refId: string; reportedSeconds: unknown; ksbs: readonly string[]; elapsedSeconds?: number; limitSeconds?: number; now?: Date },
) {
  const seconds = countedSeconds(p.kind, p.reportedSeconds, { elapsedSeconds: p.elapsedSeconds, limitSeconds: p.limitSeconds });
  if (seconds <= 0) return 0;
  await tx
    .insert(practiceTime)
    .values({ apprenticeId: p.apprenticeId, kind: p.kind, refId: p.refId, activityDate: ukToday(p.now), activeSeconds: seconds, ksbs: [...new Set(p.ksbs)] })
    .onConflictDoNothing();
  return seconds;
}
