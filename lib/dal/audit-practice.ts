import 'server-only';
import { and, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { auditEpisodes, auditPracticeAttempts, users } from '@/db/schema';
import { NotFound } from '@/lib/errors';
import { parseInput } from '@/lib/forms/parse-input';
import { safeText } from '@/lib/forms/safe-text';
import { optionalWholeNumber } from '@/lib/forms/fields';
import { AUDIT_ERROR_TYPE_IDS, PRACTISED_TYPE_LABEL, type AuditErrorType } from '@/lib/audit-practice/error-types';
import { markAudit, type AuditAnswer, type AuditResult } from '@/lib/audit-practice/mark-audit';
import type { AuditKey } from '@/lib/audit-practice/verify';
import { apprenticeIn, authorize, recordDenied, writeAudit } from './access';
import { activeClassification } from './classification';
import { recordPracticeTime } from './practice-time';
import type { Viewer } from './viewer';
import { activeSecondsField } from '@/lib/practice/active-seconds-field';
import { isContentId } from './rows';

/*
 * Audit practice (issue 19 point 1): the apprentice audits a coder's episode. The key (verdicts, corrections,
 * explanations, the coder's true figures) never leaves the server before the apprentice submits.
 */

/** The error types an episode's key holds (omission included), for "what it practises". */
function typesIn(key: AuditKey): (AuditErrorType | 'omitted')[] {
  const t = new Set<AuditErrorType | 'omitted'>();
  for (const k of [...key.diagnoses, ...key.procedures]) if (k.verdict === 'error') t.add(k.errorType as AuditErrorType);
  if (key.omitted.length) t.add('omitted');
  return [...t].sort();
}

/** Every active episode, hand-written first, with the apprentice's best score on it. */
export async function listAuditEpisodes(viewer: Viewer) {
  await authorize(viewer, 'audit_practice.do');
  const db = await getDb();
  const best = db
    .select({ episodeId: auditPracticeAttempts.episodeId, correct: auditPracticeAttempts.correct, of: auditPracticeAttempts.of, n: sql<number>`count(*) over (partition by ${auditPracticeAttempts.episodeId})`.as('n'), rank: sql<number>`row_number() over (partition by ${auditPracticeAttempts.episodeId} order by ${auditPracticeAttempts.correct}::float / greatest(${auditPracticeAttempts.of}, 1) desc, ${auditPracticeAttempts.createdAt} desc)`.as('rank') })
    .from(auditPracticeAttempts)
    .where(eq(auditPracticeAttempts.apprenticeId, viewer.userId))
    .as('best');
  const rows = await db
    .select({ id: auditEpisodes.id, title: auditEpisodes.title, origin: auditEpisodes.origin, key: auditEpisodes.key, coded: auditEpisodes.coded, bestCorrect: best.correct, bestOf: best.of, attempts: best.n })
    .from(auditEpisodes)
    .leftJoin(best, and(eq(best.episodeId, auditEpisodes.id), eq(best.rank, 1)))
    .where(eq(auditEpisodes.active, true))
    .orderBy(desc(auditEpisodes.origin), auditEpisodes.id);
  return rows.map(({ key, coded, bestCorrect, bestOf, attempts, ...r }) => ({
    ...r,
    codes: coded.diagnoses.length + coded.procedures.length,
    practises: typesIn(key as AuditKey).map((t) => PRACTISED_TYPE_LABEL[t]),
    best: bestOf === null || bestCorrect === null ? null : { correct: bestCorrect, of: bestOf },
    attempts: Number(attempts ?? 0),
  }));
}

/** An episode to audit: the notes and the coder's codes with their titles. Never the key. */
export async function getAuditEpisode(viewer: Viewer, id: string) {
  await authorize(viewer, 'audit_practice.do', { type: 'audit_episode', id });
  if (!isContentId(id)) throw new NotFound('audit episode');
  const db = await getDb();
  const [e] = await db
    .select({ id: auditEpisodes.id, title: auditEpisodes.title, notes: auditEpisodes.notes, patient: auditEpisodes.patient, ksbs: auditEpisodes.ksbs, coded: auditEpisodes.coded })
    .from(auditEpisodes)
    .where(and(eq(auditEpisodes.id, id), eq(auditEpisodes.active, true)));
  if (!e) throw new NotFound('audit episode');
  const titles = await codeTitles(e.coded);
  return { ...e, coded: { diagnoses: e.coded.diagnoses.map((code) => ({ code, title: titles.icd10.get(code) ?? '' })), procedures: e.coded.procedures.map((code) => ({ code, title: titles.opcs4.get(code) ?? '' })) } };
}

/** Titles of codes in the active editions. */
async function codeTitles(coded: { diagnoses: string[]; procedures: string[] }) {
  const c = await activeClassification(await getDb());
  return {
    icd10: new Map(coded.diagnoses.map((code) => [code, c.icd10.get(code)?.title ?? ''])),
    opcs4: new Map(coded.procedures.map((code) => [code, c.opcs4.get(code)?.title ?? ''])),
  };
}

const CodeText = safeText({ label: 'code', max: 12 });
const CodeAnswerInput = z.object({
  verdict: z.enum(['correct', 'error'], { message: 'Choose correct or error.' }),
  errorType: z.enum(AUDIT_ERROR_TYPE_IDS).or(z.literal('')).nullish(),
  correction: CodeText.nullish(),
});
const Figure = (label: string) => z.object({ correct: optionalWholeNumber({ label: `${label}: correct`, min: 0, max: 99 }), of: optionalWholeNumber({ label: `${label}: of`, min: 0, max: 99 }) });
export const AuditAttemptInput = z.object({
  episodeId: safeText({ label: 'episode', max: 200, trim: false }).min(1),
  diagnoses: z.array(CodeAnswerInput).max(40),
  procedures: z.array(CodeAnswerInput).max(40),
  omitted: z.array(CodeText).max(10),
  figures: z.object({
    primaryDiagnosis: Figure('primary diagnosis'),
    secondaryDiagnoses: Figure('secondary diagnoses'),
    primaryProcedure: Figure('primary procedure'),
    secondaryProcedures: Figure('secondary procedures'),
  }),
  activeSeconds: activeSecondsField(), // counted in the browser; recordPracticeTime caps it
});

/** Marks and saves an apprentice's audit of an episode, with the time spent on it. Never changed afterwards. */
export async function submitAuditAttempt(viewer: Viewer, input: z.input<typeof AuditAttemptInput>) {
  await authorize(viewer, 'audit_practice.do', { type: 'audit_episode', id: input.episodeId });
  const data = parseInput(AuditAttemptInput, input);
  const db = await getDb();
  const [e] = await db.select({ key: auditEpisodes.key, ksbs: auditEpisodes.ksbs, coded: auditEpisodes.coded }).from(auditEpisodes).where(and(eq(auditEpisodes.id, data.episodeId), eq(auditEpisodes.active, true)));
  if (!e) throw new NotFound('audit episode');
  const answer: AuditAnswer = {
    diagnoses: e.coded.diagnoses.map((_, i) => toCodeAnswer(data.diagnoses[i])),
    procedures: e.coded.procedures.map((_, i) => toCodeAnswer(data.procedures[i])),
    omitted: data.omitted.filter((c) => c.trim() !== ''),
    figures: data.figures,
  };
  const result = markAudit(e.key as AuditKey, answer);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(auditPracticeAttempts)
      .values({ apprenticeId: viewer.userId, episodeId: data.episodeId, answer, result, correct: result.correct, of: result.of })
      .returning({ id: auditPracticeAttempts.id });
    await writeAudit(tx, viewer, { action: 'audit_practice.submit', entityType: 'audit_practice_attempt', entityId: row!.id, after: { episodeId: data.episodeId, correct: result.correct, of: result.of } });
    await recordPracticeTime(tx, { apprenticeId: viewer.userId, kind: 'audit', refId: row!.id, reportedSeconds: data.activeSeconds, ksbs: e.ksbs });
    return { id: row!.id, result };
  });
}

function toCodeAnswer(a: z.output<typeof CodeAnswerInput> | undefined): AuditAnswer['diagnoses'][number] {
  if (!a) return { verdict: 'correct' };
  return a.verdict === 'correct' ? { verdict: 'correct' } : { verdict: 'error', errorType: a.errorType || null, correction: a.correction?.trim() || null };
}

/** One audit, marked, with the episode and its key: the apprentice's own, their trainer's, an admin's. */
export async function getAuditAttempt(viewer: Viewer, id: string) {
  const scope = await authorize(viewer, 'audit_practice.read', { type: 'audit_practice_attempt', id });
  if (!z.uuid().safeParse(id).success) throw new NotFound('audit attempt');
  const db = await getDb();
  const [row] = await db
    .select({ a: auditPracticeAttempts, title: auditEpisodes.title, coded: auditEpisodes.coded, key: auditEpisodes.key, notes: auditEpisodes.notes, patient: auditEpisodes.patient, apprenticeName: users.name })
    .from(auditPracticeAttempts)
    .innerJoin(auditEpisodes, eq(auditEpisodes.id, auditPracticeAttempts.episodeId))
    .innerJoin(users, eq(users.id, auditPracticeAttempts.apprenticeId))
    .where(and(eq(auditPracticeAttempts.id, id), apprenticeIn(viewer, scope, auditPracticeAttempts.apprenticeId)));
  if (!row) {
    await recordDenied(viewer, 'audit_practice.read', 'audit_practice_attempt', id);
    throw new NotFound('audit attempt');
  }
  const titles = await codeTitles(row.coded);
  return {
    id: row.a.id,
    apprenticeId: row.a.apprenticeId,
    apprenticeName: row.apprenticeName,
    episodeId: row.a.episodeId,
    title: row.title,
    notes: row.notes,
    patient: row.patient,
    coded: { diagnoses: row.coded.diagnoses.map((code) => ({ code, title: titles.icd10.get(code) ?? '' })), procedures: row.coded.procedures.map((code) => ({ code, title: titles.opcs4.get(code) ?? '' })) },
    answer: row.a.answer as AuditAnswer,
    result: row.a.result as AuditResult,
    correct: row.a.correct,
    of: row.a.of,
    createdAt: row.a.createdAt,
    own: row.a.apprenticeId === viewer.userId,
  };
}

/** An apprentice's audits, newest first (the apprentice's own list, or a trainer's view of the apprentice). */
export async function listAuditAttempts(viewer: Viewer, filter: { apprenticeId?: string; episodeId?: string } = {}) {
  const scope = await authorize(viewer, 'audit_practice.read');
  const db = await getDb();
  const conditions = [apprenticeIn(viewer, scope, auditPracticeAttempts.apprenticeId)];
  if (filter.apprenticeId) conditions.push(z.uuid().safeParse(filter.apprenticeId).success ? eq(auditPracticeAttempts.apprenticeId, filter.apprenticeId) : sql`false`);
  if (filter.episodeId) conditions.push(eq(auditPracticeAttempts.episodeId, filter.episodeId));
  return db
    .select({ id: auditPracticeAttempts.id, episodeId: auditPracticeAttempts.episodeId, title: auditEpisodes.title, correct: auditPracticeAttempts.correct, of: auditPracticeAttempts.of, createdAt: auditPracticeAttempts.createdAt, apprenticeName: users.name })
    .from(auditPracticeAttempts)
    .innerJoin(auditEpisodes, eq(auditEpisodes.id, auditPracticeAttempts.episodeId))
    .innerJoin(users, eq(users.id, auditPracticeAttempts.apprenticeId))
    .where(and(...conditions))
    .orderBy(desc(auditPracticeAttempts.createdAt), desc(auditPracticeAttempts.id))
    .limit(200);
}
