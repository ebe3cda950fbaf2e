// A database of its own for a benchmark: created beside the one DATABASE_URL names (never touching it),
// migrated, with the content, the demo data and as many apprentices as the benchmark needs, dropped at the end.
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import { openDatabase } from '@/db/client';
import { runMigrations } from '@/db/migrate';
import { seedContent, seedDemo } from '@/db/seed';
import { demoApprentices } from '@/db/demo-data';
import type { Role } from '@/db/schema';

export type BenchUser = { id: string; email: string; name: string; role: Role; organisation_id: string | null };

/** `<name>_<tag>_<pid>` on the server of `url`, created now. `drop` removes it unless `keep`. */
export async function createBenchDatabase(url: string, tag: string) {
  const given = new URL(url);
  const baseName = decodeURIComponent(given.pathname.replace(/^\//, '')) || 'postgres';
  const name = `${baseName}_${tag}_${process.pid}`.replace(/[^a-zA-Z0-9_]/g, '_').toLowerCase();
  const bench = new URL(url);
  bench.pathname = `/${name}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  return {
    name,
    url: bench.toString(),
    async drop(keep: boolean) {
      if (!keep) await admin.unsafe(`drop database if exists "${name}" with (force)`).catch((e: Error) => console.error(`could not drop ${name}: ${e.message}`));
      else console.log(`kept the database ${name}`);
      await admin.end({ timeout: 5 });
    },
  };
}

/** The bench database opened, migrated, with the content and the demo data (its password hash is copied below). */
export async function openBenchDatabase(url: string) {
  const handle = await openDatabase({ url });
  await runMigrations(handle.db);
  await seedContent(handle.db);
  await seedDemo(handle.db);
  return handle;
}

/**
 * `count` apprentices (`<prefix>00001@<domain>`, …), set-based: each takes the first demo apprentice's
 * employer, cohort, plan and password. `extraTimeSpread`: extra time on timed papers from 0% to 100% in
 * even steps. `probe`: one more, `probe@<domain>`, for saves made in the benchmark's own process.
 */
export async function addBenchApprentices(
  db: Awaited<ReturnType<typeof openBenchDatabase>>['db'],
  url: string,
  o: { prefix: string; label: string; domain: string; count: number; extraTimeSpread?: boolean; probe?: boolean },
): Promise<{ apprentices: BenchUser[]; probe?: BenchUser }> {
  const raw = postgres(url, { max: 2, onnotice: () => {} });
  const template = demoApprentices[0]!.email;
  try {
    await raw.begin(async (tx) => {
      await tx.unsafe(
        `insert into users (email, name, role, organisation_id, password_hash)
         select $3 || lpad(g::text, 5, '0') || '@' || $4, $5 || ' ' || g, 'apprentice'::role, t.organisation_id, t.password_hash
         from generate_series(1, $1::int) g, (select organisation_id, password_hash from users where email = $2) t
         union all
         select 'probe@' || $4, 'Bench Probe', 'apprentice'::role, organisation_id, password_hash from users where email = $2 and $6::boolean`,
        [o.count, template, o.prefix, o.domain, o.label, Boolean(o.probe)],
      );
      await tx.unsafe(
        `insert into apprenticeships (apprentice_id, employer_id, cohort_id, standard_id, start_date, planned_end_date, weekly_hours, planned_otj_hours, english_status, maths_status, status, extra_time_percent)
         select u.id, a.employer_id, a.cohort_id, a.standard_id, a.start_date, a.planned_end_date, a.weekly_hours, a.planned_otj_hours, a.english_status, a.maths_status, 'active',
                case when $3::boolean then round(100.0 * (row_number() over (order by u.email) - 1) / greatest($4::int - 1, 1))::int else 0 end
         from users u, (select a.* from apprenticeships a join users t on t.id = a.apprentice_id where t.email = $1 limit 1) a
         where u.email like '%@' || $2`,
        [template, o.domain, Boolean(o.extraTimeSpread), o.count],
      );
    });
    await raw.unsafe('analyze');
  } finally {
    await raw.end();
  }
  // With postgres-js, drizzle's execute gives the rows themselves.
  const users = (await db.execute(sql`select id, email, name, role, organisation_id from users where email like ${'%@' + o.domain} order by email`)) as unknown as BenchUser[];
  const probeEmail = `probe@${o.domain}`;
  return { apprentices: users.filter((u) => u.email !== probeEmail), probe: users.find((u) => u.email === probeEmail) };
}
