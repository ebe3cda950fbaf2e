import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createCalendarFeed, getCalendarFeed, listCalendarEvents, revokeCalendarFeed } from '@/lib/dal';
import { openCalendarFeed } from '@/lib/dal/calendar';
import {
  apprenticeships,
  assessmentBlueprints,
  assessmentInvitations,
  assessmentSittings,
  auditLog,
  calendarFeeds,
  evidence,
  progressReviews,
  trainerAssignments,
  users,
  witnessStatements,
} from '@/db/schema';
import { buildCalendarEvents, inRange, type CalendarFacts } from '@/lib/calendar-events';
import { DEFAULT_PROGRESS_SETTINGS } from '@/lib/progress/settings';
import { DEFAULT_REMINDER_SETTINGS } from '@/lib/reminders/settings';
import type { Viewer } from '@/lib/dal/viewer';
import { FieldError } from '@/lib/errors';
import { createTestDb, type TestDb } from '../helpers/test-db';
import { learningSchedules } from '@/lib/dal/schedules';

/**
 * The calendar (issue 17, point 5): what each person sees equals the same event rules applied to a plain
 * computation over every seeded row, filtered in JavaScript by each role's relationships; the feed answers
 * with its owner's events only, and not once revoked.
 */
let t: TestDb;
const RANGE = { from: '2000-01-01', to: '2099-12-31' };
const EMAILS = ['sam.whitfield@ashwell.example', 'aisha.rahman@ashwell.example', 'trainer.patel@coderpathway.example', 'coding.manager@ashwell.example', 'admin@coderpathway.example'];

beforeAll(async () => {
  t = await createTestDb();
}, 120_000);
afterAll(async () => {
  await t?.close();
});

/** Every row, then the relationships of a role as plain JavaScript. */
async function plainEvents(viewer: Viewer) {
  const db = t.db;
  const [allUsers, all, assignments, reviews, sittings, invitations, blueprints, statements, pieces] = await Promise.all([
    db.select().from(users),
    db.select().from(apprenticeships),
    db.select().from(trainerAssignments),
    db.select().from(progressReviews),
    db.select().from(assessmentSittings),
    db.select().from(assessmentInvitations),
    db.select().from(assessmentBlueprints),
    db.select().from(witnessStatements),
    db.select().from(evidence),
  ]);
  // issue 20: the signed plan in force and breaks, by the one loader every view uses (tested in breaks.test.ts).
  const schedules = await learningSchedules(db, all.map((a) => a.id));
  const name = (id: string) => allUsers.find((u) => u.id === id)!.name;
  const reaches = (a: (typeof all)[number]) =>
    viewer.role === 'apprentice'
      ? a.apprenticeId === viewer.userId
      : viewer.role === 'trainer'
        ? assignments.some((x) => x.apprenticeshipId === a.id && x.trainerId === viewer.userId)
        : viewer.role === 'employer'
          ? a.employerId === viewer.organisationId
          : a.apprenticeId === viewer.userId; // an administrator's own: none
  const inReach = all.filter(reaches);
  const apprenticesInReach = new Set(inReach.map((a) => a.apprenticeId));
  const papers = viewer.role === 'apprentice' || viewer.role === 'trainer';
  const facts: CalendarFacts = {
    role: viewer.role,
    apprenticeships: inReach
      .filter((a) => a.status === 'active')
      .map((a) => ({
        id: a.id,
        apprenticeName: name(a.apprenticeId),
        startDate: a.startDate,
        plannedEndDate: a.plannedEndDate,
        lastReviewDate: reviews.filter((r) => r.apprenticeshipId === a.id).map((r) => r.reviewDate).sort().at(-1) ?? null,
        schedule: schedules.get(a.id),
      })),
    reviews: reviews
      .filter((r) => inReach.some((a) => a.id === r.apprenticeshipId))
      .map((r) => ({ id: r.id, apprenticeName: name(all.find((a) => a.id === r.apprenticeshipId)!.apprenticeId), reviewDate: r.reviewDate, signed: Boolean(r.apprenticeSignedAt && r.employerSignedAt) })),
    sittings: papers
      ? sittings.flatMap((s) => {
          const invited = invitations.filter((i) => i.sittingId === s.id && apprenticesInReach.has(i.apprenticeId));
          if (invited.length === 0) return [];
          return [{ id: s.id, title: blueprints.find((b) => b.id === s.blueprintId)!.title, opensAt: s.opensAt, closesAt: s.closesAt, invited: invited.length, apprenticeName: invited.length === 1 ? name(invited[0]!.apprenticeId) : null }];
        })
      : [],
    witness:
      viewer.role === 'admin'
        ? []
        : statements.flatMap((w) => {
            const piece = pieces.find((e) => e.id === w.evidenceId)!;
            if (w.status !== 'requested' || !apprenticesInReach.has(piece.apprenticeId)) return [];
            if (viewer.role === 'employer' && w.witnessId !== viewer.userId) return [];
            return [{ id: w.id, evidenceId: piece.id, apprenticeName: name(piece.apprenticeId), witnessName: name(w.witnessId), requestedAt: w.requestedAt }];
          }),
    reviewIntervalWeeks: DEFAULT_PROGRESS_SETTINGS.reviewIntervalWeeks,
    witnessDueDays: DEFAULT_REMINDER_SETTINGS.witnessUnansweredDays,
  };
  return inRange(buildCalendarEvents(facts), RANGE);
}

describe('calendar events', () => {
  it('equal a plain computation over the seeded rows, for every role', async () => {
    for (const email of EMAILS) {
      const viewer = await t.viewer(email);
      const events = await listCalendarEvents(viewer, RANGE);
      expect({ email, events }).toEqual({ email, events: await plainEvents(viewer) });
      if (viewer.role !== 'admin') expect(events.length, email).toBeGreaterThan(0);
      else expect(events).toEqual([]);
    }
  });

  it('shows the apprentice their paper windows and next review, and nobody else’s dates', async () => {
    const sam = await t.viewer('sam.whitfield@ashwell.example');
    const aisha = await t.viewer('aisha.rahman@ashwell.example');
    const [mine] = await t.db.select({ id: apprenticeships.id }).from(apprenticeships).where(eq(apprenticeships.apprenticeId, sam.userId));
    const [theirs] = await t.db.select({ id: apprenticeships.id }).from(apprenticeships).where(eq(apprenticeships.apprenticeId, aisha.userId));
    const events = await listCalendarEvents(sam, RANGE);
    expect(events.some((e) => e.uid === `review_due-${mine!.id}@coderpathway`)).toBe(true);
    expect(events.some((e) => e.uid.includes(theirs!.id))).toBe(false);
    expect(events.every((e) => e.who === null)).toBe(true);
  });

  it('refuses a range that is not one', async () => {
    const sam = await t.viewer('sam.whitfield@ashwell.example');
    await expect(listCalendarEvents(sam, { from: '2026-12-31', to: '2026-12-01' })).rejects.toBeInstanceOf(FieldError);
    await expect(listCalendarEvents(sam, { from: 'yesterday', to: '2026-12-01' })).rejects.toBeInstanceOf(FieldError);
  });

  it('an employer sees no paper windows (employers see no mock assessments)', async () => {
    const events = await listCalendarEvents(await t.viewer('coding.manager@ashwell.example'), RANGE);
    expect(events.filter((e) => e.kind === 'paper_window')).toEqual([]);
  });
});

describe('calendar feed', () => {
  it('answers with its owner’s events, records the fetch, and nothing once revoked', async () => {
    const sam = await t.viewer('sam.whitfield@ashwell.example');
    expect(await getCalendarFeed(sam)).toBeNull();
    const feed = await createCalendarFeed(sam);
    expect(feed.path).toBe(`/api/calendar/${feed.token}`);
    // Only the hash is stored.
    const stored = await t.db.select().from(calendarFeeds).where(eq(calendarFeeds.userId, sam.userId));
    expect(stored).toHaveLength(1);
    expect(stored[0]!.tokenHash).not.toContain(feed.token);

    const at = new Date('2026-12-07T09:00:00Z');
    const opened = await openCalendarFeed(feed.token, at);
    expect(opened?.ownerName).toBe(sam.name);
    const own = await listCalendarEvents(sam, { from: '2026-10-08', to: '2028-01-10' });
    expect(opened!.events).toEqual(own);
    expect((await getCalendarFeed(sam))?.lastFetchedAt).toEqual(at);

    // Another person's feed never holds Sam's dates.
    const aisha = await t.viewer('aisha.rahman@ashwell.example');
    const hers = await createCalendarFeed(aisha);
    const theirs = await openCalendarFeed(hers.token, at);
    // A sitting both are invited to is one event for both; every other date of Sam's is his alone.
    const samIds = new Set(own.filter((e) => e.kind !== 'paper_window').map((e) => e.uid));
    expect(samIds.size).toBeGreaterThan(0);
    expect(theirs!.events.some((e) => samIds.has(e.uid))).toBe(false);

    // Making a new one stops the old one; revoking stops the new one.
    const again = await createCalendarFeed(sam);
    expect(await openCalendarFeed(feed.token, at)).toBeNull();
    expect(await openCalendarFeed(again.token, at)).not.toBeNull();
    expect(await revokeCalendarFeed(sam)).toEqual({ revoked: 1 });
    expect(await openCalendarFeed(again.token, at)).toBeNull();
    expect(await getCalendarFeed(sam)).toBeNull();
    const audit = await t.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.actorId, sam.userId));
    expect(audit.filter((a) => a.action.startsWith('calendar_feed.')).map((a) => a.action)).toEqual(['calendar_feed.create', 'calendar_feed.create', 'calendar_feed.revoke']);
  });

  it('an unknown or malformed secret is no feed', async () => {
    expect(await openCalendarFeed('x'.repeat(43))).toBeNull();
    expect(await openCalendarFeed('short')).toBeNull();
    expect(await openCalendarFeed("'; drop table users; --")).toBeNull();
  });

  it('stops while its owner is disabled', async () => {
    const ryan = await t.viewer('ryan.doyle@ashwell.example');
    const feed = await createCalendarFeed(ryan);
    await t.db.update(users).set({ active: false }).where(eq(users.id, ryan.userId));
    expect(await openCalendarFeed(feed.token)).toBeNull();
    await t.db.update(users).set({ active: true }).where(eq(users.id, ryan.userId));
    expect(await openCalendarFeed(feed.token)).not.toBeNull();
  });
});
