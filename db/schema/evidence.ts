import { boolean, date, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { users } from './users';

export const evidenceType = pgEnum('evidence_type', [
  'work_product',
  'reflective_account',
  'witness_testimony',
  'observation_record',
  'professional_discussion_record',
  'certificate',
  'other',
]);
export const evidenceStatus = pgEnum('evidence_status', ['draft', 'submitted', 'referred', 'accepted']);

export const evidence = pgTable(
  'evidence',
  {
    id: uuid().primaryKey().defaultRandom(),
    apprenticeId: uuid().notNull().references(() => users.id),
    title: text().notNull(),
    type: evidenceType().notNull(),
    activityDate: date({ mode: 'string' }).notNull(),
    account: text().notNull(),
    status: evidenceStatus().notNull().default('draft'),
    // Checked in the same statement as every write, so two tabs or two markers cannot overwrite each other.
    rowVersion: integer().notNull().default(1),
    // How many times it has been submitted: the number of the version a trainer is marking.
    submissionNo: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    submittedAt: timestamp({ withTimezone: true }),
    // The latest review (the standing decision), kept by a trigger on evidence_reviews (migration 0009) so
    // coverage is a join, not a search for the newest review of every piece.
    standingReviewId: uuid(),
  },
  (t) => [
    // (apprentice_id, status) INCLUDE (standing_review_id) is in migration 0009 (drizzle cannot say INCLUDE).
    index('evidence_status_submitted_idx').on(t.status, t.submittedAt),
    index('evidence_standing_review_idx').on(t.standingReviewId),
    index('evidence_apprentice_updated_idx').on(t.apprenticeId, t.updatedAt),
  ],
);

export const evidenceKsbs = pgTable(
  'evidence_ksbs',
  {
    evidenceId: uuid().notNull().references(() => evidence.id, { onDelete: 'cascade' }),
    ksbCode: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.evidenceId, t.ksbCode] }), index('evidence_ksbs_ksb_idx').on(t.ksbCode)],
);

/**
 * A file attached to evidence. The bytes live in file storage under `storageKey`; the row says what
 * they are. A file that was part of a submitted version is never deleted, only detached (`removedAt`),
 * so every version stays readable.
 */
export const evidenceFiles = pgTable(
  'evidence_files',
  {
    id: uuid().primaryKey().defaultRandom(),
    evidenceId: uuid().notNull().references(() => evidence.id),
    storageKey: text().notNull().unique(),
    fileName: text().notNull(),
    mediaType: text().notNull(),
    sizeBytes: integer().notNull(),
    sha256: text().notNull(),
    uploadedBy: uuid().notNull().references(() => users.id),
    uploadedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    removedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('evidence_files_evidence_idx').on(t.evidenceId), index('evidence_files_uploaded_by_idx').on(t.uploadedBy)],
);

export type VersionFile = { id: string; fileName: string; mediaType: string; sizeBytes: number };

/** What the apprentice submitted, frozen at each submission (append-only: see migration 0006). */
export const evidenceVersions = pgTable(
  'evidence_versions',
  {
    evidenceId: uuid().notNull().references(() => evidence.id),
    versionNo: integer().notNull(),
    title: text().notNull(),
    type: evidenceType().notNull(),
    activityDate: date({ mode: 'string' }).notNull(),
    account: text().notNull(),
    ksbs: text().array().notNull(),
    files: jsonb().$type<VersionFile[]>().notNull(),
    submittedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.evidenceId, t.versionNo] })],
);

export const reviewOutcome = pgEnum('evidence_review_outcome', ['accepted', 'referred']);

/**
 * A trainer's decision on one submitted version, or an admin's override of an accepted one (with a
 * reason). Append-only: the latest review of a piece is its standing decision.
 */
export const evidenceReviews = pgTable(
  'evidence_reviews',
  {
    id: uuid().primaryKey().defaultRandom(),
    evidenceId: uuid().notNull().references(() => evidence.id),
    versionNo: integer().notNull(),
    reviewerId: uuid().notNull().references(() => users.id),
    outcome: reviewOutcome().notNull(),
    feedback: text().notNull(),
    overrideReason: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('evidence_reviews_evidence_idx').on(t.evidenceId, t.createdAt),
    index('evidence_reviews_reviewer_idx').on(t.reviewerId),
    // One trainer decision per submitted version; overrides are extra rows with a reason.
    uniqueIndex('evidence_reviews_one_decision_per_version').on(t.evidenceId, t.versionNo).where(sql`override_reason is null`),
  ],
);

export const evidenceKsbDecisions = pgTable(
  'evidence_ksb_decisions',
  {
    reviewId: uuid().notNull().references(() => evidenceReviews.id),
    ksbCode: text().notNull(),
    met: boolean().notNull(),
  },
  (t) => [primaryKey({ columns: [t.reviewId, t.ksbCode] }), index('evidence_ksb_decisions_ksb_idx').on(t.ksbCode)],
);

export const witnessStatus = pgEnum('witness_status', ['requested', 'signed']);

/** An apprentice asks an employer contact of their own employer to witness a piece of evidence. */
export const witnessStatements = pgTable(
  'witness_statements',
  {
    id: uuid().primaryKey().defaultRandom(),
    evidenceId: uuid().notNull().references(() => evidence.id),
    witnessId: uuid().notNull().references(() => users.id),
    requestMessage: text().notNull(),
    status: witnessStatus().notNull().default('requested'),
    statement: text(),
    signedName: text(),
    signedJobTitle: text(),
    signedOn: date({ mode: 'string' }),
    requestedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    signedAt: timestamp({ withTimezone: true }),
    rowVersion: integer().notNull().default(1),
  },
  (t) => [index('witness_statements_evidence_idx').on(t.evidenceId), index('witness_statements_witness_idx').on(t.witnessId, t.status)],
);

export const otjActivityType = pgEnum('otj_activity_type', [
  'teaching',
  'practical_training',
  'shadowing',
  'mentoring',
  'learning_support',
  'writing_assignments',
  'other',
]);
export const otjStatus = pgEnum('otj_status', ['logged', 'accepted', 'queried']);

/** One off-the-job training activity. Minutes are whole quarter-hours (15, 30, …). */
export const otjEntries = pgTable(
  'otj_entries',
  {
    id: uuid().primaryKey().defaultRandom(),
    apprenticeId: uuid().notNull().references(() => users.id),
    activityDate: date({ mode: 'string' }).notNull(),
    minutes: integer().notNull(),
    activityType: otjActivityType().notNull(),
    description: text().notNull(),
    ksbs: text().array().notNull().default(sql`'{}'::text[]`),
    status: otjStatus().notNull().default('logged'),
    reviewerId: uuid().references(() => users.id),
    reviewComment: text(),
    reviewedAt: timestamp({ withTimezone: true }),
    rowVersion: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('otj_entries_apprentice_date_idx').on(t.apprenticeId, t.activityDate), index('otj_entries_reviewer_idx').on(t.reviewerId)],
);

export type OtjEntry = typeof otjEntries.$inferSelect;
