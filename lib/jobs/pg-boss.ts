import PgBoss from 'pg-boss';
import type { PGlite } from '@electric-sql/pglite';
import { guardOutcomeReports } from './pg-boss-outcome-guard';
import { LIVENESS, QUEUES, type Handler, type JobPayloads, type JobQueue, type JobState, type JobSummary, type QueueName, type SendOptions } from './queue';

/**
 * The job queue on pg-boss (10.4.2, the last line that runs on Node 20: 11 and 12 need Node 22), in the
 * app's own database, in a schema of its own (`pgboss`) that pg-boss creates and migrates itself: its
 * tables are not in db/schema nor in drizzle-kit's migrations, and drizzle never touches them.
 *
 * Why pg-boss: the queue lives in the database the app already has (no Redis, nothing more to run), so
 * `npm start` stays zero-set-up on PGlite, and on PostgreSQL any number of web and worker processes share
 * it safely (SELECT … FOR UPDATE SKIP LOCKED). It retries with back-off, expires jobs whose process died,
 * runs cron schedules once per tick across instances, and keeps at most one queued job per key.
 */
export const JOBS_SCHEMA = 'pgboss';
/**
 * Running jobs' heartbeats. pg-boss 10 has none: a job whose process was killed stays active until it
 * expires (10 minutes for an export). Ours, in pg-boss's schema but not one of its tables (it never
 * touches tables it does not know), lets a supervising process fail such a job within seconds.
 */
const HEARTBEATS = `${JOBS_SCHEMA}.cp_heartbeat`;
/** How long a completed job stays listed (then pg-boss archives it). */
export const COMPLETED_KEPT_SECONDS = 12 * 60 * 60;

export type JobQueueSource =
  /** PostgreSQL: pg-boss keeps its own small pool (node-postgres) beside the app's. */
  | { url: string }
  /** The embedded database: one process, one PGlite; pg-boss runs its SQL through it. */
  | { pglite: PGlite };

export type StartOptions = {
  /**
   * true: this process also runs pg-boss's maintenance (expiring jobs whose process died, archiving)
   * and its cron schedules. A web process that only sends (WORKER=off) passes false.
   */
  supervise: boolean;
};

/**
 * pg-boss's `{ executeSql }` hook over PGlite. A statement with parameters goes through the extended
 * protocol; pg-boss's locked plans (BEGIN; …; COMMIT as one string, never with parameters) through
 * `exec`, which takes several statements and answers each one's result: the last is the one wanted.
 */
export class QueueClosedError extends Error {
  constructor() {
    super('the embedded database is closed');
  }
}

export function pgliteExecutor(client: PGlite): PgBoss.Db {
  return {
    async executeSql(text: string, values?: unknown[]) {
      // Closed: the process is shutting down, and a worker stopped mid-job is reporting its job as the
      // handler returns. Refused quietly (the outcome guard drops it): the job is retried or expires.
      if (client.closed) throw new QueueClosedError();
      if (values && values.length) return client.query(text, values);
      const results = await client.exec(text);
      return results.at(-1) ?? { rows: [] };
    },
  };
}

type JobRow = {
  id: string;
  queue: string;
  state: JobState;
  data: unknown;
  retry_count: number;
  retry_limit: number;
  created_on: Date;
  start_after: Date;
  started_on: Date | null;
  completed_on: Date | null;
  output: unknown;
};

/** The message of a failure as pg-boss stores it: a serialised Error, or `{ value }` around a string or an object. */
function failureMessage(output: unknown): string | null {
  if (!output || typeof output !== 'object') return null;
  const o = output as { message?: unknown; value?: unknown };
  if (typeof o.message === 'string') return o.message;
  if (typeof o.value === 'string') return o.value;
  if (o.value && typeof o.value === 'object' && typeof (o.value as { message?: unknown }).message === 'string') return (o.value as { message: string }).message;
  return null;
}

export async function createPgBossQueue(source: JobQueueSource, options: StartOptions): Promise<JobQueue> {
  // Completed jobs leave the job table (for pg-boss's archive) after 12 hours, its default; failed ones stay
  // 30 days, so that an administrator sees them on /admin/jobs and can retry them (pg-boss would archive them
  // with the completed ones).
  const common = { schema: JOBS_SCHEMA, supervise: options.supervise, schedule: options.supervise, archiveCompletedAfterSeconds: COMPLETED_KEPT_SECONDS, archiveFailedAfterSeconds: 30 * 24 * 60 * 60 };
  const boss =
    'url' in source
      ? new PgBoss({ ...common, connectionString: source.url, max: 4, application_name: 'coder-pathway-jobs' })
      : new PgBoss({ ...common, db: pgliteExecutor(source.pglite) });
  // pg-boss reports a failed poll or maintenance run here and carries on; without a listener Node would throw.
  const onError = (e: unknown) => {
    if (e instanceof QueueClosedError || ('pglite' in source && source.pglite.closed)) return; // shutting down
    console.error('job queue:', e);
  };
  boss.on('error', onError);
  if (!guardOutcomeReports(onError).installed) throw new Error('pg-boss is not the version lib/jobs/pg-boss-outcome-guard.ts wraps (10.4.2)');
  await boss.start();
  for (const [name, q] of Object.entries(QUEUES)) {
    const settings = { name, policy: q.policy, retryLimit: q.retryLimit, retryDelay: q.retryDelaySeconds, retryBackoff: q.retryDelaySeconds > 0, expireInSeconds: q.expireInSeconds };
    // createQueue leaves an existing queue as it was; updateQueue brings its settings up to date.
    await boss.createQueue(name, settings);
    await boss.updateQueue(name, settings);
  }
  if (options.supervise)
    for (const [name, q] of Object.entries(QUEUES)) if (q.cron) await boss.schedule(name, q.cron, {}, { tz: 'UTC' });
  const sql = (text: string, values: unknown[] = []) => boss.getDb().executeSql(text, values);
  await sql(`create table if not exists ${HEARTBEATS} (job_id uuid primary key, queue text not null, beat_at timestamptz not null default now())`);

  const abandonHooks = new Map<string, (data: unknown, reason: string) => Promise<void>>();
  /**
   * Fails running jobs whose heartbeat stopped, so they are retried now rather than when they expire.
   * Deleting the heartbeat is the claim: with several supervising processes, one fails each job once.
   */
  async function failSilentJobs() {
    const reason = `interrupted: the process running it stopped (no heartbeat for ${LIVENESS.staleAfterSeconds} s)`;
    const { rows } = await sql(
      `delete from ${HEARTBEATS} h using ${JOBS_SCHEMA}.job j
        where h.job_id = j.id and j.name = h.queue and j.state = 'active' and h.beat_at < now() - make_interval(secs => $1)
        returning j.id::text as id, j.name as queue, j.data, j.retry_count, j.retry_limit`,
      [LIVENESS.staleAfterSeconds],
    );
    for (const r of rows as { id: string; queue: string; data: unknown; retry_count: number; retry_limit: number }[]) {
      await boss.fail(r.queue, r.id, { message: reason });
      console.warn(`job queue: ${r.queue} job ${r.id} ${reason}; ${Number(r.retry_count) >= Number(r.retry_limit) ? 'no tries left' : 'to be tried again'}.`);
      if (Number(r.retry_count) >= Number(r.retry_limit)) await abandonHooks.get(r.queue)?.(r.data, reason);
    }
    // Heartbeats left by jobs that ended without removing theirs (the database was away just then).
    await sql(
      `delete from ${HEARTBEATS} h where h.beat_at < now() - make_interval(secs => $1)
         and not exists (select 1 from ${JOBS_SCHEMA}.job j where j.id = h.job_id and j.state = 'active')`,
      [LIVENESS.staleAfterSeconds],
    );
    return rows.length;
  }
  let sweeping = false;
  const sweepTimer = options.supervise
    ? setInterval(() => {
        if (sweeping) return;
        sweeping = true;
        failSilentJobs()
          .catch(onError)
          .finally(() => (sweeping = false));
      }, LIVENESS.sweepSeconds * 1000)
    : undefined;
  sweepTimer?.unref();

  return {
    async send(queue, data, opts: SendOptions = {}) {
      return boss.send(queue, data, { ...(opts.startAfter ? { startAfter: opts.startAfter } : {}), ...(opts.singletonKey ? { singletonKey: opts.singletonKey } : {}) });
    },

    async work<N extends QueueName>(queue: N, handler: Handler<N>, workOptions: { onAbandoned?: (data: JobPayloads[N], reason: string) => Promise<void> } = {}) {
      if (workOptions.onAbandoned) abandonHooks.set(queue, workOptions.onAbandoned as (data: unknown, reason: string) => Promise<void>);
      // Each job of a batch runs on its own, side by side, with its own heartbeat. One that throws is failed
      // here, by itself (pg-boss would fail the whole batch); pg-boss then completes those still active.
      const runOne = async (job: PgBoss.JobWithMetadata<JobPayloads[N]>) => {
        const beat = () => sql(`insert into ${HEARTBEATS} (job_id, queue) values ($1, $2) on conflict (job_id) do update set beat_at = now()`, [job.id, queue]);
        await beat();
        const timer = setInterval(() => void beat().catch(onError), LIVENESS.beatSeconds * 1000);
        timer.unref();
        try {
          await handler(job.data, { id: job.id, queue, retryCount: job.retryCount, retryLimit: job.retryLimit });
        } finally {
          clearInterval(timer);
          await sql(`delete from ${HEARTBEATS} where job_id = $1`, [job.id]).catch(onError);
        }
      };
      await boss.work<JobPayloads[N]>(queue, { batchSize: QUEUES[queue].batchSize, includeMetadata: true, pollingIntervalSeconds: QUEUES[queue].pollingIntervalSeconds }, async (jobs) => {
        const outcomes = await Promise.allSettled(jobs.map(runOne));
        const failed = outcomes.flatMap((o, i) => (o.status === 'rejected' ? [{ id: jobs[i]!.id, error: o.reason as unknown }] : []));
        if (jobs.length === 1 && failed.length === 1) throw failed[0]!.error; // pg-boss records it as it always has
        for (const f of failed) await boss.fail(queue, f.id, f.error instanceof Error ? { message: f.error.message, stack: f.error.stack } : { value: f.error });
      });
    },

    failSilentJobs,

    async counts() {
      const { rows } = await sql(`select name as queue, state::text as state, count(*)::int as count from ${JOBS_SCHEMA}.job group by name, state order by name, state`);
      return (rows as { queue: string; state: JobState; count: number | string }[]).map((r) => ({ ...r, count: Number(r.count) }));
    },

    async list(states, limit) {
      const { rows } = await sql(
        `select id::text, name as queue, state::text as state, data, retry_count, retry_limit, created_on, start_after, started_on, completed_on, output
           from ${JOBS_SCHEMA}.job where state::text = any($1::text[]) order by created_on desc, id desc limit $2`,
        [states, limit],
      );
      return (rows as JobRow[]).map(
        (r): JobSummary => ({
          id: r.id,
          queue: r.queue,
          state: r.state,
          data: r.data,
          retryCount: Number(r.retry_count),
          retryLimit: Number(r.retry_limit),
          createdOn: new Date(r.created_on),
          startAfter: new Date(r.start_after),
          startedOn: r.started_on ? new Date(r.started_on) : null,
          completedOn: r.completed_on ? new Date(r.completed_on) : null,
          error: r.state === 'failed' || r.state === 'retry' ? failureMessage(r.output) : null,
        }),
      );
    },

    async retry(queue, id) {
      const result = (await boss.retry(queue, id)) as unknown as { affected?: number } | undefined;
      return (result?.affected ?? 0) > 0;
    },

    async recoverInterrupted() {
      const { rows } = await sql(`select name, id::text as id from ${JOBS_SCHEMA}.job where state = 'active'`);
      for (const r of rows as { name: string; id: string }[]) await boss.fail(r.name, r.id, { message: 'interrupted: the process running it stopped' });
      return rows.length;
    },

    async stop({ graceful = true, timeoutMs = 10_000 } = {}) {
      clearInterval(sweepTimer);
      await boss.stop({ graceful, timeout: timeoutMs, wait: true });
    },
  };
}
