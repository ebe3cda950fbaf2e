import 'server-only';
import { and, asc, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { notifications, users } from '@/db/schema';
import { appUrl } from '@/lib/env';
import type { JobContext } from '@/lib/jobs';
import { getMailer } from '@/lib/mail';
import { digestEmail, notificationEmail, type MailNotification } from '@/lib/notifications';
import { jobQueue } from './jobs';
import type { Created } from './notify';

// The worker's half of notification email (queues `notification-email`, `notification-digest`,
// `notification-email-sweep`), and the send of each email's job after the write that made it commits.

/**
 * Queues the email of each notification made to go at once. Called after the write's transaction
 * commits (the worker must find the row); one job per notification, keyed by it, so sending twice queues
 * one. If the queue cannot be reached the write still stands: the sweep queues the email within minutes.
 */
export async function queueNotificationEmails(created: readonly Created[]): Promise<void> {
  const pending = created.filter((c) => c.emailState === 'pending');
  if (pending.length === 0) return;
  try {
    const queue = await jobQueue();
    for (const c of pending) await queue.send('notification-email', { notificationId: c.id }, { singletonKey: c.id });
  } catch (e) {
    console.warn(`Notification emails not queued now (the sweep will queue them): ${e instanceof Error ? e.message : String(e)}`);
  }
}

const mailColumns = {
  id: notifications.id,
  kind: notifications.kind,
  title: notifications.title,
  link: notifications.link,
  createdAt: notifications.createdAt,
  recipientId: notifications.recipientId,
  email: users.email,
  name: users.name,
  active: users.active,
};

/**
 * Emails one notification still waiting to go on its own, then records it sent. The row is marked only
 * after the mail server accepted the message: a throw leaves it pending and the job is tried again, and on
 * the last try it is marked failed. Idempotent: a notification already sent (or no longer pending) is left.
 * Of two runs at once (rare: a job and the sweep's job both retrying) both may send; email is at least once.
 */
export async function sendNotificationEmail(notificationId: string, job?: JobContext): Promise<'sent' | 'skipped' | 'not_pending'> {
  const db = await getDb();
  const [n] = await db
    .select(mailColumns)
    .from(notifications)
    .innerJoin(users, eq(users.id, notifications.recipientId))
    .where(and(eq(notifications.id, notificationId), eq(notifications.emailState, 'pending')));
  if (!n) return 'not_pending';
  const still = and(eq(notifications.id, n.id), eq(notifications.emailState, 'pending'));
  // A person who may no longer sign in is not emailed about the app.
  if (!n.active) {
    await db.update(notifications).set({ emailState: 'skipped' }).where(still);
    return 'skipped';
  }
  try {
    await getMailer().send({ to: n.email, ...notificationEmail(n, { appUrl, recipientName: n.name }) });
  } catch (e) {
    if (job && job.retryCount >= job.retryLimit) await failNotificationEmail(n.id);
    throw e;
  }
  await db.update(notifications).set({ emailState: 'sent', emailedAt: sql`now()` }).where(still);
  return 'sent';
}

/** A notification's email given up on: every try failed (or the last one died with its process). */
export async function failNotificationEmail(notificationId: string): Promise<void> {
  const db = await getDb();
  await db.update(notifications).set({ emailState: 'failed' }).where(and(eq(notifications.id, notificationId), eq(notifications.emailState, 'pending')));
}

/**
 * The daily digest: one email per person listing every notification waiting for it, then those rows
 * marked sent together (in one transaction). Rows made while it runs wait for the next digest. A person's
 * failed send leaves their rows waiting; the others still go, and the job fails at the end so it is
 * tried again (those already sent are not sent twice). Answers how many emails were sent.
 */
export async function sendDigests(): Promise<number> {
  const db = await getDb();
  const rows = await db
    .select(mailColumns)
    .from(notifications)
    .innerJoin(users, eq(users.id, notifications.recipientId))
    .where(eq(notifications.emailState, 'digest'))
    .orderBy(asc(notifications.recipientId), desc(notifications.createdAt), desc(notifications.id));
  const byRecipient = new Map<string, typeof rows>();
  for (const r of rows) byRecipient.set(r.recipientId, [...(byRecipient.get(r.recipientId) ?? []), r]);
  let sent = 0;
  const failures: string[] = [];
  for (const list of byRecipient.values()) {
    const person = list[0]!;
    const ids = list.map((r) => r.id);
    const waiting = and(inArray(notifications.id, ids), eq(notifications.emailState, 'digest'));
    if (!person.active) {
      await db.update(notifications).set({ emailState: 'skipped' }).where(waiting);
      continue;
    }
    try {
      await getMailer().send({ to: person.email, ...digestEmail(list as MailNotification[], { appUrl, recipientName: person.name }) });
    } catch (e) {
      failures.push(e instanceof Error ? e.message : String(e));
      continue;
    }
    await db.transaction(async (tx) => {
      await tx.update(notifications).set({ emailState: 'sent', emailedAt: sql`now()` }).where(waiting);
    });
    sent++;
  }
  if (failures.length) throw new Error(`${failures.length} of ${byRecipient.size} digests not sent (tried again later): ${failures[0]}`);
  return sent;
}

/** How long a notification waits for its own job before the sweep queues one. */
const SWEEP_AFTER = sql`now() - interval '1 minute'`;

/**
 * The safety sweep: queues the email of every notification still pending a minute after it was made
 * (its job was never sent: the process died between the commit and the send, or the row was made by a
 * script). Keyed by the notification, so one already queued is not queued again. Answers how many.
 */
export async function sweepPendingEmails(limit = 500): Promise<number> {
  const db = await getDb();
  const due = await db
    .select({ id: notifications.id })
    .from(notifications)
    .where(and(eq(notifications.emailState, 'pending'), lt(notifications.createdAt, SWEEP_AFTER)))
    .orderBy(asc(notifications.createdAt), asc(notifications.id))
    .limit(limit);
  if (due.length === 0) return 0;
  const queue = await jobQueue();
  for (const { id } of due) await queue.send('notification-email', { notificationId: id }, { singletonKey: id });
  return due.length;
}
