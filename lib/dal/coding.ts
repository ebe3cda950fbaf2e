import 'server-only';
import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { cases, classificationCodes, codingAttempts, users } from '@/db/schema';
import { NotFound } from '@/lib/errors';
import { loadClassification } from '@/lib/coding/load';
import { figureColumns, mark, type Finding, type MarkResult } from '@/lib/coding/mark';
import { searchCodes as search } from '@/lib/coding/search';
import { apprenticeIn, authorize, recordDenied, writeAudit } from './access';
import type { Viewer } from './viewer';

export const CodeQuery = z.object({ q: z.string().trim().max(100).catch(''), scheme: z.enum(['icd10', 'opcs4', '']).catch('') });

/** Code search for the browser and the answer pickers: by code prefix or by words. */
export async function searchCodes(viewer: Viewer, query: Partial<z.input<typeof CodeQuery>>, limit = 25) {
  await authorize(viewer, 'codes.read');
  const { q, scheme } = CodeQuery.parse(query);
  return search(loadClassification(), q, { scheme: scheme || undefined, limit });
}

/** One level of the classification: the categories of a block or chapter, or the subdivisions of a category. */
export async function browseCodes(viewer: Viewer, where: { scheme: 'icd10' | 'opcs4'; chapter?: string; block?: string; category?: string }) {
  await authorize(viewer, 'codes.read');
  const db = await getDb();
  const conditions: SQL[] = [eq(classificationCodes.scheme, where.scheme)];
  if (where.category) conditions.push(eq(classificationCodes.category, where.category), sql`length(${classificationCodes.code}) > 3`);
  else {
    conditions.push(sql`length(${classificationCodes.code}) = 3`);
    if (where.block) conditions.push(eq(classificationCodes.block, where.block));
    if (where.chapter) conditions.push(eq(classificationCodes.chapter, where.chapter));
  }
  return db
    .select({ code: classificationCodes.code, title: classificationCodes.title, hasChildren: classificationCodes.hasChildren, asterisk: classificationCodes.asterisk, block: classificationCodes.block })
    .from(classificationCodes)
    .where(and(...conditions))
    .orderBy(asc(classificationCodes.code));
}

export const CaseFilter = z.object({
  specialty: z.string().max(60).catch(''),
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
    from coding_attempts a where a.case_id = cases.id and a.apprentice_id = ${viewer.userId})`;
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
  const db = await getDb();
  const [row] = await db
    .select({ id: cases.id, title: cases.title, specialty: cases.specialty, difficulty: cases.difficulty, ksbs: cases.ksbs, conventions: cases.conventions, notes: cases.notes })
    .from(cases)
    .where(and(eq(cases.id, id), eq(cases.active, true)));
  if (!row) throw new NotFound('case');
  return row;
}

const CodeList = z.array(z.string().trim().min(1).max(20)).max(30);
export const AttemptInput = z.object({
  caseId: z.string().min(1).max(120),
  diagnoses: CodeList.min(1, 'Add at least a primary diagnosis.'),
  procedures: CodeList,
});

/** Marks and saves an apprentice's answer. The attempt is never changed afterwards. */
export async function submitAttempt(viewer: Viewer, input: z.input<typeof AttemptInput>) {
  await authorize(viewer, 'attempt.create', { type: 'case', id: input.caseId });
  const data = AttemptInput.parse(input);
  const db = await getDb();
  const [c] = await db.select({ expected: cases.expected }).from(cases).where(and(eq(cases.id, data.caseId), eq(cases.active, true)));
  if (!c) throw new NotFound('case');
  const expected = { diagnoses: c.expected.diagnoses.map((d) => d.code), procedures: c.expected.procedures.map((p) => p.code) };
  const answer = { diagnoses: data.diagnoses, procedures: data.procedures };
  const result = mark(expected, answer, loadClassification());
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(codingAttempts)
      .values({
        apprenticeId: viewer.userId,
        caseId: data.caseId,
        answer,
        expected,
        findings: result.findings,
        ...figureColumns(result),
      })
      .returning({ id: codingAttempts.id });
    await writeAudit(tx, viewer, { action: 'attempt.submit', entityType: 'coding_attempt', entityId: row!.id, after: { caseId: data.caseId } });
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
  const result: MarkResult = {
    primaryDiagnosis: figure(a.pdCorrect, a.pdOf),
    secondaryDiagnoses: figure(a.sdCorrect, a.sdOf),
    primaryProcedure: figure(a.ppCorrect, a.ppOf),
    secondaryProcedures: figure(a.spCorrect, a.spOf),
    findings: a.findings as Finding[],
  };
  return {
    id: a.id,
    caseId: a.caseId,
    caseTitle: row.caseTitle,
    notes: row.caseNotes,
    apprenticeId: a.apprenticeId,
    apprenticeName: row.apprenticeName,
    createdAt: a.createdAt,
    answer: a.answer,
    expected: row.caseExpected,
    result,
  };
}

/** Attempts the viewer may see, newest first; optionally one apprentice's or one case's. */
export async function listAttempts(viewer: Viewer, filter: { apprenticeId?: string; caseId?: string } = {}) {
  const scope = await authorize(viewer, 'attempt.read');
  const db = await getDb();
  const conditions: SQL[] = [apprenticeIn(viewer, scope, codingAttempts.apprenticeId)];
  if (filter.apprenticeId && z.uuid().safeParse(filter.apprenticeId).success) conditions.push(eq(codingAttempts.apprenticeId, filter.apprenticeId));
  if (filter.caseId) conditions.push(eq(codingAttempts.caseId, filter.caseId));
  return db
    .select({
      id: codingAttempts.id,
      caseId: codingAttempts.caseId,
      caseTitle: cases.title,
      apprenticeName: users.name,
      createdAt: codingAttempts.createdAt,
      pdCorrect: codingAttempts.pdCorrect,
      pdOf: codingAttempts.pdOf,
      sdCorrect: codingAttempts.sdCorrect,
      sdOf: codingAttempts.sdOf,
      ppCorrect: codingAttempts.ppCorrect,
      ppOf: codingAttempts.ppOf,
      spCorrect: codingAttempts.spCorrect,
      spOf: codingAttempts.spOf,
    })
    .from(codingAttempts)
    .innerJoin(cases, eq(cases.id, codingAttempts.caseId))
    .innerJoin(users, eq(users.id, codingAttempts.apprenticeId))
    .where(and(...conditions))
    .orderBy(desc(codingAttempts.createdAt), desc(codingAttempts.id))
    .limit(200);
}
