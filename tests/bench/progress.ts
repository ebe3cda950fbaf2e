// `npm run bench:progress`: issue 6's scale target. Against the PostgreSQL server in DATABASE_URL
// filled by `npm run seed:large`, times over HTTP (next start) a trainer's cohort table (200
// apprentices), an employer's progress dashboard (1,000) and one apprentice's full picture: p50 and
// p95 of 50 after 20 warm-up runs (the first requests of a page run while V8 is still optimising
// its code: a cold start, not the steady state). Beside each, every SQL statement the page runs for
// that request (the viewer, the navigation count, the settings and the view's data, recorded from
// the data access layer as the page calls it) runs bare on the server, one after another, so the
// app's overhead shows as a ratio. Needs `npm run build`.
import http from 'node:http';
import zlib from 'node:zlib';
import { eq } from 'drizzle-orm';
import postgres from 'postgres';
import { openDatabase, setDbForTests } from '@/db/client';
import { users } from '@/db/schema';
import { getOwnApprenticeship } from '@/lib/dal/apprenticeships';
import { listCohorts } from '@/lib/dal/cohorts';
import { countMarkingQueue } from '@/lib/dal/marking';
import { countWrittenToMark } from '@/lib/dal/assessment-results';
import { getProgressPicture, listCohortProgress } from '@/lib/dal/progress';
import { listProgressReviews } from '@/lib/dal/reviews';
import { viewerQuery, type Viewer } from '@/lib/dal/viewer';
import { LARGE } from '../../scripts/seed-large-people';
import { percentile, signInCookie, startServer } from './server';

const RUNS = 50;
// The viewer query also asks whether the session was signed out: any id times the same probe.
const SESSION_ID = crypto.randomUUID();
const WARM_UP = 20;
const url = process.env.DATABASE_URL;
if (!url) {
  console.error('Set DATABASE_URL to the PostgreSQL database filled by `npm run seed:large`.');
  process.exit(2);
}

/**
 * One GET over a kept-alive connection, timed to the response's last byte, as a browser asks for it
 * (gzip). node:http rather than fetch: fetch (undici) spent about 1.5 ms of this 2-core machine's CPU
 * per request in the benchmark's own process, and curl measured the same page 1.5–2 ms faster than
 * fetch did, so part of the "app" time was the client's. The body is unzipped and checked after the
 * clock stops.
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
function get(url: string, cookie: string): Promise<{ ms: number; status: number; html: string }> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    http
      .get(url, { agent, headers: { cookie, 'accept-encoding': 'gzip' } }, (res) => {
        const parts: Buffer[] = [];
        res.on('data', (d: Buffer) => parts.push(d));
        res.on('end', () => {
          const ms = performance.now() - start;
          const body = Buffer.concat(parts);
          const html = (res.headers['content-encoding'] === 'gzip' ? zlib.gunzipSync(body) : body).toString('utf8');
          resolve({ ms, status: res.statusCode ?? 0, html });
        });
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

type Statement = { sql: string; params: unknown[] };
let recording: Statement[] | null = null;
const handle = await openDatabase({ url, logger: { logQuery: (sql, params) => recording?.push({ sql, params }) } });
const db = handle.db;
setDbForTests(db);
// The same session settings as the app's connections (db/client.ts), so only the app's own work differs.
const raw = postgres(url, { max: 1, onnotice: () => {}, connection: { jit: 'off' } });

async function viewerOf(email: string): Promise<Viewer> {
  const [u] = await db.select().from(users).where(eq(users.email, email));
  if (!u) throw new Error(`${email} is not in the database: run npm run seed:large first`);
  return { userId: u.id, role: u.role, name: u.name, email: u.email, organisationId: u.organisationId, mustChangePassword: false } as Viewer;
}

/**
 * The statements a page's data calls run, recorded through the data access layer. The page reads the
 * viewer and the settings once per request (React cache); called here outside a request they would be
 * read again, so a statement repeated with the same parameters is kept once.
 */
async function statementsOf(page: () => Promise<unknown>): Promise<Statement[]> {
  const seen: Statement[] = (recording = []);
  try {
    await page();
  } finally {
    recording = null;
  }
  const keys = new Set<string>();
  return seen.filter((st) => {
    const key = st.sql + JSON.stringify(st.params);
    if (keys.has(key)) return false;
    keys.add(key);
    return true;
  });
}

/** The bare time of statements run one after another on one connection. */
async function bare(statements: Statement[]): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < WARM_UP + RUNS; i++) {
    const t = performance.now();
    for (const st of statements) await raw.unsafe(st.sql, st.params as never[]);
    if (i >= WARM_UP) times.push(performance.now() - t);
  }
  return times;
}

const trainer = await viewerOf(LARGE.trainer200Email);
const employer = await viewerOf(LARGE.employer1000ContactEmail);
const apprentice = await viewerOf(LARGE.apprenticeEmail);
const own = (await getOwnApprenticeship(apprentice))!;

// What each page (and the app layout around it) asks the data access layer for, as the page does.
const cases = [
  {
    name: "trainer's cohort table",
    who: trainer,
    path: '/trainer/progress',
    statements: await statementsOf(() => Promise.all([viewerQuery(db, trainer.userId, SESSION_ID), countMarkingQueue(trainer), countWrittenToMark(trainer), listCohortProgress(trainer, {}), listCohorts(trainer)])),
  },
  {
    name: 'employer dashboard',
    who: employer,
    path: '/employer/progress',
    statements: await statementsOf(() => Promise.all([viewerQuery(db, employer.userId, SESSION_ID), listCohortProgress(employer, {})])),
  },
  {
    name: "one apprentice's picture",
    who: apprentice,
    path: '/apprentice/progress',
    statements: await statementsOf(async () => {
      await viewerQuery(db, apprentice.userId, SESSION_ID);
      await getOwnApprenticeship(apprentice);
      await Promise.all([getProgressPicture(apprentice, own.id), listProgressReviews(apprentice, own.id)]);
    }),
  },
];

const { base, server } = await startServer(undefined, url);
try {
  const [{ n }] = (await raw`select count(*)::int as n from apprenticeships`) as unknown as [{ n: number }];
  console.log(`server ${base} on ${url.replace(/\/\/[^@]*@/, '//')} (${n} apprenticeships); ${RUNS} runs each after ${WARM_UP} warm-up runs\n`);
  console.log('view                        rows   app p50   app p95   bare SQL p50   bare p95   ratio p95   statements');
  for (const c of cases) {
    const cookie = await signInCookie(base, c.who.email);
    const app: number[] = [];
    let rows = 0;
    for (let i = 0; i < WARM_UP + RUNS; i++) {
      const { ms, status, html } = await get(base + c.path, cookie);
      if (status !== 200) throw new Error(`${c.path} answered ${status}`);
      if (i >= WARM_UP) app.push(ms);
      rows = (html.match(/href="\/apprenticeships\/[0-9a-f-]{36}\/progress"/g) ?? []).length;
    }
    const sqlTimes = await bare(c.statements);
    const f = (v: number) => v.toFixed(1).padStart(9);
    console.log(`${c.name.padEnd(26)}${String(rows || 1).padStart(6)}${f(percentile(app, 50))} ${f(percentile(app, 95))}${f(percentile(sqlTimes, 50)).padStart(15)}${f(percentile(sqlTimes, 95)).padStart(11)}${(percentile(app, 95) / percentile(sqlTimes, 95)).toFixed(2).padStart(11)}${String(c.statements.length).padStart(13)}`);
  }
} finally {
  server?.kill('SIGTERM');
  agent.destroy();
  await raw.end();
  await handle.close();
}
