import 'server-only';
import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { notificationPreferences, notifications, type EmailState, type NotificationDelivery, type NotificationKind } from '@/db/schema';
import { DEFAULT_DELIVERY } from '@/lib/notifications/preferences';

const EMAIL_STATE_FOR: Record<NotificationDelivery, EmailState> = { immediate: 'pending', digest: 'digest', off: 'skipped' };

export type NotifyInput = {
  /** Who is told; the actor is left out (nobody is told of what they did themselves). */
  recipients: readonly string[];
  kind: NotificationKind;
  /** A short sentence naming the record: it goes into email, so never evidence text, feedback or a message body. */
  title: string;
  /** The path of the exact place in the app ('/evidence/…'). */
  link: string;
  actorId?: string | null;
  /** Idempotency: a second notify with the same key for the same recipient inserts nothing (reminders). */
  key?: string;
};

export type Created = { id: string; recipientId: string; emailState: EmailState };

/**
 * Records notifications inside the caller's transaction, so a notification exists exactly when the write it
 * tells of committed. Each recipient's preference for the kind decides how its email waits. Internal to the
 * data access layer: the caller has already authorized the write that causes it.
 */
export async function notify(tx: DbOrTx, input: NotifyInput): Promise<Created[]> {
  const recipients = [...new Set(input.recipients)].filter((id) => id !== input.actorId);
  if (recipients.length === 0) return [];
  const prefs = await tx
    .select({ userId: notificationPreferences.userId, delivery: notificationPreferences.delivery })
    .from(notificationPreferences)
    .where(and(inArray(notificationPreferences.userId, recipients), eq(notificationPreferences.kind, input.kind)));
  const delivery = new Map(prefs.map((p) => [p.userId, p.delivery]));
  return tx
    .insert(notifications)
    .values(
      recipients.map((recipientId) => ({
        recipientId,
        kind: input.kind,
        title: input.title,
        link: input.link,
        actorId: input.actorId ?? null,
        key: input.key ?? null,
        emailState: EMAIL_STATE_FOR[delivery.get(recipientId) ?? DEFAULT_DELIVERY],
      })),
    )
    .onConflictDoNothing({ target: [notifications.recipientId, notifications.key] })
    .returning({ id: notifications.id, recipientId: notifications.recipientId, emailState: notifications.emailState });
}
