import 'server-only';
import { parseInput } from '@/lib/forms/parse-input';
import { and, asc, desc, eq, exists, inArray, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import {
  apprenticeships,
  assessmentAnswers,
  assessmentAttempts,
  assessmentBlueprints,
  assessmentInvitations,
  assessmentMarks,
  assessmentSittings,
  cases,
  cohorts,
  ksbs,
  questions,
  users,
  writtenItems,
} from '@/db/schema';
import { paperMinutes, type Grade } from '@/lib/content/assessment';
import { ksbOrder } from '@/lib/content/standard';
import type { Finding, MarkingRules } from '@/lib/coding/mark';
import { Conflict, FieldError, NotFound } from '@/lib/errors';
import { ExtraTimeInput, SittingInput, WrittenMarkInput } from '@/lib/assessments/schemas';
import { titles } from '@/lib/notifications/titles';
import { apprenticeIn, apprenticeshipsIn, authorize, recordDenied, writeAudit } from './access';
import { queueNotificationEmails } from './notification-mail';
import { notify } from './notify';
import type { Scope } from './policy';
import { latestMarks, latestResult, recordResult, resultOf } from './assessment-marking';
import { attemptFor } from './assessments';
import type { Viewer } from './viewer';

const isUuid = (id: string) => z.uuid().safeParse(id).success;

/**
 * A submitted attempt's result: grade overall and per section, the paper's four audit figures,
 * every item with the answer, the expected answer and its mark (findings for cases), a per-KSB
 * breakdown and what to practise next. In progress, only its status and deadline.
 */
export async function getAttemptResult(viewer: Viewer, id: string) {
  const { a, definition, title, kind, apprenticeName, db } = await attemptFor(viewer, 'assessment.read', id);
  const head = { id: a.id, title, kind, apprenticeId: a.apprenticeId, apprenticeName, status: a.status, startedAt: a.startedAt, deadline: a.deadline, submittedAt: a.submittedAt, submittedBy: a.submittedBy, extraTimePercent: a.extraTimePercent };
  if (a.status === 'in_progress') return { ...head, result: null };
  const refs = (k: string) => a.items.filter((i) => i.kind === k).map((i) => i.ref);
  const [latest, answers, caseRows, questionRows, writtenRows, markers] = await Promise.all([
    latestMarks(db, a.id),
    db.select({ item: assessmentAnswers.item, answer: assessmentAnswers.answer, flagged: assessmentAnswers.flagged }).from(assessmentAnswers).where(eq(assessmentAnswers.attemptId, a.id)),
    refs('coding').length ? db.select({ id: cases.id, title: cases.title, ksbs: cases.ksbs, conventions: cases.conventions, specialty: cases.specialty, expected: cases.expected }).from(cases).where(inArray(cases.id, refs('coding'))) : [],
    refs('theory').length ? db.select({ id: questions.id, stem: questions.stem, options: questions.options, type: questions.type, ksbs: questions.ksbs, explanation: questions.explanation, topic: questions.topic }).from(questions).where(inArray(questions.id, refs('theory'))) : [],
    refs('written').length ? db.select({ id: writtenItems.id, prompt: writtenItems.prompt, ksbs: writtenItems.ksbs, rubric: writtenItems.rubric, marks: writtenItems.marks, topic: writtenItems.topic }).from(writtenItems).where(inArray(writtenItems.id, refs('written'))) : [],
    db.select({ id: users.id, name: users.name }).from(users).where(sql`${users.id} in (select marked_by from assessment_marks where attempt_id = ${a.id})`),
  ]);
  const byId = <T extends { id: string }>(rows: T[]) => new Map(rows.map((r) => [r.id, r]));
  const [c, q, w] = [byId(caseRows), byId(questionRows), byId(writtenRows)];
  const given = new Map(answers.map((x) => [x.item, x]));
  const markerName = new Map(markers.map((m) => [m.id, m.name]));
  const result = resultOf(definition, a.items, latest);
  const items = a.items.map((it, index) => {
    const m = latest.get(index);
    const base = {
      index,
      sectionId: it.sectionId,
      kind: it.kind,
      ref: it.ref,
      answer: given.get(index)?.answer ?? null,
      mark: m ? { score: Number(m.score), outOf: m.outOf, detail: m.detail, markedBy: m.markedBy ? (markerName.get(m.markedBy) ?? 'a trainer') : null, reason: m.reason, at: m.createdAt, id: m.id } : null,
    };
    if (it.kind === 'coding') {
      const x = c.get(it.ref)!;
      return { ...base, title: x.title, ksbs: [...x.ksbs].sort(ksbOrder), topic: x.specialty, conventions: x.conventions, rationale: x.expected, findings: ((m?.detail as { findings?: Finding[] })?.findings ?? []) as Finding[] };
    }
    if (it.kind === 'theory') {
      const x = q.get(it.ref)!;
      return { ...base, title: x.stem, ksbs: [...x.ksbs].sort(ksbOrder), topic: x.topic, options: x.options, type: x.type, explanation: x.explanation, conventions: [] as string[], findings: [] as Finding[] };
    }
    const x = w.get(it.ref)!;
    return { ...base, title: x.prompt, ksbs: [...x.ksbs].sort(ksbOrder), topic: x.topic, rubric: x.rubric, conventions: [] as string[], findings: [] as Finding[] };
  });
  // Per KSB: the marks of every marked item tagged with it.
  const perKsb = new Map<string, { score: number; outOf: number; items: number }>();
  for (const it of items) {
    if (!it.mark) continue;
    for (const k of it.ksbs) {
      const t = perKsb.get(k) ?? { score: 0, outOf: 0, items: 0 };
      perKsb.set(k, { score: t.score + it.mark.score, outOf: t.outOf + it.mark.outOf, items: t.items + 1 });
    }
  }
  const ksbText = new Map((await db.select({ code: ksbs.code, text: ksbs.text, sortOrder: ksbs.sortOrder }).from(ksbs)).map((k) => [k.code, k]));
  const ksbBreakdown = [...perKsb.entries()]
    .map(([code, t]) => ({ code, text: ksbText.get(code)?.text ?? '', order: ksbText.get(code)?.sortOrder ?? 999, ...t, percent: t.outOf ? (100 * t.score) / t.outOf : null }))
    .sort((x, y) => x.order - y.order);
  const practiseNext = ksbBreakdown.filter((k) => k.percent !== null && k.percent < definition.boundaries.pass).sort((x, y) => x.percent! - y.percent!).slice(0, 5);
  // The editions and rules the cases were marked under (every case of a paper is marked at once).
  const howMarked = items.map((it) => it.mark?.detail as { markedUnder?: { icd10: string; opcs4: string }; rules?: MarkingRules } | undefined).find((d) => d?.markedUnder && d.rules) ?? null;
  return { ...head, result, items, sections: definition.sections, boundaries: definition.boundaries, ksbBreakdown, practiseNext, howMarked: howMarked as { markedUnder: { icd10: string; opcs4: string }; rules: MarkingRules } | null };
}


/**
 * Schedules a paper for a cohort or chosen apprentices, within the viewer's reach (a trainer's own
 * assigned apprentices). The invitations are fixed now: someone joining the cohort later is not added.
 */
export async function scheduleSitting(viewer: Viewer, input: z.input<typeof SittingInput>) {
  const scope = await authorize(viewer, 'assessment.schedule');
  const data = parseInput(SittingInput, input);
  const db = await getDb();
  const [bp] = await db.select({ id: assessmentBlueprints.id }).from(assessmentBlueprints).where(eq(assessmentBlueprints.key, data.blueprintKey)).orderBy(desc(assessmentBlueprints.version)).limit(1);
  if (!bp) throw new FieldError('blueprintKey', 'Choose a paper from the list.');
  const who: SQL[] = [apprenticeshipsIn(viewer, scope), eq(apprenticeships.status, 'active')];
  if (data.cohortId) who.push(eq(apprenticeships.cohortId, data.cohortId));
  if (data.apprenticeIds.length) who.push(inArray(apprenticeships.apprenticeId, data.apprenticeIds));
  const invitees = [...new Set((await db.select({ id: apprenticeships.apprenticeId }).from(apprenticeships).where(and(...who))).map((r) => r.id))];
  // Apprentices named but out of the viewer's reach are left out, and the attempt is recorded.
  for (const refused of data.apprenticeIds.filter((a) => !invitees.includes(a))) await recordDenied(viewer, 'assessment.schedule', 'apprentice', refused);
  if (!invitees.length) throw new FieldError('apprenticeIds', data.cohortId ? 'None of your active apprentices is in that cohort.' : 'Choose at least one of your apprentices.');
  const saved = await db.transaction(async (tx) => {
    const [s] = await tx
      .insert(assessmentSittings)
      .values({ blueprintId: bp.id, cohortId: data.cohortId || null, opensAt: data.opensAt, closesAt: data.closesAt, createdBy: viewer.userId })
      .returning({ id: assessmentSittings.id });
    await tx.insert(assessmentInvitations).values(invitees.map((apprenticeId) => ({ sittingId: s!.id, apprenticeId })));
    await writeAudit(tx, viewer, { action: 'assessment.schedule', entityType: 'assessment_sitting', entityId: s!.id, after: { blueprint: data.blueprintKey, invitees: invitees.length, opensAt: data.opensAt, closesAt: data.closesAt } });
    const told = await notify(tx, { recipients: invitees, kind: 'paper_scheduled', title: titles.paperScheduled(viewer.name, new Date(data.opensAt)), link: '/apprentice/assessments', actorId: viewer.userId });
    return { result: { id: s!.id, invited: invitees.length }, told };
  });
  await queueNotificationEmails(saved.told);
  return saved.result;
}

/** The most sittings the trainer's page lists (the newest windows): a page of rows per sitting stays bounded. */
export const MAX_SITTINGS_LISTED = 200;

/** Sittings with at least one invitee the viewer may see, newest window first (at most MAX_SITTINGS_LISTED), with counts by state. */
export async function listSittings(viewer: Viewer) {
  const scope = await authorize(viewer, 'assessment.schedule');
  const db = await getDb();
  const visible = apprenticeIn(viewer, scope, assessmentInvitations.apprenticeId);
  return db
    .select({
      id: assessmentSittings.id,
      title: assessmentBlueprints.title,
      kind: assessmentBlueprints.kind,
      cohortName: cohorts.name,
      opensAt: assessmentSittings.opensAt,
      closesAt: assessmentSittings.closesAt,
      invited: sql<number>`count(*)`.mapWith(Number),
      inProgress: sql<number>`count(*) filter (where a.status = 'in_progress')`.mapWith(Number),
      submitted: sql<number>`count(*) filter (where a.status = 'submitted')`.mapWith(Number),
      marked: sql<number>`count(*) filter (where a.status = 'marked')`.mapWith(Number),
    })
    .from(assessmentSittings)
    .innerJoin(assessmentBlueprints, eq(assessmentBlueprints.id, assessmentSittings.blueprintId))
    .innerJoin(assessmentInvitations, eq(assessmentInvitations.sittingId, assessmentSittings.id))
    .leftJoin(cohorts, eq(cohorts.id, assessmentSittings.cohortId))
    .leftJoin(sql`assessment_attempts a`, sql`a.sitting_id = ${assessmentSittings.id} and a.apprentice_id = ${assessmentInvitations.apprenticeId}`)
    .where(visible)
    .groupBy(assessmentSittings.id, assessmentBlueprints.title, assessmentBlueprints.kind, cohorts.name)
    .orderBy(desc(assessmentSittings.opensAt), desc(assessmentSittings.id))
    .limit(MAX_SITTINGS_LISTED);
}

/** One sitting: each visible invitee's state (time left while in progress), grade and percent. */
export async function getSitting(viewer: Viewer, id: string) {
  const scope = await authorize(viewer, 'assessment.schedule', { type: 'assessment_sitting', id });
  const db = await getDb();
  const [s] = isUuid(id)
    ? await db
        .select({ id: assessmentSittings.id, title: assessmentBlueprints.title, definition: assessmentBlueprints.definition, cohortName: cohorts.name, opensAt: assessmentSittings.opensAt, closesAt: assessmentSittings.closesAt })
        .from(assessmentSittings)
        .innerJoin(assessmentBlueprints, eq(assessmentBlueprints.id, assessmentSittings.blueprintId))
        .leftJoin(cohorts, eq(cohorts.id, assessmentSittings.cohortId))
        .where(
          and(
            eq(assessmentSittings.id, id),
            exists(db.select({ one: sql`1` }).from(assessmentInvitations).where(and(eq(assessmentInvitations.sittingId, assessmentSittings.id), apprenticeIn(viewer, scope, assessmentInvitations.apprenticeId)))),
          ),
        )
    : [];
  if (!s) {
    await recordDenied(viewer, 'assessment.schedule', 'assessment_sitting', id);
    throw new NotFound('sitting');
  }
  const rows = await db
    .select({
      apprenticeId: users.id,
      apprenticeName: users.name,
      attemptId: assessmentAttempts.id,
      status: assessmentAttempts.status,
      deadline: assessmentAttempts.deadline,
      submittedAt: assessmentAttempts.submittedAt,
      submittedBy: assessmentAttempts.submittedBy,
      extraTimePercent: assessmentAttempts.extraTimePercent,
      ...latestResult,
      waiting: sql<number>`(select count(*) from ${writtenItemsOf} where ${isWritten} and ${unmarked})`.mapWith(Number),
    })
    .from(assessmentInvitations)
    .innerJoin(users, eq(users.id, assessmentInvitations.apprenticeId))
    .leftJoin(assessmentAttempts, and(eq(assessmentAttempts.sittingId, assessmentInvitations.sittingId), eq(assessmentAttempts.apprenticeId, assessmentInvitations.apprenticeId)))
    .where(and(eq(assessmentInvitations.sittingId, s.id), apprenticeIn(viewer, scope, assessmentInvitations.apprenticeId)))
    .orderBy(asc(users.name));
  const distribution = { fail: 0, pass: 0, distinction: 0 } as Record<Grade, number>;
  for (const r of rows) if (r.grade) distribution[r.grade]++;
  return {
    id: s.id,
    title: s.title,
    cohortName: s.cohortName,
    opensAt: s.opensAt,
    closesAt: s.closesAt,
    minutes: paperMinutes(s.definition),
    boundaries: s.definition.boundaries,
    rows: rows.map((r) => ({ ...r, state: r.status ?? ('not_started' as const), waiting: r.attemptId ? r.waiting : 0 })),
    distribution,
  };
}

// Each written item of a submitted paper, numbered from 1 (it.n), and "no mark yet" for it.
const writtenItemsOf = sql`jsonb_array_elements(${assessmentAttempts.items}) with ordinality as it(item, n)`;
const isWritten = sql`it.item->>'kind' = 'written'`;
const unmarked = sql`not exists (select 1 from assessment_marks m where m.attempt_id = ${assessmentAttempts.id} and m.item = it.n - 1)`;
/** A submitted paper with a written answer no trainer has marked yet (the reminders read it for every paper at once). */
export const writtenWaitingSql = () => sql`${assessmentAttempts.status} = 'submitted' and exists (select 1 from ${writtenItemsOf} where ${isWritten} and ${unmarked})`;
const waitingFor = (viewer: Viewer, scope: Scope) => and(eq(assessmentAttempts.status, 'submitted'), apprenticeIn(viewer, scope, assessmentAttempts.apprenticeId), unmarked);

/** Written answers waiting for a trainer's mark, oldest submission first. */
export async function listWrittenToMark(viewer: Viewer) {
  const scope = await authorize(viewer, 'assessment.mark');
  const db = await getDb();
  return db
    .select({
      attemptId: assessmentAttempts.id,
      item: sql<number>`(it.n - 1)::int`.mapWith(Number),
      writtenId: sql<string>`it.item->>'ref'`,
      apprenticeName: users.name,
      title: assessmentBlueprints.title,
      submittedAt: assessmentAttempts.submittedAt,
    })
    .from(assessmentAttempts)
    .innerJoin(users, eq(users.id, assessmentAttempts.apprenticeId))
    .innerJoin(assessmentBlueprints, eq(assessmentBlueprints.id, assessmentAttempts.blueprintId))
    .innerJoin(writtenItemsOf, isWritten)
    .where(waitingFor(viewer, scope))
    .orderBy(asc(assessmentAttempts.submittedAt), sql`it.n`);
}

/** How many written answers wait for the viewer (for the navigation's marking count). */
export async function countWrittenToMark(viewer: Viewer) {
  const scope = await authorize(viewer, 'assessment.mark');
  const db = await getDb();
  const [row] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(assessmentAttempts)
    .innerJoin(writtenItemsOf, isWritten)
    .where(waitingFor(viewer, scope));
  return row?.n ?? 0;
}


/**
 * A trainer's mark of a written answer against its rubric, appended to the item's marks; a remark
 * needs a reason and both stay in the audit log. The paper is graded again in the same transaction.
 */
export async function markWrittenAnswer(viewer: Viewer, input: z.input<typeof WrittenMarkInput>) {
  const data = parseInput(WrittenMarkInput, input);
  const { a, db } = await attemptFor(viewer, 'assessment.mark', data.attemptId);
  const it = a.items[data.item];
  if (!it || it.kind !== 'written') throw new NotFound('written answer');
  if (a.status === 'in_progress') throw new Conflict('This paper is still being sat; mark it once it is submitted.');
  const [w] = await db.select({ rubric: writtenItems.rubric, marks: writtenItems.marks }).from(writtenItems).where(eq(writtenItems.id, it.ref));
  if (!w) throw new NotFound('written item');
  if (data.criteria.length !== w.rubric.length) throw new FieldError('criteria', 'Give a mark for each criterion.');
  const over = data.criteria.findIndex((m, i) => m > w.rubric[i]!.marks);
  if (over >= 0) throw new FieldError(`criteria.${over}`, `This criterion carries at most ${w.rubric[over]!.marks} marks.`);
  const saved = await db.transaction(async (tx) => {
    // Lock the attempt so two markers are taken one after the other.
    await tx.select({ id: assessmentAttempts.id }).from(assessmentAttempts).where(eq(assessmentAttempts.id, a.id)).for('update');
    const [standing] = await tx
      .select({ id: assessmentMarks.id, markedBy: users.name, score: assessmentMarks.score, outOf: assessmentMarks.outOf })
      .from(assessmentMarks)
      .leftJoin(users, eq(users.id, assessmentMarks.markedBy))
      .where(and(eq(assessmentMarks.attemptId, a.id), eq(assessmentMarks.item, data.item)))
      .orderBy(desc(assessmentMarks.id))
      .limit(1);
    if ((standing?.id ?? 0) !== data.basedOn)
      throw new Conflict(`${standing?.markedBy ?? 'Someone'} marked this answer meanwhile (${Number(standing?.score)} of ${standing?.outOf}). Reload to see their mark before changing it.`);
    if (standing && !data.reason) throw new FieldError('reason', 'This answer is already marked: say why you are changing the mark.');
    const score = data.criteria.reduce((t, m) => t + m, 0);
    await tx.insert(assessmentMarks).values({
      attemptId: a.id,
      item: data.item,
      score,
      outOf: w.marks,
      detail: { criteria: data.criteria, feedback: data.feedback },
      markedBy: viewer.userId,
      reason: standing ? data.reason : null,
    });
    const result = await recordResult(tx, a.id, viewer.userId);
    await writeAudit(tx, viewer, {
      action: standing ? 'assessment.remark' : 'assessment.mark',
      entityType: 'assessment_attempt',
      entityId: a.id,
      before: standing ? { item: data.item, score: Number(standing.score), outOf: standing.outOf } : null,
      after: { item: data.item, score, outOf: w.marks, reason: standing ? data.reason : undefined, grade: result.grade },
    });
    // The apprentice hears once the paper is wholly marked (and of any change of mark after that).
    const told = result.pending ? [] : await notify(tx, { recipients: [a.apprenticeId], kind: 'paper_marked', title: titles.paperMarked(viewer.name, Boolean(standing)), link: `/assessments/${a.id}`, actorId: viewer.userId });
    return { result: { score, outOf: w.marks, grade: result.grade, pending: result.pending }, told };
  });
  await queueNotificationEmails(saved.told);
  return saved.result;
}

/** The written answer with its rubric and the marker's guidance, for the trainer marking it. */
export async function getWrittenForMarking(viewer: Viewer, attemptId: string, item: number) {
  const { a, title, apprenticeName, db } = await attemptFor(viewer, 'assessment.mark', attemptId);
  const it = a.items[item];
  if (!it || it.kind !== 'written' || a.status === 'in_progress') throw new NotFound('written answer');
  const [[w], [answer], latest] = await Promise.all([
    db.select().from(writtenItems).where(eq(writtenItems.id, it.ref)),
    db.select({ answer: assessmentAnswers.answer }).from(assessmentAnswers).where(and(eq(assessmentAnswers.attemptId, a.id), eq(assessmentAnswers.item, item))),
    latestMarks(db, a.id),
  ]);
  if (!w) throw new NotFound('written item');
  const m = latest.get(item);
  return {
    attemptId: a.id,
    item,
    title,
    apprenticeName,
    submittedAt: a.submittedAt,
    prompt: w.prompt,
    ksbs: [...w.ksbs].sort(ksbOrder),
    rubric: w.rubric,
    guidance: w.guidance,
    marks: w.marks,
    answer: ((answer?.answer as { text?: string } | undefined)?.text ?? '').trim(),
    standing: m ? { id: m.id, score: Number(m.score), outOf: m.outOf, detail: m.detail as { criteria?: number[]; feedback?: string }, reason: m.reason, at: m.createdAt } : null,
  };
}


/** Records extra time on timed papers as a reasonable adjustment; papers started from now on use it. */
export async function setExtraTime(viewer: Viewer, input: z.input<typeof ExtraTimeInput>) {
  const scope = await authorize(viewer, 'adjustments.manage', { type: 'apprenticeship', id: String(input.apprenticeshipId) });
  const data = parseInput(ExtraTimeInput, input);
  const db = await getDb();
  const [before] = await db.select({ extra: apprenticeships.extraTimePercent }).from(apprenticeships).where(and(eq(apprenticeships.id, data.apprenticeshipId), apprenticeshipsIn(viewer, scope)));
  if (!before) {
    await recordDenied(viewer, 'adjustments.manage', 'apprenticeship', data.apprenticeshipId);
    throw new NotFound('apprenticeship');
  }
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(apprenticeships)
      .set({ extraTimePercent: data.percent, version: sql`${apprenticeships.version} + 1` })
      .where(and(eq(apprenticeships.id, data.apprenticeshipId), eq(apprenticeships.version, data.version)))
      .returning({ version: apprenticeships.version });
    if (!row) throw new Conflict('Someone else changed this apprenticeship meanwhile. Reload and try again.');
    await writeAudit(tx, viewer, { action: 'apprenticeship.extra_time', entityType: 'apprenticeship', entityId: data.apprenticeshipId, before: { extraTimePercent: before.extra }, after: { extraTimePercent: data.percent } });
    return { percent: data.percent, version: row.version };
  });
}
