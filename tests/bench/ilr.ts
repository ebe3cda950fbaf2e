// `npm run bench:ilr`: issue 20's note asks for the learner-record CSV's export time on `seed:large` data.
// Against the PostgreSQL server in DATABASE_URL filled by `npm run seed:large`, times the whole provider's
// export as an administrator (5,000 apprenticeships) and the 200-apprentice trainer's: exportIlr through the
// data access layer (the three set-based statements, the rows and their validation, the audit entry) and
// the CSV written by lib/csv.ts, in this process: median and p95 of RUNS after WARM_UP, with the rows
// exported, the rows left out and the bytes of the file.
import { eq } from 'drizzle-orm';
import { openDatabase, setDbForTests } from '@/db/client';
import { users } from '@/db/schema';
import { toCsv } from '@/lib/csv';
import { exportIlr } from '@/lib/dal/ilr';
import type { Viewer } from '@/lib/dal/viewer';
import { LARGE } from '../../scripts/seed-large-people';
import { percentile } from './server';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const WARM_UP = 3;
const url = process.env.DATABASE_URL;
if (!url) {
  console.error('Set DATABASE_URL to the PostgreSQL database filled by `npm run seed:large`.');
  process.exit(2);
}

const handle = await openDatabase({ url });
const db = handle.db;
setDbForTests(db);

async function viewerOf(email: string): Promise<Viewer> {
  const [u] = await db.select().from(users).where(eq(users.email, email));
  if (!u) throw new Error(`${email} is not in the database: run npm run seed:large first`);
  return { userId: u.id, role: u.role, name: u.name, email: u.email, organisationId: u.organisationId, mustChangePassword: false } as Viewer;
}

async function bench(label: string, viewer: Viewer) {
  let last = { rows: 0, excluded: 0, bytes: 0 };
  const times: number[] = [];
  for (let i = 0; i < WARM_UP + RUNS; i++) {
    const start = performance.now();
    const out = await exportIlr(viewer, {});
    const csv = toCsv(out.fields, out.data);
    const ms = performance.now() - start;
    if (i >= WARM_UP) times.push(ms);
    last = { rows: out.data.length, excluded: out.excluded, bytes: Buffer.byteLength(csv, 'utf8') };
  }
  console.log(
    `${label.padEnd(44)} median ${percentile(times, 50).toFixed(1).padStart(7)} ms  p95 ${percentile(times, 95).toFixed(1).padStart(7)} ms  ` +
      `${last.rows.toLocaleString('en-GB')} rows (${last.excluded} left out)  ${last.bytes.toLocaleString('en-GB')} bytes`,
  );
}

console.log(`ILR export, ${RUNS} runs after ${WARM_UP} warm-up`);
await bench('admin: the whole provider', await viewerOf('admin@coderpathway.example'));
await bench('trainer with 200 apprentices', await viewerOf(LARGE.trainer200Email));
await handle.close();
