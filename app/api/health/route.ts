import { databaseAnswers } from '@/lib/dal/health';
import { env } from '@/lib/env';
import { getFileStorage } from '@/lib/files/storage';
import { currentJobQueue } from '@/lib/jobs';
import { healthReport, runCheck, SafeReason, type CheckOutcome } from '@/lib/health/report';

export const dynamic = 'force-dynamic';

/**
 * For a load balancer and for monitoring. Two questions:
 * - `?live`: is the process answering at all (liveness: restart it if not)? Touches nothing.
 * - otherwise, readiness: can it serve? `{ ok, database, storage, queue }`, each `ok` or a short reason,
 *   and 503 when the database, the file store or (where this process runs the jobs) the job queue
 *   cannot be used, so that traffic goes to an instance that can. Each check has 3 s.
 */
export async function GET(request: Request) {
  const noStore = { 'cache-control': 'no-store' };
  if (new URL(request.url).searchParams.has('live')) return Response.json({ ok: true }, { headers: noStore });

  const [database, storage, queue] = await Promise.all([
    runCheck(databaseAnswers, 'unreachable'),
    runCheck(async () => {
      try {
        await getFileStorage().check();
      } catch (e) {
        throw new SafeReason(e instanceof Error ? e.message : 'unavailable'); // the store's words are safe to show
      }
    }, 'unavailable'),
    queueOutcome(),
  ]);
  const report = healthReport({ database, storage, queue });
  return Response.json(report, { status: report.ok ? 200 : 503, headers: noStore });
}

/** The queue this process started (it runs the jobs); one that only sends opens its queue when it first sends. */
async function queueOutcome(): Promise<CheckOutcome> {
  const queue = currentJobQueue();
  if (!queue) return env.WORKER === 'off' ? { state: 'info', note: 'sends only (WORKER=off)' } : { state: 'failed', reason: 'not started' };
  return runCheck(async () => {
    await queue;
  }, 'failed to start');
}
