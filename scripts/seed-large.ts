// `npm run seed:large [-- --reset]`: a large training provider on the PostgreSQL server in DATABASE_URL,
// for the progress benchmark (issue 6): 5,000 apprentices, 150 trainers, 40 employers, 2 million coding
// attempts, 100,000 pieces of evidence, 500,000 off-the-job entries, progress reviews and question answers.
//
// Every row is made inside PostgreSQL (insert … select … generate_series): the script only sends statements.
// Random figures come from random() after setseed(), so two runs on the same day give the same shapes.
// The dates are relative to the day it runs (cohorts over the last 24 months, activity up to today).
import fs from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import { openDatabase } from '@/db/client';
import { runMigrations } from '@/db/migrate';
import { seedContent, seedDemo } from '@/db/seed';
import { demoApprentices, demoStaff } from '@/db/demo-data';
import { LARGE } from './seed-large-people';

const CHUNKS = 20; // coding attempts and question answers are made 1/20 of the apprentices at a time
const PARALLEL = 2; // this machine has two cores; the chunks run two at a time

const started = performance.now();
const secs = (t: number) => ((performance.now() - t) / 1000).toFixed(1);
const n = (x: number | bigint | string) => Number(x).toLocaleString('en-GB');

const url = process.env.DATABASE_URL;
if (!url) fail('DATABASE_URL is not set. seed:large needs a PostgreSQL server, e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/cp_large');
const reset = process.argv.includes('--reset');
const dbName = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));

function fail(message: string): never {
  console.error(`seed:large: ${message}`);
  process.exit(1);
}

const sql = postgres(url, {
  max: PARALLEL,
  onnotice: () => {},
  // A generated data set can be made again: no need to wait for each commit to reach the disk.
  connection: { synchronous_commit: 'off', work_mem: '64MB' },
});

/** Refuses a database that holds anyone but the demo people, unless --reset on a database meant for this. */
async function guard() {
  const meant = /_(large|bench)$/.test(dbName);
  if (reset && !meant) fail(`--reset drops every table, so it only works on a database whose name ends in _large or _bench (this one is ${dbName}).`);
  const [found] = await sql<{ exists: boolean; tables: number }[]>`
    select to_regclass('public.users') is not null as exists,
      (select count(*)::int from information_schema.tables where table_schema = 'public') as tables`;
  if (!found!.exists) {
    // Tables but no users table: some other application's database.
    if (found!.tables > 0 && !(reset && meant)) fail(`${dbName} holds ${found!.tables} tables that are not this application's; use an empty database.`);
    if (found!.tables === 0) return;
  }
  const demo = [...demoStaff.map((s) => s.email), ...demoApprentices.map((a) => a.email)];
  const [counted] = found!.exists ? await sql<{ others: number }[]>`select count(*)::int as others from users where lower(email) <> all(${demo})` : [{ others: 0 }];
  const others = counted!.others;
  if (others === 0 && !reset) return;
  if (!reset)
    fail(
      `${dbName} already holds ${n(others)} users besides the demo ones; refusing to add a large data set to it. ` +
        (meant ? 'Run with --reset to drop its schema and start again.' : 'Use an empty database (one whose name ends in _large or _bench can be reset with --reset).'),
    );
  const t = performance.now();
  // pgboss: the job queue's own schema (lib/jobs); its jobs refer to rows that are gone.
  await sql.unsafe('drop schema if exists drizzle cascade; drop schema if exists pgboss cascade; drop schema public cascade; create schema public;').simple();
  console.log(`reset: dropped and recreated the schema of ${dbName} (${secs(t)} s)`);
}

async function step(label: string, work: () => Promise<string>) {
  const t = performance.now();
  const what = await work();
  console.log(`${label.padEnd(34)} ${what.padStart(12)} ${secs(t).padStart(7)} s`);
}

/** Runs one statement and reports the rows it made. */
async function insert(table: string, statement: string) {
  await step(table, async () => n(await run(statement)));
}

/**
 * Runs statements separated by `;` at a line end on one connection (setseed must precede the random()
 * it seeds) and returns the rows the statement that made most made.
 */
async function run(statements: string): Promise<number> {
  const conn = await sql.reserve();
  try {
    let count = 0;
    for (const s of statements.split(/;\s*\n/).filter((x) => x.trim())) {
      const made = (await conn.unsafe(s)).count;
      if (!/^\s*select setseed/.test(s)) count = Math.max(count, made); // not the ALTER that follows a CREATE … AS
    }
    return count;
  } finally {
    conn.release();
  }
}

async function inChunks(table: string, statement: (chunk: number) => string) {
  const t = performance.now();
  let rows = 0;
  let next = 0;
  const worker = async () => {
    while (next < CHUNKS) {
      const chunk = next++;
      const made = await run(statement(chunk)); // not `rows += await …`: that adds to the value read before the wait
      rows += made;
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  console.log(`${table.padEnd(34)} ${n(rows).padStart(12)} ${secs(t).padStart(7)} s`);
}

async function generate() {
  await insert('(plan) per-apprentice parameters', PLAN);
  for (const s of LOOKUPS) await run(s);
  await insert('organisations', ORGANISATIONS);
  await insert('cohorts', COHORTS);
  await insert('users', USERS);
  await insert('(demo password for the named people)', PASSWORDS);
  await insert('apprenticeships', APPRENTICESHIPS);
  await insert('trainer_assignments', ASSIGNMENTS);
  await inChunks('coding_attempts', ATTEMPTS);
  await inChunks('question_answers', ANSWERS);
  await insert('(plan) evidence', EVIDENCE_PLAN);
  await insert('evidence', EVIDENCE);
  await insert('evidence_ksbs', EVIDENCE_KSBS);
  await insert('evidence_versions', EVIDENCE_VERSIONS);
  await insert('evidence_reviews', EVIDENCE_REVIEWS);
  await insert('evidence_ksb_decisions', EVIDENCE_DECISIONS);
  await insert('otj_entries', OTJ);
  await insert('progress_reviews', REVIEWS);
  await insert('audit_log', AUDIT);
}

async function cleanUp() {
  await sql.unsafe('drop table if exists _seed_large_params, _seed_large_cases, _seed_large_questions, _seed_large_ksbs, _seed_large_employers, _seed_large_evidence');
}

async function printCheck() {
  const text = fs.readFileSync(path.join(process.cwd(), 'scripts', 'seed-large-check.sql'), 'utf8');
  const rows = await sql.unsafe<{ figure: string; value: string }[]>(text);
  const width = Math.max(...rows.map((r) => r.figure.length));
  for (const r of rows) console.log(`${r.figure.padEnd(width)}  ${r.value}`);
}

// ── The statements ──────────────────────────────────────────────────────────────────────────────────

const q = (s: string) => `'${s.replace(/'/g, "''")}'`;

const FIRST = ['Amelia', 'Oliver', 'Isla', 'George', 'Ava', 'Noah', 'Mia', 'Arthur', 'Ivy', 'Leo', 'Freya', 'Oscar', 'Lily', 'Harry', 'Sophia', 'Jack', 'Grace', 'Charlie', 'Rosie', 'Thomas', 'Ella', 'Jacob', 'Evie', 'Alfie', 'Poppy', 'Henry', 'Ruby', 'Theo', 'Daisy', 'Muhammad', 'Aisha', 'Ravi', 'Priya', 'Kwame', 'Chloe', 'Ethan', 'Hannah', 'Samuel', 'Zainab', 'Joseph', 'Megan', 'Daniel', 'Amira', 'Lewis', 'Niamh', 'Ryan', 'Fatima', 'Adam', 'Holly', 'Callum', 'Nia', 'Owen', 'Leah', 'Rhys', 'Imogen', 'Kieran', 'Anya', 'Tariq', 'Bethan', 'Luca'];
const LAST = ['Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Patel', 'Robinson', 'Wright', 'Thompson', 'Evans', 'Walker', 'White', 'Roberts', 'Green', 'Hall', 'Wood', 'Jackson', 'Clarke', 'Khan', 'Hughes', 'Edwards', 'Lewis', 'Hill', 'Moore', 'Clark', 'Harrison', 'Scott', 'Ahmed', 'Morris', 'Ward', 'Baker', 'Turner', 'Begum', 'Cooper', 'Young', 'Allen', 'Kaur', 'Mitchell', 'Singh', 'Carter', 'Phillips', 'Bell', 'Murphy', 'Bailey', 'Kelly', 'Parker', 'Price', 'Okafor', 'Nowak', 'Chen', 'Mensah', 'Murray', 'Reid', 'Shaw', 'Lloyd', 'Fraser', 'Doyle'];
const arr = (xs: readonly string[]) => `array[${xs.map(q).join(',')}]`;
const nameOf = (i: string) => `(${arr(FIRST)})[1 + (${i} * 7) % ${FIRST.length}] || ' ' || (${arr(LAST)})[1 + (${i} * 13 + ${i} / ${FIRST.length}) % ${LAST.length}]`;

// One row per apprentice with everything the other statements draw on: where they sit (cohort,
// employer, trainer), how far in they are, and how they behave (activity, trend, off-the-job pace).
// The 1,000 apprentices of employer 1 and the 200 of trainer 1 are two independent shuffles, so the
// trainer's table mixes employers; apprentice 1 is placed in both and given middling figures.
const PLAN = `
select setseed(0.2026);
create unlogged table _seed_large_params as
with a as (
  select g as idx,
    case when g = 1 then 6 else floor(random() * 12)::int end as cohort_k,
    random() as r_len, random() as r_hours, random() as r_trend, random() as r_s0, random() as r_s1,
    random() as r_t0, random() as r_t1, random() as r_act, random() as r_inactive, random() as r_gap,
    random() as r_otj, random() as r_otj2, random() as r_status, random() as r_eng, random() as r_maths,
    random() as r_overdue, random() as r_sign, random() as r_eact
  from generate_series(1, ${LARGE.apprentices}) g
), b as (
  select a.*,
    -- Cohorts start on the first Monday of every other month, the newest this month.
    (m + ((8 - extract(isodow from m)::int) % 7))::date as start_date
  from a, lateral (select (date_trunc('month', current_date) - make_interval(months => 2 * cohort_k))::date as m) x
), c as (
  select b.*,
    (start_date + make_interval(months => 18 + floor(r_len * 7)::int))::date as planned_end,
    (case when idx = 1 or r_hours < 0.6 then 37.5 when r_hours < 0.8 then 30 else 22.5 + 0.5 * floor((r_hours - 0.8) / 0.2 * 16) end)::numeric(4,1) as weekly_hours,
    case when idx = 1 or r_trend < 0.75 then 'improving' when r_trend < 0.9 then 'stagnant' else 'declining' end as trend,
    case when idx = 1 then 1.0 when r_act < 0.05 then 0.08 else 0.4 + 1.2 * r_act end as activity,
    -- 8% have done nothing for four weeks or more.
    greatest(start_date, case when idx <> 1 and r_inactive < 0.08 then current_date - (29 + floor(r_gap * 60))::int
                              else current_date - floor(r_gap * 5)::int end) as last_active,
    -- Off-the-job pace against plan: most on track, some behind, a few far behind.
    case when idx = 1 then 1.0 when r_otj < 0.7 then 0.95 + 0.3 * r_otj2 when r_otj < 0.9 then 0.75 + 0.2 * r_otj2 else 0.35 + 0.35 * r_otj2 end as otj_rate
  from b
), d as (
  select c.*,
    greatest(1, last_active - start_date) as span_days,
    greatest(1, current_date - start_date) as days_in,
    planned_end - start_date as planned_days,
    -- defaultPlannedOtjHours (lib/apprenticeship/dates.ts), in SQL.
    case when start_date >= date '2025-08-01' then greatest(187, round(((planned_end - start_date) / 7.0 - 5.6 * (planned_end - start_date) / 365.25) * 6 * least(1, weekly_hours / 30)))
         else round(((planned_end - start_date) / 7.0 - 5.6 * (planned_end - start_date) / 365.25) * 6 * least(1, weekly_hours / 30)) end::int as planned_otj,
    -- Accuracy at the start (s0) and after 18 months (s1) in the audit figures, and in theory questions.
    case trend when 'improving' then 0.55 + 0.2 * r_s0 when 'stagnant' then 0.62 + 0.25 * r_s0 else 0.8 + 0.12 * r_s0 end as s0,
    case trend when 'improving' then least(0.99, 0.55 + 0.2 * r_s0 + 0.2 + 0.2 * r_s1) when 'stagnant' then 0.62 + 0.25 * r_s0 else 0.8 + 0.12 * r_s0 - 0.1 - 0.15 * r_s1 end as s1,
    case trend when 'declining' then 0.75 + 0.15 * r_t0 else 0.45 + 0.2 * r_t0 end as t0,
    case trend when 'improving' then least(0.97, 0.65 + 0.2 * r_t0 + 0.2 * r_t1) when 'stagnant' then 0.45 + 0.2 * r_t0 + 0.1 * r_t1 else 0.6 + 0.15 * r_t0 end as t1,
    row_number() over (order by case when idx = 1 then '' else md5('employer' || idx) end) as erank,
    row_number() over (order by case when idx = 1 then '' else md5('trainer' || idx) end) as trank,
    row_number() over (order by md5('chunk' || idx)) % ${CHUNKS} as chunk
  from c
), e as (
  select d.*,
    case when erank <= 1000 then 1 else 2 + floor(39 * power((erank - 1001) / ${LARGE.apprentices - 1000}.0, 1.4))::int end as employer_no,
    case when trank <= 200 then 1 else 2 + (trank - 201)::int % ${LARGE.trainers - 1} end as trainer_no,
    -- numeric, so that the running sums below add up exactly
    (span_days * activity)::numeric as w_attempts,
    (span_days * activity * (0.7 + 0.6 * r_eact))::numeric as w_evidence,
    planned_otj * least(1.0, span_days::numeric / planned_days) as w_otj
  from d
)
select e.*,
  gen_random_uuid() as user_id, gen_random_uuid() as apprenticeship_id,
  'apprentice' || lpad(idx::text, 4, '0') || '@apprentices.large.example' as email,
  ${nameOf('idx')} as name,
  -- Counts that add up exactly to the totals: each apprentice's share of a running sum, rounded.
  (round(${LARGE.codingAttempts}::numeric * sum(w_attempts) over w / sum(w_attempts) over ()) - round(${LARGE.codingAttempts}::numeric * (sum(w_attempts) over w - w_attempts) / sum(w_attempts) over ()))::int as n_attempts,
  (round(${LARGE.evidence}::numeric * sum(w_evidence) over w / sum(w_evidence) over ()) - round(${LARGE.evidence}::numeric * (sum(w_evidence) over w - w_evidence) / sum(w_evidence) over ()))::int as n_evidence,
  (round(${LARGE.otjEntries}::numeric * sum(w_otj) over w / sum(w_otj) over ()) - round(${LARGE.otjEntries}::numeric * (sum(w_otj) over w - w_otj) / sum(w_otj) over ()))::int as n_otj,
  -- Readiness reads the last 60 answers: everyone has at least that many.
  60 + round(span_days / 30.0 * 8 * activity)::int as n_questions
from e
window w as (order by idx);
alter table _seed_large_params add primary key (idx);
`;

const EMPLOYER_PREFIX = ['Ash', 'Birch', 'Cold', 'Elm', 'Fox', 'Hazel', 'Kings', 'Lark', 'Mill', 'Oak'];
const EMPLOYER_SUFFIX = ['brook', 'field', 'combe', 'ham'];

const LOOKUPS = [
  // The cases and their expected codes as arrays, numbered for a random pick.
  `create unlogged table _seed_large_cases as
   select row_number() over (order by id)::int as no, id, conventions,
     array(select e->>'code' from jsonb_array_elements(expected->'diagnoses') with ordinality x(e, i) order by i) as dx,
     array(select e->>'code' from jsonb_array_elements(expected->'procedures') with ordinality x(e, i) order by i) as px
   from cases where active`,
  `alter table _seed_large_cases add column expected jsonb, add column n_dx int, add column n_px int`,
  `update _seed_large_cases set expected = jsonb_build_object('diagnoses', to_jsonb(dx), 'procedures', to_jsonb(px)), n_dx = cardinality(dx), n_px = cardinality(px)`,
  `create unlogged table _seed_large_questions as
   select row_number() over (order by id)::int as no, id, answer,
     case when type = 'code' then '["R69.X"]'::jsonb when answer = '[0]'::jsonb then '[1]'::jsonb else '[0]'::jsonb end as wrong
   from questions where active`,
  `create unlogged table _seed_large_ksbs as
   select k.sort_order as no, k.code from ksbs k join standards s on s.id = k.standard_id where s.reference = 'ST0535'`,
  `create unlogged table _seed_large_employers as
   select no, gen_random_uuid() as id,
     (${arr(EMPLOYER_PREFIX)})[1 + (no - 1) / 4] || (${arr(EMPLOYER_SUFFIX)})[1 + (no - 1) % 4] ||
       case when no % 2 = 1 then ' Hospitals NHS Foundation Trust' else ' Hospitals NHS Trust' end as name,
     'ZL' || lpad(no::text, 2, '0') as ods,
     case when no = 1 then 3 else 1 + no % 3 end as contacts
   from generate_series(1, ${LARGE.employers}) no`,
];

const ORGANISATIONS = `
insert into organisations (id, name, kind, ods_code)
select id, name, 'employer'::organisation_kind, ods from _seed_large_employers
union all select gen_random_uuid(), ${q(LARGE.provider)}, 'training_provider', null`;

const COHORTS = `
insert into cohorts (name, start_date)
select distinct 'Riverside ' || to_char(start_date, 'FMMonth YYYY'), start_date from _seed_large_params`;

const USERS = `
with provider as (select id from organisations where name = ${q(LARGE.provider)})
insert into users (id, email, name, role, organisation_id, created_at)
select p.user_id, p.email, p.name, 'apprentice'::role, e.id, p.start_date - 14
from _seed_large_params p join _seed_large_employers e on e.no = p.employer_no
union all
select gen_random_uuid(), 'trainer' || lpad(t::text, 3, '0') || '@riverside-coding.example', ${nameOf('(t + 977)')}, 'trainer'::role, (select id from provider), current_date - 800
from generate_series(1, ${LARGE.trainers}) t
union all
select gen_random_uuid(), 'contact' || k || '.employer' || lpad(e.no::text, 2, '0') || '@employers.large.example', ${nameOf('(e.no * 3 + k + 4001)')}, 'employer'::role, e.id, current_date - 800
from _seed_large_employers e, generate_series(1, e.contacts) k`;

// The other generated users have no password (they are there to be counted); the people named in
// seed-large-people.ts take the demo password's hash, so a benchmark can also sign in as them over HTTP.
const PASSWORDS = `
update users set password_hash = (select password_hash from users where email = ${q(demoStaff[0].email)})
where email in (${[LARGE.trainer200Email, LARGE.employer1000ContactEmail, LARGE.apprenticeEmail].map(q).join(', ')})`;

// The trainer and employer contact each apprentice's rows refer to.
const WHO = `
  join users tr on tr.email = 'trainer' || lpad(p.trainer_no::text, 3, '0') || '@riverside-coding.example'
  join _seed_large_employers emp on emp.no = p.employer_no
  join users ec on ec.email = 'contact' || (1 + p.idx % emp.contacts) || '.employer' || lpad(emp.no::text, 2, '0') || '@employers.large.example'`;

const APPRENTICESHIPS = `
insert into apprenticeships (id, apprentice_id, employer_id, cohort_id, standard_id, start_date, planned_end_date, weekly_hours, planned_otj_hours,
  english_status, maths_status, status, created_at)
select p.apprenticeship_id, p.user_id, e.id, c.id, (select id from standards where reference = 'ST0535' order by version desc limit 1),
  p.start_date, p.planned_end, p.weekly_hours, p.planned_otj,
  (case when p.r_eng < 0.55 then 'achieved' when p.r_eng < 0.75 then 'exempt' when p.r_eng < 0.92 then 'in_progress' else 'required' end)::functional_skill_status,
  (case when p.r_maths < 0.45 then 'achieved' when p.r_maths < 0.65 then 'exempt' when p.r_maths < 0.9 then 'in_progress' else 'required' end)::functional_skill_status,
  (case when p.idx = 1 or p.r_status < 0.97 then 'active' when p.r_status < 0.99 then 'break_in_learning' else 'withdrawn' end)::apprenticeship_status,
  p.start_date - 14
from _seed_large_params p
join _seed_large_employers e on e.no = p.employer_no
join cohorts c on c.name = 'Riverside ' || to_char(p.start_date, 'FMMonth YYYY')`;

const ASSIGNMENTS = `
insert into trainer_assignments (trainer_id, apprenticeship_id, assigned_at)
select tr.id, p.apprenticeship_id, p.start_date - 7
from _seed_large_params p join users tr on tr.email = 'trainer' || lpad(p.trainer_no::text, 3, '0') || '@riverside-coding.example'`;

// Coding attempts, spread from the start to the last day active, on random cases. Accuracy follows the
// apprentice's trend over the first 18 months; each figure is a plausible correct-of count for the case
// (the primary 0 or 1 of 1, secondaries k of the expected number, plus an unnecessary code now and then),
// and the findings say what went wrong in the words of the marker. Within a chunk the rows are in time
// order, so one apprentice's attempts are scattered over the table as they would be in use.
const ATTEMPTS = (chunk: number) => `
select setseed(${(chunk + 1) / (CHUNKS + 2)});
insert into coding_attempts (apprentice_id, case_id, answer, expected, findings, pd_correct, pd_of, sd_correct, sd_of, pp_correct, pp_of, sp_correct, sp_of, created_at)
select user_id, id, answer, expected, findings, pd_c, 1, case when sd_of is not null then sd_c end, sd_of, pp_c, pp_of, sp_c, sp_of, created_at
from (
  select y.*,
    jsonb_build_object(
      'diagnoses', to_jsonb(array[case when pd_c = 1 then dx[1] else wrong_dx end] || dx[2:1 + sd_c] || case when extra = 1 then array['R69.X'] else '{}' end),
      'procedures', to_jsonb(case when n_px = 0 then '{}'::text[] else array[case when pp_c = 1 then px[1] else wrong_px end] || px[2:1 + sp_c] end)
    ) as answer,
    (case when pd_c = 0 then jsonb_build_array(jsonb_build_object('type', pd_fault, 'field', 'primaryDiagnosis', 'expected', dx[1], 'given', wrong_dx,
        'message', case pd_fault when 'sequencing' then 'The primary diagnosis ' || dx[1] || ' is not first.'
          when 'dagger_asterisk_order' then 'The asterisk code does not follow its dagger code.' when 'fourth_character' then wrong_dx || ' has the wrong fourth character: ' || dx[1] || ' was expected.' else wrong_dx || ' was given where ' || dx[1] || ' was expected.' end))
      else '[]'::jsonb end)
    || (case when sd_c < n_dx - 1 then jsonb_build_array(jsonb_build_object('type', 'omitted_code', 'field', 'secondaryDiagnoses', 'expected', dx[2 + sd_c], 'message', dx[2 + sd_c] || ' was omitted.')) else '[]'::jsonb end)
    || (case when extra = 1 then jsonb_build_array(jsonb_build_object('type', 'unnecessary_code', 'field', 'secondaryDiagnoses', 'given', 'R69.X', 'message', 'R69.X was not needed.')) else '[]'::jsonb end)
    || (case when pp_c = 0 then jsonb_build_array(jsonb_build_object('type', 'incorrect_code', 'field', 'primaryProcedure', 'expected', px[1], 'given', wrong_px, 'message', wrong_px || ' was given where ' || px[1] || ' was expected.')) else '[]'::jsonb end)
    || (case when sp_c < n_px - 1 then jsonb_build_array(jsonb_build_object('type', 'omitted_code', 'field', 'secondaryProcedures', 'expected', px[2 + sp_c], 'message', px[2 + sp_c] || ' was omitted.')) else '[]'::jsonb end)
    as findings
  from (
    select x.user_id, x.created_at, c.id, c.expected, c.dx, c.px, c.n_dx, c.n_px,
      (x.r1 < x.s)::int as pd_c,
      case when c.n_dx > 1 then least(c.n_dx - 1, greatest(0, round((c.n_dx - 1) * (x.s - 0.07 + (x.r2 - 0.5) * 0.4))))::int else 0 end as sd_c,
      (x.r5 < (1 - x.s) * 0.4)::int as extra,
      -- Null when there is nothing to audit: no secondary expected and none given.
      nullif(c.n_dx - 1 + (x.r5 < (1 - x.s) * 0.4)::int, 0) as sd_of,
      case when c.n_px > 0 then (x.r3 < x.s + 0.02)::int end as pp_c,
      case when c.n_px > 0 then 1 end as pp_of,
      case when c.n_px > 1 then least(c.n_px - 1, greatest(0, round((c.n_px - 1) * (x.s - 0.1 + (x.r4 - 0.5) * 0.4))))::int end as sp_c,
      case when c.n_px > 1 then c.n_px - 1 end as sp_of,
      -- A wrong primary is wrong the way the case invites (its conventions): out of order, a fourth
      -- character, dagger and asterisk, or another code.
      case c.conventions[1 + floor(x.r6 * cardinality(c.conventions))::int] when 'sequencing' then 'sequencing' when 'fourth_character' then 'fourth_character'
        when 'dagger_asterisk' then 'dagger_asterisk_order'
        else (array['fourth_character', 'incorrect_code', 'sequencing'])[1 + floor(x.r7 * 3)::int] end as pd_fault,
      left(c.dx[1], 4) || case when right(c.dx[1], 1) = '9' then '8' else '9' end as wrong_dx,
      left(c.px[1], 4) || case when right(c.px[1], 1) = '9' then '8' else '9' end as wrong_px
    from (
      select p.user_id, t.created_at, 1 + floor(random() * (select count(*) from _seed_large_cases))::int as case_no,
        p.s0 + (p.s1 - p.s0) * least(1.0, extract(epoch from t.created_at - p.start_date) / (540 * 86400)) + (random() - 0.5) * 0.1 as s,
        random() as r1, random() as r2, random() as r3, random() as r4, random() as r5, random() as r6, random() as r7
      from _seed_large_params p,
        lateral (select p.start_date + time '08:30' + (least(now()::timestamp, p.last_active + time '17:00') - (p.start_date + time '08:30')) * ((g - random()) / p.n_attempts) as created_at
                 from generate_series(1, p.n_attempts) g) t
      where p.chunk = ${chunk}
    ) x
    join _seed_large_cases c on c.no = x.case_no
  ) y
) z
order by created_at`;

// Theory answers over the same span, improving (or not) like the coding.
const ANSWERS = (chunk: number) => `
select setseed(${(chunk + 1) / (CHUNKS + 2) - 0.01});
insert into question_answers (apprentice_id, question_id, answer, correct, created_at)
select x.user_id, qn.id, case when x.correct then qn.answer else qn.wrong end, x.correct, x.created_at
from (
  select p.user_id, t.created_at, 1 + floor(random() * (select count(*) from _seed_large_questions))::int as q_no,
    random() < p.t0 + (p.t1 - p.t0) * least(1.0, extract(epoch from t.created_at - p.start_date) / (540 * 86400)) as correct
  from _seed_large_params p,
    lateral (select p.start_date + time '08:30' + (least(now()::timestamp, p.last_active + time '17:00') - (p.start_date + time '08:30')) * ((g - random()) / p.n_questions) as created_at
             from generate_series(1, p.n_questions) g) t
  where p.chunk = ${chunk}
) x
join _seed_large_questions qn on qn.no = x.q_no
order by x.created_at`;

const TITLES = [
  'Coding audit of ten general medicine episodes',
  'Reflective account: a query to a consultant',
  'Observation: coding a day-case list',
  'Professional discussion: sequencing rules',
  'Certificate: information governance training',
  'Work product: data quality report',
  'Witness testimony: validating discharge coding',
  'Reflective account: learning the dagger and asterisk convention',
  'Work product: coding a maternity episode',
  'Observation: using the national standards',
];
const TYPES = ['work_product', 'reflective_account', 'observation_record', 'professional_discussion_record', 'certificate', 'work_product', 'witness_testimony', 'reflective_account', 'work_product', 'observation_record'];

// Evidence is planned in a staging table first: its ids and claimed KSBs feed four more tables.
// Each apprentice's pieces walk through the 59 KSBs in turn (2–4 each), so a long-serving apprentice
// with enough accepted pieces has claimed them all. Status follows age: recent pieces are drafts or
// waiting, older ones mostly accepted; one in eight reviewed pieces was referred once and resubmitted.
const EVIDENCE_PLAN = `
select setseed(0.77);
create unlogged table _seed_large_evidence as
select gen_random_uuid() as id, x.*,
  case status when 'draft' then 0 else 1 + (status in ('accepted', 'referred') and r_resub < 0.12)::int end as submission_no,
  array(select k.code from generate_series(0, 1 + j % 3) m join _seed_large_ksbs k on k.no = 1 + (x.idx * 7 + 3 * j + m) % 59 order by m) as ksbs
from (
  select p.idx, p.user_id, j, tr.id as trainer_id, d.activity_date, random() as r_resub, random() as r_met_seed,
    (array[${TITLES.map(q).join(',')}])[1 + (j + p.idx) % ${TITLES.length}] || ' (' || j || ')' as title,
    (array[${TYPES.map(q).join(',')}])[1 + (j + p.idx) % ${TYPES.length}]::evidence_type as type,
    case when current_date - d.activity_date < 14 then case when r < 0.5 then 'draft' else 'submitted' end
         when current_date - d.activity_date < 45 then case when r < 0.4 then 'submitted' when r < 0.6 then 'referred' else 'accepted' end
         else case when r < 0.85 then 'accepted' when r < 0.95 then 'referred' else 'draft' end end::evidence_status as status
  from _seed_large_params p
  join users tr on tr.email = 'trainer' || lpad(p.trainer_no::text, 3, '0') || '@riverside-coding.example',
  lateral generate_series(1, p.n_evidence) j,
  lateral (select (p.start_date + floor(p.span_days * (j - random()) / p.n_evidence)::int) as activity_date, random() as r) d
) x;
alter table _seed_large_evidence add primary key (id)`;

const ACCOUNT = q(
  'I worked through the case notes and the discharge summary, assigned the codes using the four-step process, and checked my sequencing against the national standards. Where the notes were unclear I raised a query rather than guess, and recorded what I learned for next time.',
);

const EVIDENCE = `
insert into evidence (id, apprentice_id, title, type, activity_date, account, status, row_version, submission_no, created_at, updated_at, submitted_at)
select id, user_id, title, type, activity_date, ${ACCOUNT}, status,
  case status when 'draft' then 1 when 'submitted' then 2 * submission_no else 1 + 2 * submission_no end, submission_no,
  activity_date + time '16:00', least(now(), activity_date + time '16:00' + make_interval(days => 2 + 10 * submission_no)),
  case when submission_no > 0 then least(now(), activity_date + time '16:00' + make_interval(days => 2 + 10 * (submission_no - 1))) end
from _seed_large_evidence order by activity_date`;

const EVIDENCE_KSBS = `
insert into evidence_ksbs (evidence_id, ksb_code)
select id, unnest(ksbs) from _seed_large_evidence`;

const EVIDENCE_VERSIONS = `
insert into evidence_versions (evidence_id, version_no, title, type, activity_date, account, ksbs, files, submitted_at)
select e.id, v, e.title, e.type, e.activity_date, ${ACCOUNT}, e.ksbs, '[]'::jsonb, least(now(), e.activity_date + time '16:00' + make_interval(days => 2 + 10 * (v - 1)))
from _seed_large_evidence e, generate_series(1, e.submission_no) v`;

// A decision on every version but a waiting one: earlier versions were referred, the last one decided as the status says.
const EVIDENCE_REVIEWS = `
insert into evidence_reviews (evidence_id, version_no, reviewer_id, outcome, feedback, created_at)
select e.id, v, e.trainer_id,
  case when v < e.submission_no then 'referred' else e.status::text end::evidence_review_outcome,
  case when v < e.submission_no or e.status = 'referred' then 'Say more about how you reached the codes you chose, and link each claimed KSB to a part of your account.'
       else 'Clear and well evidenced. The account shows the KSBs claimed.' end,
  least(now() - interval '1 hour', e.activity_date + time '16:00' + make_interval(days => 5 + 10 * (v - 1)))
from _seed_large_evidence e, generate_series(1, e.submission_no) v
where v < e.submission_no or e.status in ('accepted', 'referred')`;

const EVIDENCE_DECISIONS = `
select setseed(0.31);
insert into evidence_ksb_decisions (review_id, ksb_code, met)
select r.id, k, case when r.outcome = 'accepted' then random() < 0.93 else random() < 0.35 end
from evidence_reviews r join _seed_large_evidence e on e.id = r.evidence_id, unnest(e.ksbs) k`;

const OTJ_TYPES = ['teaching', 'practical_training', 'shadowing', 'mentoring', 'learning_support', 'writing_assignments', 'other'];
const OTJ_TEXT = [
  'Classroom session on ICD-10 conventions',
  'Coding practice on the training platform',
  'Shadowed a senior coder on the surgical list',
  'Mentoring session with the coding team leader',
  'Self-study: national standards reference book',
  'Wrote up a reflective account for the portfolio',
  'Clinical terminology workshop',
  'Online module: OPCS-4 chapter rules',
];

// Off-the-job time on weekdays from the start to the last day active, in quarter hours. Entries are
// sized so that each apprentice's total is their pro-rata plan to today times their pace; those with a
// pace under 1 are behind plan. Older entries are accepted by the trainer, recent ones wait, a few are queried.
const OTJ = `
select setseed(0.53);
insert into otj_entries (apprentice_id, activity_date, minutes, activity_type, description, ksbs, status, reviewer_id, review_comment, reviewed_at, row_version, created_at)
select user_id, day, minutes, activity_type, description, ksbs,
  st::otj_status, case when st <> 'logged' then trainer_id end,
  case when st = 'queried' then 'Please say which part of the standard this covered and attach the session notes.' end,
  case when st <> 'logged' then least(now(), day + time '15:00' + interval '3 days') end,
  case when st <> 'logged' then 2 else 1 end,
  least(now(), day + time '17:30' + make_interval(days => floor(r * 3)::int))
from (
  select p.user_id, tr.id as trainer_id, x.day, x.r,
    least(600, greatest(15, 15 * round(p.planned_otj * least(1.0, p.days_in::numeric / p.planned_days) * p.otj_rate * 60 / greatest(p.n_otj, 1) * (0.5 + x.r2) / 15)))::int as minutes,
    (array[${OTJ_TYPES.map(q).join(',')}])[1 + floor(x.r3 * ${OTJ_TYPES.length})::int]::otj_activity_type as activity_type,
    (array[${OTJ_TEXT.map(q).join(',')}])[1 + floor(x.r3 * ${OTJ_TEXT.length})::int] as description,
    case when x.r4 < 0.4 then '{}'::text[] else array[k.codes[1 + floor(x.r4 * 59)::int % 59]] end as ksbs,
    case when current_date - x.day < 30 then case when x.r5 < 0.05 then 'queried' else 'logged' end
         else case when x.r5 < 0.03 then 'queried' else 'accepted' end end as st
  from (select array_agg(code order by no) as codes from _seed_large_ksbs) k, _seed_large_params p
  join users tr on tr.email = 'trainer' || lpad(p.trainer_no::text, 3, '0') || '@riverside-coding.example',
  lateral (
    select d - case extract(isodow from d) when 6 then 1 when 7 then 2 else 0 end as day, random() as r, random() as r2, random() as r3, random() as r4, random() as r5
    from (select p.start_date + floor(p.span_days * (g - random()) / p.n_otj)::int as d from generate_series(1, p.n_otj) g) s
  ) x
) y
order by day`;

// A tripartite review every 12 weeks from the start. For 12% of apprentices the latest one has not
// happened (overdue); for a quarter the latest waits for a signature: the employer's (15%) or both (10%).
// The off-the-job hours are taken from the log as it stood on the day, as the form fills them in.
const REVIEWS = `
insert into progress_reviews (apprenticeship_id, trainer_id, review_date, progress_summary, ksbs_discussed, targets, otj_hours_logged, otj_hours_planned,
  wellbeing, safeguarding_concern, safeguarding_notes, apprentice_comment, apprentice_signed_at, employer_comment, employer_signer_id, employer_signed_name, employer_signed_at,
  row_version, created_at)
select p.apprenticeship_id, tr.id, r.review_date,
  'Steady progress since the last review: coding accuracy and the portfolio both moved on.',
  array(select code from _seed_large_ksbs where no in (1 + (p.idx + 3 * r.k) % 59, 1 + (p.idx + 3 * r.k + 20) % 59, 1 + (p.idx + 3 * r.k + 40) % 59) order by no),
  'Complete two more pieces of evidence and keep off-the-job time on plan.',
  round(coalesce((select sum(o.minutes) from otj_entries o where o.apprentice_id = p.user_id and o.activity_date <= r.review_date), 0) / 60.0, 2),
  round(p.planned_otj * least(1.0, (r.review_date - p.start_date)::numeric / p.planned_days), 2),
  'Settled in the team; no concerns raised.',
  (p.idx % 97 = 0), case when p.idx % 97 = 0 then 'Discussed workload and support; referred to the designated safeguarding lead.' end,
  case when r.apprentice_signs then 'I agree with the targets.' end,
  case when r.apprentice_signs then least(now(), r.review_date + time '12:00' + make_interval(days => 1 + p.idx % 4)) end,
  case when r.employer_signs then 'Agreed; time for study is protected on Thursdays.' end,
  case when r.employer_signs then ec.id end, case when r.employer_signs then ec.name end,
  case when r.employer_signs then least(now(), r.review_date + time '12:00' + make_interval(days => 2 + p.idx % 7)) end,
  1 + r.apprentice_signs::int + r.employer_signs::int,
  least(now(), r.review_date + time '11:00')
from _seed_large_params p ${WHO},
lateral (
  select k, least(current_date, p.start_date + 84 * k + (p.idx + k) % 7 - 3) as review_date,
    not (k = l.n_last and p.r_sign < 0.1) as apprentice_signs,
    not (k = l.n_last and p.r_sign < 0.25) as employer_signs
  from (select floor(p.days_in / 84.0)::int - (p.idx <> 1 and p.r_overdue < 0.12)::int as n_last) l, generate_series(1, l.n_last) k
) r
order by r.review_date`;

const AUDIT = `
insert into audit_log (action, entity_type, after)
select 'seed.large', 'system', jsonb_build_object(
  'trainer200Email', ${q(LARGE.trainer200Email)}, 'employer1000', ${q(LARGE.employer1000)},
  'employer1000ContactEmail', ${q(LARGE.employer1000ContactEmail)}, 'apprenticeEmail', ${q(LARGE.apprenticeEmail)},
  'apprentices', (select count(*) from _seed_large_params), 'generatedOn', current_date)`;

// Last, so that the statements above are defined when it runs.
try {
  await guard();
  await step('migrations, content and demo data', async () => {
    const handle = await openDatabase({ url });
    try {
      await runMigrations(handle.db);
      await seedContent(handle.db);
      await seedDemo(handle.db);
    } finally {
      await handle.close();
    }
    return '';
  });
  await generate();
  await step('vacuum analyze', async () => {
    await sql.unsafe('vacuum (analyze)');
    return '';
  });
  await cleanUp();
  console.log(`\nseed:large finished in ${secs(started)} s (${dbName}).\n`);
  await printCheck();
} catch (e) {
  console.error(e);
  process.exitCode = 1;
} finally {
  await sql.end({ timeout: 5 });
}
