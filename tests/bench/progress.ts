// `npm run bench:progress`: issue 6's scale target. Against the PostgreSQL server in DATABASE_URL
// filled by `npm run seed:large`, times over HTTP (next start) a trainer's cohort table (200
// apprentices), an employer's progress dashboard (1,000) and one apprentice's full picture: p50 and
// p95 of 50 after one warm-up; beside each, the same SQL statements run bare on the server, so the
// app's overhead shows as a ratio. Needs `npm run build`.
import { and, eq, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { openDatabase } from '@/db/client';
import { apprenticeships, users } from '@/db/schema';
import { apprenticeshipsIn } from '@/lib/dal/access';
import { factsQuery, pictureStatements, progressSettings } from '@/lib/dal/progress';
import type { Viewer } from '@/lib/dal/viewer';
import { LARGE } from '../../scripts/seed-large-people';
import { percentile, signInCookie, startServer } from './server';

const RUNS = 50;
const url = process.env.DATABASE_URL;
if (!url) {
  console.error('Set DATABASE_URL to the PostgreSQL database filled by `npm run seed:large`.');
  process.exit(2);
}

const handle = await openDatabase({ url });
const db = handle.db;
// The same session settings as the app's connections (db/client.ts), so only the app's own work differs.
const raw = postgres(url, { max: 1, onnotice: () => {}, connection: { jit: 'off' } });
const s = await progressSettings(db);

async function viewerOf(email: string): Promise<Viewer> {
  const [u] = await db.select().from(users).where(eq(users.email, email));
  if (!u) throw new Error(`${email} is not in the database: run npm run seed:large first`);
  return { userId: u.id, role: u.role, name: u.name, email: u.email, organisationId: u.organisationId, mustChangePassword: false } as Viewer;
}

/** The bare time of statements run one after another on one connection, as the app runs them. */
async function bare(statements: { sql: string; params: unknown[] }[]): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i <= RUNS; i++) {
    const t = performance.now();
    for (const st of statements) await raw.unsafe(st.sql, st.params as never[]);
    if (i > 0) times.push(performance.now() - t);
  }
  return times;
}

// drizzle renders a raw sql`` statement the same way when the app runs it.
const dialect = (q: ReturnType<typeof sql>) => (db as unknown as { dialect: { sqlToQuery: (q: unknown) => { sql: string; params: unknown[] } } }).dialect.sqlToQuery(q);

const trainer = await viewerOf(LARGE.trainer200Email);
const employer = await viewerOf(LARGE.employer1000ContactEmail);
const apprentice = await viewerOf(LARGE.apprenticeEmail);
const [own] = await db.select({ id: apprenticeships.id }).from(apprenticeships).where(eq(apprenticeships.apprenticeId, apprentice.userId));

const active = eq(apprenticeships.status, 'active');
const cases = [
  { name: "trainer's cohort table", who: trainer, path: '/trainer/progress', statements: [factsQuery(db, and(apprenticeshipsIn(trainer, 'assigned'), active)!, s).toSQL()] },
  { name: 'employer dashboard', who: employer, path: '/employer/progress', statements: [factsQuery(db, and(apprenticeshipsIn(employer, 'employed'), active)!, s).toSQL()] },
  {
    name: "one apprentice's picture",
    who: apprentice,
    path: '/apprentice/progress',
    statements: [factsQuery(db, and(eq(apprenticeships.id, own!.id), apprenticeshipsIn(apprentice, 'own'))!, s).toSQL(), ...pictureStatements(apprentice.userId, own!.id, s).map((q) => dialect(q))],
  },
];

const { base, server } = await startServer(undefined, url);
try {
  const [{ n }] = (await raw`select count(*)::int as n from apprenticeships`) as unknown as [{ n: number }];
  console.log(`server ${base} on ${url.replace(/\/\/[^@]*@/, '//')} (${n} apprenticeships); ${RUNS} runs each after one warm-up\n`);
  console.log('view                        rows   app p50   app p95   bare SQL p50   bare p95   ratio p95');
  for (const c of cases) {
    const cookie = await signInCookie(base, c.who.email);
    const app: number[] = [];
    let rows = 0;
    for (let i = 0; i <= RUNS; i++) {
      const t = performance.now();
      const res = await fetch(base + c.path, { headers: { cookie }, redirect: 'manual' });
      const html = await res.text();
      if (res.status !== 200) throw new Error(`${c.path} answered ${res.status}`);
      if (i > 0) app.push(performance.now() - t);
      rows = (html.match(/href="\/apprenticeships\/[0-9a-f-]{36}\/progress"/g) ?? []).length;
    }
    const sqlTimes = await bare(c.statements);
    const f = (v: number) => v.toFixed(1).padStart(9);
    console.log(`${c.name.padEnd(26)}${String(rows || 1).padStart(6)}${f(percentile(app, 50))} ${f(percentile(app, 95))}${f(percentile(sqlTimes, 50)).padStart(15)}${f(percentile(sqlTimes, 95)).padStart(11)}${(percentile(app, 95) / percentile(sqlTimes, 95)).toFixed(2).padStart(11)}`);
  }
} finally {
  server?.kill('SIGTERM');
  await raw.end();
  await handle.close();
}
