import 'server-only';
import { cache } from 'react';
import { and, desc, eq, isNotNull, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { parseInput } from '@/lib/forms/parse-input';
import { pageNumber } from '@/lib/forms/fields';
import { searchText } from '@/lib/forms/safe-text';
import { getDb, type DbOrTx } from '@/db/client';
import { apprenticeships, cohorts, initialAssessments, organisations, progressReviews, settings as settingsTable, users } from '@/db/schema';
import type { KsbStart } from '@/lib/initial-assessment/schemas';
import { NotFound } from '@/lib/errors';
import { ksbOrder } from '@/lib/content/standard';
import { rollingSeries, type AttemptFigures } from '@/lib/progress/readiness';
import { DEFAULT_PROGRESS_SETTINGS, ProgressSettings, ProgressSettingsForm, toSettings } from '@/lib/progress/settings';
import { gatewayFor, summarise, type ProgressFacts } from '@/lib/progress/summary';
import { learningSchedules } from './schedules';
import { gatewayQuarter } from '@/lib/progress/quarter';
import { conventionLabel, conventionOf, type Convention } from '@/lib/progress/weak-spots';
import { apprenticeshipsIn, authorize, recordDenied, writeAudit } from './access';
import { latestMockGrades } from './assessment-marking';
import type { Viewer } from './viewer';

/** The settings in force: the stored row over the defaults (a missing or unreadable row gives the defaults). */
export async function progressSettings(db: DbOrTx): Promise<ProgressSettings> {
  const [row] = await db.select({ value: settingsTable.value }).from(settingsTable).where(eq(settingsTable.key, 'progress'));
  const parsed = ProgressSettings.safeParse({ ...DEFAULT_PROGRESS_SETTINGS, ...((row?.value as object) ?? {}) });
  return parsed.success ? parsed.data : DEFAULT_PROGRESS_SETTINGS;
}

/** The settings for this request, read once however many parts of the page need them (React cache). */
export const requestProgressSettings = cache(async () => progressSettings(await getDb()));

/**
 * Starts reading the settings while a page looks up what its progress reads need first (the
 * apprentice's own apprenticeship), so they are in hand when those reads begin.
 */
export async function preloadProgressSettings(viewer: Viewer) {
  await authorize(viewer, 'progress.read');
  // Not awaited here: the reads that need the settings await this same promise and see any failure.
  requestProgressSettings().catch(() => {});
}

const n = (v: unknown) => Number(v ?? 0);

/** KSBs met in accepted evidence (the standing decision of each piece), for the apprenticeship's apprentice. */
export const ksbsMetSql = () => sql<number>`(
        select count(distinct d.ksb_code) from evidence e
        join evidence_ksb_decisions d on d.review_id = e.standing_review_id and d.met
        where e.apprentice_id = ${apprenticeships.apprenticeId} and e.status = 'accepted')`.mapWith(Number);

/** When the apprentice last did anything here (coding, questions, evidence, off-the-job log), as text; null if never. */
export const lastActivitySql = () => sql<string | null>`greatest(
        (select max(ca.created_at) from coding_attempts ca where ca.apprentice_id = ${apprenticeships.apprenticeId}),
        (select max(qa.created_at) from question_answers qa where qa.apprentice_id = ${apprenticeships.apprenticeId}),
        (select max(e.updated_at) from evidence e where e.apprentice_id = ${apprenticeships.apprenticeId}),
        (select max(o.activity_date)::timestamptz from otj_entries o where o.apprentice_id = ${apprenticeships.apprenticeId}))::text`;

/**
 * The facts behind every progress figure, for each apprenticeship the where-clause allows, in one
 * statement: correlated subqueries that each read one apprentice's rows through an index (latest
 * attempts, latest answers, standing decisions, off-the-job minutes, last activity, last review).
 * JSON objects keep the numbers numbers on both database drivers.
 */
export function factsQuery(db: DbOrTx, where: SQL, s: ProgressSettings) {
  const half = Math.floor(s.readinessWindowCases / 2);
  return db
    .select({
      id: apprenticeships.id,
      apprenticeId: apprenticeships.apprenticeId,
      apprenticeName: users.name,
      employerId: apprenticeships.employerId,
      employerName: organisations.name,
      cohortId: apprenticeships.cohortId,
      cohortName: cohorts.name,
      status: apprenticeships.status,
      startDate: apprenticeships.startDate,
      plannedEndDate: apprenticeships.plannedEndDate,
      weeklyHours: apprenticeships.weeklyHours,
      plannedOtjHours: apprenticeships.plannedOtjHours,
      englishStatus: apprenticeships.englishStatus,
      mathsStatus: apprenticeships.mathsStatus,
      ksbsMet: ksbsMetSql(),
      window: sql<Record<string, number>>`(
        select json_build_object(
          'cases', count(*),
          'pdC', coalesce(sum(x.pd_correct), 0), 'pdO', coalesce(sum(x.pd_of), 0),
          'sdC', coalesce(sum(x.sd_correct), 0), 'sdO', coalesce(sum(x.sd_of), 0),
          'ppC', coalesce(sum(x.pp_correct), 0), 'ppO', coalesce(sum(x.pp_of), 0),
          'spC', coalesce(sum(x.sp_correct), 0), 'spO', coalesce(sum(x.sp_of), 0),
          'latestC', coalesce(sum(x.c) filter (where x.rn <= ${half}), 0), 'latestO', coalesce(sum(x.o) filter (where x.rn <= ${half}), 0),
          'previousC', coalesce(sum(x.c) filter (where x.rn > ${half}), 0), 'previousO', coalesce(sum(x.o) filter (where x.rn > ${half}), 0))
        from (
          select ca.pd_correct, ca.pd_of, ca.sd_correct, ca.sd_of, ca.pp_correct, ca.pp_of, ca.sp_correct, ca.sp_of,
            coalesce(ca.pd_correct, 0) + coalesce(ca.sd_correct, 0) + coalesce(ca.pp_correct, 0) + coalesce(ca.sp_correct, 0) as c,
            coalesce(ca.pd_of, 0) + coalesce(ca.sd_of, 0) + coalesce(ca.pp_of, 0) + coalesce(ca.sp_of, 0) as o,
            row_number() over (order by ca.created_at desc, ca.id desc) as rn
          from coding_standing ca where ca.apprentice_id = ${apprenticeships.apprenticeId}
          order by ca.created_at desc, ca.id desc limit ${s.readinessWindowCases}) x)`,
      theory: sql<{ answered: number; right: number }>`(
        select json_build_object('answered', count(*), 'right', count(*) filter (where y.correct))
        from (select qa.correct from question_answers qa where qa.apprentice_id = ${apprenticeships.apprenticeId}
              order by qa.created_at desc, qa.id desc limit ${s.theoryWindowQuestions}) y)`,
      otjMinutes: sql<number>`(select coalesce(sum(o.minutes), 0) from otj_entries o where o.apprentice_id = ${apprenticeships.apprenticeId} and o.status <> 'queried')`.mapWith(Number),
      lastActivity: lastActivitySql(),
      lastReviewDate: sql<string | null>`(select max(pr.review_date)::text from progress_reviews pr where pr.apprenticeship_id = ${apprenticeships.id})`,
      confirmations: sql<{ role: 'apprentice' | 'trainer' | 'employer'; name: string; at: string }[]>`coalesce((
        select json_agg(json_build_object('role', g.role, 'name', g.confirmed_name, 'at', g.confirmed_at))
        from gateway_confirmations g where g.apprenticeship_id = ${apprenticeships.id}), '[]')`,
    })
    .from(apprenticeships)
    .innerJoin(users, eq(users.id, apprenticeships.apprenticeId))
    .innerJoin(organisations, eq(organisations.id, apprenticeships.employerId))
    .leftJoin(cohorts, eq(cohorts.id, apprenticeships.cohortId))
    .where(where);
}

type FactsRow = Awaited<ReturnType<typeof factsQuery>>[number];

export function toFacts(r: FactsRow): ProgressFacts {
  const w = r.window ?? {};
  return {
    startDate: r.startDate,
    plannedEndDate: r.plannedEndDate,
    weeklyHours: r.weeklyHours,
    plannedOtjHours: r.plannedOtjHours,
    englishStatus: r.englishStatus,
    mathsStatus: r.mathsStatus,
    ksbsMet: r.ksbsMet,
    window: { cases: n(w.cases), pdC: n(w.pdC), pdO: n(w.pdO), sdC: n(w.sdC), sdO: n(w.sdO), ppC: n(w.ppC), ppO: n(w.ppO), spC: n(w.spC), spO: n(w.spO) },
    halves: { latestC: n(w.latestC), latestO: n(w.latestO), previousC: n(w.previousC), previousO: n(w.previousO) },
    theory: { answered: n(r.theory?.answered), right: n(r.theory?.right) },
    otjMinutes: r.otjMinutes,
    lastActivity: r.lastActivity ? new Date(r.lastActivity) : null,
    lastReviewDate: r.lastReviewDate,
    confirmations: r.confirmations.map((c) => ({ ...c, at: new Date(c.at) })),
  };
}

export const CohortQuery = z.object({
  q: searchText(100),
  cohortId: z.union([z.uuid(), z.literal('')]).catch(''),
  rag: z.enum(['red', 'amber', 'green', '']).catch(''),
  /** NCCQ readiness level, and projected gateway quarter ('2027-Q1'): chosen from the overview's bars. */
  level: z.enum(['second', 'first', 'below', 'not_enough_data', '']).catch(''),
  gateway: z.union([z.string().regex(/^\d{4}-Q[1-4]$/), z.literal('')]).catch(''),
  sort: z.enum(['name', 'rag', 'coverage', 'pd', 'sd', 'pp', 'sp', 'theory', 'otj', 'activity', 'review']).catch('rag'),
  dir: z.enum(['asc', 'desc']).catch('asc'),
  page: pageNumber(),
});
export type CohortQuery = z.infer<typeof CohortQuery>;

const RAG_RANK = { red: 0, amber: 1, green: 2 } as const;

export const COHORT_PAGE_SIZE = 50;

/**
 * Every apprenticeship the viewer may see (a trainer's assigned, an employer's own, all for an
 * admin), with coverage, the four figures, theory, off-the-job against plan, last activity, next
 * review and RAG with its reason. One query for the facts; the rules are applied to each row.
 */
export async function listCohortProgress(viewer: Viewer, query: Partial<Record<keyof CohortQuery, string>> = {}) {
  const scope = await authorize(viewer, 'progress.read');
  const f = CohortQuery.parse(query);
  const db = await getDb();
  const s = await requestProgressSettings();
  const conditions: SQL[] = [apprenticeshipsIn(viewer, scope), eq(apprenticeships.status, 'active')];
  if (f.cohortId) conditions.push(eq(apprenticeships.cohortId, f.cohortId));
  if (f.q) conditions.push(sql`${users.name} ilike ${`%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  const today = new Date();
  const factRows = await factsQuery(db, and(...conditions)!, s);
  // issue 20: the learning schedules of every row, in three queries whatever the cohort's size.
  const schedules = await learningSchedules(db, factRows.map((r) => r.id));
  const rows = factRows.map((r) => {
    const facts = { ...toFacts(r), schedule: schedules.get(r.id) };
    return {
      id: r.id,
      apprenticeId: r.apprenticeId,
      apprenticeName: r.apprenticeName,
      employerName: r.employerName,
      cohortName: r.cohortName,
      startDate: r.startDate,
      lastActivity: facts.lastActivity,
      ...summarise(facts, s, today),
    };
  });
  const filtered = rows.filter(
    (r) => (!f.rag || r.rag.rag === f.rag) && (!f.level || r.level === f.level) && (!f.gateway || gatewayQuarter(r.projectedGateway) === f.gateway),
  );
  const key = (r: (typeof rows)[number]): number | string => {
    switch (f.sort) {
      case 'name':
        return r.apprenticeName.toLowerCase();
      case 'rag':
        return RAG_RANK[r.rag.rag];
      case 'coverage':
        return r.coverage.met;
      case 'theory':
        return r.theory.percent ?? -1;
      case 'otj':
        return r.otj.percentOfPlan ?? -1;
      case 'activity':
        return r.lastActivity?.getTime() ?? 0;
      case 'review':
        return r.reviewDue.getTime();
      default:
        return r.figures[f.sort].percent ?? -1;
    }
  };
  const dir = f.dir === 'asc' ? 1 : -1;
  filtered.sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    return (x < y ? -1 : x > y ? 1 : 0) * dir || a.apprenticeName.localeCompare(b.apprenticeName);
  });
  return { rows: filtered, total: filtered.length, query: f, settings: s, pageSize: COHORT_PAGE_SIZE };
}

/**
 * The three statements behind one apprentice's picture beyond the facts: the KSB map, the latest
 * attempts for the trend, and the findings grouped for weak spots. `who` is the apprentice's user id,
 * as a value or as a subquery that finds it.
 */
export function pictureStatements(who: string | SQL, apprenticeshipId: string, s: ProgressSettings): [SQL, SQL, SQL] {
  return [
    sql`
      with practised as (
        select k.code, count(*) as attempts,
          sum(coalesce(ca.pd_correct,0)+coalesce(ca.sd_correct,0)+coalesce(ca.pp_correct,0)+coalesce(ca.sp_correct,0)) as correct,
          sum(coalesce(ca.pd_of,0)+coalesce(ca.sd_of,0)+coalesce(ca.pp_of,0)+coalesce(ca.sp_of,0)) as audited
        from coding_standing ca join cases c on c.id = ca.case_id cross join unnest(c.ksbs) as k(code)
        where ca.apprentice_id = ${who} group by k.code),
      answered as (
        select k.code, count(*) as answered, count(*) filter (where qa.correct) as right_answers
        from question_answers qa join questions q on q.id = qa.question_id cross join unnest(q.ksbs) as k(code)
        where qa.apprentice_id = ${who} group by k.code),
      met as (
        select distinct d.ksb_code as code from evidence e join evidence_ksb_decisions d on d.review_id = e.standing_review_id and d.met
        where e.apprentice_id = ${who} and e.status = 'accepted'),
      waiting as (select distinct ek.ksb_code as code from evidence e join evidence_ksbs ek on ek.evidence_id = e.id where e.apprentice_id = ${who} and e.status = 'submitted'),
      audited as (
        select k.code, count(*) as audits, sum(a.correct) as audit_correct, sum(a.of) as audit_of
        from audit_practice_attempts a join audit_episodes e on e.id = a.episode_id cross join unnest(e.ksbs) as k(code)
        where a.apprentice_id = ${who} group by k.code),
      queried as (
        select k.code, count(*) as queries
        from query_attempts q join query_scenarios s on s.id = q.scenario_id cross join unnest(s.ksbs) as k(code)
        where q.apprentice_id = ${who} group by k.code)
      select json_build_object('code', k.code, 'kind', k.kind, 'text', k.text,
        'met', exists (select 1 from met where met.code = k.code),
        'submitted', exists (select 1 from waiting w where w.code = k.code),
        'attempts', coalesce(p.attempts, 0), 'correct', coalesce(p.correct, 0), 'audited', coalesce(p.audited, 0),
        'answered', coalesce(a.answered, 0), 'rightAnswers', coalesce(a.right_answers, 0),
        'audits', coalesce(au.audits, 0), 'auditCorrect', coalesce(au.audit_correct, 0), 'auditOf', coalesce(au.audit_of, 0), 'queries', coalesce(qu.queries, 0)) as k
      from ksbs k
      join apprenticeships ap on ap.standard_id = k.standard_id and ap.id = ${apprenticeshipId}
      left join practised p on p.code = k.code
      left join answered a on a.code = k.code
      left join audited au on au.code = k.code
      left join queried qu on qu.code = k.code
      order by k.sort_order`,
    sql`
      select json_build_object('at', x.created_at, 'pdCorrect', x.pd_correct, 'pdOf', x.pd_of, 'sdCorrect', x.sd_correct, 'sdOf', x.sd_of,
        'ppCorrect', x.pp_correct, 'ppOf', x.pp_of, 'spCorrect', x.sp_correct, 'spOf', x.sp_of, 'specialty', x.specialty) as a
      from (select ca.*, c.specialty from coding_standing ca join cases c on c.id = ca.case_id
            where ca.apprentice_id = ${who} order by ca.created_at desc, ca.id desc limit 200) x
      order by x.created_at, x.id`,
    sql`
      select json_build_object('type', f->>'type', 'field', f->>'field', 'expected', f->>'expected', 'specialty', c.specialty, 'n', count(*)) as f
      from (select * from coding_standing ca where ca.apprentice_id = ${who} order by ca.created_at desc, ca.id desc limit ${s.readinessWindowCases * 3}) ca
      join cases c on c.id = ca.case_id cross join jsonb_array_elements(ca.findings) f
      group by f->>'type', f->>'field', f->>'expected', c.specialty`,
  ];
}

/** One apprenticeship's full picture: the summary, the KSB map, the trend series and weak spots. */
export async function getProgressPicture(viewer: Viewer, apprenticeshipId: string) {
  const scope = await authorize(viewer, 'progress.read', { type: 'apprenticeship', id: apprenticeshipId });
  const db = await getDb();
  const s = await requestProgressSettings();
  if (!z.uuid().safeParse(apprenticeshipId).success) {
    await recordDenied(viewer, 'progress.read', 'apprenticeship', apprenticeshipId);
    throw new NotFound('apprenticeship');
  }
  const inScope = and(eq(apprenticeships.id, apprenticeshipId), apprenticeshipsIn(viewer, scope))!;
  // Every statement finds the apprenticeship within the viewer's scope itself, so all five start at
  // once rather than the picture waiting for the facts; outside the scope they find nothing.
  const who = sql`(select ${apprenticeships.apprenticeId} from ${apprenticeships} where ${inScope})`;
  const [[row], [ksbRows, attempts, findings], [review], mocks, [start]] = await Promise.all([
    factsQuery(db, inScope, s),
    Promise.all(pictureStatements(who, apprenticeshipId, s).map((q) => db.execute(q))),
    db
      .select({
        id: progressReviews.id,
        reviewDate: progressReviews.reviewDate,
        progressSummary: progressReviews.progressSummary,
        targets: progressReviews.targets,
        apprenticeSignedAt: progressReviews.apprenticeSignedAt,
        employerSignedAt: progressReviews.employerSignedAt,
      })
      .from(progressReviews)
      .where(sql`${progressReviews.apprenticeshipId} = (select ${apprenticeships.id} from ${apprenticeships} where ${inScope})`)
      .orderBy(desc(progressReviews.reviewDate), desc(progressReviews.createdAt), desc(progressReviews.id))
      .limit(1),
    latestMockGrades(db, who),
    // issue 20: initial assessment. The confirmed result is each KSB's starting point on the map.
    db
      .select({ ratings: initialAssessments.confirmedRatings, rplKsbs: initialAssessments.rplKsbs, confirmedAt: initialAssessments.confirmedAt })
      .from(initialAssessments)
      .where(and(isNotNull(initialAssessments.confirmedAt), sql`${initialAssessments.apprenticeshipId} = (select ${apprenticeships.id} from ${apprenticeships} where ${inScope})`)),
  ]);
  if (!row) {
    await recordDenied(viewer, 'progress.read', 'apprenticeship', apprenticeshipId);
    throw new NotFound('apprenticeship');
  }
  const rowsOf = <T>(r: unknown, key: string): T[] => ((Array.isArray(r) ? r : ((r as { rows?: unknown[] }).rows ?? [])) as Record<string, T>[]).map((x) => x[key]!);
  type KsbRow = { code: string; kind: 'K' | 'S' | 'B'; text: string; met: boolean; submitted: boolean; attempts: number; correct: number; audited: number; answered: number; rightAnswers: number };
  // Audit and query practice (issue 19) count as practice of their KSBs; audit judgements count in the accuracy.
  type PracticeRow = { audits: number; auditCorrect: number; auditOf: number; queries: number };
  const ksbMap = rowsOf<KsbRow & PracticeRow>(ksbRows, 'k').map((k) => ({
    ...k,
    state: k.met
      ? ('met' as const)
      : k.submitted
        ? ('submitted' as const)
        : k.attempts > 0 || k.answered > 0 || n(k.audits) > 0 || n(k.queries) > 0
          ? ('practised' as const)
          : ('not_started' as const),
    accuracy: n(k.audited) + n(k.answered) + n(k.auditOf) > 0 ? (100 * (n(k.correct) + n(k.rightAnswers) + n(k.auditCorrect))) / (n(k.audited) + n(k.answered) + n(k.auditOf)) : null,
    // issue 20: initial assessment (null until the trainer confirms it).
    start: start ? ({ rating: start.ratings?.[k.code] ?? null, rpl: start.rplKsbs.includes(k.code) } satisfies KsbStart) : null,
  }));
  const history = rowsOf<AttemptFigures & { at: string; specialty: string }>(attempts, 'a').map((a) => ({ ...a, at: new Date(a.at) }));
  const weak = new Map<Convention, number>();
  const bySpecialty = new Map<string, number>();
  for (const f of rowsOf<{ type: string; field: string; expected: string | null; specialty: string; n: number }>(findings, 'f')) {
    const convention = conventionOf(f as Parameters<typeof conventionOf>[0]);
    if (convention) weak.set(convention, (weak.get(convention) ?? 0) + n(f.n));
    bySpecialty.set(f.specialty, (bySpecialty.get(f.specialty) ?? 0) + n(f.n));
  }
  const missing = ksbMap.filter((k) => !k.met).map((k) => k.code).sort(ksbOrder);
  const facts = { ...toFacts(row), schedule: (await learningSchedules(db, [row.id])).get(row.id) };
  const today = new Date();
  const summary = summarise(facts, s, today);
  const gateway = gatewayFor(facts, summary, today, missing, mocks);
  return {
    apprenticeship: { id: row.id, apprenticeId: row.apprenticeId, apprenticeName: row.apprenticeName, employerName: row.employerName, cohortName: row.cohortName, startDate: row.startDate, plannedEndDate: row.plannedEndDate },
    settings: s,
    ...summary,
    gateway,
    /** The latest graded mock of each kind (for the gateway pack's summary). */
    mocks,
    latestReview: review
      ? {
          ...review,
          signed: review.apprenticeSignedAt && review.employerSignedAt ? 'signed by trainer, apprentice and employer' : `awaiting ${[!review.apprenticeSignedAt && 'the apprentice', !review.employerSignedAt && 'the employer'].filter(Boolean).join(' and ')}`,
        }
      : null,
    ksbMap,
    initialAssessmentConfirmedAt: start?.confirmedAt ?? null, // issue 20: initial assessment
    series: {
      pd: rollingSeries(history, 'pd', s.readinessWindowCases),
      sd: rollingSeries(history, 'sd', s.readinessWindowCases),
      pp: rollingSeries(history, 'pp', s.readinessWindowCases),
      sp: rollingSeries(history, 'sp', s.readinessWindowCases),
    },
    weakSpots: {
      byConvention: [...weak.entries()].map(([convention, count]) => ({ convention, label: conventionLabel(convention), count })).sort((a, b) => b.count - a.count),
      bySpecialty: [...bySpecialty.entries()].map(([specialty, count]) => ({ specialty, count })).sort((a, b) => b.count - a.count),
    },
  };
}


/** The readiness thresholds and intervals in force (administrators change them). */
export async function getProgressSettings(viewer: Viewer) {
  await authorize(viewer, 'settings.manage');
  const db = await getDb();
  const [row] = await db.select({ updatedAt: settingsTable.updatedAt, updatedBy: users.name }).from(settingsTable).leftJoin(users, eq(users.id, settingsTable.updatedBy)).where(eq(settingsTable.key, 'progress'));
  return { settings: await progressSettings(db), updatedAt: row?.updatedAt ?? null, updatedBy: row?.updatedBy ?? null };
}

/** Changes the thresholds, in one transaction with the old and new values in the audit log. */
export async function updateProgressSettings(viewer: Viewer, input: z.input<typeof ProgressSettingsForm>) {
  await authorize(viewer, 'settings.manage');
  const next = toSettings(parseInput(ProgressSettingsForm, input));
  const db = await getDb();
  return db.transaction(async (tx) => {
    const before = await progressSettings(tx);
    await tx
      .insert(settingsTable)
      .values({ key: 'progress', value: next, updatedBy: viewer.userId })
      .onConflictDoUpdate({ target: settingsTable.key, set: { value: next, updatedBy: viewer.userId, updatedAt: sql`now()` } });
    await writeAudit(tx, viewer, { action: 'settings.update', entityType: 'settings', entityId: null, before, after: next });
    return next;
  });
}
