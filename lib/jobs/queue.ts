/**
 * The job queue: background work that must survive a restart and run once however many instances of
 * the app are up. One small interface (this file) with one implementation (pg-boss.ts, on the app's
 * own PostgreSQL or PGlite database); nothing outside lib/jobs knows it is pg-boss.
 *
 * A handler may run more than once for the same job (a crash after the work but before the queue
 * heard of it; a retry), so every handler is idempotent.
 */

/** Every queue and what its jobs carry. Adding a kind of background work starts here. */
export type JobPayloads = {
  /** Build a portfolio ZIP (the row in portfolio_exports says whose and for whom). */
  'portfolio-export': { exportId: string };
  /** Delete portfolio ZIPs older than an hour (scheduled). */
  'portfolio-export-cleanup': Record<string, never>;
  /** Submit one mock paper at its deadline (sent when the attempt starts, to run at the deadline). */
  'assessment-deadline': { attemptId: string };
  /** Submit any paper past its deadline that its own job missed (scheduled: the safety sweep). */
  'assessment-deadline-sweep': Record<string, never>;
  /** Send the reminders now due (scheduled hourly; each is sent once per occurrence, so a rerun sends nothing twice). */
  reminders: Record<string, never>;
  /** Email one notification (sent after the write that made it commits; keyed by it). */
  'notification-email': { notificationId: string };
  /** Email each person their notifications waiting for the daily digest (scheduled, daily). */
  'notification-digest': Record<string, never>;
  /** Queue the email of any notification still waiting a minute after it was made (scheduled: the safety sweep). */
  'notification-email-sweep': Record<string, never>;
  /** issue 20: build a gateway pack (the row in gateway_packs says whose). */
  'gateway-pack': { packId: string };
};
export type QueueName = keyof JobPayloads;

/** pg-boss's own states; the admin page groups them: queued = created + retry, running = active. */
export type JobState = 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed';

export type QueueSettings = {
  /** How many times a failed job is tried again, waiting `retryDelaySeconds` doubled each time (with jitter). */
  retryLimit: number;
  retryDelaySeconds: number;
  /** A job still running after this long is taken to have died with its process, failed, and retried. */
  expireInSeconds: number;
  /** `short`: at most one queued job per singleton key (a second send with the same key is a no-op). */
  policy: 'standard' | 'short';
  /** How often a worker asks for jobs (pg-boss's minimum is 0.5 s; it waits this long after each ask, busy or not). */
  pollingIntervalSeconds: number;
  /**
   * How many jobs a worker takes at each ask, run side by side: a worker runs at most this many per polling
   * interval. Deadlines bunch (a cohort starts a paper together), so theirs take many.
   */
  batchSize: number;
  /** Cron (minutes, UTC) for scheduled queues: one job per tick across every instance. */
  cron?: string;
};

export const QUEUES: Record<QueueName, QueueSettings> = {
  'portfolio-export': { policy: 'standard', retryLimit: 3, retryDelaySeconds: 5, expireInSeconds: 10 * 60, pollingIntervalSeconds: 1, batchSize: 1 },
  'portfolio-export-cleanup': { policy: 'standard', retryLimit: 1, retryDelaySeconds: 60, expireInSeconds: 10 * 60, pollingIntervalSeconds: 10, batchSize: 1, cron: '*/10 * * * *' },
  'assessment-deadline': { policy: 'short', retryLimit: 5, retryDelaySeconds: 2, expireInSeconds: 5 * 60, pollingIntervalSeconds: 1, batchSize: 25 },
  'assessment-deadline-sweep': { policy: 'standard', retryLimit: 1, retryDelaySeconds: 0, expireInSeconds: 5 * 60, pollingIntervalSeconds: 5, batchSize: 1, cron: '* * * * *' },
  // At five past each hour: a reminder is due by the day (or the hour, for a paper's window), never the minute.
  reminders: { policy: 'standard', retryLimit: 2, retryDelaySeconds: 60, expireInSeconds: 10 * 60, pollingIntervalSeconds: 30, batchSize: 1, cron: '5 * * * *' },
  // A mail server that is down for a while: 6 tries over about 10 minutes (15 s doubled), then failed.
  'notification-email': { policy: 'short', retryLimit: 5, retryDelaySeconds: 15, expireInSeconds: 2 * 60, pollingIntervalSeconds: 1, batchSize: 10 },
  // 07:00 UTC (lib/notifications DIGEST_HOUR_UTC): before the working day in the UK, winter and summer.
  'notification-digest': { policy: 'standard', retryLimit: 3, retryDelaySeconds: 5 * 60, expireInSeconds: 30 * 60, pollingIntervalSeconds: 10, batchSize: 1, cron: '0 7 * * *' },
  'notification-email-sweep': { policy: 'standard', retryLimit: 1, retryDelaySeconds: 0, expireInSeconds: 5 * 60, pollingIntervalSeconds: 5, batchSize: 1, cron: '* * * * *' },
  // issue 20: gateway pack, built like a portfolio export; kept (no cleanup).
  'gateway-pack': { policy: 'standard', retryLimit: 3, retryDelaySeconds: 5, expireInSeconds: 10 * 60, pollingIntervalSeconds: 1, batchSize: 1 },
};

/** How a running job shows it is alive, and when it is taken to have died with its process. */
export const LIVENESS = { beatSeconds: 5, staleAfterSeconds: 20, sweepSeconds: 5 } as const;

export type SendOptions = {
  /** Not run before this moment (the database's clock decides). */
  startAfter?: Date;
  /** With a `short` queue: a job already queued under this key makes this send a no-op. */
  singletonKey?: string;
};

/** The job being run: `retryCount` tries before this one, of at most `retryLimit` retries (this is the last when equal). */
export type JobContext = { id: string; queue: QueueName; retryCount: number; retryLimit: number };
export type Handler<N extends QueueName> = (data: JobPayloads[N], job: JobContext) => Promise<void>;

/** A job as the admin page shows it. `error` is the failure's message only, never a stack. */
export type JobSummary = {
  id: string;
  queue: string;
  state: JobState;
  data: unknown;
  retryCount: number;
  retryLimit: number;
  createdOn: Date;
  startAfter: Date;
  startedOn: Date | null;
  completedOn: Date | null;
  error: string | null;
};

export interface JobQueue {
  /** Queues a job; answers its id, or null when a `short` queue already holds one with the key. */
  send<N extends QueueName>(queue: N, data: JobPayloads[N], options?: SendOptions): Promise<string | null>;
  /**
   * Runs `handler` for each job of the queue in this process until `stop`. A throw fails the job (to be
   * retried). While it runs, the job's heartbeat is renewed; a job whose heartbeat stops (its process was
   * killed) is failed within LIVENESS.staleAfterSeconds and retried, not left until it expires.
   * `onAbandoned` runs (in whichever process notices) when such a job had no tries left: the handler
   * never will, so whatever it would have recorded on its last failure is recorded there.
   */
  work<N extends QueueName>(queue: N, handler: Handler<N>, options?: { onAbandoned?: (data: JobPayloads[N], reason: string) => Promise<void> }): Promise<void>;
  /** How many jobs each queue holds in each state (archived jobs are not counted). */
  counts(): Promise<{ queue: string; state: JobState; count: number }[]>;
  /** The newest jobs in these states, newest first (by creation, then id). */
  list(states: JobState[], limit: number): Promise<JobSummary[]>;
  /** A failed job queued again (one more try); false when it is not (or no longer) failed. */
  retry(queue: QueueName, id: string): Promise<boolean>;
  /**
   * Fails running jobs whose heartbeat stopped, as supervising processes do every LIVENESS.sweepSeconds
   * (exposed for tests and the admin page's figures). Answers how many.
   */
  failSilentJobs(): Promise<number>;
  /**
   * Fails every job marked running, so that it is retried: only for a queue no other process can be
   * working (the embedded database, opened by one process at a time), at start-up, when whatever was
   * running was cut off by the last exit. Answers how many.
   */
  recoverInterrupted(): Promise<number>;
  /**
   * Stops working (and, when it ran them, scheduling and maintenance). `graceful` waits up to
   * `timeoutMs` for running handlers; any still running are failed, so they are retried.
   */
  stop(options?: { graceful?: boolean; timeoutMs?: number }): Promise<void>;
}

export const QUEUE_NAMES = Object.keys(QUEUES) as [QueueName, ...QueueName[]];
export const isQueueName = (name: string): name is QueueName => Object.hasOwn(QUEUES, name);
