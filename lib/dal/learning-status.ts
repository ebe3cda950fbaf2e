import 'server-only';
import { and, asc, eq, isNull, lte, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, type DbOrTx } from '@/db/client';
import { apprenticeships, learningBreaks, otjEntries } from '@/db/schema';
import { Conflict, FieldError, NotFound } from '@/lib/errors';
import { formatDate } from '@/lib/format';
import { parseInput } from '@/lib/forms/parse-input';
import { BreakEndInput, BreakStartInput, OutcomeInput } from '@/lib/funding/schemas';
import { movedPlannedEnd, onBreak } from '@/lib/funding/schedule';
import { withdrawReasonLabel } from '@/lib/funding/withdraw-reasons';
import { isoOfUtcDay, ukToday, utcDay } from '@/lib/otj/plan';
import { apprenticeshipsIn, authorize, recordDenied, writeAudit } from './access';
import type { Permission, Scope } from './policy';
import { scheduleOf } from './schedules';
import type { Viewer } from './viewer';

const isUuid = (id: string) => z.uuid().safeParse(id).success;
const STALE = 'Someone else changed this apprenticeship meanwhile. Reload the page and try again.';

async function apprenticeshipFor(db: DbOrTx, viewer: Viewer, scope: Scope, permission: Permission, id: string) {
  const [a] = isUuid(id)
    ? await db
        .select({
          id: apprenticeships.id,
          apprenticeId: apprenticeships.apprenticeId,
          startDate: apprenticeships.startDate,
          plannedEndDate: apprenticeships.plannedEndDate,
          plannedOtjHours: apprenticeships.plannedOtjHours,
          status: apprenticeships.status,
          actualEndDate: apprenticeships.actualEndDate,
          actualOtjHours: apprenticeships.actualOtjHours,
          withdrawReason: apprenticeships.withdrawReason,
          version: apprenticeships.version,
        })
        .from(apprenticeships)
        .where(and(eq(apprenticeships.id, id), apprenticeshipsIn(viewer, scope)))
    : [];
  if (!a) {
    await recordDenied(viewer, permission, 'apprenticeship', id);
    throw new NotFound('apprenticeship');
  }
  return a;
}

/**
 * An apprenticeship's learning status for its page: breaks in learning (newest first), the one going on, the
 * planned end moved by the breaks, and the outcome once completed or withdrawn. Everyone who may read the
 * apprenticeship sees it; `canManage` says whether the viewer records breaks and the outcome.
 */
export async function getLearningStatus(viewer: Viewer, apprenticeshipId: string, asOf: string = ukToday()) {
  const scope = await authorize(viewer, 'apprenticeship.read', { type: 'apprenticeship', id: apprenticeshipId });
  const db = await getDb();
  const a = await apprenticeshipFor(db, viewer, scope, 'apprenticeship.read', apprenticeshipId);
  const [schedule, breaks] = await Promise.all([
    scheduleOf(db, a),
    db
      .select({ id: learningBreaks.id, startDate: learningBreaks.startDate, endDate: learningBreaks.endDate, reason: learningBreaks.reason })
      .from(learningBreaks)
      .where(eq(learningBreaks.apprenticeshipId, a.id))
      .orderBy(asc(learningBreaks.startDate), asc(learningBreaks.id)),
  ]);
  const open = breaks.find((b) => b.endDate === null) ?? null;
  return {
    apprenticeshipId: a.id,
    status: a.status,
    version: a.version,
    startDate: schedule.startDate,
    plannedEndDate: schedule.plannedEndDate,
    movedPlannedEnd: movedPlannedEnd(schedule, asOf),
    breakSince: onBreak(schedule, asOf)?.startDate ?? null,
    openBreak: open,
    // The reason is between the provider, the apprentice and the employer: all may read it here.
    breaks: breaks.reverse(),
    outcome:
      a.status === 'completed' || a.status === 'withdrawn'
        ? { status: a.status, actualEndDate: a.actualEndDate, actualOtjHours: a.actualOtjHours, withdrawReason: a.withdrawReason, withdrawReasonLabel: withdrawReasonLabel(a.withdrawReason) }
        : null,
    canManage: viewer.role === 'trainer' || viewer.role === 'admin',
    asOf,
  };
}
export type LearningStatus = Awaited<ReturnType<typeof getLearningStatus>>;

/** Bumps the apprenticeship's version if it is still the one the form showed; otherwise Conflict. */
async function bump(tx: DbOrTx, id: string, version: number, set: Partial<typeof apprenticeships.$inferInsert>) {
  const [row] = await tx
    .update(apprenticeships)
    .set({ ...set, version: sql`${apprenticeships.version} + 1` })
    .where(and(eq(apprenticeships.id, id), eq(apprenticeships.version, version)))
    .returning({ version: apprenticeships.version });
  if (!row) throw new Conflict(STALE);
  return row.version;
}

/**
 * The trainer (assigned) or an admin records a break in learning: a learning_breaks row and the status
 * break_in_learning in one transaction. One break at a time, from the start date on, after the last one ended.
 */
export async function startLearningBreak(viewer: Viewer, input: z.input<typeof BreakStartInput>) {
  const scope = await authorize(viewer, 'learning.manage', { type: 'apprenticeship', id: String((input as { apprenticeshipId?: unknown })?.apprenticeshipId ?? '') });
  const data = parseInput(BreakStartInput, input);
  const db = await getDb();
  const a = await apprenticeshipFor(db, viewer, scope, 'learning.manage', data.apprenticeshipId);
  if (a.version !== data.version) throw new Conflict(STALE);
  if (a.status === 'break_in_learning') throw new Conflict('A break in learning is already going on: record the return first.');
  if (a.status !== 'active') throw new Conflict('This apprenticeship has ended: a break in learning cannot be recorded.');
  if (data.startDate < a.startDate) throw new FieldError('startDate', `The apprenticeship started on ${formatDate(a.startDate)}: a break cannot begin before then.`);
  return db.transaction(async (tx) => {
    const [last] = await tx
      .select({ endDate: learningBreaks.endDate })
      .from(learningBreaks)
      .where(eq(learningBreaks.apprenticeshipId, a.id))
      .orderBy(sql`${learningBreaks.startDate} desc`)
      .limit(1);
    if (last?.endDate && data.startDate < last.endDate)
      throw new FieldError('startDate', `The last break ended on ${formatDate(last.endDate)}: a new one cannot begin before then.`);
    const version = await bump(tx, a.id, data.version, { status: 'break_in_learning' });
    const [b] = await tx
      .insert(learningBreaks)
      .values({ apprenticeshipId: a.id, startDate: data.startDate, reason: data.reason, recordedBy: viewer.userId })
      .returning({ id: learningBreaks.id });
    await writeAudit(tx, viewer, { action: 'learning_break.started', entityType: 'apprenticeship', entityId: a.id, before: { status: a.status }, after: { status: 'break_in_learning', breakId: b!.id, startDate: data.startDate } });
    return { breakId: b!.id, version };
  });
}

/** The apprentice returns: the open break's end date (the day learning resumes, after its first day) and status active. */
export async function endLearningBreak(viewer: Viewer, input: z.input<typeof BreakEndInput>) {
  const scope = await authorize(viewer, 'learning.manage', { type: 'apprenticeship', id: String((input as { apprenticeshipId?: unknown })?.apprenticeshipId ?? '') });
  const data = parseInput(BreakEndInput, input);
  const db = await getDb();
  const a = await apprenticeshipFor(db, viewer, scope, 'learning.manage', data.apprenticeshipId);
  if (a.version !== data.version) throw new Conflict(STALE);
  return db.transaction(async (tx) => {
    const [open] = await tx
      .select({ id: learningBreaks.id, startDate: learningBreaks.startDate, rowVersion: learningBreaks.rowVersion })
      .from(learningBreaks)
      .where(and(eq(learningBreaks.apprenticeshipId, a.id), isNull(learningBreaks.endDate)));
    if (!open || a.status !== 'break_in_learning') throw new Conflict('No break in learning is going on: there is no return to record.');
    if (data.endDate <= open.startDate) throw new FieldError('endDate', `The break began on ${formatDate(open.startDate)}: the return date must be after it.`);
    const version = await bump(tx, a.id, data.version, { status: 'active' });
    const [ended] = await tx
      .update(learningBreaks)
      .set({ endDate: data.endDate, endedBy: viewer.userId, rowVersion: sql`${learningBreaks.rowVersion} + 1` })
      .where(and(eq(learningBreaks.id, open.id), eq(learningBreaks.rowVersion, open.rowVersion)))
      .returning({ id: learningBreaks.id });
    if (!ended) throw new Conflict(STALE);
    await writeAudit(tx, viewer, { action: 'learning_break.ended', entityType: 'apprenticeship', entityId: a.id, before: { status: a.status }, after: { status: 'active', breakId: open.id, endDate: data.endDate } });
    return { version };
  });
}

/**
 * Off-the-job hours that count up to a date, as the off-the-job page counts them: every entry dated on or
 * before it except those queried.
 */
async function countedOtjHours(db: DbOrTx, apprenticeId: string, upTo: string): Promise<number> {
  const [r] = await db
    .select({ minutes: sql<number>`coalesce(sum(${otjEntries.minutes}), 0)`.mapWith(Number) })
    .from(otjEntries)
    .where(and(eq(otjEntries.apprenticeId, apprenticeId), lte(otjEntries.activityDate, upTo), ne(otjEntries.status, 'queried')));
  return Math.round(((r?.minutes ?? 0) / 60) * 100) / 100;
}

/**
 * Completed or withdrawn, with the actual end date (on or after the start, not in the future) and for a
 * withdrawal the ILR reason code; the actual off-the-job hours are worked out from the log up to that date
 * and stored. A break going on is closed (on the day after its first day at the earliest).
 */
export async function recordOutcome(viewer: Viewer, input: z.input<typeof OutcomeInput>) {
  const scope = await authorize(viewer, 'learning.manage', { type: 'apprenticeship', id: String((input as { apprenticeshipId?: unknown })?.apprenticeshipId ?? '') });
  const data = parseInput(OutcomeInput, input);
  const db = await getDb();
  const a = await apprenticeshipFor(db, viewer, scope, 'learning.manage', data.apprenticeshipId);
  if (a.version !== data.version) throw new Conflict(STALE);
  if (a.status === 'completed' || a.status === 'withdrawn') throw new Conflict(`This apprenticeship is already recorded as ${a.status}.`);
  if (data.actualEndDate < a.startDate) throw new FieldError('actualEndDate', `The apprenticeship started on ${formatDate(a.startDate)}: the actual end date cannot be before then.`);
  return db.transaction(async (tx) => {
    const hours = await countedOtjHours(tx, a.apprenticeId, data.actualEndDate);
    const withdrawReason = data.outcome === 'withdrawn' ? data.withdrawReason : null;
    const version = await bump(tx, a.id, data.version, { status: data.outcome, actualEndDate: data.actualEndDate, actualOtjHours: hours, withdrawReason });
    const [open] = await tx
      .select({ id: learningBreaks.id, startDate: learningBreaks.startDate })
      .from(learningBreaks)
      .where(and(eq(learningBreaks.apprenticeshipId, a.id), isNull(learningBreaks.endDate)));
    if (open) {
      const end = data.actualEndDate > open.startDate ? data.actualEndDate : isoOfUtcDay(utcDay(open.startDate) + 1);
      await tx
        .update(learningBreaks)
        .set({ endDate: end, endedBy: viewer.userId, rowVersion: sql`${learningBreaks.rowVersion} + 1` })
        .where(eq(learningBreaks.id, open.id));
    }
    await writeAudit(tx, viewer, {
      action: data.outcome === 'completed' ? 'apprenticeship.completed' : 'apprenticeship.withdrawn',
      entityType: 'apprenticeship',
      entityId: a.id,
      before: { status: a.status },
      after: { status: data.outcome, actualEndDate: data.actualEndDate, actualOtjHours: hours, withdrawReason },
    });
    return { version, actualOtjHours: hours };
  });
}
