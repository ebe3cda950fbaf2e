import { createPgBossQueue, type JobQueueSource, type StartOptions } from './pg-boss';
import type { JobQueue } from './queue';

export * from './queue';
export { JOBS_SCHEMA, type JobQueueSource, type StartOptions } from './pg-boss';

/** Opens the job queue on a database (the one implementation: pg-boss). */
export function openJobQueue(source: JobQueueSource, options: StartOptions): Promise<JobQueue> {
  return createPgBossQueue(source, options);
}

// The process's one queue, opened on first use and kept on globalThis so that every route's bundle
// (and the instrumentation that starts the worker) shares it, as the database handle is shared.
type Held = { ready?: Promise<JobQueue>; open?: () => Promise<JobQueue> };
const g = globalThis as unknown as { __coderPathwayJobs?: Held };
const held = (): Held => (g.__coderPathwayJobs ??= {});

/**
 * The process's queue: the one already open (the worker's, opened at start-up), else one opened now
 * by `open` (a process that only sends: no maintenance, no schedules).
 */
export function getJobQueue(open: () => Promise<JobQueue>): Promise<JobQueue> {
  const h = held();
  if (!h.ready) {
    const ready = (h.open ?? open)();
    h.ready = ready;
    ready.catch(() => {
      if (h.ready === ready) h.ready = undefined; // the next caller tries again
    });
  }
  return h.ready;
}

/** Makes `queue` the process's queue (start-up: the worker's queue also serves what the app sends). */
export function setJobQueue(queue: Promise<JobQueue>) {
  held().ready = queue;
}

/** The queue if one is open or opening, without opening one. */
export function currentJobQueue(): Promise<JobQueue> | undefined {
  return g.__coderPathwayJobs?.ready;
}

/**
 * Tests: how the process's queue is opened on the test's own database (lazily, so a test file that
 * sends nothing pays nothing); undefined forgets the queue and the opener.
 */
export function setJobQueueOpenerForTests(open: (() => Promise<JobQueue>) | undefined) {
  g.__coderPathwayJobs = open ? { open } : undefined;
}
