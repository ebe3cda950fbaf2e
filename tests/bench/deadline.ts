// `npm run bench:deadline`: issue 16's figure "the time a paper's deadline job runs after its deadline".
// 300 apprentices start a one-minute practice paper at once through the data layer (which queues each
// attempt's deadline job, as the app does), with extra time from 0% to 100%, so the deadlines fall over
// the minute from 60 to 120 s after the start. `npm run worker` runs the jobs (one process, or --workers 2
// for two racing on the same queue), on the PostgreSQL server in DATABASE_URL; nothing else touches the
// papers. When every paper is submitted (or 3 minutes after the last deadline) it prints, per attempt:
//   - how late it was submitted: the submission's audit entry (its transaction's time, by the
//     database's clock, which also set the deadline) minus the deadline. The attempt's submitted_at
//     is no use here: a paper submitted by the server is recorded as at its deadline (least(now(), deadline));
//   - how late its own job started (pg-boss's started_on), and whether the job or the minute's sweep
//     submitted it;
//   - exactly once: one result row, one `assessment.submit_at_deadline` audit entry, submitted by 'deadline'.
// p50/p95/p99/max over the attempts. Exits 1 if a paper was not submitted exactly once.
//
// Like bench:mock it never touches the database named in DATABASE_URL: a fresh one beside it
// (<name>_deadline_<pid>), dropped at the end (DEADLINE_KEEP=1 keeps it). --attempts (300) and
// --workers (1) change the size. No build needed.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import { setDbForTests } from '@/db/client';
import { insertBlueprintVersion } from '@/db/content-load';
import type { Blueprint } from '@/lib/content/assessment';
import { startAssessment } from '@/lib/dal/assessments';
import { currentJobQueue, openJobQueue, setJobQueueOpenerForTests } from '@/lib/jobs';
import type { Viewer } from '@/lib/dal/viewer';
import { createBenchDatabase, openBenchDatabase, addBenchApprentices } from './bench-database';
import { percentile } from './server';
import { instanceEnv } from '../support/instance-env';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const ATTEMPTS = Number(arg('attempts') ?? process.env.DEADLINE_ATTEMPTS ?? 300);
const WORKERS = Number(arg('workers') ?? process.env.DEADLINE_WORKERS ?? 1);
const KEEP = process.env.DEADLINE_KEEP === '1';
const AFTER_LAST_MS = 180_000; // how long to wait after the last deadline for the last submission
const PARALLEL = 8;

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('Set DATABASE_URL to a PostgreSQL server (e.g. postgres://postgres@127.0.0.1:5432/postgres). bench:deadline creates its own database there and drops it afterwards.');
  process.exit(2);
}
if (!(Number.isInteger(ATTEMPTS) && ATTEMPTS >= 2 && ATTEMPTS <= 5000 && Number.isInteger(WORKERS) && WORKERS >= 1 && WORKERS <= 8)) {
  console.error('--attempts must be a whole number from 2 to 5000 and --workers from 1 to 8.');
  process.exit(2);
}

// A one-minute practice paper of two theory questions from the seeded content.
const PAPER: Blueprint = {
  id: 'bench-deadline',
  title: 'Deadline benchmark paper',
  kind: 'other',
  description: 'A one-minute paper: bench:deadline times its submission at the deadline.',
  practice: true,
  ksbs: ['K4'],
  boundaries: { pass: 50, distinction: 80 },
  sections: [{ id: 'theory', title: 'Theory', kind: 'theory', instructions: 'Answer every question.', draw: 2, pool: { ids: ['icd10-conventions-001', 'icd10-conventions-002'] }, minutes: 1, weight: 1, boundaries: { pass: 50, distinction: 80 } }],
};

const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(0) : '-');
const secs = (t: number) => ((performance.now() - t) / 1000).toFixed(1);
const stats = (xs: number[]) =>
  xs.length ? `${ms(percentile(xs, 50))} / ${ms(percentile(xs, 95))} / ${ms(percentile(xs, 99))} / ${ms(Math.max(...xs))} ms (min ${ms(Math.min(...xs))}, ${xs.length} attempts)` : '-';

const bench = await createBenchDatabase(url, 'deadline');
const BENCH_URL = bench.url;
let handle: Awaited<ReturnType<typeof openBenchDatabase>> | undefined;
const workers: ChildProcess[] = [];

async function cleanUp() {
  for (const w of workers) w.kill('SIGTERM');
  await Promise.all(workers.map((w) => (w.exitCode === null && w.signalCode === null ? new Promise((r) => w.once('exit', r)) : undefined)));
  await (await currentJobQueue()?.catch(() => undefined))?.stop({ graceful: false }).catch(() => {});
  await handle?.close().catch(() => {});
  await bench.drop(KEEP);
}

/** `npm run worker` on the bench's database; resolves once it says it is running. */
function startWorker(n: number): Promise<ChildProcess> {
  const log = path.join(os.tmpdir(), `cp-bench-deadline-${process.pid}-worker-${n}.log`);
  const out = fs.openSync(log, 'a');
  const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/worker.ts'], {
    env: { ...process.env, DATABASE_URL: BENCH_URL, DEMO_DATA: 'off', ...instanceEnv() },
    stdio: ['ignore', 'pipe', out],
  });
  fs.closeSync(out);
  workers.push(child);
  return new Promise((resolve, reject) => {
    let seen = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      fs.appendFileSync(log, chunk);
      seen += chunk.toString();
      if (seen.includes('worker: running')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`worker ${n} exited (${code}) before it was running: see ${log}`)));
    setTimeout(() => reject(new Error(`worker ${n} did not start in 60 s: see ${log}`)), 60_000).unref();
  }).then(() => {
    console.log(`setup: worker ${n} running (npm run worker, pid ${child.pid}); its output goes to ${log}`);
    return child;
  });
}

let exitCode = 0;
try {
  const tSetup = performance.now();
  handle = await openBenchDatabase(BENCH_URL); // the demo password's hash and the first apprentice's plan are copied to every bench apprentice
  const db = handle.db;
  await db.transaction((tx) => insertBlueprintVersion(tx, PAPER, 'upload', null));
  // Extra time from 0% to 100% in even steps: a one-minute paper's deadlines spread from 60 to 120 s.
  const { apprentices: rows } = await addBenchApprentices(db, BENCH_URL, { prefix: 'deadline', label: 'Deadline Apprentice', domain: 'apprentices.bench.example', count: ATTEMPTS, extraTimeSpread: true });
  console.log(`setup: database ${bench.name} migrated, content and demo data, ${rows.length} apprentices, the one-minute paper ${PAPER.id} (${secs(tSetup)} s)`);

  // The workers first, so that they are polling when the first deadline comes.
  await Promise.all(Array.from({ length: WORKERS }, (_, i) => startWorker(i + 1)));

  // Every apprentice starts the paper through the data layer, which queues its deadline job, in this
  // database's queue (the data layer's queue follows DATABASE_URL, which this process leaves as given).
  setDbForTests(db);
  setJobQueueOpenerForTests(() => openJobQueue({ url: BENCH_URL }, { supervise: false }));
  const tStart = performance.now();
  const ids: string[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: PARALLEL }, async () => {
      while (next < rows.length) {
        const u = rows[next++]!;
        const viewer: Viewer = { userId: u.id, role: u.role, name: u.name, email: u.email, organisationId: u.organisation_id, mustChangePassword: false };
        ids.push((await startAssessment(viewer, { blueprintKey: PAPER.id })).id);
      }
    }),
  );
  const [span] = (await db.execute(sql`
    select extract(epoch from min(deadline) - now())::float8 as first, extract(epoch from max(deadline) - now())::float8 as last,
           (select count(*)::int from pgboss.job where name = 'assessment-deadline') as jobs
    from assessment_attempts where blueprint_key = ${PAPER.id}`)) as unknown as { first: number; last: number; jobs: number }[];
  console.log(`setup: ${ids.length} attempts started through the data layer, ${PARALLEL} at a time (${secs(tStart)} s), ${span!.jobs} deadline jobs queued; deadlines from ${span!.first.toFixed(0)} s to ${span!.last.toFixed(0)} s from now`);

  // ── Wait for the submissions ─────────────────────────────────────────────────────────────────────
  const until = performance.now() + span!.last * 1000 + AFTER_LAST_MS;
  let open = ids.length;
  let lastShown = 0;
  const load: number[] = [];
  while (performance.now() < until) {
    const [c] = (await db.execute(sql`select count(*)::int as open from assessment_attempts where blueprint_key = ${PAPER.id} and status = 'in_progress'`)) as unknown as { open: number }[];
    open = c!.open;
    load.push(os.loadavg()[0]!);
    if (performance.now() - lastShown > 15_000) {
      lastShown = performance.now();
      console.log(`waiting: ${ids.length - open} of ${ids.length} submitted (load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')})`);
    }
    if (open === 0) break;
    await sleep(1_000);
  }
  // The last job's completion is recorded just after its transaction commits: give it a moment.
  await sleep(2_000);

  // ── Per attempt: the deadline, the submission's audit entries, results, the job ────────────────
  const per = (await db.execute(sql`
    select a.id::text as id, a.status::text as status, a.submitted_by::text as submitted_by,
           (a.submitted_at = a.deadline) as at_deadline,
           (select count(*)::int from assessment_results r where r.attempt_id = a.id) as results,
           (select count(*)::int from audit_log l where l.action = 'assessment.submit_at_deadline' and l.entity_id = a.id::text) as audits,
           (select extract(epoch from min(l.at) - a.deadline)::float8 * 1000 from audit_log l where l.action = 'assessment.submit_at_deadline' and l.entity_id = a.id::text) as late_ms,
           (select extract(epoch from min(j.started_on) - a.deadline)::float8 * 1000 from pgboss.job j where j.name = 'assessment-deadline' and j.singleton_key = a.id::text) as job_late_ms,
           (select count(*)::int from pgboss.job j where j.name = 'assessment-deadline' and j.singleton_key = a.id::text) as jobs,
           exists (select 1 from pgboss.job j, audit_log l
                   where j.name = 'assessment-deadline' and j.singleton_key = a.id::text and l.action = 'assessment.submit_at_deadline' and l.entity_id = a.id::text
                     and l.at between j.started_on and coalesce(j.completed_on, now())) as by_job
    from assessment_attempts a where a.blueprint_key = ${PAPER.id}`)) as unknown as {
    id: string;
    status: string;
    submitted_by: string | null;
    at_deadline: boolean | null;
    results: number;
    audits: number;
    late_ms: number | null;
    job_late_ms: number | null;
    jobs: number;
    by_job: boolean;
  }[];
  const [jobStates] = (await db.execute(sql`
    select (select string_agg(state::text || ' ' || n, ', ') from (select state, count(*) as n from pgboss.job where name = 'assessment-deadline' group by state order by state) s) as deadline,
           (select string_agg(state::text || ' ' || n, ', ') from (select state, count(*) as n from pgboss.job where name = 'assessment-deadline-sweep' group by state order by state) s) as sweep`)) as unknown as { deadline: string | null; sweep: string | null }[];

  const submitted = per.filter((p) => p.status !== 'in_progress');
  const once = per.filter((p) => p.status !== 'in_progress' && p.submitted_by === 'deadline' && p.at_deadline && p.results === 1 && p.audits === 1);
  const late = submitted.flatMap((p) => (p.late_ms === null ? [] : [p.late_ms]));
  const jobLate = per.flatMap((p) => (p.job_late_ms === null ? [] : [p.job_late_ms]));
  const byJob = per.filter((p) => p.by_job).length;
  const byJobLate = per.filter((p) => p.by_job && p.late_ms !== null).map((p) => p.late_ms!);
  const bySweepLate = per.filter((p) => !p.by_job && p.late_ms !== null).map((p) => p.late_ms!);
  const f = (label: string, value: string | number) => console.log(`${label.padEnd(46)} ${value}`);
  console.log('');
  f('attempts', `${per.length} of a one-minute paper, deadlines over ${(span!.last - span!.first).toFixed(0)} s`);
  f('workers', `${WORKERS} × npm run worker on PostgreSQL (pg-boss 10.4.2)`);
  f('submitted', `${submitted.length} of ${per.length}${open ? ` (${open} still in progress ${AFTER_LAST_MS / 1000} s after the last deadline)` : ''}`);
  f('submitted exactly once', `${once.length} of ${per.length} (one result, one audit entry, by the deadline, recorded as at it)`);
  f('  more than one result / audit entry', `${per.filter((p) => p.results > 1).length} / ${per.filter((p) => p.audits > 1).length}`);
  f('submission after deadline p50/p95/p99/max', stats(late));
  f('  submitted by its own job', `${byJob}: ${stats(byJobLate)}`);
  f('  submitted by the sweep (every minute)', `${per.length - byJob}: ${stats(bySweepLate)}`);
  f('own job started after deadline p50/p95/p99/max', stats(jobLate));
  f('deadline jobs by state', jobStates?.deadline ?? '-');
  f('sweep jobs by state', jobStates?.sweep ?? '-');
  f('machine', `${os.cpus().length} CPUs, node ${process.version}, 1-min load average during: max ${load.length ? Math.max(...load).toFixed(2) : '-'}`);
  const odd = per.filter((p) => !once.includes(p)).slice(0, 5);
  for (const p of odd) console.log(`  not exactly once: ${p.id} ${p.status} by ${p.submitted_by ?? '-'}, ${p.results} results, ${p.audits} audit entries, ${p.jobs} jobs`);
  if (once.length !== per.length || per.length !== ATTEMPTS) exitCode = 1;
} catch (e) {
  console.error(e);
  exitCode = 1;
} finally {
  await cleanUp();
}
process.exit(exitCode);
