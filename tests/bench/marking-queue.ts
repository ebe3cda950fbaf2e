// `npm run bench:marking`: the trainer's marking-queue page with 500 pieces of evidence waiting
// (issue 5's target): server response time, median and p95 of 20 after one warm-up, for the first
// page, a KSB filter and the last page. Starts `next start` on a fresh embedded database, filled
// first with the demo data and 500 submitted pieces from the trainer's apprentices. Needs `npm run build`.
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { openDatabase } from '@/db/client';
import { runMigrations } from '@/db/migrate';
import { seedContent, seedDemo } from '@/db/seed';
import { percentile, signInCookie, startServer } from './server';

const PIECES = 500;
const RUNS = 20;
const TRAINER = 'trainer.patel@coderpathway.example';

async function fill(dataDir: string) {
  // The server keeps its embedded database in DATA_DIR/pglite (lib/env.ts).
  const handle = await openDatabase({ folder: path.join(dataDir, 'pglite') });
  await runMigrations(handle.db);
  await seedContent(handle.db);
  await seedDemo(handle.db);
  // Set-based: one statement makes the pieces, spread over the trainer's apprentices and 60 days.
  await handle.db.execute(sql`
    with mine as (
      select a.apprentice_id, row_number() over (order by a.apprentice_id) - 1 as i, count(*) over () as n
      from apprenticeships a join trainer_assignments ta on ta.apprenticeship_id = a.id
      join users t on t.id = ta.trainer_id where t.email = ${TRAINER}
    ), made as (
      insert into evidence (apprentice_id, title, type, activity_date, account, status, submission_no, row_version, submitted_at)
      select m.apprentice_id, 'Bench piece ' || g, 'work_product', current_date - 70, repeat('An account of the work. ', 20), 'submitted', 1, 2,
             now() - (g || ' minutes')::interval * 170
      from generate_series(1, ${PIECES}) g join mine m on m.i = g % m.n
      returning id, title, type, activity_date, account, submitted_at
    ), claimed as (
      insert into evidence_ksbs (evidence_id, ksb_code)
      select id, k from made, unnest(array['S3', 'S5', 'K' || (1 + abs(hashtext(id::text)) % 29)]) k
      returning evidence_id
    )
    insert into evidence_versions (evidence_id, version_no, title, type, activity_date, account, ksbs, files, submitted_at)
    select id, 1, title, type, activity_date, account, array['S3', 'S5'], '[]'::jsonb, submitted_at from made`);
  await handle.db.execute(sql`analyze`);
  await handle.close();
}

const { base, server } = await startServer(fill);
try {
  const cookie = await signInCookie(base, TRAINER);
  console.log(`server ${base}; ${PIECES} submitted pieces for ${TRAINER}; ${RUNS} requests per page after one warm-up\n`);
  console.log('page                                   median ms   p95 ms   rows on page');
  for (const path of ['/trainer/marking', '/trainer/marking?ksb=K7', `/trainer/marking?page=${Math.ceil((PIECES + 3) / 25)}`]) {
    const times: number[] = [];
    let rows = 0;
    for (let i = 0; i <= RUNS; i++) {
      const t = performance.now();
      const res = await fetch(base + path, { headers: { cookie }, redirect: 'manual' });
      const html = await res.text();
      if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
      if (i > 0) times.push(performance.now() - t);
      rows = (html.match(/href="\/evidence\/[0-9a-f-]{36}"/g) ?? []).length;
    }
    console.log(`${path.padEnd(38)}${percentile(times, 50).toFixed(1).padStart(10)}${percentile(times, 95).toFixed(1).padStart(9)}${String(rows).padStart(15)}`);
  }
} finally {
  server?.kill('SIGTERM');
}
