// `npm run bench:mock`: issue 7's load target, and issue 16's two instances beside one. Apprentices sit the
// mock NCCQ theory paper at once against the PostgreSQL server in DATABASE_URL, over HTTP to `next start`
// on the loopback address: each saves an answer every 5 seconds (5% of saves are followed by an older
// change of the same item, as from a second tab, which must come back `stale`). Then what each one sent
// is compared with what is stored. In one run, on one database:
//   (a) one instance, 300 apprentices (issue 7's figure);
//   (b) two instances (the same build and shared settings), 600 other apprentices, apprentice i on
//       instance i % 2 (signed in there, saving there), the first instance still up from (a).
// Prints for each requests per second, save latency (p50/p95/p99/max), errors and lost or
// stale-overwritten answers, then (b) beside (a); exits 1 if any request failed or any answer was lost
// or wrong in either. The load is open: each apprentice saves on its own clock, so requests per second
// follow the number of apprentices while the servers keep up; latency is what shows the strain.
//
// It never touches the database named in DATABASE_URL: it creates a fresh one beside it on the same
// server (<name>_mock_<pid>), migrates it, loads the content and demo data, adds the apprentices, and
// drops it at the end (MOCK_KEEP=1 keeps it). Setup (sign-in with argon2, starting the attempts) is
// not measured. --seconds / MOCK_SECONDS (default 300, for each of (a) and (b)), --apprentices /
// MOCK_APPRENTICES (default 300: (a)'s number; (b) has twice as many) and --instances / MOCK_INSTANCES
// (2, the default: (a) then (b); 1: (a) only, as before) change the size.
// Needs `npm run build`.
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import { setDbForTests } from '@/db/client';
import { saveAssessmentAnswer, startAssessment } from '@/lib/dal/assessments';
import { currentJobQueue, openJobQueue, setJobQueueOpenerForTests } from '@/lib/jobs';
import type { Viewer } from '@/lib/dal/viewer';
import { createBenchDatabase, openBenchDatabase, addBenchApprentices } from './bench-database';
import { percentile as pct, signInCookie, startServer } from './server';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const SECONDS = Number(arg('seconds') ?? process.env.MOCK_SECONDS ?? 300);
const APPRENTICES = Number(arg('apprentices') ?? process.env.MOCK_APPRENTICES ?? 300);
const INSTANCES = Number(arg('instances') ?? process.env.MOCK_INSTANCES ?? 2);
const KEEP = process.env.MOCK_KEEP === '1';
const EVERY_MS = 5_000; // each apprentice saves one answer this often
const STALE_SHARE = 0.05; // saves followed by an older change of the same item
const REQUEST_TIMEOUT_MS = 30_000; // a save that takes longer counts as an error
const DRAIN_MS = 30_000; // how long the end waits for saves still in flight
const SIGN_IN_PARALLEL = 8; // argon2 verification is the cost of setup
const PAPER = 'mock-nccq-theory';
const GOAL = { p95: 150 };

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('Set DATABASE_URL to a PostgreSQL server (e.g. postgres://postgres@127.0.0.1:5432/postgres). bench:mock creates its own database there and drops it afterwards.');
  process.exit(2);
}
if (process.env.BASE_URL) {
  console.error('bench:mock starts its own server on its own database: unset BASE_URL.');
  process.exit(2);
}
if (!(SECONDS > 0 && Number.isInteger(APPRENTICES) && APPRENTICES > 0 && APPRENTICES <= 5000 && (INSTANCES === 1 || INSTANCES === 2))) {
  console.error('MOCK_SECONDS must be above 0, MOCK_APPRENTICES a whole number from 1 to 5000 and MOCK_INSTANCES 1 or 2.');
  process.exit(2);
}
// (a), and (b) unless told one instance only: each phase has apprentices of its own.
const PHASES = [
  { name: '(a) one instance', instances: 1, apprentices: APPRENTICES },
  ...(INSTANCES === 2 ? [{ name: '(b) two instances', instances: 2, apprentices: 2 * APPRENTICES }] : []),
];
const TOTAL = PHASES.reduce((t, p) => t + p.apprentices, 0);

const percentile = (xs: number[], p: number) => (xs.length ? pct(xs, p) : NaN);
const secs = (t: number) => ((performance.now() - t) / 1000).toFixed(1);
const ms = (v: number) => v.toFixed(1);
const rand = (n: number) => Math.floor(Math.random() * n);
const load = () => os.loadavg().map((x) => x.toFixed(2)).join(' ');

// ── A fresh database beside the one named ────────────────────────────────────────────────────────
const bench = await createBenchDatabase(url, 'mock');
const MOCK_URL = bench.url;
const shown = (u: string) => u.replace(/\/\/[^@/]*@/, '//');
let handle: Awaited<ReturnType<typeof openBenchDatabase>> | undefined;
const servers: { base: string; server?: ChildProcess; log: string }[] = [];

async function cleanUp() {
  for (const s of servers) s.server?.kill('SIGTERM');
  await (await currentJobQueue()?.catch(() => undefined))?.stop({ graceful: false }).catch(() => {});
  await handle?.close().catch(() => {});
  await bench.drop(KEEP);
}

let stopEarly = false;
process.on('SIGINT', () => {
  if (stopEarly) process.exit(130);
  stopEarly = true; // stop sending, then verify and clean up as usual
  console.log('\ninterrupted: stopping the saves');
});

type Item = { index: number; kind: 'theory' | 'written'; type?: string; options?: number };
type Sent = { seq: number; body: { kind: string; item: number; seq: number; flagged: boolean; answer: unknown }; status?: string; http?: number; error?: string; ms?: number; stale: boolean; measured?: boolean };
type Sitter = { email: string; base: string; viewer: Viewer; cookie: string; attemptId: string; items: Item[]; seq: number; sent: Sent[]; newest: Map<number, Sent> };

let exitCode = 0;
try {
  const tSetup = performance.now();
  handle = await openBenchDatabase(MOCK_URL);
  const db = handle.db;
  const { apprentices: rows, probe: probeUser } = await addBenchApprentices(db, MOCK_URL, { prefix: 'mock', label: 'Mock Apprentice', domain: 'apprentices.mock.example', count: TOTAL, probe: true });
  console.log(`setup: database ${bench.name} migrated, content and demo data, ${rows.length} apprentices (${secs(tSetup)} s)`);

  // Each apprentice starts the paper through the data layer (not measured).
  setDbForTests(db);
  // Starting a paper queues its deadline job: in this database's queue, not in the one DATABASE_URL names
  // (the data layer's queue follows DATABASE_URL, which this process leaves as given).
  setJobQueueOpenerForTests(() => openJobQueue({ url: MOCK_URL }, { supervise: false }));
  const tStart = performance.now();
  const sitters: Sitter[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < rows.length) {
        const u = rows[next++]!;
        const viewer: Viewer = { userId: u.id, role: u.role, name: u.name, email: u.email, organisationId: u.organisation_id, mustChangePassword: false };
        const { id } = await startAssessment(viewer, { blueprintKey: PAPER });
        sitters.push({ email: u.email, base: '', viewer, cookie: '', attemptId: id, items: [], seq: 0, sent: [], newest: new Map() });
      }
    }),
  );
  const probe: Viewer = { userId: probeUser!.id, role: probeUser!.role, name: probeUser!.name, email: probeUser!.email, organisationId: probeUser!.organisation_id, mustChangePassword: false };
  const probeAttempt = (await startAssessment(probe, { blueprintKey: PAPER })).id;
  // The items each drew, with the question types and option counts needed to give a valid answer.
  const drawn = await db.execute(sql`
    select a.id as attempt_id, (i.n - 1)::int as index, i.item ->> 'kind' as kind, q.type, jsonb_array_length(q.options) as options
    from assessment_attempts a cross join lateral jsonb_array_elements(a.items) with ordinality i(item, n)
    left join questions q on q.id = i.item ->> 'ref' and i.item ->> 'kind' = 'theory'`);
  const byAttempt = new Map(sitters.map((s) => [s.attemptId, s]));
  for (const d of drawn as unknown as { attempt_id: string; index: number; kind: 'theory' | 'written'; type: string | null; options: number | null }[])
    byAttempt.get(d.attempt_id)?.items.push({ index: d.index, kind: d.kind, type: d.type ?? undefined, options: d.options ?? undefined });
  const itemCount = sitters[0]!.items.length;
  const written = sitters[0]!.items.filter((i) => i.kind === 'written').length;
  console.log(`setup: ${sitters.length} attempts of ${PAPER} started through the data layer, ${itemCount} items each (${written} written) (${secs(tStart)} s)`);
  // Started 8 at a time, so not in order: each phase takes its share by email.
  sitters.sort((x, y) => x.email.localeCompare(y.email));

  const words = 'the coder assigns the code from the index and checks the tabular list for notes conventions and the standards before the episode is coded'.split(' ');
  const answerFor = (it: Item): unknown => {
    if (it.kind === 'written') {
      // 20 to 300 words, never a run of digits (a 10-digit run could be refused as an NHS number).
      return { text: Array.from({ length: 20 + rand(280) }, () => words[rand(words.length)]).join(' ') };
    }
    if (it.type === 'code') return `${'ABCIJKNRSZ'[rand(10)]}${rand(10)}${rand(10)}.${rand(10)}`;
    const n = Math.max(1, Math.min(10, it.options ?? 4));
    if (it.type === 'multiple') {
      const picked = Array.from({ length: n }, (_, k) => k).filter(() => Math.random() < 0.5);
      return picked.length ? picked : [rand(n)];
    }
    return [rand(n)];
  };

  /** One phase: its apprentices on `bases` (apprentice i on instance i % n), measured, then checked. */
  async function runPhase(phase: (typeof PHASES)[number], group: Sitter[], bases: string[]) {
    console.log(`\n── ${phase.name}: ${group.length} apprentices on ${bases.length} instance${bases.length > 1 ? 's' : ''} (${bases.join(', ')}) ──`);
    group.forEach((s, i) => (s.base = bases[i % bases.length]!));
    const tSign = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: SIGN_IN_PARALLEL }, async () => {
        while (next < group.length) {
          const s = group[next++]!;
          s.cookie = await signInCookie(s.base, s.email);
        }
      }),
    );
    console.log(`setup: ${group.length} apprentices signed in over HTTP on their own instance, ${SIGN_IN_PARALLEL} at a time (${secs(tSign)} s)`);

    const latencies: number[] = [];
    const byMinute: number[][] = [];
    const failures = new Map<string, number>();
    const warmUp: number[] = [];
    let measuring = false;
    let inFlight = 0;
    let requests = 0;
    let answered = 0; // measured requests that came back 200
    const fail = (why: string) => failures.set(why, (failures.get(why) ?? 0) + 1);

    async function put(s: Sitter, sent: Sent, t0: number) {
      const counted = (sent.measured = measuring);
      inFlight++;
      if (counted) requests++;
      const t = performance.now();
      try {
        const res = await fetch(`${s.base}/api/assessments/attempts/${s.attemptId}/answers`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json', cookie: s.cookie, origin: s.base },
          body: JSON.stringify(sent.body),
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        });
        const text = await res.text();
        sent.ms = performance.now() - t;
        sent.http = res.status;
        if (counted) {
          latencies.push(sent.ms);
          (byMinute[Math.floor((t - t0) / 60_000)] ??= []).push(sent.ms);
        } else warmUp.push(sent.ms);
        if (res.status !== 200) {
          sent.error = `HTTP ${res.status}: ${text.slice(0, 120)}`;
          fail(`HTTP ${res.status}`);
        } else {
          const json = JSON.parse(text) as { status: string; seq: number };
          sent.status = json.status;
          if (counted) answered++;
        }
      } catch (e) {
        sent.ms = performance.now() - t;
        sent.error = (e as Error).name === 'TimeoutError' ? `no answer in ${REQUEST_TIMEOUT_MS / 1000} s` : `network: ${(e as Error).message}`;
        fail(sent.error.startsWith('no answer') ? 'timeout' : 'network');
      } finally {
        inFlight--;
      }
    }

    // seq from the clock, as the page makes it (ms since the epoch of the change), but doubled so it is even
    // and rising per apprentice; an older change from a second tab gets an odd seq below the item's newest,
    // so it can be told apart in what is stored.
    async function save(s: Sitter, t0: number) {
      const it = s.items[rand(s.items.length)]!;
      s.seq = Math.max(s.seq + 2, Date.now() * 2);
      const body = { kind: it.kind, item: it.index, seq: s.seq, flagged: Math.random() < 0.1, answer: answerFor(it) };
      const sent: Sent = { seq: s.seq, body, stale: false };
      s.sent.push(sent);
      const prev = s.newest.get(it.index);
      if (!prev || prev.seq < sent.seq) s.newest.set(it.index, sent);
      await put(s, sent, t0);
      if (sent.status === 'saved' && Math.random() < STALE_SHARE) {
        const oldSeq = sent.seq - 1 - 2 * rand(2_000);
        const old: Sent = { seq: oldSeq, body: { kind: it.kind, item: it.index, seq: oldSeq, flagged: !body.flagged, answer: answerFor(it) }, stale: true };
        s.sent.push(old);
        await put(s, old, t0);
      }
    }

    // Warm-up, not measured: each apprentice saves once, 8 at a time, as when the paper has just been
    // opened (the first requests to a fresh server compile and warm its code paths).
    const tWarm = performance.now();
    next = 0;
    await Promise.all(
      Array.from({ length: SIGN_IN_PARALLEL }, async () => {
        while (next < group.length) await save(group[next++]!, tWarm);
      }),
    );
    const warmErrors = [...failures.values()].reduce((t, n) => t + n, 0);
    console.log(`warm-up: ${warmUp.length} saves, ${SIGN_IN_PARALLEL} at a time, not measured: p50 ${ms(percentile(warmUp, 50))} ms, max ${ms(warmUp.reduce((a, b) => Math.max(a, b), 0))} ms, ${warmErrors} errors (${secs(tWarm)} s)`);

    console.log(`measuring: ${group.length} apprentices, one save each every ${EVERY_MS / 1000} s for ${SECONDS} s (load average before: ${load()})`);
    measuring = true;
    const t0 = performance.now();
    const endAt = t0 + SECONDS * 1000;
    const loads: number[] = [];
    const sampler = setInterval(() => loads.push(os.loadavg()[0]!), 10_000);
    const pids = servers.slice(0, bases.length).map((s) => s.server?.pid);
    const cpu0 = pids.map(processCpu);
    // Three gauges to read the latencies by: how late this process's own timers ran (its share of the
    // CPU); the same save made through the data layer in this process every 250 ms (one statement on the
    // database, without HTTP, Next.js or the session), by one more apprentice on their own attempt; and
    // the servers' health check over HTTP every 250 ms, in turn (Next.js alone: no session, no database).
    const lag = monitorEventLoopDelay({ resolution: 10 });
    lag.enable();
    const dal: number[] = [];
    let dalErrors = 0;
    const probing = (async () => {
      for (let seq = (probeSeq += 1_000_000); performance.now() < endAt && !stopEarly; seq += 2) {
        const t = performance.now();
        try {
          await saveAssessmentAnswer(probe, probeAttempt, { kind: 'theory', item: 0, seq, flagged: false, answer: [seq % 4] });
          dal.push(performance.now() - t);
        } catch {
          dalErrors++;
        }
        await sleep(Math.max(0, 250 - (performance.now() - t)));
      }
    })();
    const health: number[] = [];
    const probingHttp = (async () => {
      for (let k = 0; performance.now() < endAt && !stopEarly; k++) {
        const t = performance.now();
        try {
          const res = await fetch(`${bases[k % bases.length]}/api/health`, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
          await res.text();
          if (res.ok) health.push(performance.now() - t);
        } catch {
          /* counted by its absence */
        }
        await sleep(Math.max(0, 250 - (performance.now() - t)));
      }
    })();
    await Promise.all(
      group.map(async (s) => {
        const offset = Math.random() * EVERY_MS; // spread over the first interval
        for (let k = 0; ; k++) {
          const at = t0 + offset + k * EVERY_MS;
          if (at >= endAt || stopEarly) break;
          await sleep(Math.max(0, at - performance.now()));
          if (stopEarly) break;
          void save(s, t0); // on its own timer: a slow save does not delay the next one
        }
      }),
    );
    await sleep(Math.max(0, endAt - performance.now())); // the last interval runs to its end
    const sendingEnded = performance.now();
    const sending = (sendingEnded - t0) / 1000;
    while (inFlight > 0 && performance.now() - sendingEnded < DRAIN_MS) await sleep(20);
    const drained = inFlight === 0;
    const wall = (performance.now() - t0) / 1000;
    const cpu1 = pids.map(processCpu);
    clearInterval(sampler);
    lag.disable();
    await Promise.all([probing, probingHttp]);
    const loadEnd = load();

    // ── Compare what was sent with what is stored ─────────────────────────────────────────────────
    // Only this phase's apprentices' papers: the demo data has answered papers of its own.
    const stored = (await db.execute(sql`
      select attempt_id, item, answer, flagged, client_seq from assessment_answers
      where attempt_id in (select unnest(${sql.param(group.map((s) => s.attemptId))}::uuid[]))`)) as unknown as { attempt_id: string; item: number; answer: unknown; flagged: boolean; client_seq: string | number }[];
    const storedBy = new Map(stored.map((r) => [`${r.attempt_id}/${r.item}`, r]));
    let lost = 0;
    let wrong = 0;
    let staleOverwrites = 0;
    let staleRefused = 0;
    let staleSends = 0; // over the whole phase, warm-up included
    let measuredStale = 0;
    let newerAnsweredStale = 0;
    let uncertain = 0; // the newest send of an item failed, so either outcome is right
    const examples: string[] = [];
    for (const s of group) {
      for (const sent of s.sent) {
        if (sent.stale) {
          staleSends++;
          if (sent.measured) measuredStale++;
          if (sent.status === 'stale') staleRefused++;
          else if (sent.status === 'saved') staleOverwrites++;
        } else if (sent.status === 'stale') newerAnsweredStale++;
      }
      for (const [item, want] of s.newest) {
        const row = storedBy.get(`${s.attemptId}/${item}`);
        const seq = row ? Number(row.client_seq) : 0;
        if (want.status !== 'saved') {
          // Failed or unanswered: stored may hold it or the item's previous change, nothing else.
          uncertain++;
          continue;
        }
        if (!row || seq < want.seq) {
          lost++;
          const what = !row ? 'nothing' : seq % 2 ? `${seq}, an older change from the second tab` : seq;
          if (examples.length < 5) examples.push(`lost: ${s.email} item ${item} saved seq ${want.seq}, stored ${what}`);
        } else if (seq !== want.seq || !isDeepStrictEqual(row.answer, want.body.answer) || row.flagged !== want.body.flagged) {
          wrong++;
          if (examples.length < 5) examples.push(`mismatch: ${s.email} item ${item} sent seq ${want.seq}, stored seq ${seq}`);
        }
      }
    }
    // Rows nobody sent (the items were never saved by this run) would also be wrong.
    const itemsSaved = group.reduce((t, s) => t + s.newest.size, 0);
    const strays = stored.length - group.reduce((t, s) => t + [...s.newest.keys()].filter((i) => storedBy.has(`${s.attemptId}/${i}`)).length, 0);

    const errors = [...failures.values()].reduce((t, n) => t + n, 0);
    const p = { p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99), max: latencies.reduce((a, b) => Math.max(a, b), 0) };
    const cpuShare = pids
      .map((_, i) => (cpu0[i] !== undefined && cpu1[i] !== undefined ? `${(((cpu1[i]! - cpu0[i]!) / wall) * 100).toFixed(0)}%` : 'unknown'))
      .join(' + ');
    console.log('');
    f('apprentices', `${group.length} on ${bases.length} instance${bases.length > 1 ? 's (apprentice i on instance i % 2)' : ''}`);
    f('paper', `${PAPER} (${itemCount} items)`);
    f('duration (sending, then in-flight)', `${SECONDS} s, ${wall.toFixed(1)} s in all${drained ? '' : ` (${inFlight} saves still in flight after ${DRAIN_MS / 1000} s)`}`);
    f('requests', `${requests} (${requests - measuredStale} saves, ${measuredStale} older changes from a "second tab")`);
    f('requests per second', `${(requests / sending).toFixed(1)} sent, ${(answered / sending).toFixed(1)} answered 200 (over the ${sending.toFixed(1)} s of sending)`);
    f('save latency p50 / p95 / p99 / max ms', `${ms(p.p50)} / ${ms(p.p95)} / ${ms(p.p99)} / ${ms(p.max)}`);
    f('p95 by minute ms', byMinute.map((m) => ms(percentile(m, 95))).join('  '));
    f('errors (warm-up included)', errors ? `${errors} (${[...failures].map(([k, v]) => `${k}: ${v}`).join(', ')})` : 0);
    f('answers checked (apprentice × item)', `${itemsSaved}${uncertain ? ` (${uncertain} whose newest save failed, not judged)` : ''}`);
    f('lost answers', lost);
    f('wrong answers (other content or seq)', wrong);
    f('stored rows nobody sent', strays);
    f('older changes refused as stale', `${staleRefused} of ${staleSends} (warm-up included)`);
    f('older changes that overwrote (must be 0)', staleOverwrites);
    f('newer saves answered stale', newerAnsweredStale);
    f('goal', `p95 under ${GOAL.p95} ms, 0 errors, 0 lost: ${p.p95 < GOAL.p95 && errors === 0 && lost === 0 && wrong === 0 ? 'met' : 'NOT met'}`);
    f('machine', `${os.cpus().length} CPUs (${os.cpus()[0]?.model.trim()}), load average ${loadEnd} at the end; 1-min load during: max ${loads.length ? Math.max(...loads).toFixed(2) : '-'}`);
    f(`next start CPU during the run${pids.length > 1 ? ' (each)' : ''}`, `${cpuShare} of one core`);
    f('same save via the DAL, no HTTP: p50/p95/max', `${dal.length ? `${ms(percentile(dal, 50))} / ${ms(percentile(dal, 95))} / ${ms(dal.reduce((a, b) => Math.max(a, b), 0))} ms` : '-'} (${dal.length} saves${dalErrors ? `, ${dalErrors} failed` : ''})`);
    f('GET /api/health meanwhile: p50/p95/max', health.length ? `${ms(percentile(health, 50))} / ${ms(percentile(health, 95))} / ${ms(health.reduce((a, b) => Math.max(a, b), 0))} ms (${health.length})` : '-');
    f("this process's timer lag p99 / max", `${ms(lag.percentile(99) / 1e6)} / ${ms(lag.max / 1e6)} ms`);
    for (const e of examples) console.log(`  ${e}`);
    const firstErrors = group.flatMap((s) => s.sent.filter((x) => x.error).map((x) => x.error!)).slice(0, 3);
    for (const e of firstErrors) console.log(`  error: ${e}`);
    if (errors || lost || wrong || staleOverwrites || strays) exitCode = 1;
    return { phase, instances: bases.length, apprentices: group.length, rps: requests / sending, answeredRps: answered / sending, ...p, errors, lost, wrong };
  }

  const f = (label: string, value: string | number) => console.log(`${label.padEnd(40)} ${value}`);
  let probeSeq = 0;
  const results: Awaited<ReturnType<typeof runPhase>>[] = [];
  let from = 0;
  for (const phase of PHASES) {
    if (stopEarly) break;
    // Each server bound to the loopback address only; the first stays up from (a) into (b).
    while (servers.length < phase.instances) {
      const tServer = performance.now();
      const log = path.join(os.tmpdir(), `cp-bench-mock-${process.pid}-${servers.length + 1}.log`);
      const started = await startServer(undefined, MOCK_URL, { host: '127.0.0.1', log });
      servers.push({ ...started, log });
      console.log(`setup: next start #${servers.length} at ${started.base} on ${shown(MOCK_URL)} (${secs(tServer)} s); its output goes to ${log}`);
    }
    const group = sitters.slice(from, from + phase.apprentices);
    from += phase.apprentices;
    results.push(await runPhase(phase, group, servers.slice(0, phase.instances).map((s) => s.base)));
  }

  // ── (b) beside (a) ─────────────────────────────────────────────────────────────────────────────
  if (results.length === 2) {
    const [a, b] = results as [(typeof results)[number], (typeof results)[number]];
    const row = (r: (typeof results)[number]) =>
      `${r.phase.name.padEnd(20)} ${String(r.apprentices).padStart(11)} ${r.rps.toFixed(1).padStart(8)} ${r.answeredRps.toFixed(1).padStart(8)}   ${[r.p50, r.p95, r.p99, r.max].map((v) => ms(v).padStart(7)).join(' ')} ${String(r.errors).padStart(7)} ${String(r.lost).padStart(5)}`;
    console.log(`\n${'phase'.padEnd(20)} ${'apprentices'.padStart(11)} ${'req/s'.padStart(8)} ${'200/s'.padStart(8)}   ${['p50', 'p95', 'p99', 'max'].map((h) => `${h} ms`.padStart(7)).join(' ')} ${'errors'.padStart(7)} ${'lost'.padStart(5)}`);
    console.log(row(a));
    console.log(row(b));
    console.log(`throughput (b)/(a): ×${(b.answeredRps / a.answeredRps).toFixed(2)} answered (×${(b.rps / a.rps).toFixed(2)} sent); p95 (b)/(a): ×${(b.p95 / a.p95).toFixed(2)}`);
    console.log(
      `goal for (b): p95 under ${GOAL.p95} ms, 0 errors, 0 lost, throughput roughly doubling: ${b.p95 < GOAL.p95 && b.errors === 0 && b.lost === 0 && b.wrong === 0 && b.answeredRps / a.answeredRps >= 1.8 ? 'met' : 'NOT met'}` +
        ` (the load is open, so the ratio follows the apprentices while the servers keep up; on ${os.cpus().length} cores two instances share the same CPUs)`,
    );
  }
} catch (e) {
  console.error(e);
  exitCode = 1;
} finally {
  await cleanUp();
}
process.exit(exitCode);

/** CPU seconds used so far by a process and its children (Linux /proc), or undefined elsewhere. */
function processCpu(pid: number | undefined): number | undefined {
  if (!pid) return undefined;
  try {
    const tick = 100; // USER_HZ on Linux
    let total = 0;
    const walk = (p: number) => {
      const stat = fs.readFileSync(`/proc/${p}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      total += (Number(fields[11]) + Number(fields[12])) / tick; // utime, stime
      for (const task of fs.readdirSync(`/proc/${p}/task`))
        for (const child of fs.readFileSync(`/proc/${p}/task/${task}/children`, 'utf8').split(' ').filter(Boolean)) walk(Number(child));
    };
    walk(pid);
    return total;
  } catch {
    return undefined;
  }
}
