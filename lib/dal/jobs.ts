import 'server-only';
import { z } from 'zod';
import { getDb, pgliteClientOf } from '@/db/client';
import { env } from '@/lib/env';
import { Conflict, NotFound } from '@/lib/errors';
import { getJobQueue, openJobQueue, QUEUE_NAMES, QUEUES, type JobQueue, type JobState, type QueueName } from '@/lib/jobs';
import { authorize, recordDenied, writeAudit } from './access';
import type { Viewer } from './viewer';

/**
 * The process's job queue, on the app's own database: the worker's when this process runs one
 * (instrumentation-node.ts, scripts/worker.ts), else opened here to send only.
 */
export function jobQueue(): Promise<JobQueue> {
  return getJobQueue(async () => {
    if (env.DATABASE_URL) return openJobQueue({ url: env.DATABASE_URL }, { supervise: false });
    const pglite = pgliteClientOf(await getDb());
    if (!pglite) throw new Error('the job queue needs DATABASE_URL or the embedded database');
    return openJobQueue({ pglite }, { supervise: false });
  });
}

const SHOWN: JobState[] = ['created', 'retry', 'active', 'failed'];
const GROUP: Record<JobState, 'queued' | 'running' | 'failed' | 'completed' | 'cancelled'> = {
  created: 'queued',
  retry: 'queued',
  active: 'running',
  failed: 'failed',
  completed: 'completed',
  cancelled: 'cancelled',
};
export const JOBS_SHOWN = 100;

/**
 * Admin: every queue with how many of its jobs are queued (waiting, or waiting to be tried again),
 * running and failed, and the newest of those jobs, failed ones with what went wrong.
 */
export async function listJobs(viewer: Viewer) {
  await authorize(viewer, 'jobs.manage');
  const queue = await jobQueue();
  const [counts, jobs] = await Promise.all([queue.counts(), queue.list(SHOWN, JOBS_SHOWN)]);
  const queues = (Object.keys(QUEUES) as QueueName[]).map((name) => {
    const of = (group: string) => counts.filter((c) => c.queue === name && GROUP[c.state] === group).reduce((n, c) => n + c.count, 0);
    return { name, queued: of('queued'), running: of('running'), failed: of('failed'), completed: of('completed') };
  });
  return {
    queues,
    jobs: jobs.map((j) => ({
      id: j.id,
      queue: j.queue,
      state: GROUP[j.state] as 'queued' | 'running' | 'failed',
      waitingToRetry: j.state === 'retry',
      tries: j.retryCount,
      retryLimit: j.retryLimit,
      createdOn: j.createdOn,
      startAfter: j.startAfter,
      startedOn: j.startedOn,
      error: j.error,
      // What a job is about: the ids it carries (no job carries more than ids).
      about: Object.entries((j.data ?? {}) as Record<string, unknown>)
        .map(([k, v]) => `${k} ${String(v)}`)
        .join(', '),
    })),
  };
}

const RetryInput = z.object({ queue: z.enum(QUEUE_NAMES), id: z.uuid() });

/** Admin: a failed job queued again for one more try, audited. A job no longer failed is a Conflict. */
export async function retryJob(viewer: Viewer, input: { queue: string; id: string }) {
  await authorize(viewer, 'jobs.manage', { type: 'job', id: input.id });
  const parsed = RetryInput.safeParse(input);
  if (!parsed.success) {
    await recordDenied(viewer, 'jobs.manage', 'job', input.id);
    throw new NotFound('job');
  }
  const queue = await jobQueue();
  const { queue: name, id } = parsed.data;
  if (!(await queue.retry(name, id))) throw new Conflict('That job is not failed any more: it may have been retried already. The list is up to date now.');
  await writeAudit(await getDb(), viewer, { action: 'job.retry', entityType: 'job', entityId: id, after: { queue: name } });
}
