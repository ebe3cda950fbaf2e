import 'server-only';
import { learningSchedules } from './schedules';
import { createHash, randomBytes } from 'node:crypto';
import { and, asc, eq, gte, isNull, lte, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { getDb, type DbOrTx } from '@/db/client';
import { apprenticeships, assessmentBlueprints, assessmentInvitations, assessmentSittings, calendarFeeds, evidence, progressReviews, users, witnessStatements } from '@/db/schema';
import { buildCalendarEvents, inRange, type CalendarEvent, type CalendarFacts } from '@/lib/calendar-events';
import { isoDay } from '@/lib/calendar';
import { isoOfUtcDay, ukToday } from '@/lib/otj/plan';
import { FieldError } from '@/lib/errors';
import { apprenticeIn, apprenticeshipsIn, authorize, writeAudit } from './access';
import type { Scope } from './policy';
import { progressSettings } from './progress';
import { reminderSettings } from './reminder-settings';
import type { Viewer } from './viewer';

const apprentice = alias(users, 'apprentice');
const witness = alias(users, 'witness');

export type CalendarRange = { from: string; to: string };
const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** The dates from `from` to `to` (UK dates, inclusive) the viewer should see, in calendar order. */
export async function listCalendarEvents(viewer: Viewer, range: CalendarRange): Promise<CalendarEvent[]> {
  const scope = await authorize(viewer, 'calendar.read');
  if (!ISO_DATE.test(range.from) || !ISO_DATE.test(range.to) || range.from > range.to) throw new FieldError('range', 'Choose a range of dates, the first no later than the last.');
  return inRange(buildCalendarEvents(await calendarFacts(await getDb(), viewer, scope, range)), range);
}

/**
 * The rows behind a person's calendar, each limited to what their role reaches (the same rules as the
 * pages those dates come from): progress and reviews by apprenticeship, paper windows for the apprentice
 * and their trainers (employers see no mock assessments), witness statements for the apprentice, their
 * trainers and the employer contact asked. A handful of set-based statements whatever the cohort's size.
 */
async function calendarFacts(db: DbOrTx, viewer: Viewer, scope: Scope, range: CalendarRange): Promise<CalendarFacts> {
  // A window is in range when it closes on or after the first day and opens before the day after the last.
  const fromAt = new Date(`${isoOfUtcDay(isoDay(range.from) - 1)}T00:00:00Z`);
  const toAt = new Date(`${isoOfUtcDay(isoDay(range.to) + 2)}T00:00:00Z`);
  const papers = viewer.role === 'apprentice' || viewer.role === 'trainer';
  const statements = viewer.role !== 'admin';
  const [progress, reminders, mine, reviews, sittings, witnessRows] = await Promise.all([
    progressSettings(db),
    reminderSettings(db),
    db
      .select({
        id: apprenticeships.id,
        apprenticeName: apprentice.name,
        startDate: apprenticeships.startDate,
        plannedEndDate: apprenticeships.plannedEndDate,
        lastReviewDate: sql<string | null>`(select max(pr.review_date)::text from progress_reviews pr where pr.apprenticeship_id = ${apprenticeships.id})`,
      })
      .from(apprenticeships)
      .innerJoin(apprentice, eq(apprentice.id, apprenticeships.apprenticeId))
      .where(and(apprenticeshipsIn(viewer, scope), eq(apprenticeships.status, 'active')))
      .orderBy(asc(apprenticeships.id)),
    db
      .select({
        id: progressReviews.id,
        apprenticeName: apprentice.name,
        reviewDate: progressReviews.reviewDate,
        signed: sql<boolean>`${progressReviews.apprenticeSignedAt} is not null and ${progressReviews.employerSignedAt} is not null`,
      })
      .from(progressReviews)
      .innerJoin(apprenticeships, eq(apprenticeships.id, progressReviews.apprenticeshipId))
      .innerJoin(apprentice, eq(apprentice.id, apprenticeships.apprenticeId))
      .where(and(apprenticeshipsIn(viewer, scope), gte(progressReviews.reviewDate, range.from), lte(progressReviews.reviewDate, range.to)))
      .orderBy(asc(progressReviews.id)),
    papers
      ? db
          .select({
            id: assessmentSittings.id,
            title: assessmentBlueprints.title,
            opensAt: assessmentSittings.opensAt,
            closesAt: assessmentSittings.closesAt,
            invited: sql<number>`count(*)`.mapWith(Number),
            apprenticeName: sql<string | null>`case when count(*) = 1 then min(${apprentice.name}) end`,
          })
          .from(assessmentSittings)
          .innerJoin(assessmentBlueprints, eq(assessmentBlueprints.id, assessmentSittings.blueprintId))
          .innerJoin(assessmentInvitations, eq(assessmentInvitations.sittingId, assessmentSittings.id))
          .innerJoin(apprentice, eq(apprentice.id, assessmentInvitations.apprenticeId))
          .where(and(apprenticeIn(viewer, scope, assessmentInvitations.apprenticeId), gte(assessmentSittings.closesAt, fromAt), lte(assessmentSittings.opensAt, toAt)))
          .groupBy(assessmentSittings.id, assessmentBlueprints.title)
          .orderBy(asc(assessmentSittings.id))
      : [],
    statements
      ? db
          .select({ id: witnessStatements.id, evidenceId: evidence.id, apprenticeName: apprentice.name, witnessName: witness.name, requestedAt: witnessStatements.requestedAt })
          .from(witnessStatements)
          .innerJoin(evidence, eq(evidence.id, witnessStatements.evidenceId))
          .innerJoin(apprentice, eq(apprentice.id, evidence.apprenticeId))
          .innerJoin(witness, eq(witness.id, witnessStatements.witnessId))
          .where(
            and(
              eq(witnessStatements.status, 'requested'),
              apprenticeIn(viewer, scope, evidence.apprenticeId),
              // An employer contact sees the requests addressed to them, as on their witness page.
              viewer.role === 'employer' ? eq(witnessStatements.witnessId, viewer.userId) : undefined,
            ),
          )
          .orderBy(asc(witnessStatements.id))
      : [],
  ]);
  const schedules = await learningSchedules(db, mine.map((a) => a.id)); // issue 20: three queries for them all
  return {
    role: viewer.role,
    today: ukToday(),
    apprenticeships: mine.map((a) => ({ ...a, schedule: schedules.get(a.id) })),
    reviews,
    sittings,
    witness: witnessRows,
    reviewIntervalWeeks: progress.reviewIntervalWeeks,
    witnessDueDays: reminders.witnessUnansweredDays,
  };
}

// ── The feed ──────────────────────────────────────────────────────────────────────────────────────

/** Only the hash of a feed's secret is stored: a copy of the database gives nobody a working feed URL. */
export const hashFeedToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');
/** The feed's secret: 32 random bytes, URL-safe. */
const newToken = () => randomBytes(32).toString('base64url');
export const feedPath = (token: string) => `/api/calendar/${token}`;

/** Whether the viewer has a live feed, since when and when a calendar last fetched it (never its secret). */
export async function getCalendarFeed(viewer: Viewer) {
  await authorize(viewer, 'calendar.feed');
  const db = await getDb();
  const [row] = await db
    .select({ id: calendarFeeds.id, createdAt: calendarFeeds.createdAt, lastFetchedAt: calendarFeeds.lastFetchedAt })
    .from(calendarFeeds)
    .where(and(eq(calendarFeeds.userId, viewer.userId), isNull(calendarFeeds.revokedAt)));
  return row ?? null;
}

/**
 * A new feed for the viewer; its secret is returned this once (only its hash is kept), so the page shows
 * the address at creation. A live feed is revoked in the same transaction: one live feed per person.
 */
export async function createCalendarFeed(viewer: Viewer): Promise<{ id: string; token: string; path: string; createdAt: Date }> {
  await authorize(viewer, 'calendar.feed');
  const db = await getDb();
  const token = newToken();
  return db.transaction(async (tx) => {
    const revoked = await revokeLive(tx, viewer.userId);
    const [row] = await tx.insert(calendarFeeds).values({ userId: viewer.userId, tokenHash: hashFeedToken(token) }).returning({ id: calendarFeeds.id, createdAt: calendarFeeds.createdAt });
    await writeAudit(tx, viewer, { action: 'calendar_feed.create', entityType: 'calendar_feed', entityId: row!.id, after: { replaced: revoked } });
    return { id: row!.id, token, path: feedPath(token), createdAt: row!.createdAt };
  });
}

/** Revokes the viewer's live feed (its address answers 404 from now on); nothing to revoke is no error. */
export async function revokeCalendarFeed(viewer: Viewer): Promise<{ revoked: number }> {
  await authorize(viewer, 'calendar.feed');
  const db = await getDb();
  return db.transaction(async (tx) => {
    const revoked = await revokeLive(tx, viewer.userId);
    await writeAudit(tx, viewer, { action: 'calendar_feed.revoke', entityType: 'calendar_feed', entityId: revoked[0] ?? null, after: { revoked } });
    return { revoked: revoked.length };
  });
}

async function revokeLive(tx: DbOrTx, userId: string): Promise<string[]> {
  const rows = await tx
    .update(calendarFeeds)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(calendarFeeds.userId, userId), isNull(calendarFeeds.revokedAt)))
    .returning({ id: calendarFeeds.id });
  return rows.map((r) => r.id);
}

/** How far a feed reaches: what has just passed, and the year ahead. */
export const FEED_DAYS_BEFORE = 60;
export const FEED_DAYS_AFTER = 400;

/**
 * The events behind a feed's secret URL, for the route handler: here the secret is the authorization. It is
 * looked up by its hash; an unknown or revoked secret, or an owner who can no longer sign in, is null (the
 * route answers 404). The owner's events are then read as the owner, through the same authorize and
 * scopes as their calendar page, so a feed never shows more than its owner may see today.
 * Not exported from lib/dal/index.ts: like the session, it establishes who is asking rather than taking a viewer.
 */
export async function openCalendarFeed(token: string, now: Date = new Date()): Promise<{ ownerName: string; events: CalendarEvent[] } | null> {
  // A secret is 43 URL-safe characters; anything else is no feed (and no query).
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const db = await getDb();
  const [feed] = await db
    .update(calendarFeeds)
    .set({ lastFetchedAt: now })
    .where(and(eq(calendarFeeds.tokenHash, hashFeedToken(token)), isNull(calendarFeeds.revokedAt)))
    .returning({ userId: calendarFeeds.userId });
  if (!feed) return null;
  const [owner] = await db
    .select({ userId: users.id, role: users.role, organisationId: users.organisationId, name: users.name, email: users.email, mustChangePassword: users.mustChangePassword, active: users.active })
    .from(users)
    .where(eq(users.id, feed.userId));
  // A disabled account's feed stops with it; one that must choose a new password waits until it has.
  if (!owner || !owner.active || owner.mustChangePassword) return null;
  const { active: _active, ...viewer } = owner;
  const today = isoDay(ukToday(now));
  const events = await listCalendarEvents(viewer, { from: isoOfUtcDay(today - FEED_DAYS_BEFORE), to: isoOfUtcDay(today + FEED_DAYS_AFTER) });
  return { ownerName: owner.name, events };
}
