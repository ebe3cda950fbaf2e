import 'server-only';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { notificationPreferences, notifications, users } from '@/db/schema';
import { NotFound } from '@/lib/errors';
import { parseInput } from '@/lib/forms/parse-input';
import { NOTIFICATION_KINDS, PreferencesForm, preferencesFrom } from '@/lib/notifications';
import { pageWindow } from '@/lib/paging/page-window';
import { authorize, recordDenied, writeAudit } from './access';
import type { Viewer } from './viewer';

// Each person's own notifications (the bell, /notifications) and their choice of email per kind.

export const NOTIFICATIONS_PAGE_SIZE = 20;
const actor = alias(users, 'actor');
const mine = (viewer: Viewer) => eq(notifications.recipientId, viewer.userId);
const unread = (viewer: Viewer) => and(mine(viewer), isNull(notifications.readAt));

/** A page of the viewer's notifications, newest first, with how many there are and how many are unread. */
export async function listNotifications(viewer: Viewer, options: { page?: number } = {}) {
  await authorize(viewer, 'notification.own');
  const db = await getDb();
  const [count] = await db
    .select({ total: sql<number>`count(*)`.mapWith(Number), unread: sql<number>`count(*) filter (where ${notifications.readAt} is null)`.mapWith(Number) })
    .from(notifications)
    .where(mine(viewer));
  const total = count?.total ?? 0;
  const { page, pages, pageSize, offset } = pageWindow(total, options.page ?? 1, NOTIFICATIONS_PAGE_SIZE);
  const rows = await db
    .select({ id: notifications.id, kind: notifications.kind, title: notifications.title, link: notifications.link, createdAt: notifications.createdAt, readAt: notifications.readAt, actorName: actor.name })
    .from(notifications)
    .leftJoin(actor, eq(actor.id, notifications.actorId))
    .where(mine(viewer))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(pageSize)
    .offset(offset);
  return { rows, total, unread: count?.unread ?? 0, page, pages, pageSize };
}

/** The bell's figure: the viewer's unread notifications. */
export async function countUnreadNotifications(viewer: Viewer): Promise<number> {
  await authorize(viewer, 'notification.own');
  const db = await getDb();
  const [r] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(notifications).where(unread(viewer));
  return r?.n ?? 0;
}

/**
 * Marks one of the viewer's notifications read (followed from the list) and answers where it leads.
 * Someone else's, like a missing one, is a 404. Read already: nothing changes.
 */
export async function markNotificationRead(viewer: Viewer, id: string): Promise<{ link: string }> {
  await authorize(viewer, 'notification.own', { type: 'notification', id });
  const db = await getDb();
  const [n] = z.uuid().safeParse(id).success
    ? await db.select({ id: notifications.id, link: notifications.link, readAt: notifications.readAt }).from(notifications).where(and(eq(notifications.id, id), mine(viewer)))
    : [];
  if (!n) {
    await recordDenied(viewer, 'notification.own', 'notification', id);
    throw new NotFound('notification');
  }
  if (!n.readAt)
    await db.transaction(async (tx) => {
      const [marked] = await tx.update(notifications).set({ readAt: sql`now()` }).where(and(eq(notifications.id, n.id), isNull(notifications.readAt))).returning({ id: notifications.id });
      if (marked) await writeAudit(tx, viewer, { action: 'notification.read', entityType: 'notification', entityId: n.id });
    });
  return { link: n.link };
}

/** Marks every unread notification of the viewer read; answers how many. */
export async function markAllNotificationsRead(viewer: Viewer): Promise<number> {
  await authorize(viewer, 'notification.own');
  const db = await getDb();
  return db.transaction(async (tx) => {
    const marked = await tx.update(notifications).set({ readAt: sql`now()` }).where(unread(viewer)).returning({ id: notifications.id });
    if (marked.length) await writeAudit(tx, viewer, { action: 'notification.read_all', entityType: 'user', entityId: viewer.userId, after: { count: marked.length } });
    return marked.length;
  });
}

/** How the viewer hears of each kind: their choice, else the default (email each time). */
export async function getNotificationPreferences(viewer: Viewer) {
  await authorize(viewer, 'notification.own');
  const db = await getDb();
  const stored = await db
    .select({ kind: notificationPreferences.kind, delivery: notificationPreferences.delivery })
    .from(notificationPreferences)
    .where(eq(notificationPreferences.userId, viewer.userId));
  return preferencesFrom(stored);
}

/**
 * Saves the viewer's choice for every kind. It applies to notifications made from now on; those already
 * waiting for a digest still go in it.
 */
export async function updateNotificationPreferences(viewer: Viewer, input: z.input<typeof PreferencesForm>) {
  await authorize(viewer, 'notification.own');
  const data = parseInput(PreferencesForm, input);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const before = preferencesFrom(
      await tx.select({ kind: notificationPreferences.kind, delivery: notificationPreferences.delivery }).from(notificationPreferences).where(eq(notificationPreferences.userId, viewer.userId)),
    );
    await tx
      .insert(notificationPreferences)
      .values(NOTIFICATION_KINDS.map((kind) => ({ userId: viewer.userId, kind, delivery: data[kind] })))
      .onConflictDoUpdate({ target: [notificationPreferences.userId, notificationPreferences.kind], set: { delivery: sql`excluded.delivery`, updatedAt: sql`now()` } });
    await writeAudit(tx, viewer, { action: 'notification.preferences', entityType: 'user', entityId: viewer.userId, before, after: data });
    return preferencesFrom(NOTIFICATION_KINDS.map((kind) => ({ kind, delivery: data[kind] })));
  });
}
