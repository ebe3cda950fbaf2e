import 'server-only';
import { parseInput } from '@/lib/forms/parse-input';
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { safeText, searchText } from '@/lib/forms/safe-text';
import { getDb } from '@/db/client';
import { cases, classificationCodes, classificationEditions, codeUsage, codingAttempts, codingRemarks, codingStanding, users } from '@/db/schema';
import { AppError, NotFound } from '@/lib/errors';
import { DEFAULT_MARKING_RULES, figureColumns, KeyNotMarkable, mark, type Finding, type MarkingRules, type MarkResult } from '@/lib/coding/mark';
import { expectedForMarking } from '@/lib/coding/expected';
import { searchCodes as search } from '@/lib/coding/search';
import { lookup, ukForm, type Scheme } from '@/lib/coding/classification';
import { apprenticeIn, authorize, recordDenied, writeAudit } from './access';
import { activeClassification, markingRules } from './classification';
import type { Viewer } from './viewer';
import { pageWindow } from '@/lib/paging/page-window';
import { drillMissReason } from '@/lib/drills/miss';
import { feedDrill } from './drills';
import { recordPracticeTime } from './practice-time';
import { activeSecondsField } from '@/lib/practice/active-seconds-field';
import { isContentId } from './rows';

export const CodeQuery = z.object({ q: searchText(100), scheme: z.enum(['icd10', 'opcs4', '']).catch('') });

/** Code search for the browser and the answer pickers: by code prefix or by words. */
export async function searchCodes(viewer: Viewer, query: Partial<z.input<typeof CodeQuery>>, limit = 25) {
  await authorize(viewer, 'codes.read');
  const { q, scheme } = CodeQuery.parse(query);
  return search(await activeClassification(), q, { scheme: scheme || undefined, limit });
}

/** The active editions' names and attribution lines, for the browser and result pages. */
export async function getActiveEditions(viewer: Viewer) {
  await authorize(viewer, 'codes.read');
  const db = await getDb();
  return db
    .select({ id: classificationEditions.id, scheme: classificationEditions.scheme, name: classificationEditions.name, attribution: classificationEditions.attribution, releaseDate: classificationEditions.releaseDate })
    .from(classificationEditions)
    .where(eq(classificationEditions.active, true))
    .orderBy(asc(classificationEditions.scheme));
}

const BrowseQuery = z.object({ scheme: z.enum(['icd10', 'opcs4']), chapter: searchText(40).optional(), block: searchText(40).optional(), category: searchText(40).optional() });

/** One level of the classification: the categories of a block or chapter, or the subdivisions of a category. */
export async function browseCodes(viewer: Viewer, query: { scheme: 'icd10' | 'opcs4'; chapter?: string; block?: string; category?: string }) {
  await authorize(viewer, 'codes.read');
  const where = BrowseQuery.parse(query); // ?category= comes from the address bar
  const db = await getDb();
  const conditions: SQL[] = [eq(classificationEditions.active, true), eq(classificationEditions.scheme, where.scheme)];
  if (where.category) conditions.push(eq(classificationCodes.category, where.category), sql`length(${classificationCodes.code}) > 3`);
  else {
    conditions.push(sql`length(${classificationCodes.code}) = 3`);
    if (where.block) conditions.push(eq(classificationCodes.block, where.block));
    if (where.chapter) conditions.push(eq(classificationCodes.chapter, where.chapter));
  }
  return db
    .select({
      code: classificationCodes.code,
      title: classificationCodes.title,
      hasChildren: classificationCodes.hasChildren,
      usage: classificationCodes.usage,
      modifier: classificationCodes.modifier,
      block: classificationCodes.block,
      // HES keeps four characters: a 5th-character code shows its parent's count.
      episodes: sql<number | null>`coalesce(${codeUsage.episodes}, (select u.episodes from code_usage u where u.scheme = ${classificationCodes.scheme} and u.code = left(${classificationCodes.code}, 5) and length(${classificationCodes.code}) > 5))`,
    })
    .from(classificationCodes)
    .innerJoin(classificationEditions, eq(classificationEditions.id, classificationCodes.editionId))
    .leftJoin(codeUsage, and(eq(codeUsage.scheme, classificationCodes.scheme), eq(codeUsage.code, classificationCodes.code)))
    .where(and(...conditions))
    .orderBy(asc(classificationCodes.code));
}

export const CaseFilter = z.object({
  specialty: searchText(60),
  difficulty: z.enum(['foundation', 'intermediate', 'advanced', '']).catch(''),
  ksb: z.string().regex(/^([KSB]\d{1,2})?$/).catch(''),
  convention: z.string().regex(/^[a-z_]{0,40}$/).catch(''),
});

/** Active cases with the viewer's own best result on each (apprentices). */
export async function listCases(viewer: Viewer, filter: Partial<Record<keyof z.input<typeof CaseFilter>, string>> = {}) {
  await authorize(viewer, 'cases.read');
  const f = CaseFilter.parse(filter);
  const db = await getDb();
  const conditions: SQL[] = [eq(cases.active, true)];
  if (f.specialty) conditions.push(eq(cases.specialty, f.specialty));
  if (f.difficulty) conditions.push(eq(cases.difficulty, f.difficulty));
  if (f.ksb) conditions.push(sql`${f.ksb} = any(${cases.ksbs})`);
  if (f.convention) conditions.push(sql`${f.convention} = any(${cases.conventions})`);
  // Best attempt: highest share of all four figures together.
  const best = sql<number | null>`(
    select max((coalesce(a.pd_correct,0)+coalesce(a.sd_correct,0)+coalesce(a.pp_correct,0)+coalesce(a.sp_correct,0))::float
      / nullif(coalesce(a.pd_of,0)+coalesce(a.sd_of,0)+coalesce(a.pp_of,0)+coalesce(a.sp_of,0), 0))
    from coding_standing a where a.case_id = cases.id and a.apprentice_id = ${viewer.userId})`;
  const attempts = sql<number>`(select count(*) from coding_attempts a where a.case_id = cases.id and a.apprentice_id = ${viewer.userId})`.mapWith(Number);
  return db
    .select({ id: cases.id, title: cases.title, specialty: cases.specialty, difficulty: cases.difficulty, ksbs: cases.ksbs, conventions: cases.conventions, best, attempts })
    .from(cases)
    .where(and(...conditions))
    .orderBy(sql`array_position(array['foundation','intermediate','advanced']::difficulty[], ${cases.difficulty})`, asc(cases.specialty), asc(cases.title));
}

/** A case to code: the notes, never the expected answer. */
export async function getCaseForCoding(viewer: Viewer, id: string) {
  await authorize(viewer, 'cases.read', { type: 'case', id });
  if (!isContentId(id)) throw new NotFound('case');
  const db = await getDb();
  const [row] = await db
    .select({ id: cases.id, title: cases.title, specialty: cases.specialty, difficulty: cases.difficulty, ksbs: cases.ksbs, conventions: cases.conventions, notes: cases.notes, patient: cases.patient })
    .from(cases)
    .where(and(eq(cases.id, id), eq(cases.active, true)));
  if (!row) throw new NotFound('case');
  return row;
}

const CodeList = z.array(safeText({ label: 'code', max: 20 }).min(1)).max(30);
/** The four-step process (S5) recorded for one code: the lead term looked up, the index entry followed, the tabular check made. */
const FourStepEntry = z.object({
  code: safeText({ label: 'code', max: 20 }).min(1),
  leadTerm: safeText({ label: 'lead term', max: 200 }),
  indexEntry: safeText({ label: 'index entry', max: 300 }),
  tabularCheck: safeText({ label: 'tabular check', max: 300 }),
});
export const AttemptInput = z
  .object({
    caseId: safeText({ label: 'case', max: 120, trim: false }).min(1),
    diagnoses: CodeList.min(1, 'Add at least a primary diagnosis.'),
    procedures: CodeList,
    fourStep: z.array(FourStepEntry).max(60).optional(),
    activeSeconds: activeSecondsField(), // counted in the browser; recordPracticeTime caps it
  })
  .superRefine((v, ctx) => {
    const given = new Set([...v.diagnoses, ...v.procedures]);
    (v.fourStep ?? []).forEach((f, i) => {
      if (!given.has(f.code)) ctx.addIssue({ code: 'custom', path: ['fourStep', i, 'code'], message: `${f.code} is not one of your codes.` });
    });
  });

/** Marks and saves an apprentice's answer. The attempt is never changed afterwards. */
export async function submitAttempt(viewer: Viewer, input: z.input<typeof AttemptInput>) {
  await authorize(viewer, 'attempt.create', { type: 'case', id: input.caseId });
  const data = parseInput(AttemptInput, input);
  const db = await getDb();
  const [c] = await db.select({ expected: cases.expected, patient: cases.patient, ksbs: cases.ksbs }).from(cases).where(and(eq(cases.id, data.caseId), eq(cases.active, true)));
  if (!c) throw new NotFound('case');
  const [classification, rules] = await Promise.all([activeClassification(db), markingRules(db)]);
  const expected = expectedForMarking(c.expected);
  const answer = { diagnoses: data.diagnoses, procedures: data.procedures };
  // Four-step rows with nothing written are left out; none written at all is no record.
  const fourStep = (data.fourStep ?? []).filter((f) => f.leadTerm || f.indexEntry || f.tabularCheck);
  let result: MarkResult;
  try {
    result = mark(expected.coding, answer, classification, { rules, patient: c.patient ?? undefined });
  } catch (e) {
    if (!(e instanceof KeyNotMarkable)) throw e;
    throw new AppError('key_not_markable', `This case cannot be marked yet: its answer key uses ${e.code}, which is not a complete code in ${e.edition}. Your trainer has been told; try another case.`, e.message);
  }
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(codingAttempts)
      .values({
        apprenticeId: viewer.userId,
        caseId: data.caseId,
        answer,
        expected: expected.stored,
        findings: result.findings,
        ...figureColumns(result),
        icd10EditionId: classification.editions.icd10.id,
        opcs4EditionId: classification.editions.opcs4.id,
        rules,
        fourStep: fourStep.length ? fourStep : null,
      })
      .returning({ id: codingAttempts.id });
    await writeAudit(tx, viewer, { action: 'attempt.submit', entityType: 'coding_attempt', entityId: row!.id, after: { caseId: data.caseId } });
    // A convention got wrong, or low figures, make the case a weak-spot drill; done again, its card is reviewed.
    await feedDrill(tx, { apprenticeId: viewer.userId, itemKind: 'case', itemId: data.caseId, missReason: drillMissReason(result, c.ksbs) });
    await recordPracticeTime(tx, { apprenticeId: viewer.userId, kind: 'coding', refId: row!.id, reportedSeconds: data.activeSeconds, ksbs: c.ksbs });
    return { id: row!.id, result };
  });
}

const figure = (correct: number | null, of: number | null) => (of === null || correct === null ? null : { correct, of });

/** One attempt with its marking and the case's expected coding and rationale. */
export async function getAttempt(viewer: Viewer, id: string) {
  const scope = await authorize(viewer, 'attempt.read', { type: 'coding_attempt', id });
  if (!z.uuid().safeParse(id).success) throw new NotFound('attempt');
  const db = await getDb();
  const [row] = await db
    .select({ a: codingAttempts, caseTitle: cases.title, caseExpected: cases.expected, caseNotes: cases.notes, apprenticeName: users.name })
    .from(codingAttempts)
    .innerJoin(cases, eq(cases.id, codingAttempts.caseId))
    .innerJoin(users, eq(users.id, codingAttempts.apprenticeId))
    .where(and(eq(codingAttempts.id, id), apprenticeIn(viewer, scope, codingAttempts.apprenticeId)));
  if (!row) {
    await recordDenied(viewer, 'attempt.read', 'coding_attempt', id);
    throw new NotFound('attempt');
  }
  const { a } = row;
  const asResult = (m: Figures): MarkResult => ({
    primaryDiagnosis: figure(m.pdCorrect, m.pdOf),
    secondaryDiagnoses: figure(m.sdCorrect, m.sdOf),
    primaryProcedure: figure(m.ppCorrect, m.ppOf),
    secondaryProcedures: figure(m.spCorrect, m.spOf),
    findings: m.findings as Finding[],
  });
  const i10 = alias(classificationEditions, 'i10');
  const o4 = alias(classificationEditions, 'o4');
  const marker = alias(users, 'marker');
  const editionNames = (ids: (string | null)[]) => db.select({ id: classificationEditions.id, name: classificationEditions.name }).from(classificationEditions).where(inArray(classificationEditions.id, ids.filter((x): x is string => !!x)));
  const [names, remarkRows] = await Promise.all([
    editionNames([a.icd10EditionId, a.opcs4EditionId]),
    db
      .select({ r: codingRemarks, icd10: i10.name, opcs4: o4.name, markedBy: marker.name })
      .from(codingRemarks)
      .innerJoin(i10, eq(i10.id, codingRemarks.icd10EditionId))
      .innerJoin(o4, eq(o4.id, codingRemarks.opcs4EditionId))
      .innerJoin(marker, eq(marker.id, codingRemarks.markedBy))
      .where(eq(codingRemarks.attemptId, a.id))
      .orderBy(asc(codingRemarks.createdAt), asc(codingRemarks.id)),
  ]);
  const nameOf = (id: string | null) => names.find((n) => n.id === id)?.name ?? 'the lists used before editions were recorded';
  const original = { result: asResult(a), markedUnder: { icd10: nameOf(a.icd10EditionId), opcs4: nameOf(a.opcs4EditionId) }, rules: (a.rules ?? DEFAULT_MARKING_RULES) as MarkingRules, at: a.createdAt, markedBy: null as string | null };
  const remarks = remarkRows.map(({ r, icd10, opcs4, markedBy }) => ({ result: asResult(r), markedUnder: { icd10, opcs4 }, rules: r.rules as MarkingRules, at: r.createdAt, markedBy }));
  const standing = remarks.at(-1) ?? original;
  // Codes as read in the active editions, for titles and the UK form (I10X) beside each entry.
  const c = await activeClassification(db);
  const codes: Record<string, { code: string; title: string; display: string }> = {};
  const note = (scheme: Scheme, raw: string) => {
    const l = lookup(c, scheme, raw);
    const code = l.status === 'ok' || l.status === 'unknown' || l.status === 'incomplete' ? l.code : raw;
    codes[`${scheme}:${raw}`] = { code, title: c[scheme].get(code)?.title ?? '', display: l.status === 'ok' ? ukForm(scheme, code) : code };
  };
  a.answer.diagnoses.forEach((x) => note('icd10', x));
  a.answer.procedures.forEach((x) => note('opcs4', x));
  row.caseExpected.diagnoses.forEach((e) => [e.code, ...(e.alternatives ?? [])].forEach((x) => note('icd10', x)));
  row.caseExpected.procedures.forEach((e) => [e.code, ...(e.alternatives ?? [])].forEach((x) => note('opcs4', x)));
  return {
    codes,
    id: a.id,
    caseId: a.caseId,
    caseTitle: row.caseTitle,
    notes: row.caseNotes,
    apprenticeId: a.apprenticeId,
    apprenticeName: row.apprenticeName,
    createdAt: a.createdAt,
    answer: a.answer,
    fourStep: a.fourStep,
    expected: row.caseExpected,
    result: standing.result,
    markedUnder: standing.markedUnder,
    rules: standing.rules,
    // Every mark, oldest first: the original, then each re-mark (the last is the standing result).
    marks: [original, ...remarks],
  };
}

type Figures = { findings: unknown; pdCorrect: number | null; pdOf: number | null; sdCorrect: number | null; sdOf: number | null; ppCorrect: number | null; ppOf: number | null; spCorrect: number | null; spOf: number | null };

/** An attempt as the attempt lists show it: its case and its four audit figures (a function: drizzle reads the columns when called). */
const attemptRowColumns = () => ({
  id: codingStanding.id,
  caseId: codingStanding.caseId,
  caseTitle: cases.title,
  createdAt: codingStanding.createdAt,
  pdCorrect: codingStanding.pdCorrect,
  pdOf: codingStanding.pdOf,
  sdCorrect: codingStanding.sdCorrect,
  sdOf: codingStanding.sdOf,
  ppCorrect: codingStanding.ppCorrect,
  ppOf: codingStanding.ppOf,
  spCorrect: codingStanding.spCorrect,
  spOf: codingStanding.spOf,
  remarked: codingStanding.remarked,
});

/** Attempts the viewer may see, newest first; optionally one apprentice's or one case's. */
export async function listAttempts(viewer: Viewer, filter: { apprenticeId?: string; caseId?: string } = {}) {
  const scope = await authorize(viewer, 'attempt.read');
  const db = await getDb();
  const conditions: SQL[] = [apprenticeIn(viewer, scope, codingStanding.apprenticeId)];
  if (filter.apprenticeId && z.uuid().safeParse(filter.apprenticeId).success) conditions.push(eq(codingStanding.apprenticeId, filter.apprenticeId));
  if (filter.caseId) conditions.push(eq(codingStanding.caseId, filter.caseId));
  return db
    .select({ ...attemptRowColumns(), apprenticeName: users.name })
    .from(codingStanding)
    .innerJoin(cases, eq(cases.id, codingStanding.caseId))
    .innerJoin(users, eq(users.id, codingStanding.apprenticeId))
    .where(and(...conditions))
    .orderBy(desc(codingStanding.createdAt), desc(codingStanding.id))
    .limit(200);
}

export const ATTEMPTS_PAGE_SIZE = 20;

/**
 * One apprentice's coding attempts a page at a time, newest first (the apprenticeship page): the
 * count and the page are two queries, so an apprentice with thousands of attempts costs one page.
 * Rows outside the viewer's scope are simply not there, as in listAttempts.
 */
export async function listAttemptPage(viewer: Viewer, filter: { apprenticeId: string; page?: number }) {
  const scope = await authorize(viewer, 'attempt.read');
  const db = await getDb();
  const where = and(apprenticeIn(viewer, scope, codingStanding.apprenticeId), z.uuid().safeParse(filter.apprenticeId).success ? eq(codingStanding.apprenticeId, filter.apprenticeId) : sql`false`);
  const [count] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(codingStanding).where(where);
  const total = count?.n ?? 0;
  const { page, pageSize, offset } = pageWindow(total, filter.page ?? 1, ATTEMPTS_PAGE_SIZE);
  const rows = await db
    .select(attemptRowColumns())
    .from(codingStanding)
    .innerJoin(cases, eq(cases.id, codingStanding.caseId))
    .where(where)
    .orderBy(desc(codingStanding.createdAt), desc(codingStanding.id))
    .limit(pageSize)
    .offset(offset);
  return { rows, total, page, pageSize };
}
