import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { updateReminderSettings } from '@/lib/dal';
import { runReminders } from '@/lib/dal/reminders';
import { evidence, notifications, otjEntries, users, witnessStatements } from '@/db/schema';
import { REMINDER_RULES, type ReminderRule } from '@/lib/reminders/rules';
import { DEFAULT_REMINDER_SETTINGS } from '@/lib/reminders/settings';
import { createTestDb, rowsOf, type TestDb } from '../helpers/test-db';

/**
 * Reminders (issue 17, point 3): each is sent once per occurrence however many runs see it — one after the
 * other or two at once — a later occurrence is sent again, and the thresholds are the administrator's.
 */
let t: TestDb;
// The demo data is seeded relative to the day the test runs; every moment here is fixed from it.
const NOW = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);
const DAY = 86_400_000;
const total = (sent: Record<ReminderRule, number>) => REMINDER_RULES.reduce((n, r) => n + sent[r], 0);
const reminderRows = () => t.db.select({ key: notifications.key, recipientId: notifications.recipientId }).from(notifications).where(eq(notifications.kind, 'reminder'));

beforeAll(async () => {
  t = await createTestDb();
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe('reminders', () => {
  it('fire once per recipient and occurrence across runs, one after another and two at once', async () => {
    const first = await runReminders(NOW);
    expect(total(first.sent)).toBeGreaterThan(0);
    expect(first.sent).toEqual(first.due);
    const second = await runReminders(NOW);
    expect(total(second.sent)).toBe(0);
    expect(second.due).toEqual(first.due);

    // Two at once, a day later: together they send what came due since, once.
    const later = new Date(NOW.getTime() + DAY);
    const [a, b] = await Promise.all([runReminders(later), runReminders(later)]);
    const rows = await reminderRows();
    expect(rows.length).toBe(total(first.sent) + total(a.sent) + total(b.sent));
    const [dupes] = await rowsOf<{ n: number }>(t.db, sql`select count(*)::int as n from (select 1 from notifications where kind = 'reminder' group by recipient_id, key having count(*) > 1) d`);
    expect(dupes!.n).toBe(0);
    // Every key names its rule, its record and (where it recurs) the occurrence.
    for (const r of rows) expect(REMINDER_RULES.some((rule) => r.key!.startsWith(`${rule}:`))).toBe(true);
  });

  it('a later occurrence fires again: off-the-job hours behind plan, once per ISO week', async () => {
    const sam = await t.viewer('sam.whitfield@ashwell.example');
    // Far behind: nothing logged against his signed training plan (a signed plan is final, so the log is emptied).
    await t.db.delete(otjEntries).where(eq(otjEntries.apprenticeId, sam.userId));
    const week1 = new Date(NOW.getTime() + 2 * DAY);
    const run1 = await runReminders(week1);
    const samKeys = async () => (await reminderRows()).filter((r) => r.recipientId === sam.userId && r.key!.startsWith('otj-behind:')).map((r) => r.key);
    expect(await samKeys()).toHaveLength(1);
    expect(run1.sent['otj-behind']).toBeGreaterThanOrEqual(1);
    await runReminders(new Date(week1.getTime() + DAY)); // the same week or the next: at most one more
    await runReminders(new Date(week1.getTime() + 7 * DAY)); // certainly the next week
    const keys = await samKeys();
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.length).toBeGreaterThanOrEqual(2);
    expect(keys.length).toBeLessThanOrEqual(3);
  });

  it('respects the thresholds set by an administrator', async () => {
    const sam = await t.viewer('sam.whitfield@ashwell.example');
    const manager = await t.viewer('coding.manager@ashwell.example');
    const [piece] = await t.db.select({ id: evidence.id }).from(evidence).where(eq(evidence.apprenticeId, sam.userId)).orderBy(evidence.id).limit(1);
    const requestedAt = new Date(NOW.getTime() - 3 * DAY);
    const [w] = await t.db.insert(witnessStatements).values({ evidenceId: piece!.id, witnessId: manager.userId, requestMessage: 'Please confirm what you saw.', requestedAt }).returning({ id: witnessStatements.id });
    const key = `witness-unanswered:${w!.id}`;
    const sentFor = async () => (await reminderRows()).filter((r) => r.key === key);

    await runReminders(NOW); // three days: under the default five
    expect(DEFAULT_REMINDER_SETTINGS.witnessUnansweredDays).toBe(5);
    expect(await sentFor()).toEqual([]);

    const admin = await t.viewer('admin@coderpathway.example');
    await updateReminderSettings(admin, { ...DEFAULT_REMINDER_SETTINGS, witnessUnansweredDays: 2 });
    const run = await runReminders(NOW);
    expect(await sentFor()).toEqual([{ key, recipientId: manager.userId }]);
    expect(run.sent['witness-unanswered']).toBeGreaterThanOrEqual(1);
    // The reminder's title names the apprentice, never the evidence.
    const [n] = await t.db.select({ title: notifications.title, link: notifications.link }).from(notifications).where(and(eq(notifications.key, key), eq(notifications.recipientId, manager.userId)));
    expect(n).toEqual({ title: `${sam.name} is waiting for your witness statement`, link: `/employer/witness/${w!.id}` });
  });

  it('tells nobody whose account is disabled', async () => {
    const ryan = await t.viewer('ryan.doyle@ashwell.example');
    await t.db.update(users).set({ active: false }).where(eq(users.id, ryan.userId));
    await t.db.delete(notifications).where(eq(notifications.recipientId, ryan.userId));
    await runReminders(new Date(NOW.getTime() + 400 * DAY));
    expect((await reminderRows()).filter((r) => r.recipientId === ryan.userId)).toEqual([]);
  });
});
