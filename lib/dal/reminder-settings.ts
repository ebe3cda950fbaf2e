import 'server-only';
import { eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { getDb, type DbOrTx } from '@/db/client';
import { settings as settingsTable, users } from '@/db/schema';
import { parseInput } from '@/lib/forms/parse-input';
import { readReminderSettings, ReminderSettings } from '@/lib/reminders/settings';
import { authorize, writeAudit } from './access';
import type { Viewer } from './viewer';

const KEY = 'reminders';

/** The thresholds in force: the stored row over the defaults. */
export async function reminderSettings(db: DbOrTx): Promise<ReminderSettings> {
  const [row] = await db.select({ value: settingsTable.value }).from(settingsTable).where(eq(settingsTable.key, KEY));
  return readReminderSettings(row?.value);
}

/** For the admin settings page: the thresholds, and who changed them last. */
export async function getReminderSettings(viewer: Viewer) {
  await authorize(viewer, 'reminders.manage');
  const db = await getDb();
  const [row] = await db.select({ updatedAt: settingsTable.updatedAt, updatedBy: users.name }).from(settingsTable).leftJoin(users, eq(users.id, settingsTable.updatedBy)).where(eq(settingsTable.key, KEY));
  return { settings: await reminderSettings(db), updatedAt: row?.updatedAt ?? null, updatedBy: row?.updatedBy ?? null };
}

export async function updateReminderSettings(viewer: Viewer, input: z.input<typeof ReminderSettings>) {
  await authorize(viewer, 'reminders.manage');
  const next = parseInput(ReminderSettings, input);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const before = await reminderSettings(tx);
    await tx
      .insert(settingsTable)
      .values({ key: KEY, value: next, updatedBy: viewer.userId })
      .onConflictDoUpdate({ target: settingsTable.key, set: { value: next, updatedBy: viewer.userId, updatedAt: sql`now()` } });
    await writeAudit(tx, viewer, { action: 'settings.update', entityType: 'settings', entityId: KEY, before, after: next });
    return next;
  });
}
