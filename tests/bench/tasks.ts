// `npm run bench:tasks`: issue 17's target for "Needs you". Against the PostgreSQL server in DATABASE_URL
// filled by `npm run seed:large`, times the task list of the trainer with 200 apprentices (goal: p95 under
// 150 ms), and beside it the lists of the 1,000-apprentice employer contact, one apprentice and an admin:
//   - "list": listTasks through the data access layer, in this process (the statements and the rules);
//   - "home": the role's home page over HTTP (next start), which shows the list, timed to the last byte.
// p50 and p95 of 50 after 20 warm-up runs. The home needs `npm run build`; BENCH_HTTP=off skips it.
import http from 'node:http';
import zlib from 'node:zlib';
import { eq } from 'drizzle-orm';
import { openDatabase, setDbForTests } from '@/db/client';
import { users } from '@/db/schema';
import { listTasks } from '@/lib/dal/tasks';
import type { Viewer } from '@/lib/dal/viewer';
import { LARGE } from '../../scripts/seed-large-people';
import { percentile, signInCookie, startServer } from './server';

const RUNS = 50;
const WARM_UP = 20;
const url = process.env.DATABASE_URL;
if (!url) {
  console.error('Set DATABASE_URL to the PostgreSQL database filled by `npm run seed:large`.');
  process.exit(2);
}
const http_ = process.env.BENCH_HTTP !== 'off';

const handle = await openDatabase({ url });
const db = handle.db;
setDbForTests(db);

async function viewerOf(email: string): Promise<Viewer> {
  const [u] = await db.select().from(users).where(eq(users.email, email));
  if (!u) throw new Error(`${email} is not in the database: run npm run seed:large first`);
  return { userId: u.id, role: u.role, name: u.name, email: u.email, organisationId: u.organisationId, mustChangePassword: false } as Viewer;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
function get(target: string, cookie: string): Promise<{ ms: number; status: number; html: string }> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    http
      .get(target, { agent, headers: { cookie, 'accept-encoding': 'gzip' } }, (res) => {
        const parts: Buffer[] = [];
        res.on('data', (d: Buffer) => parts.push(d));
        res.on('end', () => {
          const ms = performance.now() - start;
          const body = Buffer.concat(parts);
          resolve({ ms, status: res.statusCode ?? 0, html: (res.headers['content-encoding'] === 'gzip' ? zlib.gunzipSync(body) : body).toString('utf8') });
        });
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

const [{ email: adminEmail }] = await db.select({ email: users.email }).from(users).where(eq(users.role, 'admin')).limit(1) as [{ email: string }];
const cases = [
  { name: 'trainer (200 apprentices)', email: LARGE.trainer200Email, path: '/trainer' },
  { name: 'employer (1,000)', email: LARGE.employer1000ContactEmail, path: '/employer' },
  { name: 'apprentice', email: LARGE.apprenticeEmail, path: '/apprentice' },
  { name: 'admin', email: adminEmail, path: '/admin' },
];

const { base, server } = http_ ? await startServer(undefined, url) : { base: '', server: undefined };
try {
  console.log(`"Needs you" on ${url.replace(/\/\/[^@]*@/, '//')}; ${RUNS} runs each after ${WARM_UP} warm-up runs (ms)\n`);
  console.log('who                         tasks   list p50   list p95   home p50   home p95');
  for (const c of cases) {
    const viewer = await viewerOf(c.email);
    const list: number[] = [];
    let tasks = 0;
    for (let i = 0; i < WARM_UP + RUNS; i++) {
      const t = performance.now();
      const r = await listTasks(viewer);
      if (i >= WARM_UP) list.push(performance.now() - t);
      tasks = r.tasks.length;
    }
    const home: number[] = [];
    if (http_) {
      const cookie = await signInCookie(base, c.email);
      for (let i = 0; i < WARM_UP + RUNS; i++) {
        const { ms, status, html } = await get(base + c.path, cookie);
        if (status !== 200 || !html.includes('Needs you')) throw new Error(`${c.path} answered ${status}${status === 200 ? ' without "Needs you"' : ''}`);
        if (i >= WARM_UP) home.push(ms);
      }
    }
    const f = (v: number | null) => (v === null ? '—' : v.toFixed(1)).padStart(11);
    console.log(`${c.name.padEnd(26)}${String(tasks).padStart(7)}${f(percentile(list, 50))}${f(percentile(list, 95))}${f(home.length ? percentile(home, 50) : null)}${f(home.length ? percentile(home, 95) : null)}`);
  }
} finally {
  server?.kill('SIGTERM');
  agent.destroy();
  await handle.close();
}
