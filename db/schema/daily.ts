import { sql } from 'drizzle-orm';
import { check, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { apprenticeships } from './apprenticeships';
import { users } from './users';

// The daily loop (issue 17): notifications and their email, conversations, and the calendar feed.

/** What a notification is about. Each person chooses per kind how they hear of it (notification_preferences). */
export const notificationKind = pgEnum('notification_kind', [
  'evidence_decided',
  'review_recorded',
  'review_signed',
  'witness_requested',
  'witness_signed',
  'paper_scheduled',
  'paper_marked',
  'comment',
  'reminder',
]);
export const NOTIFICATION_KINDS = notificationKind.enumValues;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** How a person hears of a kind: an email each time, one email a day listing them, or only in the app. */
export const notificationDelivery = pgEnum('notification_delivery', ['immediate', 'digest', 'off']);
export type NotificationDelivery = (typeof notificationDelivery.enumValues)[number];

/**
 * Where a notification's email stands: `pending` (to be sent on its own), `digest` (waits for the next daily
 * digest), `sent` (alone or in a digest: `emailedAt` says when), `skipped` (the person chose off), `failed`
 * (every retry failed; the admin's job list shows why).
 */
export const emailState = pgEnum('notification_email_state', ['pending', 'digest', 'sent', 'skipped', 'failed']);
export type EmailState = (typeof emailState.enumValues)[number];

/**
 * One thing a person is told: in the app (the bell) and, by their preference, by email. `title` is a short
 * sentence naming the record (never evidence text or feedback: it goes into email) and `link` the path of
 * the exact place in the app. `key` makes a notification idempotent: a reminder's key names the reminder and
 * its occurrence, so a scheduled run that fires twice (two workers, a retry) inserts it once.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid().primaryKey().defaultRandom(),
    recipientId: uuid().notNull().references(() => users.id),
    kind: notificationKind().notNull(),
    title: text().notNull(),
    link: text().notNull(),
    // Who caused it (null for the platform: reminders, a deadline).
    actorId: uuid().references(() => users.id),
    key: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp({ withTimezone: true }),
    emailState: emailState().notNull().default('pending'),
    emailedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index('notifications_recipient_created_idx').on(t.recipientId, t.createdAt.desc(), t.id.desc()),
    // The bell's count: unread rows only.
    index('notifications_recipient_unread_idx').on(t.recipientId).where(sql`${t.readAt} is null`),
    // The mail jobs' work lists: only rows still waiting.
    index('notifications_email_waiting_idx').on(t.emailState, t.createdAt).where(sql`${t.emailState} in ('pending', 'digest')`),
    uniqueIndex('notifications_recipient_key_unique').on(t.recipientId, t.key),
    index('notifications_actor_idx').on(t.actorId),
    check('notifications_link_is_a_path', sql`${t.link} like '/%' and ${t.link} not like '//%'`),
  ],
);

/** A person's choice for one kind; no row means the default of lib/notifications (immediate). */
export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    userId: uuid().notNull().references(() => users.id),
    kind: notificationKind().notNull(),
    delivery: notificationDelivery().notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind] })],
);

/** What a conversation hangs on: a piece of evidence, a progress review, a coding attempt, or nothing (direct). */
export const threadSubject = pgEnum('thread_subject', ['evidence', 'review', 'attempt', 'direct']);
export type ThreadSubject = (typeof threadSubject.enumValues)[number];

/**
 * A conversation. Every thread belongs to one apprenticeship, which is how the data access layer decides who
 * may read it (the same rule as the record it hangs on). A record's thread is made on its first message; a
 * direct thread is between the apprentice and one assigned trainer (`trainerId`).
 */
export const conversationThreads = pgTable(
  'conversation_threads',
  {
    id: uuid().primaryKey().defaultRandom(),
    apprenticeshipId: uuid().notNull().references(() => apprenticeships.id),
    subjectType: threadSubject().notNull(),
    // The evidence piece, progress review or coding attempt; null for a direct thread.
    subjectId: uuid(),
    trainerId: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    // The newest message's time: lists sort by it without reading messages.
    lastMessageAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('conversation_threads_subject_unique').on(t.subjectType, t.subjectId).where(sql`${t.subjectType} <> 'direct'`),
    uniqueIndex('conversation_threads_direct_unique').on(t.apprenticeshipId, t.trainerId).where(sql`${t.subjectType} = 'direct'`),
    index('conversation_threads_apprenticeship_idx').on(t.apprenticeshipId, t.lastMessageAt.desc()),
    index('conversation_threads_trainer_idx').on(t.trainerId),
    check(
      'conversation_threads_subject_shape',
      sql`(${t.subjectType} = 'direct' and ${t.subjectId} is null and ${t.trainerId} is not null) or (${t.subjectType} <> 'direct' and ${t.subjectId} is not null and ${t.trainerId} is null)`,
    ),
  ],
);

/** A message. Its author may edit it for 5 minutes (lib/conversations), after which it is final. */
export const conversationMessages = pgTable(
  'conversation_messages',
  {
    id: uuid().primaryKey().defaultRandom(),
    threadId: uuid().notNull().references(() => conversationThreads.id),
    authorId: uuid().notNull().references(() => users.id),
    body: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    editedAt: timestamp({ withTimezone: true }),
    version: integer().notNull().default(1),
  },
  (t) => [index('conversation_messages_thread_idx').on(t.threadId, t.createdAt, t.id), index('conversation_messages_author_idx').on(t.authorId)],
);

/** How far each person has read each thread: unread = messages by others after `readUpTo`. */
export const conversationReads = pgTable(
  'conversation_reads',
  {
    threadId: uuid().notNull().references(() => conversationThreads.id),
    userId: uuid().notNull().references(() => users.id),
    readUpTo: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.threadId, t.userId] }), index('conversation_reads_user_idx').on(t.userId)],
);

/**
 * A personal calendar feed (ICS) that Outlook subscribes to by a secret URL. Only the SHA-256 of the secret is
 * kept; revoking ends it and a new one gets a new secret. At most one live feed per person.
 */
export const calendarFeeds = pgTable(
  'calendar_feeds',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid().notNull().references(() => users.id),
    tokenHash: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp({ withTimezone: true }),
    lastFetchedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex('calendar_feeds_token_hash_unique').on(t.tokenHash),
    uniqueIndex('calendar_feeds_one_live_per_user').on(t.userId).where(sql`${t.revokedAt} is null`),
    index('calendar_feeds_user_idx').on(t.userId),
  ],
);

export type Notification = typeof notifications.$inferSelect;
export type ConversationThread = typeof conversationThreads.$inferSelect;
export type ConversationMessage = typeof conversationMessages.$inferSelect;
