import 'server-only';
import { parseInput } from '@/lib/forms/parse-input';
import { and, asc, desc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { differenceInCalendarDays, parseISO } from 'date-fns';
import { getDb, type DbOrTx } from '@/db/client';
import { apprenticeships, gatewayConfirmations, ksbs, organisations, otjEntries, progressReviews, users } from '@/db/schema';
import { Conflict, FieldError, NotFound } from '@/lib/errors';
import { formatDate, formatDateTime } from '@/lib/format';
import { isoOfUtcDay, ukToday, utcDay } from '@/lib/otj/plan';
import { findNhsNumbers } from '@/lib/privacy/nhs-number';
import { nextReviewDueDay } from '@/lib/progress/schedule';
import { dateOfDay } from '@/lib/calendar';
import { onBreak, otjExpectedBy, reviewDue } from '@/lib/funding/schedule';
import { learningSchedules, scheduleOf } from './schedules';
import { GatewayConfirmInput, ReviewInput, ReviewSignInput } from '@/lib/reviews/schemas';
import { reviewGap } from '@/lib/reviews/gap';
import { REVIEW_DUE_WITHIN_DAYS } from '@/lib/tasks/rules';
import { titles } from '@/lib/notifications/titles';
import { apprenticeIn, apprenticeshipsIn, authorize, recordDenied, writeAudit } from './access';
import { isUniqueViolation } from './db-errors';
import { queueGatewayPackIfConfirmed, sendGatewayPackJob } from './gateway-pack';
import { queueNotificationEmails } from './notification-mail';
import { notify } from './notify';
import { employerContacts, trainersOf } from './notify-recipients';
import type { Scope } from './policy';
import { requestProgressSettings } from './progress';
import { breaksOf, planInForce, sinceLastReview } from './review-since';
import type { Viewer } from './viewer';
import { apprenticeshipInScope } from './apprenticeship-in-scope';

const apprentice = alias(users, 'apprentice');
const trainer = alias(users, 'trainer');
const isUuid = (id: string) => z.uuid().safeParse(id).success;
const round2 = (n: number) => Math.round(n * 100) / 100;

// How many days ahead a review counts as due: one constant for this list and the "Needs you" tasks.
export { REVIEW_DUE_WITHIN_DAYS };

/** Refuses text that holds something shaped like an NHS number, naming what was found and where. */
function refusePatientIdentifiers(data: Record<string, string>, labels: Record<string, string>) {
  for (const field of Object.keys(labels)) {
    const [found] = findNhsNumbers(data[field] ?? '');
    if (found)
      throw new FieldError(
        field,
        `“${found.text}” in the ${labels[field]} looks like an NHS number. A progress review must never hold patient data: remove it and try again.`,
      );
  }
}

/**
 * Off-the-job hours as the log stood on `asOf`: entries dated up to that day, queried ones left out
 * (as in the off-the-job summary), and the plan to that day. Kept with the review as it was then.
 */
async function otjAsOf(db: DbOrTx, viewer: Viewer, scope: Scope, a: { id: string; apprenticeId: string; startDate: string; plannedEndDate: string; plannedOtjHours: number }, asOf: string) {
  const [r] = await db
    .select({ minutes: sql<number>`coalesce(sum(${otjEntries.minutes}), 0)`.mapWith(Number) })
    .from(otjEntries)
    .where(
      and(
        eq(otjEntries.apprenticeId, a.apprenticeId),
        apprenticeIn(viewer, scope, otjEntries.apprenticeId),
        sql`${otjEntries.activityDate} <= ${asOf}`,
        ne(otjEntries.status, 'queried'),
      ),
    );
  return { logged: round2((r?.minutes ?? 0) / 60), planned: otjExpectedBy(await scheduleOf(db, a), asOf) };
}

/**
 * The trainer records a progress review (and signs it by saving). The off-the-job hours are
 * filled in from the log at the review date, never typed.
 */
export async function recordProgressReview(viewer: Viewer, input: z.input<typeof ReviewInput>) {
  const scope = await authorize(viewer, 'review.create', { type: 'apprenticeship', id: input.apprenticeshipId });
  const data = parseInput(ReviewInput, input);
  const { a, db } = await apprenticeshipInScope(viewer, scope, 'review.create', data.apprenticeshipId);
  if (data.reviewDate > ukToday()) throw new FieldError('reviewDate', 'The review date cannot be in the future: record a review once it has taken place.');
  if (data.reviewDate < a.startDate) throw new FieldError('reviewDate', `The review date cannot be before the apprenticeship started (${formatDate(a.startDate)}).`);
  const codes = [...new Set(data.ksbsDiscussed)];
  const known = await db
    .select({ code: ksbs.code })
    .from(ksbs)
    .where(and(eq(ksbs.standardId, a.standardId), inArray(ksbs.code, codes)));
  if (known.length !== codes.length) throw new FieldError('ksbsDiscussed', 'Choose the knowledge, skills and behaviours from the standard listed here.');
  refusePatientIdentifiers(
    { progressSummary: data.progressSummary, targets: data.targets, englishMaths: data.englishMaths, supportDiscussed: data.supportDiscussed, wellbeing: data.wellbeing, safeguardingNotes: data.safeguardingNotes },
    { progressSummary: 'progress summary', targets: 'targets', englishMaths: 'English and maths notes', supportDiscussed: 'support notes', wellbeing: 'wellbeing notes', safeguardingNotes: 'safeguarding notes' },
  );
  // The training plan in force when the review is recorded (the latest version all three have signed).
  const plan = await planInForce(db, a.id);
  const otj = await otjAsOf(db, viewer, scope, a, data.reviewDate);
  const order = new Map((await db.select({ code: ksbs.code, sortOrder: ksbs.sortOrder }).from(ksbs).where(eq(ksbs.standardId, a.standardId))).map((k) => [k.code, k.sortOrder]));
  const values = {
    apprenticeshipId: a.id,
    trainerId: viewer.userId,
    reviewDate: data.reviewDate,
    progressSummary: data.progressSummary,
    ksbsDiscussed: codes.sort((x, y) => order.get(x)! - order.get(y)!),
    targets: data.targets,
    otjHoursLogged: otj.logged,
    otjHoursPlanned: otj.planned,
    englishMaths: data.englishMaths,
    supportDiscussed: data.supportDiscussed,
    planVersion: plan?.version ?? null,
    wellbeing: data.wellbeing,
    safeguardingConcern: data.safeguardingConcern === 'yes',
    safeguardingNotes: data.safeguardingConcern === 'yes' ? data.safeguardingNotes : null,
  };
  const saved = await db.transaction(async (tx) => {
    const [row] = await tx.insert(progressReviews).values(values).returning({ id: progressReviews.id, rowVersion: progressReviews.rowVersion });
    await writeAudit(tx, viewer, { action: 'review.create', entityType: 'progress_review', entityId: row!.id, after: values });
    // The apprentice and the employer's contacts each sign it.
    const link = `/reviews/${row!.id}`;
    const told = [
      ...(await notify(tx, { recipients: [a.apprenticeId], kind: 'review_recorded', title: titles.reviewRecordedForApprentice(viewer.name, data.reviewDate), link, actorId: viewer.userId })),
      ...(await notify(tx, { recipients: await employerContacts(tx, a.employerId), kind: 'review_recorded', title: titles.reviewRecordedForEmployer(viewer.name, a.apprenticeName, data.reviewDate), link, actorId: viewer.userId })),
    ];
    return { row: row!, told };
  });
  await queueNotificationEmails(saved.told);
  return saved.row;
}

const reviewColumns = {
  id: progressReviews.id,
  apprenticeshipId: progressReviews.apprenticeshipId,
  apprenticeId: apprenticeships.apprenticeId,
  apprenticeName: apprentice.name,
  startDate: apprenticeships.startDate,
  employerId: apprenticeships.employerId,
  employerName: organisations.name,
  trainerId: progressReviews.trainerId,
  trainerName: trainer.name,
  reviewDate: progressReviews.reviewDate,
  progressSummary: progressReviews.progressSummary,
  ksbsDiscussed: progressReviews.ksbsDiscussed,
  targets: progressReviews.targets,
  otjHoursLogged: progressReviews.otjHoursLogged,
  otjHoursPlanned: progressReviews.otjHoursPlanned,
  englishMaths: progressReviews.englishMaths,
  supportDiscussed: progressReviews.supportDiscussed,
  planVersion: progressReviews.planVersion,
  wellbeing: progressReviews.wellbeing,
  safeguardingConcern: progressReviews.safeguardingConcern,
  safeguardingNotes: progressReviews.safeguardingNotes,
  apprenticeComment: progressReviews.apprenticeComment,
  apprenticeSignedAt: progressReviews.apprenticeSignedAt,
  employerComment: progressReviews.employerComment,
  employerSignedName: progressReviews.employerSignedName,
  employerSignedAt: progressReviews.employerSignedAt,
  rowVersion: progressReviews.rowVersion,
  createdAt: progressReviews.createdAt,
};

function reviewsFrom(db: DbOrTx) {
  return db
    .select(reviewColumns)
    .from(progressReviews)
    .innerJoin(apprenticeships, eq(apprenticeships.id, progressReviews.apprenticeshipId))
    .innerJoin(apprentice, eq(apprentice.id, apprenticeships.apprenticeId))
    .innerJoin(organisations, eq(organisations.id, apprenticeships.employerId))
    .innerJoin(trainer, eq(trainer.id, progressReviews.trainerId));
}
type ReviewRow = Awaited<ReturnType<typeof reviewsFrom>>[number];

export type SignSide = 'apprentice' | 'employer';

/** Who has still to sign, whether it is final, and whether this viewer signs it now. */
function withState(viewer: Viewer, r: ReviewRow) {
  const awaiting: SignSide[] = [];
  if (!r.apprenticeSignedAt) awaiting.push('apprentice');
  if (!r.employerSignedAt) awaiting.push('employer');
  const mySide: SignSide | null =
    viewer.role === 'apprentice' && r.apprenticeId === viewer.userId && !r.apprenticeSignedAt
      ? 'apprentice'
      : viewer.role === 'employer' && r.employerId === viewer.organisationId && !r.employerSignedAt
        ? 'employer'
        : null;
  // Safeguarding notes stay with the training provider and the apprentice; the employer sees that a check was made.
  const { employerId: _e, ...rest } = r;
  return { ...rest, safeguardingNotes: viewer.role === 'employer' ? null : r.safeguardingNotes, awaiting, final: awaiting.length === 0, mySide };
}

/** The most reviews a page lists: one every 4 weeks (the shortest interval) for six years is 78. */
export const MAX_REVIEWS_LISTED = 200;

/** The reviews of one apprenticeship, newest first (at most MAX_REVIEWS_LISTED), with when the next is due, the gateway confirmations and, for the review form, the off-the-job hours today. */
export async function listProgressReviews(viewer: Viewer, apprenticeshipId: string, options: { forReviewForm?: boolean } = {}) {
  const scope = await authorize(viewer, 'progress.read', { type: 'apprenticeship', id: apprenticeshipId });
  const { a, db } = await apprenticeshipInScope(viewer, scope, 'progress.read', apprenticeshipId);
  const today = ukToday();
  const [rows, s, confirmations, otjToday, breaks] = await Promise.all([
    reviewsFrom(db)
      .where(and(eq(progressReviews.apprenticeshipId, a.id), apprenticeshipsIn(viewer, scope)))
      .orderBy(desc(progressReviews.reviewDate), desc(progressReviews.createdAt), desc(progressReviews.id))
      .limit(MAX_REVIEWS_LISTED),
    requestProgressSettings(),
    db
      .select({ role: gatewayConfirmations.role, name: gatewayConfirmations.confirmedName, note: gatewayConfirmations.note, at: gatewayConfirmations.confirmedAt })
      .from(gatewayConfirmations)
      .where(eq(gatewayConfirmations.apprenticeshipId, a.id))
      .orderBy(asc(gatewayConfirmations.confirmedAt)),
    // What a review recorded today would hold (the form says it is taken at the review date); only
    // the reviews page shows the form, so progress pages do not pay for the sum.
    options.forReviewForm ? otjAsOf(db, viewer, scope, a, today) : null,
    breaksOf(db, a.id),
  ]);
  // What changed since the last review, and the form's suggested text: only for the form.
  const since = options.forReviewForm ? await sinceLastReview(db, a, rows[0] ?? null) : null;
  // Newest first: each review's previous one is the next row (the oldest listed counts from the start).
  const gaps = rows.map((r, i) => reviewGap({ reviewDate: r.reviewDate, previousDate: rows[i + 1]?.reviewDate ?? null, startDate: a.startDate, breaks, intervalWeeks: s.reviewIntervalWeeks }));
  // issue 20: the learning schedule moves the due date by the days in a break; during one, reviews are paused.
  const sched = await scheduleOf(db, a);
  const reviewDueNow = reviewDue(sched, rows[0]?.reviewDate ?? null, s.reviewIntervalWeeks, today);
  const due = dateOfDay(reviewDueNow.day);
  const overdueBy = differenceInCalendarDays(parseISO(today), due);
  return {
    apprenticeship: { id: a.id, apprenticeId: a.apprenticeId, apprenticeName: a.apprenticeName, employerName: a.employerName, startDate: a.startDate },
    reviews: rows.map((r, i) => ({ ...withState(viewer, r), gap: gaps[i]! })),
    nextDue: due,
    daysOverdue: reviewDueNow.paused ? Math.min(0, overdueBy) : overdueBy,
    breakSince: onBreak(sched, today)?.startDate ?? null,
    otjToday,
    today,
    /** For the form: the review interval rule's inputs (to warn before saving that the date chosen is late) and what changed since the last review. */
    interval: { weeks: s.reviewIntervalWeeks, breaks, lastReviewDate: rows[0]?.reviewDate ?? null },
    since,
    /** The gateway confirmations given so far (apprentice, trainer, employer), with their notes. */
    confirmations,
  };
}

/** One review with its signatures and the KSBs discussed, for anyone who may read the apprenticeship's progress. */
export async function getProgressReview(viewer: Viewer, id: string) {
  const scope = await authorize(viewer, 'progress.read', { type: 'progress_review', id });
  const db = await getDb();
  const [r] = isUuid(id) ? await reviewsFrom(db).where(and(eq(progressReviews.id, id), apprenticeshipsIn(viewer, scope))) : [];
  if (!r) {
    await recordDenied(viewer, 'progress.read', 'progress_review', id);
    throw new NotFound('progress review');
  }
  const ksbRows = await db
    .select({ code: ksbs.code, text: ksbs.text })
    .from(ksbs)
    .innerJoin(apprenticeships, eq(apprenticeships.standardId, ksbs.standardId))
    .where(and(eq(apprenticeships.id, r.apprenticeshipId), inArray(ksbs.code, r.ksbsDiscussed.length ? r.ksbsDiscussed : ['-'])))
    .orderBy(asc(ksbs.sortOrder));
  // The review before this one (by date, then by when it was recorded), for the review interval rule.
  const [[previous], breaks, s] = await Promise.all([
    db
      .select({ reviewDate: progressReviews.reviewDate })
      .from(progressReviews)
      .where(
        and(
          eq(progressReviews.apprenticeshipId, r.apprenticeshipId),
          ne(progressReviews.id, r.id),
          sql`(${progressReviews.reviewDate}, ${progressReviews.createdAt}) < (${r.reviewDate}::date, ${r.createdAt.toISOString()}::timestamptz)`,
        ),
      )
      .orderBy(desc(progressReviews.reviewDate), desc(progressReviews.createdAt))
      .limit(1),
    breaksOf(db, r.apprenticeshipId),
    requestProgressSettings(),
  ]);
  const gap = reviewGap({ reviewDate: r.reviewDate, previousDate: previous?.reviewDate ?? null, startDate: r.startDate, breaks, intervalWeeks: s.reviewIntervalWeeks });
  return { ...withState(viewer, r), ksbs: ksbRows, gap };
}
export type ProgressReviewDetail = Awaited<ReturnType<typeof getProgressReview>>;

/**
 * The apprentice (their own review) or an employer contact (a review of their organisation's
 * apprentice) adds a comment and signs. The UPDATE matches only an unchanged row that this side
 * has not signed; once both have signed the review is final (and the database refuses any change).
 */
export async function signProgressReview(viewer: Viewer, input: z.input<typeof ReviewSignInput>) {
  const scope = await authorize(viewer, 'review.sign', { type: 'progress_review', id: input.id });
  const data = parseInput(ReviewSignInput, input);
  const db = await getDb();
  const [r] = isUuid(data.id)
    ? await db
        .select({ id: progressReviews.id, apprenticeshipId: progressReviews.apprenticeshipId })
        .from(progressReviews)
        .innerJoin(apprenticeships, eq(apprenticeships.id, progressReviews.apprenticeshipId))
        .where(and(eq(progressReviews.id, data.id), apprenticeshipsIn(viewer, scope)))
    : [];
  if (!r) {
    await recordDenied(viewer, 'review.sign', 'progress_review', data.id);
    throw new NotFound('progress review');
  }
  refusePatientIdentifiers({ comment: data.comment }, { comment: 'comment' });
  const side: SignSide = viewer.role === 'apprentice' ? 'apprentice' : 'employer';
  const set =
    side === 'apprentice'
      ? { apprenticeComment: data.comment, apprenticeSignedAt: sql`now()` }
      : { employerComment: data.comment, employerSignerId: viewer.userId, employerSignedName: viewer.name, employerSignedAt: sql`now()` };
  const unsigned = side === 'apprentice' ? isNull(progressReviews.apprenticeSignedAt) : isNull(progressReviews.employerSignedAt);
  const saved = await db.transaction(async (tx) => {
    const [after] = await tx
      .update(progressReviews)
      .set({ ...set, rowVersion: sql`${progressReviews.rowVersion} + 1` })
      .where(and(eq(progressReviews.id, data.id), eq(progressReviews.rowVersion, data.rowVersion), unsigned))
      .returning({ id: progressReviews.id, rowVersion: progressReviews.rowVersion, apprenticeSignedAt: progressReviews.apprenticeSignedAt, employerSignedAt: progressReviews.employerSignedAt });
    if (!after) {
      const [now] = await tx
        .select({ apprenticeSignedAt: progressReviews.apprenticeSignedAt, employerSignedAt: progressReviews.employerSignedAt, employerSignedName: progressReviews.employerSignedName })
        .from(progressReviews)
        .where(eq(progressReviews.id, data.id));
      if (side === 'apprentice' && now?.apprenticeSignedAt)
        throw new Conflict(`You already signed this review on ${formatDateTime(now.apprenticeSignedAt)}. A signature cannot be changed: reload the page to see the review as signed.`);
      if (side === 'employer' && now?.employerSignedAt)
        throw new Conflict(
          `${now.employerSignedName} already signed this review for the employer on ${formatDateTime(now.employerSignedAt)}; one employer signature is needed. Your comment was not saved: reload the page to see it.`,
        );
      throw new Conflict('This review changed after you opened it (someone else signed it). Your comment is still here: copy it, reload the page and sign again.');
    }
    const final = Boolean(after.apprenticeSignedAt && after.employerSignedAt);
    await writeAudit(tx, viewer, { action: 'review.sign', entityType: 'progress_review', entityId: data.id, after: { side, comment: data.comment, final } });
    // The trainer who recorded it, the apprentice's assigned trainers, and the other side of the signatures.
    const [rv] = await tx
      .select({ trainerId: progressReviews.trainerId, reviewDate: progressReviews.reviewDate, apprenticeId: apprenticeships.apprenticeId, apprenticeName: users.name, employerId: apprenticeships.employerId })
      .from(progressReviews)
      .innerJoin(apprenticeships, eq(apprenticeships.id, progressReviews.apprenticeshipId))
      .innerJoin(users, eq(users.id, apprenticeships.apprenticeId))
      .where(eq(progressReviews.id, data.id));
    const link = `/reviews/${data.id}`;
    const others = side === 'apprentice' ? await employerContacts(tx, rv!.employerId) : [];
    const told = [
      ...(await notify(tx, {
        recipients: [rv!.trainerId, ...(await trainersOf(tx, rv!.apprenticeId)), ...others],
        kind: 'review_signed',
        title: titles.reviewSignedForOthers(viewer.name, rv!.apprenticeName, rv!.reviewDate, side === 'apprentice'),
        link,
        actorId: viewer.userId,
      })),
      ...(side === 'employer' ? await notify(tx, { recipients: [rv!.apprenticeId], kind: 'review_signed', title: titles.reviewSignedForApprentice(viewer.name, rv!.reviewDate), link, actorId: viewer.userId }) : []),
    ];
    return { result: { id: after.id, rowVersion: after.rowVersion, final }, told };
  });
  await queueNotificationEmails(saved.told);
  return saved.result;
}

/** Reviews waiting for this viewer's signature: an apprentice's own, or their organisation's for an employer contact. Oldest first. */
export async function listReviewsToSign(viewer: Viewer) {
  const scope = await authorize(viewer, 'review.sign');
  const db = await getDb();
  const unsigned = viewer.role === 'apprentice' ? isNull(progressReviews.apprenticeSignedAt) : isNull(progressReviews.employerSignedAt);
  return db
    .select({
      id: progressReviews.id,
      apprenticeshipId: progressReviews.apprenticeshipId,
      apprenticeName: apprentice.name,
      trainerName: trainer.name,
      reviewDate: progressReviews.reviewDate,
      createdAt: progressReviews.createdAt,
    })
    .from(progressReviews)
    .innerJoin(apprenticeships, eq(apprenticeships.id, progressReviews.apprenticeshipId))
    .innerJoin(apprentice, eq(apprentice.id, apprenticeships.apprenticeId))
    .innerJoin(trainer, eq(trainer.id, progressReviews.trainerId))
    .where(and(apprenticeshipsIn(viewer, scope), unsigned))
    .orderBy(asc(progressReviews.reviewDate), asc(progressReviews.createdAt))
    .limit(500);
}

/**
 * Active apprenticeships whose next review is overdue or due within 14 days, soonest first: the
 * interval after the last review (or the start), as nextReviewDue computes it, filtered in one
 * statement whatever the number of apprentices.
 */
export async function listReviewsDue(viewer: Viewer, today: string = ukToday()) {
  const scope = await authorize(viewer, 'progress.read');
  const db = await getDb();
  const s = await requestProgressSettings();
  const days = s.reviewIntervalWeeks * 7;
  // Whole UTC days: the server's time zone cannot move the horizon by a day.
  const horizon = isoOfUtcDay(utcDay(today) + REVIEW_DUE_WITHIN_DAYS);
  const lastReview = sql`(select max(pr.review_date) from progress_reviews pr where pr.apprenticeship_id = ${apprenticeships.id})`;
  const dueDate = sql`(coalesce(${lastReview}, ${apprenticeships.startDate}) + ${days}::int)`;
  const rows = await db
    .select({
      apprenticeshipId: apprenticeships.id,
      apprenticeName: users.name,
      employerName: organisations.name,
      startDate: apprenticeships.startDate,
      lastReviewDate: sql<string | null>`${lastReview}::text`,
    })
    .from(apprenticeships)
    .innerJoin(users, eq(users.id, apprenticeships.apprenticeId))
    .innerJoin(organisations, eq(organisations.id, apprenticeships.employerId))
    .where(and(apprenticeshipsIn(viewer, scope), eq(apprenticeships.status, 'active'), sql`${dueDate} <= ${horizon}::date`))
    .orderBy(sql`${dueDate}`, asc(users.name))
    .limit(1000);
  // issue 20: the SQL due date is the earliest (breaks only move it later); the schedules move it on.
  const schedules = await learningSchedules(db, rows.map((r) => r.apprenticeshipId));
  return rows.flatMap((r) => {
    const sched = schedules.get(r.apprenticeshipId);
    const day = sched ? reviewDue(sched, r.lastReviewDate, s.reviewIntervalWeeks, today).day : nextReviewDueDay(r.startDate, r.lastReviewDate, s.reviewIntervalWeeks);
    if (day > utcDay(horizon)) return [];
    const due = dateOfDay(day);
    const daysOverdue = differenceInCalendarDays(parseISO(today), due);
    return [{ ...r, due, daysOverdue, overdue: daysOverdue > 0 }];
  });
}
export type ReviewDueRow = Awaited<ReturnType<typeof listReviewsDue>>[number];

/**
 * The trainer (assigned) or an employer contact (employed) confirms the apprentice is ready for
 * gateway, once per role, with their name, the date and a note. Allowed whatever the other
 * checklist lines say: the checklist shows their state beside the confirmation.
 */
export async function confirmGateway(viewer: Viewer, input: z.input<typeof GatewayConfirmInput>) {
  const scope = await authorize(viewer, 'gateway.confirm', { type: 'apprenticeship', id: input.apprenticeshipId });
  const data = parseInput(GatewayConfirmInput, input);
  const { a, db } = await apprenticeshipInScope(viewer, scope, 'gateway.confirm', data.apprenticeshipId);
  refusePatientIdentifiers({ note: data.note }, { note: 'note' });
  const role = viewer.role === 'trainer' ? 'trainer' : viewer.role === 'apprentice' ? 'apprentice' : 'employer';
  const already = async () => {
    const [c] = await db
      .select({ name: gatewayConfirmations.confirmedName, at: gatewayConfirmations.confirmedAt })
      .from(gatewayConfirmations)
      .where(and(eq(gatewayConfirmations.apprenticeshipId, a.id), eq(gatewayConfirmations.role, role)));
    return c ? new Conflict(`Readiness for gateway was already confirmed for the ${role} by ${c.name} on ${formatDateTime(c.at)}. A confirmation is given once and never changed.`) : null;
  };
  const existing = await already();
  if (existing) throw existing;
  try {
    const done = await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(gatewayConfirmations)
        .values({ apprenticeshipId: a.id, role, confirmedBy: viewer.userId, confirmedName: viewer.name, note: data.note })
        .returning({ id: gatewayConfirmations.id, confirmedAt: gatewayConfirmations.confirmedAt });
      await writeAudit(tx, viewer, { action: 'gateway.confirm', entityType: 'apprenticeship', entityId: a.id, after: { role, name: viewer.name, note: data.note } });
      // issue 20: the third confirmation (whichever role gives it) queues the gateway pack, in this transaction.
      const packId = await queueGatewayPackIfConfirmed(tx, viewer, a.id);
      return { id: row!.id, role, confirmedAt: row!.confirmedAt, packId };
    });
    // Sent once the pack's row has committed (a worker must find it); should this process die in between,
    // the pack stays queued, and after PACK_STALE_MS the trainer's page offers to build it again.
    if (done.packId) await sendGatewayPackJob(done.packId);
    return done;
  } catch (e) {
    // Two of the same role at once: the unique index lets one through; the other hears who it was.
    if (isUniqueViolation(e)) throw (await already()) ?? new Conflict('Readiness for gateway was already confirmed for your role.');
    throw e;
  }
}
