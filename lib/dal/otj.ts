import 'server-only';
import { parseInput } from '@/lib/forms/parse-input';
import { and, desc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { getDb, type DbOrTx } from '@/db/client';
import { apprenticeships, ksbs, otjEntries, practiceTime, users } from '@/db/schema';
import { Conflict, FieldError, NotFound } from '@/lib/errors';
import { formatDate } from '@/lib/format';
import { MAX_HOURS_PER_DAY, OTJ_STATUS_LABEL, OtjBulkAccept, OtjDelete, OtjInput, OtjReview, OtjUpdate, PracticeTimeConfirm, toMinutes, type OtjActivityType } from '@/lib/otj/schemas';
import { practiceDays } from '@/lib/practice/otj-offer';
import type { PracticeKind } from '@/lib/practice/active-time';
import { formatHours, otjProgress, ukToday, weeklySeries } from '@/lib/otj/plan';
import { findNhsNumbers } from '@/lib/privacy/nhs-number';
import { movedPlannedEnd, onBreak, otjExpectedBy } from '@/lib/funding/schedule';
import { otjRuleSummary } from '@/lib/funding/rule-summary';
import { apprenticeIn, apprenticeshipsIn, authorize, recordDenied, writeAudit } from './access';
import { fundingSettings } from './funding-settings';
import { learningSchedule } from './schedules';
import type { Viewer } from './viewer';

const reviewer = alias(users, 'reviewer');
const isUuid = (id: string) => z.uuid().safeParse(id).success;
const minutesSum = (filter?: ReturnType<typeof sql>) =>
  (filter ? sql<number>`coalesce(sum(${otjEntries.minutes}) filter (where ${filter}), 0)` : sql<number>`coalesce(sum(${otjEntries.minutes}), 0)`).mapWith(Number);

/** Employers see the totals, not what was done: descriptions and comments stay with the apprentice and trainer. */
const seesDescriptions = (viewer: Viewer) => viewer.role !== 'employer';

/** The apprenticeship, if the viewer may read its off-the-job log; otherwise the same 404 as a missing one. */
async function readableApprenticeship(viewer: Viewer, apprenticeshipId: string) {
  const scope = await authorize(viewer, 'otj.read', { type: 'apprenticeship', id: apprenticeshipId });
  if (!isUuid(apprenticeshipId)) throw new NotFound('apprenticeship');
  const db = await getDb();
  const [a] = await db
    .select({
      id: apprenticeships.id,
      apprenticeId: apprenticeships.apprenticeId,
      startDate: apprenticeships.startDate,
      plannedEndDate: apprenticeships.plannedEndDate,
      plannedOtjHours: apprenticeships.plannedOtjHours,
      weeklyHours: apprenticeships.weeklyHours,
    })
    .from(apprenticeships)
    .where(and(eq(apprenticeships.id, apprenticeshipId), apprenticeshipsIn(viewer, scope)));
  if (!a) {
    await recordDenied(viewer, 'otj.read', 'apprenticeship', apprenticeshipId);
    throw new NotFound('apprenticeship');
  }
  return { a, scope, db };
}

const entryColumns = {
  id: otjEntries.id,
  apprenticeId: otjEntries.apprenticeId,
  activityDate: otjEntries.activityDate,
  minutes: otjEntries.minutes,
  activityType: otjEntries.activityType,
  description: otjEntries.description,
  ksbs: otjEntries.ksbs,
  status: otjEntries.status,
  reviewComment: otjEntries.reviewComment,
  reviewedAt: otjEntries.reviewedAt,
  reviewerName: reviewer.name,
  rowVersion: otjEntries.rowVersion,
};
function toDto<E extends { apprenticeId: string; status: 'logged' | 'accepted' | 'queried'; minutes: number; description: string; reviewComment: string | null }>(viewer: Viewer, e: E) {
  const open = e.status !== 'accepted';
  return {
    ...e,
    hours: e.minutes / 60,
    description: seesDescriptions(viewer) ? e.description : null,
    reviewComment: seesDescriptions(viewer) ? e.reviewComment : null,
    // The apprentice changes their own entries until the trainer accepts them; the trainer decides until then too.
    editable: viewer.role === 'apprentice' && e.apprenticeId === viewer.userId && open,
    reviewable: viewer.role === 'trainer' && open,
  };
}

/** The apprentice's off-the-job entries for an apprenticeship, newest first. Employers get no descriptions. */
export async function listOtjEntries(viewer: Viewer, apprenticeshipId: string) {
  const { a, scope, db } = await readableApprenticeship(viewer, apprenticeshipId);
  const rows = await db
    .select(entryColumns)
    .from(otjEntries)
    .leftJoin(reviewer, eq(reviewer.id, otjEntries.reviewerId))
    .where(and(eq(otjEntries.apprenticeId, a.apprenticeId), apprenticeIn(viewer, scope, otjEntries.apprenticeId)))
    .orderBy(desc(otjEntries.activityDate), desc(otjEntries.createdAt), desc(otjEntries.id))
    .limit(2000);
  return rows.map((e) => toDto(viewer, e));
}

/** One entry (for editing, or before a decision). */
export async function getOtjEntry(viewer: Viewer, id: string) {
  const scope = await authorize(viewer, 'otj.read', { type: 'otj_entry', id });
  if (!isUuid(id)) throw new NotFound('otj_entry');
  const db = await getDb();
  const [e] = await db
    .select(entryColumns)
    .from(otjEntries)
    .leftJoin(reviewer, eq(reviewer.id, otjEntries.reviewerId))
    .where(and(eq(otjEntries.id, id), apprenticeIn(viewer, scope, otjEntries.apprenticeId)));
  if (!e) {
    await recordDenied(viewer, 'otj.read', 'otj_entry', id);
    throw new NotFound('otj_entry');
  }
  return toDto(viewer, e);
}

/**
 * Totals, hours per activity type, the plan to date, the behind flag and the weekly series for the
 * chart, summed by the database (three grouped queries, whatever the number of entries).
 * Queried hours do not count toward the plan until the apprentice answers the query: counting
 * hours the trainer doubts would hide a shortfall.
 */
export async function getOtjSummary(viewer: Viewer, apprenticeshipId: string, asOf: string = ukToday()) {
  const { a, scope, db } = await readableApprenticeship(viewer, apprenticeshipId);
  const mine = and(eq(otjEntries.apprenticeId, a.apprenticeId), apprenticeIn(viewer, scope, otjEntries.apprenticeId));
  const [totals, byType, daily] = await Promise.all([
    db
      .select({
        entries: sql<number>`count(*)`.mapWith(Number),
        total: minutesSum(),
        accepted: minutesSum(sql`${otjEntries.status} = 'accepted'`),
        queried: minutesSum(sql`${otjEntries.status} = 'queried'`),
        awaiting: minutesSum(sql`${otjEntries.status} = 'logged'`),
      })
      .from(otjEntries)
      .where(mine),
    db
      .select({ activityType: otjEntries.activityType, minutes: minutesSum() })
      .from(otjEntries)
      .where(mine)
      .groupBy(otjEntries.activityType),
    db
      .select({ date: otjEntries.activityDate, minutes: minutesSum(sql`${otjEntries.status} <> 'queried'`) })
      .from(otjEntries)
      .where(mine)
      .groupBy(otjEntries.activityDate),
  ]);
  const t = totals[0]!;
  // The expectation follows the learning schedule: the signed plan in force and breaks in learning.
  const [schedule, funding] = await Promise.all([learningSchedule(db, a.id), fundingSettings(db)]);
  const sched = schedule ?? { startDate: a.startDate, plannedEndDate: a.plannedEndDate, plannedOtjHours: a.plannedOtjHours, plan: null, breaks: [] };
  const plan = { startDate: sched.startDate, plannedEndDate: movedPlannedEnd(sched, asOf), plannedOtjHours: sched.plannedOtjHours };
  const countedHours = (t.total - t.queried) / 60;
  const onBreakNow = onBreak(sched, asOf);
  const expected = (d: string) => otjExpectedBy(sched, d);
  const progress = otjProgress(plan, countedHours, asOf, expected);
  return {
    apprenticeshipId: a.id,
    apprenticeId: a.apprenticeId,
    asOf,
    plan: { ...plan, weeklyHours: a.weeklyHours },
    entries: t.entries,
    loggedHours: t.total / 60,
    acceptedHours: t.accepted / 60,
    queriedHours: t.queried / 60,
    awaitingHours: t.awaiting / 60,
    countedHours,
    byType: byType.map((r) => ({ activityType: r.activityType as OtjActivityType, hours: r.minutes / 60 })).sort((x, y) => y.hours - x.hours),
    // During a break the expectation is paused: nobody is behind for it.
    progress: onBreakNow ? { ...progress, behind: false } : progress,
    breakSince: onBreakNow?.startDate ?? null,
    planVersion: sched.plan?.version ?? null,
    rule: otjRuleSummary(a.startDate, a.weeklyHours, sched.plannedOtjHours, countedHours, funding),
    series: weeklySeries(
      plan,
      daily.map((d) => ({ date: d.date, hours: d.minutes / 60 })),
      asOf,
      expected,
    ),
  };
}
export type OtjSummary = Awaited<ReturnType<typeof getOtjSummary>>;

// ---- writes ----------------------------------------------------------------------------------

function refusePatientIdentifiers(field: string, label: string, text: string) {
  const [found] = findNhsNumbers(text);
  if (found)
    throw new FieldError(
      field,
      `The ${label} contains “${found.text}”, which looks like an NHS number. The log must never hold patient data: remove it (or describe the patient without identifiers) and save again.`,
    );
}

/** The apprentice's current (latest) apprenticeship: its weekly hours cap a day, its standard names the KSBs. */
async function ownApprenticeship(db: DbOrTx, viewer: Viewer) {
  const [a] = await db
    .select({ id: apprenticeships.id, startDate: apprenticeships.startDate, weeklyHours: apprenticeships.weeklyHours, standardId: apprenticeships.standardId })
    .from(apprenticeships)
    .where(eq(apprenticeships.apprenticeId, viewer.userId))
    .orderBy(desc(apprenticeships.startDate))
    .limit(1);
  if (!a) throw new Conflict('No apprenticeship is recorded for you yet, so off-the-job training cannot be logged. Ask your training provider to add it.');
  return a;
}

type Entry = z.output<typeof OtjInput>;

async function checkEntry(db: DbOrTx, a: Awaited<ReturnType<typeof ownApprenticeship>>, data: Entry) {
  refusePatientIdentifiers('description', 'description', data.description);
  if (data.activityDate < a.startDate)
    throw new FieldError('activityDate', `Your apprenticeship started on ${formatDate(a.startDate)}: training before then (${formatDate(data.activityDate)}) is not off-the-job training for it.`);
  const codes = [...new Set(data.ksbs)];
  const known = await db
    .select({ code: ksbs.code })
    .from(ksbs)
    .where(and(eq(ksbs.standardId, a.standardId), inArray(ksbs.code, codes)));
  if (known.length !== codes.length) {
    const unknown = codes.filter((c) => !known.some((k) => k.code === c));
    throw new FieldError('ksbs', `${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not in your standard: choose knowledge, skills and behaviours from the list.`);
  }
}

/**
 * A day holds at most 24 hours, and no more off-the-job training than the apprentice's weekly
 * contracted hours (a day above a whole week's hours is a typing slip, not training). Run inside
 * the write's transaction after lockApprentice, so two entries saved at once cannot both squeeze in.
 */
async function checkDayTotal(tx: DbOrTx, apprenticeId: string, weeklyHours: number, date: string, minutes: number, exceptId?: string) {
  const [row] = await tx
    .select({ minutes: minutesSum() })
    .from(otjEntries)
    .where(and(eq(otjEntries.apprenticeId, apprenticeId), eq(otjEntries.activityDate, date), exceptId ? ne(otjEntries.id, exceptId) : undefined));
  const other = row!.minutes / 60;
  const hours = minutes / 60;
  const total = other + hours;
  const already = other > 0 ? `You have already logged ${formatHours(other)} hours on ${formatDate(date)}; with these ${formatHours(hours)} hours that makes ${formatHours(total)}` : `${formatHours(hours)} hours on ${formatDate(date)}`;
  if (total > MAX_HOURS_PER_DAY) throw new FieldError('hours', `${already}, more than the ${MAX_HOURS_PER_DAY} hours in a day.`);
  if (total > weeklyHours)
    throw new FieldError('hours', `${already}, more than your weekly contracted hours (${formatHours(weeklyHours)}). Check the hours, or log the activity on each day it took.`);
}

/** One writer at a time per apprentice: the day total is read and written under this lock. */
async function lockApprentice(tx: DbOrTx, apprenticeshipId: string) {
  await tx.select({ id: apprenticeships.id }).from(apprenticeships).where(eq(apprenticeships.id, apprenticeshipId)).for('update');
}

/** Why a versioned write matched no row: gone, already accepted, or changed since it was read. */
async function refusedWrite(tx: DbOrTx, id: string, who: 'apprentice' | 'trainer'): Promise<never> {
  const [current] = await tx
    .select({ status: otjEntries.status, reviewComment: otjEntries.reviewComment, reviewedAt: otjEntries.reviewedAt, reviewerName: reviewer.name })
    .from(otjEntries)
    .leftJoin(reviewer, eq(reviewer.id, otjEntries.reviewerId))
    .where(eq(otjEntries.id, id));
  if (!current) throw new Conflict('This entry has been deleted since you opened it.');
  if (current.status === 'accepted')
    throw new Conflict(
      `This entry was accepted${current.reviewerName ? ` by ${current.reviewerName}` : ''}${current.reviewedAt ? ` on ${formatDate(current.reviewedAt)}` : ''}, so it can no longer be changed.`,
    );
  const now = `It is now “${OTJ_STATUS_LABEL[current.status]}”${current.reviewComment ? ` with the comment “${current.reviewComment}”` : ''}.`;
  throw new Conflict(
    who === 'trainer'
      ? `This entry changed after you opened it. ${now} Nothing was saved: reload to see it before deciding.`
      : `This entry was changed in another tab or window after you opened it. ${now} Your changes are still here: copy anything you need, then reload.`,
  );
}

/** Only the apprentice's own entry may be written; checked outside the transaction so the refusal's audit entry stays. */
async function requireOwn(viewer: Viewer, id: string) {
  const db = await getDb();
  const [row] = isUuid(id) ? await db.select({ apprenticeId: otjEntries.apprenticeId }).from(otjEntries).where(eq(otjEntries.id, id)) : [];
  if (!row || row.apprenticeId !== viewer.userId) {
    await recordDenied(viewer, 'otj.write', 'otj_entry', id);
    throw new NotFound('otj_entry');
  }
  return db;
}

const auditFieldsOf = (e: typeof otjEntries.$inferSelect) => ({ activityDate: e.activityDate, minutes: e.minutes, activityType: e.activityType, description: e.description, ksbs: e.ksbs });
const auditFields = (d: Entry) => ({ activityDate: d.activityDate, minutes: toMinutes(d.hours), activityType: d.activityType, description: d.description, ksbs: d.ksbs });

/** The apprentice logs an activity. */
export async function createOtjEntry(viewer: Viewer, input: z.input<typeof OtjInput>) {
  await authorize(viewer, 'otj.write', { type: 'otj_entry' });
  const data = parseInput(OtjInput, input);
  const db = await getDb();
  const a = await ownApprenticeship(db, viewer);
  await checkEntry(db, a, data);
  return db.transaction(async (tx) => {
    await lockApprentice(tx, a.id);
    const fields = auditFields(data);
    await checkDayTotal(tx, viewer.userId, a.weeklyHours, data.activityDate, fields.minutes);
    const [row] = await tx
      .insert(otjEntries)
      .values({ ...fields, ksbs: [...new Set(fields.ksbs)], apprenticeId: viewer.userId })
      .returning({ id: otjEntries.id, rowVersion: otjEntries.rowVersion });
    await writeAudit(tx, viewer, { action: 'otj.create', entityType: 'otj_entry', entityId: row!.id, after: fields });
    return row!;
  });
}

/** The apprentice edits an entry not yet accepted; a queried entry edited goes back to the trainer as logged. */
export async function updateOtjEntry(viewer: Viewer, input: z.input<typeof OtjUpdate>) {
  await authorize(viewer, 'otj.write', { type: 'otj_entry', id: input.id });
  const { id, rowVersion, ...data } = parseInput(OtjUpdate, input);
  const db = await requireOwn(viewer, id);
  const a = await ownApprenticeship(db, viewer);
  await checkEntry(db, a, data);
  return db.transaction(async (tx) => {
    await lockApprentice(tx, a.id);
    const fields = auditFields(data);
    await checkDayTotal(tx, viewer.userId, a.weeklyHours, data.activityDate, fields.minutes, id);
    const [before] = await tx.select().from(otjEntries).where(eq(otjEntries.id, id));
    const [after] = await tx
      .update(otjEntries)
      .set({ ...fields, ksbs: [...new Set(fields.ksbs)], status: 'logged', rowVersion: sql`${otjEntries.rowVersion} + 1` })
      .where(and(eq(otjEntries.id, id), eq(otjEntries.apprenticeId, viewer.userId), eq(otjEntries.rowVersion, rowVersion), inArray(otjEntries.status, ['logged', 'queried'])))
      .returning({ id: otjEntries.id, rowVersion: otjEntries.rowVersion, status: otjEntries.status });
    if (!after) return refusedWrite(tx, id, 'apprentice');
    await writeAudit(tx, viewer, {
      action: 'otj.update',
      entityType: 'otj_entry',
      entityId: id,
      before: before && { ...auditFieldsOf(before), status: before.status },
      after: { ...fields, status: after.status },
    });
    return after;
  });
}

/** The apprentice deletes an entry not yet accepted (an accepted entry is part of the record). */
export async function deleteOtjEntry(viewer: Viewer, input: z.input<typeof OtjDelete>) {
  await authorize(viewer, 'otj.write', { type: 'otj_entry', id: input.id });
  const { id, rowVersion } = parseInput(OtjDelete, input);
  const db = await requireOwn(viewer, id);
  return db.transaction(async (tx) => {
    const [gone] = await tx
      .delete(otjEntries)
      .where(and(eq(otjEntries.id, id), eq(otjEntries.apprenticeId, viewer.userId), eq(otjEntries.rowVersion, rowVersion), ne(otjEntries.status, 'accepted')))
      .returning();
    if (!gone) return refusedWrite(tx, id, 'apprentice');
    await writeAudit(tx, viewer, { action: 'otj.delete', entityType: 'otj_entry', entityId: id, before: { ...auditFieldsOf(gone), status: gone.status } });
    return { id };
  });
}

/** The trainer accepts an entry, or queries it with a comment the apprentice sees. */
export async function reviewOtjEntry(viewer: Viewer, input: z.input<typeof OtjReview>) {
  const scope = await authorize(viewer, 'otj.review', { type: 'otj_entry', id: input.id });
  const data = parseInput(OtjReview, input);
  refusePatientIdentifiers('comment', 'comment', data.comment);
  const db = await getDb();
  const [visible] = await db
    .select({ id: otjEntries.id })
    .from(otjEntries)
    .where(and(eq(otjEntries.id, data.id), apprenticeIn(viewer, scope, otjEntries.apprenticeId)));
  if (!visible) {
    await recordDenied(viewer, 'otj.review', 'otj_entry', data.id);
    throw new NotFound('otj_entry');
  }
  const status = data.decision === 'accept' ? 'accepted' : 'queried';
  return db.transaction(async (tx) => {
    const [after] = await tx
      .update(otjEntries)
      .set({ status, reviewerId: viewer.userId, reviewComment: data.comment || null, reviewedAt: sql`now()`, rowVersion: sql`${otjEntries.rowVersion} + 1` })
      .where(and(eq(otjEntries.id, data.id), eq(otjEntries.rowVersion, data.rowVersion), ne(otjEntries.status, 'accepted')))
      .returning({ id: otjEntries.id, rowVersion: otjEntries.rowVersion, status: otjEntries.status });
    if (!after) return refusedWrite(tx, data.id, 'trainer');
    await writeAudit(tx, viewer, { action: `otj.${data.decision}`, entityType: 'otj_entry', entityId: data.id, after: { status, comment: data.comment || null } });
    return after;
  });
}

/**
 * The trainer accepts several entries at once with one comment (issue 17, point 6). All or nothing:
 * one transaction, each entry's UPDATE checked against the row version the trainer saw, so if any
 * one was edited, deleted or decided meanwhile nothing is accepted and the message names that entry.
 * An audit entry per entry, as if each had been accepted on its own. Any entry of an apprentice the
 * trainer is not assigned to makes the whole call the same 404 as a missing entry.
 */
export async function acceptOtjEntries(viewer: Viewer, input: OtjBulkAccept) {
  const scope = await authorize(viewer, 'otj.review', { type: 'otj_entry', id: input?.entries?.[0]?.id });
  const data = parseInput(OtjBulkAccept, input);
  refusePatientIdentifiers('comment', 'comment', data.comment);
  const ids = data.entries.map((e) => e.id);
  const db = await getDb();
  const visible = await db
    .select({ id: otjEntries.id })
    .from(otjEntries)
    .where(and(inArray(otjEntries.id, ids), apprenticeIn(viewer, scope, otjEntries.apprenticeId)));
  const hidden = ids.filter((id) => !visible.some((v) => v.id === id));
  if (hidden.length) {
    for (const id of hidden) await recordDenied(viewer, 'otj.review', 'otj_entry', id);
    throw new NotFound('otj_entry');
  }
  const comment = data.comment || null;
  return db.transaction(async (tx) => {
    const accepted: { id: string; rowVersion: number }[] = [];
    for (const entry of data.entries) {
      const [after] = await tx
        .update(otjEntries)
        .set({ status: 'accepted', reviewerId: viewer.userId, reviewComment: comment, reviewedAt: sql`now()`, rowVersion: sql`${otjEntries.rowVersion} + 1` })
        .where(and(eq(otjEntries.id, entry.id), eq(otjEntries.rowVersion, entry.rowVersion), ne(otjEntries.status, 'accepted')))
        .returning({ id: otjEntries.id, rowVersion: otjEntries.rowVersion });
      // Throwing rolls back the entries already accepted in this transaction.
      if (!after) await refusedInBulk(tx, entry.id, data.entries.length);
      accepted.push(after!);
      await writeAudit(tx, viewer, { action: 'otj.accept', entityType: 'otj_entry', entityId: entry.id, after: { status: 'accepted', comment, together: data.entries.length } });
    }
    return { accepted: accepted.length, entries: accepted };
  });
}

/** Why one entry of a bulk accept matched no row, naming the entry, and that nothing was accepted. */
async function refusedInBulk(tx: DbOrTx, id: string, count: number): Promise<never> {
  const [current] = await tx
    .select({ activityDate: otjEntries.activityDate, minutes: otjEntries.minutes, status: otjEntries.status, reviewerName: reviewer.name })
    .from(otjEntries)
    .leftJoin(reviewer, eq(reviewer.id, otjEntries.reviewerId))
    .where(eq(otjEntries.id, id));
  const none = count === 1 ? 'Nothing was accepted' : `None of the ${count} entries was accepted`;
  if (!current) throw new Conflict(`${none}: one of them has been deleted since you opened the page. Reload to see the log as it is now, then select again.`);
  const which = `the entry of ${formatDate(current.activityDate)} (${formatHours(current.minutes / 60)} hours)`;
  const why =
    current.status === 'accepted'
      ? `was accepted${current.reviewerName ? ` by ${current.reviewerName}` : ''} after you opened the page`
      : `changed after you opened the page (it is now “${OTJ_STATUS_LABEL[current.status]}”)`;
  throw new Conflict(`${none}: ${which} ${why}. Reload to see it, then select again.`);
}

// ---- practice time as off-the-job training (issue 19, point 5) -----------------------------------

/** The apprentice's practice not yet logged, day by day (lib/practice/otj-offer.ts). */
export async function getPracticeTimeOffer(viewer: Viewer) {
  await authorize(viewer, 'otj.write', { type: 'otj_entry' });
  const db = await getDb();
  const rows = await db
    .select({ id: practiceTime.id, kind: practiceTime.kind, activityDate: practiceTime.activityDate, activeSeconds: practiceTime.activeSeconds, ksbs: practiceTime.ksbs })
    .from(practiceTime)
    .where(and(eq(practiceTime.apprenticeId, viewer.userId), isNull(practiceTime.otjEntryId)))
    .orderBy(desc(practiceTime.activityDate), practiceTime.id);
  return practiceDays(rows.map((r) => ({ ...r, kind: r.kind as PracticeKind })));
}

/**
 * Logs the chosen days of practice as off-the-job entries in one step, each as "Practical training" with its
 * description and KSBs, for the trainer to review like any other entry. One transaction: every day or none.
 * A day's practice rows are claimed by the entry; if another tab logged them first, nothing is saved.
 */
export async function confirmPracticeTime(viewer: Viewer, input: z.input<typeof PracticeTimeConfirm>) {
  await authorize(viewer, 'otj.write', { type: 'otj_entry' });
  const { dates } = parseInput(PracticeTimeConfirm, input);
  const db = await getDb();
  const a = await ownApprenticeship(db, viewer);
  const offer = (await getPracticeTimeOffer(viewer)).filter((d) => dates.includes(d.activityDate));
  const missing = dates.filter((d) => !offer.some((o) => o.activityDate === d));
  if (missing.length) throw new Conflict(`The practice of ${missing.map((d) => formatDate(d)).join(', ')} has already been logged, or there is none: reload to see what is left.`);
  const tooShort = offer.filter((d) => d.minutes === 0);
  if (tooShort.length) throw new FieldError('dates', `${tooShort.map((d) => formatDate(d.activityDate)).join(', ')}: less than a quarter of an hour of practice, not enough to log.`);
  // The form has one field, the days: a day an entry could not be made for is named in its message.
  const asDays = async (check: () => Promise<void>) => {
    try {
      await check();
    } catch (e) {
      throw e instanceof FieldError ? new FieldError('dates', e.userMessage) : e;
    }
  };
  for (const day of offer) await asDays(() => checkEntry(db, a, { activityDate: day.activityDate, hours: day.minutes / 60, activityType: 'practical_training', description: day.description, ksbs: day.ksbs }));
  return db.transaction(async (tx) => {
    await lockApprentice(tx, a.id);
    const ids: string[] = [];
    for (const day of offer) {
      await asDays(() => checkDayTotal(tx, viewer.userId, a.weeklyHours, day.activityDate, day.minutes));
      const fields = { activityDate: day.activityDate, minutes: day.minutes, activityType: 'practical_training' as const, description: day.description, ksbs: day.ksbs };
      const [row] = await tx.insert(otjEntries).values({ ...fields, apprenticeId: viewer.userId }).returning({ id: otjEntries.id });
      const claimed = await tx
        .update(practiceTime)
        .set({ otjEntryId: row!.id })
        .where(and(eq(practiceTime.apprenticeId, viewer.userId), inArray(practiceTime.id, day.rowIds), isNull(practiceTime.otjEntryId)))
        .returning({ id: practiceTime.id });
      if (claimed.length !== day.rowIds.length) throw new Conflict(`The practice of ${formatDate(day.activityDate)} was logged in another tab or window just now: nothing was saved. Reload to see it.`);
      await writeAudit(tx, viewer, { action: 'otj.create', entityType: 'otj_entry', entityId: row!.id, after: { ...fields, fromPractice: day.rowIds.length } });
      ids.push(row!.id);
    }
    return { ids, minutes: offer.reduce((s, d) => s + d.minutes, 0) };
  });
}
