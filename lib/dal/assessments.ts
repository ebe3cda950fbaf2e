import 'server-only';
import { parseInput } from '@/lib/forms/parse-input';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, type DbOrTx } from '@/db/client';
import {
  apprenticeships,
  assessmentAnswers,
  assessmentAttempts,
  assessmentBlueprints,
  assessmentInvitations,
  assessmentSittings,
  cases,
  ksbs,
  questions,
  users,
  writtenItems,
  type DrawnItemRow,
} from '@/db/schema';
import { insertBlueprintVersion } from '@/db/content-load';
import { Blueprint, paperItems, paperMinutes } from '@/lib/content/assessment';
import { checkBlueprint } from '@/lib/assessments/check';
import { drawItems } from '@/lib/assessments/draw';
import type { Pools } from '@/lib/assessments/pool';
import { deadlineFor } from '@/lib/assessments/deadline';
import { AnswerInput, StartInput } from '@/lib/assessments/schemas';
import { findNhsNumbers } from '@/lib/privacy/nhs-number';
import { firstTextProblem } from '@/lib/forms/safe-text';
import { AppError, Conflict, FieldError, NotFound } from '@/lib/errors';
import { apprenticeIn, authorize, recordDenied, writeAudit } from './access';
import { isUniqueViolation } from './db-errors';
import { executeRows } from './rows';
import { latestResult, submitAndMark } from './assessment-marking';
import { recordPracticeTime } from './practice-time';
import { jobQueue } from './jobs';
import type { Viewer } from './viewer';

const isUuid = (id: string) => z.uuid().safeParse(id).success;

/** The current (newest) version of every blueprint. */
function currentBlueprints(db: DbOrTx) {
  return db
    .selectDistinctOn([assessmentBlueprints.key], {
      id: assessmentBlueprints.id,
      key: assessmentBlueprints.key,
      version: assessmentBlueprints.version,
      title: assessmentBlueprints.title,
      kind: assessmentBlueprints.kind,
      practice: assessmentBlueprints.practice,
      definition: assessmentBlueprints.definition,
      source: assessmentBlueprints.source,
      createdAt: assessmentBlueprints.createdAt,
    })
    .from(assessmentBlueprints)
    .orderBy(assessmentBlueprints.key, desc(assessmentBlueprints.version));
}

const summaryOf = (b: Awaited<ReturnType<typeof currentBlueprints>>[number]) => ({
  id: b.id,
  key: b.key,
  version: b.version,
  title: b.title,
  kind: b.kind,
  practice: b.practice,
  description: b.definition.description, // learner-facing; trainerNotes only from listBlueprints
  minutes: paperMinutes(b.definition),
  items: paperItems(b.definition),
  sections: b.definition.sections.map((s) => ({ id: s.id, title: s.title, kind: s.kind, draw: s.draw, minutes: s.minutes, weight: s.weight, boundaries: s.boundaries })),
  boundaries: b.definition.boundaries,
  ksbs: b.definition.ksbs,
  source: b.source,
  createdAt: b.createdAt,
  definition: b.definition,
});

/** Every blueprint's current version, for choosing or scheduling a paper. */
export async function listBlueprints(viewer: Viewer) {
  await authorize(viewer, 'assessment.blueprint.read');
  const db = await getDb();
  return (await currentBlueprints(db)).map((b) => ({ ...summaryOf(b), trainerNotes: b.definition.trainerNotes ?? null })).sort((a, b) => a.title.localeCompare(b.title));
}

/** What a blueprint may draw from: the active cases, questions and written items. */
async function poolsOf(db: DbOrTx): Promise<Pools> {
  const [c, q, w] = await Promise.all([
    db.select({ id: cases.id, ksbs: cases.ksbs, specialty: cases.specialty, difficulty: cases.difficulty }).from(cases).where(eq(cases.active, true)),
    db.select({ id: questions.id, ksbs: questions.ksbs, topic: questions.topic }).from(questions).where(eq(questions.active, true)),
    db.select({ id: writtenItems.id, ksbs: writtenItems.ksbs, topic: writtenItems.topic }).from(writtenItems).where(eq(writtenItems.active, true)),
  ]);
  return { coding: c, theory: q, written: w };
}

/**
 * A new or changed blueprint from its JSON text, checked as content:check checks the files (schema,
 * pools large enough to draw from, KSBs that exist and are reachable). It becomes the key's next version.
 */
export async function uploadBlueprint(viewer: Viewer, input: { definition: string }) {
  await authorize(viewer, 'assessment.blueprint.manage');
  let data: unknown;
  try {
    data = JSON.parse(input.definition);
  } catch (e) {
    throw new FieldError('definition', `This is not valid JSON: ${(e as Error).message}`);
  }
  // JSON escapes (\u0000, \ud800, \u0039…) get past the check of the text as typed: check every string it holds.
  const stringProblem = firstTextProblem(data, 'blueprint');
  if (stringProblem) throw new FieldError('definition', stringProblem);
  const parsed = Blueprint.safeParse(data);
  if (!parsed.success)
    throw new FieldError('definition', parsed.error.issues.slice(0, 8).map((i) => `${i.path.join('.') || '(blueprint)'}: ${i.message}`).join('\n'));
  const bp = parsed.data;
  const db = await getDb();
  const ksbCodes = new Set((await db.select({ code: ksbs.code }).from(ksbs)).map((k) => k.code));
  const problems = checkBlueprint(bp, await poolsOf(db), ksbCodes);
  if (problems.length) throw new FieldError('definition', problems.slice(0, 8).join('\n'));
  return db.transaction(async (tx) => {
    const row = await insertBlueprintVersion(tx, bp, 'upload', viewer.userId);
    await writeAudit(tx, viewer, { action: 'assessment.blueprint.upload', entityType: 'assessment_blueprint', entityId: row.id, after: { key: bp.id, version: row.version } });
    return { id: row.id, key: bp.id, version: row.version };
  });
}

const attemptSummary = {
  id: assessmentAttempts.id,
  blueprintKey: assessmentAttempts.blueprintKey,
  title: assessmentBlueprints.title,
  kind: assessmentBlueprints.kind,
  status: assessmentAttempts.status,
  startedAt: assessmentAttempts.startedAt,
  deadline: assessmentAttempts.deadline,
  submittedAt: assessmentAttempts.submittedAt,
  submittedBy: assessmentAttempts.submittedBy,
  sittingId: assessmentAttempts.sittingId,
  ...latestResult,
};

/** The apprentice's papers: practice blueprints, scheduled sittings open to them, and their attempts. */
export async function listMyAssessments(viewer: Viewer) {
  await authorize(viewer, 'assessment.sit');
  const db = await getDb();
  const [blueprints, sittings, attempts] = await Promise.all([
    currentBlueprints(db),
    db
      .select({ id: assessmentSittings.id, opensAt: assessmentSittings.opensAt, closesAt: assessmentSittings.closesAt, title: assessmentBlueprints.title, blueprintKey: assessmentBlueprints.key, definition: assessmentBlueprints.definition })
      .from(assessmentSittings)
      .innerJoin(assessmentInvitations, and(eq(assessmentInvitations.sittingId, assessmentSittings.id), eq(assessmentInvitations.apprenticeId, viewer.userId)))
      .innerJoin(assessmentBlueprints, eq(assessmentBlueprints.id, assessmentSittings.blueprintId))
      .where(
        and(
          sql`${assessmentSittings.closesAt} > now()`,
          sql`not exists (select 1 from assessment_attempts a where a.sitting_id = ${assessmentSittings.id} and a.apprentice_id = ${viewer.userId})`,
        ),
      )
      .orderBy(asc(assessmentSittings.opensAt)),
    db
      .select(attemptSummary)
      .from(assessmentAttempts)
      .innerJoin(assessmentBlueprints, eq(assessmentBlueprints.id, assessmentAttempts.blueprintId))
      .where(eq(assessmentAttempts.apprenticeId, viewer.userId))
      .orderBy(desc(assessmentAttempts.startedAt), desc(assessmentAttempts.id)),
  ]);
  const extra = await extraTimeOf(db, viewer.userId);
  return {
    extraTimePercent: extra,
    practice: blueprints.filter((b) => b.practice).map(summaryOf).sort((a, b) => a.title.localeCompare(b.title)),
    sittings: sittings.map((s) => ({
      id: s.id,
      title: s.title,
      blueprintKey: s.blueprintKey,
      description: s.definition.description,
      opensAt: s.opensAt,
      closesAt: s.closesAt,
      minutes: paperMinutes(s.definition),
      items: paperItems(s.definition),
      open: s.opensAt.getTime() <= Date.now(),
    })),
    attempts,
  };
}

async function extraTimeOf(db: DbOrTx, apprenticeId: string): Promise<number> {
  const [row] = await db
    .select({ extra: apprenticeships.extraTimePercent })
    .from(apprenticeships)
    .where(eq(apprenticeships.apprenticeId, apprenticeId))
    .orderBy(sql`${apprenticeships.status} = 'active' desc`, desc(apprenticeships.startDate))
    .limit(1);
  return row?.extra ?? 0;
}


/**
 * Starts a paper: draws its items, fixes them for this attempt and records the start and deadline
 * on the server (the limit plus the apprentice's extra time). An attempt of the same paper already in
 * progress is resumed rather than a second one started.
 */
export async function startAssessment(viewer: Viewer, input: z.input<typeof StartInput>): Promise<{ id: string; resumed: boolean }> {
  await authorize(viewer, 'assessment.sit');
  const data = parseInput(StartInput, input);
  const db = await getDb();
  let blueprint: { id: string; key: string; definition: Blueprint } | undefined;
  let sittingId: string | null = null;
  if ('sittingId' in data) {
    const [s] = await db
      .select({ id: assessmentSittings.id, opensAt: assessmentSittings.opensAt, closesAt: assessmentSittings.closesAt, bpId: assessmentBlueprints.id, key: assessmentBlueprints.key, definition: assessmentBlueprints.definition })
      .from(assessmentSittings)
      .innerJoin(assessmentInvitations, and(eq(assessmentInvitations.sittingId, assessmentSittings.id), eq(assessmentInvitations.apprenticeId, viewer.userId)))
      .innerJoin(assessmentBlueprints, eq(assessmentBlueprints.id, assessmentSittings.blueprintId))
      .where(eq(assessmentSittings.id, data.sittingId));
    if (!s) {
      await recordDenied(viewer, 'assessment.sit', 'assessment_sitting', data.sittingId);
      throw new NotFound('sitting');
    }
    const [done] = await db.select({ id: assessmentAttempts.id, status: assessmentAttempts.status }).from(assessmentAttempts).where(and(eq(assessmentAttempts.sittingId, s.id), eq(assessmentAttempts.apprenticeId, viewer.userId)));
    if (done?.status === 'in_progress') return { id: done.id, resumed: true };
    if (done) throw new Conflict('You have already sat this paper. Your result is under Mock assessments.');
    const now = Date.now();
    if (now < s.opensAt.getTime()) throw new Conflict(`This paper opens at ${s.opensAt.toLocaleString('en-GB', { timeZone: 'Europe/London' })}.`);
    if (now >= s.closesAt.getTime()) throw new Conflict('The window for this paper has closed. Ask your trainer if you need another sitting.');
    blueprint = { id: s.bpId, key: s.key, definition: s.definition };
    sittingId = s.id;
  } else {
    const [b] = await currentBlueprints(db).where(eq(assessmentBlueprints.key, data.blueprintKey));
    if (!b || !b.practice) {
      await recordDenied(viewer, 'assessment.sit', 'assessment_blueprint', data.blueprintKey);
      throw new NotFound('blueprint');
    }
    blueprint = b;
  }
  const [existing] = await db
    .select({ id: assessmentAttempts.id, sittingId: assessmentAttempts.sittingId })
    .from(assessmentAttempts)
    .where(and(eq(assessmentAttempts.apprenticeId, viewer.userId), eq(assessmentAttempts.blueprintKey, blueprint.key), eq(assessmentAttempts.status, 'in_progress')));
  // One attempt of a paper at a time: the same one resumes; the practice and a scheduled sitting of
  // the same paper are different attempts, so the other must be finished first.
  if (existing && existing.sittingId === sittingId) return { id: existing.id, resumed: true };
  if (existing)
    throw new Conflict(
      existing.sittingId
        ? 'Your trainer’s scheduled sitting of this paper is in progress. Finish it (or let its time run out) before starting the practice version.'
        : 'You have the practice version of this paper in progress. Submit it (or let its time run out) before starting the scheduled sitting.',
    );

  const items = drawItems(blueprint.definition, await poolsOf(db), crypto.randomUUID());
  const extra = await extraTimeOf(db, viewer.userId);
  const bp = blueprint;
  try {
    const started = await db.transaction(async (tx) => {
      // The database's clock is the one that judges lateness, so the start is the database's too.
      const [clock] = await executeRows<{ ms: number }>(tx, sql`select (extract(epoch from now()) * 1000)::float8 as ms`);
      const startedAt = new Date(Number(clock!.ms));
      const [row] = await tx
        .insert(assessmentAttempts)
        .values({ apprenticeId: viewer.userId, blueprintId: bp.id, blueprintKey: bp.key, sittingId, items, extraTimePercent: extra, startedAt, deadline: deadlineFor(startedAt, paperMinutes(bp.definition), extra) })
        .returning({ id: assessmentAttempts.id, deadline: assessmentAttempts.deadline });
      await writeAudit(tx, viewer, { action: 'assessment.start', entityType: 'assessment_attempt', entityId: row!.id, after: { blueprint: bp.key, sittingId, items: items.length, extraTimePercent: extra } });
      return row!;
    });
    // The server submits the paper at its deadline: one job per attempt, keyed by it, so sending twice
    // queues one. Sent after the commit (the worker must find the attempt); if this process dies in
    // between, the sweep (every minute) submits it instead.
    await (await jobQueue()).send('assessment-deadline', { attemptId: started.id }, { startAfter: started.deadline, singletonKey: started.id });
    return { id: started.id, resumed: false };
  } catch (e) {
    // Two tabs pressed Start at once: the other one won, so this one resumes it.
    if (!isUniqueViolation(e)) throw e;
    const [other] = await db.select({ id: assessmentAttempts.id, sittingId: assessmentAttempts.sittingId }).from(assessmentAttempts).where(and(eq(assessmentAttempts.apprenticeId, viewer.userId), eq(assessmentAttempts.blueprintKey, bp.key), eq(assessmentAttempts.status, 'in_progress')));
    if (!other || other.sittingId !== sittingId) throw new Conflict('Another attempt of this paper started at the same moment. Open Mock assessments to carry on with it.');
    return { id: other.id, resumed: true };
  }
}

/** An attempt the viewer may read, or a recorded 404. Submits it first when its deadline has passed. */
export async function attemptFor(viewer: Viewer, permission: 'assessment.read' | 'assessment.sit' | 'assessment.mark', id: string) {
  const scope = await authorize(viewer, permission, { type: 'assessment_attempt', id });
  const db = await getDb();
  const load = async () =>
    isUuid(id)
      ? (
          await db
            .select({ a: assessmentAttempts, definition: assessmentBlueprints.definition, title: assessmentBlueprints.title, kind: assessmentBlueprints.kind, apprenticeName: users.name, now: sql<number>`(extract(epoch from now()) * 1000)::float8`.mapWith(Number) })
            .from(assessmentAttempts)
            .innerJoin(assessmentBlueprints, eq(assessmentBlueprints.id, assessmentAttempts.blueprintId))
            .innerJoin(users, eq(users.id, assessmentAttempts.apprenticeId))
            .where(and(eq(assessmentAttempts.id, id), apprenticeIn(viewer, scope, assessmentAttempts.apprenticeId)))
        )[0]
      : undefined;
  let row = await load();
  if (!row) {
    await recordDenied(viewer, permission, 'assessment_attempt', id);
    throw new NotFound('assessment attempt');
  }
  if (row.a.status === 'in_progress' && new Date(row.now) >= row.a.deadline) {
    await db.transaction((tx) => submitAndMark(tx, id, 'deadline'));
    row = (await load())!;
  }
  return { ...row, db };
}

/**
 * The paper as its apprentice sits it: the items with what is needed to answer them (case notes,
 * question stems and options, written prompts and their marks), the saved answers and the true time
 * left. Never an expected code, a right option or a marker's guidance.
 */
export async function getAttemptPaper(viewer: Viewer, id: string) {
  const { a, definition, title, db, now } = await attemptFor(viewer, 'assessment.sit', id);
  if (a.status !== 'in_progress') return { id: a.id, status: a.status as 'submitted' | 'marked', title };
  const refs = (kind: DrawnItemRow['kind']) => a.items.filter((i) => i.kind === kind).map((i) => i.ref);
  const [caseRows, questionRows, writtenRows, saved] = await Promise.all([
    refs('coding').length ? db.select({ id: cases.id, title: cases.title, specialty: cases.specialty, notes: cases.notes }).from(cases).where(inArray(cases.id, refs('coding'))) : [],
    refs('theory').length
      ? db.select({ id: questions.id, type: questions.type, stem: questions.stem, options: questions.options, classification: questions.classification }).from(questions).where(inArray(questions.id, refs('theory')))
      : [],
    refs('written').length ? db.select({ id: writtenItems.id, prompt: writtenItems.prompt, marks: writtenItems.marks }).from(writtenItems).where(inArray(writtenItems.id, refs('written'))) : [],
    db.select({ item: assessmentAnswers.item, answer: assessmentAnswers.answer, flagged: assessmentAnswers.flagged, clientSeq: assessmentAnswers.clientSeq, savedAt: assessmentAnswers.savedAt }).from(assessmentAnswers).where(eq(assessmentAnswers.attemptId, a.id)),
  ]);
  const byId = <T extends { id: string }>(rows: T[]) => new Map(rows.map((r) => [r.id, r]));
  const [c, q, w] = [byId(caseRows), byId(questionRows), byId(writtenRows)];
  const answers = new Map(saved.map((s) => [s.item, s]));
  const sectionTitle = new Map(definition.sections.map((s) => [s.id, s.title]));
  return {
    id: a.id,
    status: 'in_progress' as const,
    title,
    startedAt: a.startedAt,
    deadline: a.deadline,
    serverNow: new Date(now),
    extraTimePercent: a.extraTimePercent,
    lastSavedAt: saved.reduce<Date | null>((latest, s) => (!latest || s.savedAt > latest ? s.savedAt : latest), null),
    sections: definition.sections.map((s) => ({ id: s.id, title: s.title, kind: s.kind, instructions: s.instructions, minutes: s.minutes })),
    items: a.items.map((it, index) => {
      const saved = answers.get(index);
      const base = {
        index,
        sectionId: it.sectionId,
        sectionTitle: sectionTitle.get(it.sectionId) ?? it.sectionId,
        answer: saved?.answer ?? null,
        flagged: saved?.flagged ?? false,
        seq: saved?.clientSeq ?? 0,
        savedAt: saved?.savedAt ?? null,
      };
      if (it.kind === 'coding') {
        const x = c.get(it.ref)!;
        return { ...base, kind: 'coding' as const, title: x.title, specialty: x.specialty, notes: x.notes };
      }
      if (it.kind === 'theory') {
        const x = q.get(it.ref)!;
        return { ...base, kind: 'theory' as const, type: x.type as 'single' | 'multiple' | 'code', stem: x.stem, options: x.options, classification: x.classification };
      }
      const x = w.get(it.ref)!;
      return { ...base, kind: 'written' as const, prompt: x.prompt, marks: x.marks };
    }),
  };
}


/** Why an answer was not kept; the message is shown to the apprentice. */
export class AnswerRefused extends AppError {
  constructor(
    public readonly reason: 'late' | 'submitted' | 'invalid',
    message: string,
  ) {
    super(`answer_${reason}`, message);
  }
}

/**
 * Saves one answer in one statement. It is kept only while the attempt is in progress and before its
 * deadline by the database's clock, and only over an older change (seq) of the same item, so a slow
 * request from another tab never replaces a newer answer. The attempt row is read FOR SHARE, so a
 * submission waits for the save to commit and then marks it, or the save waits and is refused.
 */
export async function saveAssessmentAnswer(viewer: Viewer, attemptId: string, input: unknown): Promise<{ status: 'saved' | 'stale'; savedAt: Date | null; seq: number }> {
  await authorize(viewer, 'assessment.sit', { type: 'assessment_attempt', id: attemptId });
  const parsed = AnswerInput.safeParse(input);
  if (!parsed.success) throw new AnswerRefused('invalid', parsed.error.issues[0]?.message ?? 'That answer could not be read.');
  const data = parsed.data;
  if (data.kind === 'written' && findNhsNumbers(data.answer.text).length)
    throw new AnswerRefused('invalid', 'Your answer contains what looks like an NHS number. Remove it: answers must never hold patient identifiers.');
  const db = await getDb();
  const [row] = isUuid(attemptId)
    ? await executeRows<{ open: number; saved_at: string | null }>(db, sql`
        with a as (
          select id from assessment_attempts
          where id = ${attemptId} and apprentice_id = ${viewer.userId} and status = 'in_progress' and deadline > now()
            and items -> ${data.item}::int ->> 'kind' = ${data.kind}
          for share
        ), up as (
          insert into assessment_answers (attempt_id, item, answer, flagged, client_seq)
          select id, ${data.item}, ${JSON.stringify(data.answer)}::jsonb, ${data.flagged}, ${data.seq} from a
          on conflict (attempt_id, item) do update
            set answer = excluded.answer, flagged = excluded.flagged, client_seq = excluded.client_seq, saved_at = now()
            where assessment_answers.client_seq < excluded.client_seq
          returning saved_at
        ), audit as (
          -- Every write of the data access layer is audited: a kept save, in the same statement (no round trip).
          insert into audit_log (actor_id, action, entity_type, entity_id, after)
          select ${viewer.userId}::uuid, 'assessment.answer_save', 'assessment_attempt', ${attemptId}, jsonb_build_object('item', ${data.item}::int, 'kind', ${data.kind}::text, 'seq', ${data.seq}::bigint)
          from up
        )
        select (select count(*)::int from a) as open, (select saved_at::text from up) as saved_at`)
    : [];
  if (row && Number(row.open) === 1) return row.saved_at ? { status: 'saved', savedAt: new Date(row.saved_at), seq: data.seq } : { status: 'stale', savedAt: null, seq: data.seq };
  // Not kept: say why, without telling anyone about an attempt that is not theirs.
  const [a] = isUuid(attemptId)
    ? await db.select({ status: assessmentAttempts.status, late: sql<boolean>`${assessmentAttempts.deadline} <= now()`, items: sql<number>`jsonb_array_length(${assessmentAttempts.items})` }).from(assessmentAttempts).where(and(eq(assessmentAttempts.id, attemptId), eq(assessmentAttempts.apprenticeId, viewer.userId)))
    : [];
  if (!a) {
    await recordDenied(viewer, 'assessment.sit', 'assessment_attempt', attemptId);
    throw new NotFound('assessment attempt');
  }
  if (a.status !== 'in_progress') throw new AnswerRefused('submitted', 'This paper has been submitted, so answers can no longer change.');
  if (a.late) throw new AnswerRefused('late', 'Time is up: this answer reached the server after the deadline and was not saved. The paper is being submitted as it stood.');
  throw new AnswerRefused('invalid', 'That question is not part of this paper.');
}

/** The apprentice submits before the deadline; everything a machine can mark is marked at once. */
export async function submitAssessment(viewer: Viewer, attemptId: string) {
  const { a, db } = await attemptFor(viewer, 'assessment.sit', attemptId);
  if (a.status !== 'in_progress') return { id: a.id, status: a.status };
  await db.transaction(async (tx) => {
    if (!(await submitAndMark(tx, a.id, 'apprentice'))) return;
    await writeAudit(tx, viewer, { action: 'assessment.submit', entityType: 'assessment_attempt', entityId: a.id });
    // A paper is sat in exam mode, in one go: the time from its start to this submission counts as practice
    // (issue 19, point 5), never more than the time it allowed. One submitted at its deadline counts nothing:
    // nobody can say the apprentice was there.
    const [t] = await tx
      .select({
        elapsed: sql<number>`extract(epoch from (now() - ${assessmentAttempts.startedAt}))`.mapWith(Number),
        allowed: sql<number>`extract(epoch from (${assessmentAttempts.deadline} - ${assessmentAttempts.startedAt}))`.mapWith(Number),
        ksbs: sql<string[]>`coalesce((select array_agg(distinct k order by k) from jsonb_array_elements(${assessmentAttempts.items}) i
          left join cases c on i->>'kind' = 'coding' and c.id = i->>'ref'
          left join questions q on i->>'kind' = 'theory' and q.id = i->>'ref'
          left join written_items w on i->>'kind' = 'written' and w.id = i->>'ref'
          cross join unnest(coalesce(c.ksbs, q.ksbs, w.ksbs)) k), '{}')`,
      })
      .from(assessmentAttempts)
      .where(eq(assessmentAttempts.id, a.id));
    await recordPracticeTime(tx, { apprenticeId: viewer.userId, kind: 'mock', refId: a.id, reportedSeconds: t!.elapsed, limitSeconds: t!.allowed, ksbs: t!.ksbs });
  });
  return { id: a.id, status: 'submitted' as const };
}
