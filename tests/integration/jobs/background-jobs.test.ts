import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { unzipSync } from 'fflate';
import { addEvidenceFile, createEvidence, getOwnApprenticeship, getPortfolioExportStatus, listJobs, openPortfolioExport, retryJob, startAssessment, startPortfolioExport, uploadBlueprint } from '@/lib/dal';
import { registerJobHandlers } from '@/lib/dal/background-jobs';
import { submitAttemptAtDeadline, submitOverdueAttempts } from '@/lib/dal/assessment-marking';
import { assessmentAttempts, assessmentResults, auditLog, portfolioExports } from '@/db/schema';
import { LocalFileStorage, setFileStorageForTests, type FileStorage, type StorageBody } from '@/lib/files/storage';
import { openJobQueue, type JobQueue } from '@/lib/jobs';
import type { Blueprint } from '@/lib/content/assessment';
import type { Viewer } from '@/lib/dal/viewer';
import { createTestDb, rowsOf, type TestDb } from '../helpers/test-db';
import { makePdf, makePng } from '../../fixtures/files';

/**
 * The background jobs (issue 16) on a real queue (pg-boss in its own schema of the test database):
 * the data access layer sends through its own queue, as a web process with WORKER=off does, and each
 * test runs workers of its own, which it stops and starts again like a restarted process.
 */

let t: TestDb;
let sam: Viewer;
let admin: Viewer;
let apprenticeshipId: string;
let filesDir: string;

/** The file store, with a hook before each read: a test can hold a read (a job mid-run) or fail it. */
class HookedStorage implements FileStorage {
  beforeGet: () => Promise<void> = async () => {};
  deletes = 0;
  constructor(private readonly inner: FileStorage) {}
  get kind() {
    return this.inner.kind;
  }
  put = (body: StorageBody) => this.inner.put(body);
  putAt = (key: string, body: StorageBody) => this.inner.putAt(key, body);
  size = (key: string) => this.inner.size(key);
  check = () => this.inner.check();
  delete = (key: string) => {
    this.deletes++;
    return this.inner.delete(key);
  };
  exists = (key: string) => this.inner.exists(key);
  list = () => this.inner.list();
  async get(key: string) {
    await this.beforeGet();
    return this.inner.get(key);
  }
}
let storage: HookedStorage;

const workers: JobQueue[] = [];
/** A worker process's queue: maintenance, schedules and every handler, on the test database. */
async function startWorker() {
  const queue = await openJobQueue(t.jobSource, { supervise: true });
  workers.push(queue);
  await registerJobHandlers(queue);
  return queue;
}
async function stopWorkers() {
  for (const w of workers.splice(0)) await w.stop({ graceful: false });
}

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The queue's jobs of a queue whose data has this key and value (read straight from pg-boss's table). */
const jobsOf = (queue: string, key: string, value: string) =>
  rowsOf<{ id: string; state: string; retry_count: number }>(t.db, sql`select id::text, state::text, retry_count from pgboss.job where name = ${queue} and data->>${key} = ${value} order by created_on, id`);

/** Lets a job waiting to be retried (or to start) run now rather than after its back-off: time passing, not a shortcut through the code. */
const dueNow = (queue: string, key: string, value: string) => t.db.execute(sql`update pgboss.job set start_after = now() - interval '1 second' where name = ${queue} and data->>${key} = ${value} and state in ('created', 'retry')`);

const exportRow = async (id: string) => (await t.db.select().from(portfolioExports).where(eq(portfolioExports.id, id)))[0]!;

beforeAll(async () => {
  filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cp-jobs-files-'));
  storage = new HookedStorage(new LocalFileStorage(filesDir));
  // One store for the evidence files the job reads and the ZIP it writes.
  setFileStorageForTests(storage);
  setFileStorageForTests(storage, 'exports');
  t = await createTestDb();
  [sam, admin] = (await Promise.all(['sam.whitfield@ashwell.example', 'admin@coderpathway.example'].map((e) => t.viewer(e)))) as [Viewer, Viewer];
  apprenticeshipId = (await getOwnApprenticeship(sam))!.id;
  // Files to read, so that a test can hold the job in the middle of the ZIP.
  const piece = await createEvidence(sam, { title: 'Jobs: audit write-up', type: 'work_product', activityDate: '2026-10-01', account: 'Twenty coded episodes audited against the four-step process.', ksbs: ['S3'] });
  await addEvidenceFile(sam, { evidenceId: piece.id, fileName: 'audit.pdf', bytes: await makePdf(['Audit of twenty episodes.']) });
  await addEvidenceFile(sam, { evidenceId: piece.id, fileName: 'chart.png', bytes: makePng() });
});
afterEach(async () => {
  storage.beforeGet = async () => {};
  await stopWorkers();
});
afterAll(async () => {
  await stopWorkers();
  await t?.close();
  setFileStorageForTests(undefined);
  setFileStorageForTests(undefined, 'exports');
  fs.rmSync(filesDir, { recursive: true, force: true });
});

/** Holds the next export at a file it reads; answers how to let it go and whether it got there. */
function holdReads() {
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  let heldAt = 0;
  storage.beforeGet = () => {
    heldAt++;
    return held;
  };
  return { release, reached: () => heldAt > 0 };
}
/** The process running the job was killed: its heartbeat stopped a minute ago (nothing renews it after a kill). */
const heartbeatStopped = (jobId: string) => t.db.execute(sql`update pgboss.cp_heartbeat set beat_at = now() - interval '1 minute' where job_id = ${jobId}::uuid`);

describe('portfolio exports as jobs', () => {
  it('runs an export to completion in a worker, its progress visible to the person who asked while it runs', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    storage.beforeGet = () => held;
    await startWorker();
    const started = await startPortfolioExport(sam, apprenticeshipId);
    expect(started).toMatchObject({ done: 0, ready: false, failed: false });
    // Held at its first stored file: part of the ZIP written, the total known.
    const midway = await until('the export to be under way', async () => {
      const s = await getPortfolioExportStatus(sam, apprenticeshipId, started.token);
      return s.total > 0 && s.done > 0 && s;
    });
    expect(midway.done).toBeLessThan(midway.total);
    expect(midway.ready).toBe(false);
    expect((await exportRow(started.token)).status).toBe('running');
    release();
    const done = await until('the export to finish', async () => {
      const s = await getPortfolioExportStatus(sam, apprenticeshipId, started.token);
      return s.ready && s;
    });
    expect(done).toMatchObject({ done: midway.total, total: midway.total, failed: false });
    const file = await openPortfolioExport(sam, apprenticeshipId, started.token);
    const zip = new Uint8Array(await new Response(file!.body).arrayBuffer());
    expect(zip.byteLength).toBe(file!.sizeBytes);
    const entries = Object.keys(unzipSync(zip));
    expect(entries).toHaveLength(done.total);
    expect(entries.some((e) => e.endsWith('audit.pdf'))).toBe(true);
    // pg-boss marks the job completed just after the handler returns, which is after the row is ready.
    await until('the job to be marked completed', async () => (await jobsOf('portfolio-export', 'exportId', started.token))[0]?.state === 'completed');
    expect((await jobsOf('portfolio-export', 'exportId', started.token)).map((j) => j.state)).toEqual(['completed']);
    const audit = await t.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, started.token));
    expect(audit.map((a) => a.action).sort()).toEqual(['portfolio.export.download', 'portfolio.export.ready', 'portfolio.export.request']);
  });

  it('finishes a job cut off mid-run once a worker is started again, with one ZIP kept', async () => {
    // Held at a file it reads, for certain: a run not yet there when the hold is lifted below would finish
    // first, and the retry would then find the export ready and have no ZIP to remove.
    const hold = holdReads();
    const first = await startWorker();
    const started = await startPortfolioExport(sam, apprenticeshipId);
    await until('the export to be held at a file it reads', async () => hold.reached());
    const keysBefore = await countStored();
    // The process goes away mid-job: its job is failed and queued to be tried again.
    await first.stop({ graceful: false });
    workers.splice(workers.indexOf(first), 1);
    expect((await jobsOf('portfolio-export', 'exportId', started.token)).map((j) => j.state)).toEqual(['retry']);
    storage.beforeGet = async () => {};
    await dueNow('portfolio-export', 'exportId', started.token);
    await startWorker();
    await until('the export to be ready', async () => (await exportRow(started.token)).status === 'ready');
    // The run that was cut off finishes late: it finds the export ready and removes its own ZIP.
    const deletes = storage.deletes;
    hold.release();
    await until('the late run to remove its ZIP', async () => storage.deletes > deletes);
    const row = await exportRow(started.token);
    expect(row.status).toBe('ready');
    expect(await storage.exists(row.storageKey!)).toBe(true);
    expect(await countStored()).toBe(keysBefore + 1);
    // pg-boss marks the job completed just after the handler returns, which is after the row is ready.
    await until('the job to be marked completed', async () => (await jobsOf('portfolio-export', 'exportId', started.token))[0]?.state === 'completed');
    expect((await jobsOf('portfolio-export', 'exportId', started.token))[0]).toMatchObject({ state: 'completed', retry_count: 1 });
  });

  it('retries within seconds a job whose process was killed (its heartbeat stopped), not when it expires 10 minutes later', async () => {
    const hold = holdReads();
    await startWorker();
    const started = await startPortfolioExport(sam, apprenticeshipId);
    await until('the export to be held at a file it reads', async () => hold.reached());
    const [job] = await jobsOf('portfolio-export', 'exportId', started.token);
    expect(job!.state).toBe('active');
    // A running job with a fresh heartbeat is left alone.
    const supervisor = await startWorker();
    expect(await supervisor.failSilentJobs()).toBe(0);
    expect((await jobsOf('portfolio-export', 'exportId', started.token))[0]!.state).toBe('active');

    await heartbeatStopped(job!.id);
    expect(await supervisor.failSilentJobs()).toBe(1);
    expect(await supervisor.failSilentJobs()).toBe(0); // claimed once: a second supervisor finds nothing
    expect((await jobsOf('portfolio-export', 'exportId', started.token))[0]).toMatchObject({ state: 'retry', retry_count: 0 }); // counted when it is taken again
    storage.beforeGet = async () => {};
    await dueNow('portfolio-export', 'exportId', started.token);
    await until('the export to be ready', async () => (await exportRow(started.token)).status === 'ready');
    const deletes = storage.deletes;
    hold.release(); // the "killed" run was only frozen here: it finds the export ready and removes its own ZIP
    await until('the late run to remove its ZIP', async () => storage.deletes > deletes);
    expect(await storage.exists((await exportRow(started.token)).storageKey!)).toBe(true);
  });

  it('records the export as failed when the process running its last try dies, instead of "running" for ever', async () => {
    const hold = holdReads();
    await startWorker();
    const started = await startPortfolioExport(sam, apprenticeshipId);
    await until('the export to be held at a file it reads', async () => hold.reached());
    const [job] = await jobsOf('portfolio-export', 'exportId', started.token);
    // Its last try: earlier tries spent (as three earlier kills would have spent them).
    await t.db.execute(sql`update pgboss.job set retry_count = retry_limit where id = ${job!.id}::uuid`);
    await heartbeatStopped(job!.id);
    const supervisor = await startWorker();
    expect(await supervisor.failSilentJobs()).toBe(1);
    expect((await jobsOf('portfolio-export', 'exportId', started.token))[0]!.state).toBe('failed');
    const status = await getPortfolioExportStatus(sam, apprenticeshipId, started.token);
    expect(status).toMatchObject({ failed: true, ready: false });
    expect((await exportRow(started.token)).error).toMatch(/^The export stopped: interrupted: the process running it stopped \(no heartbeat for 20 s\)\.$/);
    const failedAudit = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'portfolio.export.failed'), eq(auditLog.entityId, started.token)));
    expect(failedAudit).toHaveLength(1);
    // Here the run was only frozen, not dead: let go, it still delivers the ZIP it was making.
    hold.release();
    await until('the frozen run to finish', async () => (await exportRow(started.token)).status === 'ready');
  });

  it('retries a failed run with back-off, shows a job out of tries as failed to an admin, and runs it again on retry', async () => {
    let failures = 0;
    storage.beforeGet = async () => {
      failures++;
      throw new Error('the file store is unreachable');
    };
    await startWorker();
    const started = await startPortfolioExport(sam, apprenticeshipId);
    // Each failure is retried after a back-off (dueNow lets the back-off pass) until the tries run out.
    const job = await until('the job to fail for good', async () => {
      const [j] = await jobsOf('portfolio-export', 'exportId', started.token);
      if (j?.state === 'retry') await dueNow('portfolio-export', 'exportId', started.token);
      return j?.state === 'failed' && j;
    });
    expect(job.retry_count).toBe(3);
    expect(failures).toBe(4);
    expect(await getPortfolioExportStatus(sam, apprenticeshipId, started.token)).toMatchObject({ failed: true, ready: false });
    expect((await exportRow(started.token)).error).toBe('the file store is unreachable');

    const listed = await listJobs(admin);
    expect(listed.queues.find((q) => q.name === 'portfolio-export')?.failed).toBeGreaterThan(0);
    expect(listed.jobs.find((j) => j.id === job.id)).toMatchObject({ state: 'failed', queue: 'portfolio-export', error: 'the file store is unreachable', tries: 3 });
    await expect(listJobs(sam)).rejects.toThrow(/not found/);
    await expect(retryJob(sam, { queue: 'portfolio-export', id: job.id })).rejects.toThrow(/not found/);

    storage.beforeGet = async () => {};
    await retryJob(admin, { queue: 'portfolio-export', id: job.id });
    const audit = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'job.retry'), eq(auditLog.entityId, job.id)));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actorId).toBe(admin.userId);
    await until('the export to be ready after the retry', async () => {
      await dueNow('portfolio-export', 'exportId', started.token);
      return (await exportRow(started.token)).status === 'ready';
    });
    // Retrying a job that is no longer failed is refused, and not recorded as a retry.
    await expect(retryJob(admin, { queue: 'portfolio-export', id: job.id })).rejects.toThrow(/not failed/);
    expect(await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'job.retry'), eq(auditLog.entityId, job.id)))).toHaveLength(1);
  });
  it('answers anyone but the person who asked 404, recorded', async () => {
    const started = await startPortfolioExport(sam, apprenticeshipId);
    const patel = await t.viewer('trainer.patel@coderpathway.example'); // may export it, but did not ask for this one
    const denied = () => t.db.select().from(auditLog).where(and(eq(auditLog.action, 'access.denied'), eq(auditLog.entityId, started.token)));
    await expect(getPortfolioExportStatus(patel, apprenticeshipId, started.token)).rejects.toThrow(/not found/);
    await expect(openPortfolioExport(admin, apprenticeshipId, started.token)).rejects.toThrow(/not found/);
    expect(await denied()).toHaveLength(2);
    await expect(getPortfolioExportStatus(sam, apprenticeshipId, 'not-a-token')).rejects.toThrow(/not found/);
    // No worker ran: its job is left queued for nobody (this file's last export).
  });
});

async function countStored() {
  let n = 0;
  for await (const _ of storage.list()) n++;
  return n;
}

// A short practice paper over the seeded content.
const blueprint: Blueprint = {
  id: 'jobs-mock',
  title: 'Jobs mock paper',
  kind: 'other',
  description: 'A short paper the background-job tests sit, over the seeded questions.',
  practice: true,
  ksbs: ['K4'],
  boundaries: { pass: 50, distinction: 80 },
  sections: [{ id: 'theory', title: 'Theory', kind: 'theory', instructions: 'Answer every question.', draw: 2, pool: { ids: ['icd10-conventions-001', 'icd10-conventions-002'] }, minutes: 20, weight: 1, boundaries: { pass: 50, distinction: 80 } }],
};

describe('mock papers submitted at their deadline by a job', () => {
  beforeAll(async () => {
    await uploadBlueprint(admin, { definition: JSON.stringify(blueprint) });
  });

  /**
   * A paper whose time has run out: started (which queues its deadline job, as the first test shows), then
   * made again as started 21 minutes ago (an attempt's times are fixed: nothing in the app can move them),
   * with its deadline job queued as startAssessment queues it.
   */
  async function paperRunOut(deadlineFromNow = '-1 minute') {
    await t.db.execute(sql`update assessment_attempts set status = 'submitted', submitted_at = now(), submitted_by = 'apprentice' where status = 'in_progress' and apprentice_id = ${sam.userId}`);
    const { id: first } = await startAssessment(sam, { blueprintKey: 'jobs-mock' });
    const [a] = await t.db.select().from(assessmentAttempts).where(eq(assessmentAttempts.id, first));
    await t.db.execute(sql`update assessment_attempts set status = 'submitted', submitted_at = now(), submitted_by = 'apprentice' where id = ${first}`);
    const [late] = await rowsOf<{ id: string; deadline: Date }>(
      t.db,
      sql`insert into assessment_attempts (apprentice_id, blueprint_id, blueprint_key, items, extra_time_percent, started_at, deadline)
          values (${a!.apprenticeId}, ${a!.blueprintId}, ${a!.blueprintKey}, ${JSON.stringify(a!.items)}::jsonb, 0, now() - interval '21 minutes', now() + ${deadlineFromNow}::interval)
          returning id::text, deadline`,
    );
    const queue = await openJobQueue(t.jobSource, { supervise: false });
    workers.push(queue);
    await queue.send('assessment-deadline', { attemptId: late!.id }, { startAfter: new Date(late!.deadline), singletonKey: late!.id });
    return late!.id;
  }
  const submittedAudit = (id: string) => t.db.select().from(auditLog).where(and(eq(auditLog.action, 'assessment.submit_at_deadline'), eq(auditLog.entityId, id)));

  it('queues one job per attempt, to run at its deadline, however often it is sent', async () => {
    const { id } = await startAssessment(sam, { blueprintKey: 'jobs-mock' });
    const [attempt] = await t.db.select({ deadline: assessmentAttempts.deadline }).from(assessmentAttempts).where(eq(assessmentAttempts.id, id));
    const jobs = await rowsOf<{ state: string; start_after: Date; singleton_key: string }>(t.db, sql`select state::text, start_after, singleton_key from pgboss.job where name = 'assessment-deadline' and data->>'attemptId' = ${id}`);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ state: 'created', singleton_key: id });
    expect(new Date(jobs[0]!.start_after).getTime()).toBe(attempt!.deadline.getTime());
    // Resuming the paper sends nothing new; a second send with the same key is a no-op.
    await startAssessment(sam, { blueprintKey: 'jobs-mock' });
    const queue = await openJobQueue(t.jobSource, { supervise: false });
    workers.push(queue);
    expect(await queue.send('assessment-deadline', { attemptId: id }, { singletonKey: id, startAfter: attempt!.deadline })).toBeNull();
    expect(await rowsOf(t.db, sql`select 1 from pgboss.job where name = 'assessment-deadline' and data->>'attemptId' = ${id}`)).toHaveLength(1);
  });

  it('submits the paper once when its job runs at the deadline, with one audit entry', async () => {
    const id = await paperRunOut();
    await startWorker();
    await until('the deadline job to complete', async () => (await jobsOf('assessment-deadline', 'attemptId', id))[0]?.state === 'completed');
    const [a] = await t.db.select().from(assessmentAttempts).where(eq(assessmentAttempts.id, id));
    expect(a).toMatchObject({ status: 'marked', submittedBy: 'deadline' });
    expect(await submittedAudit(id)).toHaveLength(1);
  });

  it('submits exactly once when the job runs twice and races the sweep and another instance', async () => {
    const id = await paperRunOut();
    const db = t.db;
    const results = await Promise.all([submitAttemptAtDeadline(db, id), submitAttemptAtDeadline(db, id), submitOverdueAttempts(db), submitAttemptAtDeadline(db, id)]);
    expect(results.filter((r) => (typeof r === 'number' ? r > 0 : r.submitted))).toHaveLength(1);
    // The job itself, on two workers at once (two instances), after all that: nothing more happens.
    await dueNow('assessment-deadline', 'attemptId', id);
    await Promise.all([startWorker(), startWorker()]);
    await until('the deadline job to complete', async () => (await jobsOf('assessment-deadline', 'attemptId', id))[0]?.state === 'completed');
    expect(await submittedAudit(id)).toHaveLength(1);
    expect(await t.db.select().from(assessmentResults).where(eq(assessmentResults.attemptId, id))).toHaveLength(1);
  });

  it('waits again when run before the deadline, and leaves the paper open', async () => {
    const id = await paperRunOut('20 minutes');
    await dueNow('assessment-deadline', 'attemptId', id); // the job runs early
    await startWorker();
    await until('the early run to complete', async () => (await jobsOf('assessment-deadline', 'attemptId', id)).some((j) => j.state === 'completed'));
    const jobs = await until('the deadline job to be queued again', async () => {
      const j = await jobsOf('assessment-deadline', 'attemptId', id);
      return j.some((x) => x.state === 'created') && j;
    });
    expect(jobs.map((j) => j.state).sort()).toEqual(['completed', 'created']);
    const [a] = await t.db.select({ status: assessmentAttempts.status }).from(assessmentAttempts).where(eq(assessmentAttempts.id, id));
    expect(a!.status).toBe('in_progress');
    expect(await submittedAudit(id)).toHaveLength(0);
  });
});

describe('a batch of jobs', () => {
  it('takes bunched deadlines many at a time, side by side, and fails only the one that throws', async () => {
    const queue = await openJobQueue(t.jobSource, { supervise: false });
    workers.push(queue);
    const names = Array.from({ length: 12 }, (_, i) => `batch-${i}`);
    for (const attemptId of names) await queue.send('assessment-deadline', { attemptId }, { singletonKey: attemptId });
    let running = 0;
    let mostAtOnce = 0;
    const ran: string[] = [];
    await queue.work('assessment-deadline', async ({ attemptId }) => {
      running++;
      mostAtOnce = Math.max(mostAtOnce, running);
      await new Promise((r) => setTimeout(r, 100));
      running--;
      ran.push(attemptId);
      if (attemptId === 'batch-3') throw new Error('this one could not be submitted');
    });
    const states = async () => Object.fromEntries(await Promise.all(names.map(async (n) => [n, (await jobsOf('assessment-deadline', 'attemptId', n))[0]?.state])));
    await until('every job to be done with', async () => Object.values(await states()).every((s) => s === 'completed' || s === 'retry'));
    expect(mostAtOnce).toBeGreaterThan(1); // side by side, not one per poll
    expect(new Set(ran)).toEqual(new Set(names));
    const final = await states();
    expect(Object.entries(final).filter(([, s]) => s === 'retry').map(([n]) => n)).toEqual(['batch-3']);
    const [retried] = await rowsOf<{ output: { message?: string } }>(t.db, sql`select output from pgboss.job where name = 'assessment-deadline' and data->>'attemptId' = 'batch-3'`);
    expect(retried!.output.message).toBe('this one could not be submitted');
  });
});
