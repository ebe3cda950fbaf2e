import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, check, index, integer, jsonb, numeric, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { Blueprint, RubricCriterion } from '@/lib/content/assessment';
import type { z } from 'zod';
import { cohorts } from './apprenticeships';
import { users } from './users';

// Each version of a blueprint is kept: an attempt points at the version it was drawn from, so an
// admin's later change never alters a paper already sat. The newest version of a key is the current one.
export const assessmentBlueprints = pgTable(
  'assessment_blueprints',
  {
    id: uuid().primaryKey().defaultRandom(),
    key: text().notNull(), // the blueprint's own id, e.g. mock-nccq-practical
    version: integer().notNull(),
    title: text().notNull(),
    kind: text().notNull(),
    practice: boolean().notNull(),
    definition: jsonb().$type<Blueprint>().notNull(),
    source: text().notNull(), // content | upload
    createdBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('assessment_blueprints_key_version_unique').on(t.key, t.version), index('assessment_blueprints_created_by_idx').on(t.createdBy)],
);

// Written-answer items from content/assessments/written, marked by a trainer against the rubric.
export const writtenItems = pgTable('written_items', {
  id: text().primaryKey(),
  topic: text().notNull(),
  prompt: text().notNull(),
  ksbs: text().array().notNull(),
  rubric: jsonb().$type<z.infer<typeof RubricCriterion>[]>().notNull(),
  guidance: text().notNull(),
  marks: integer().notNull(),
  codes: jsonb().$type<{ icd10?: string[]; opcs4?: string[] }>(), // the classification codes its text relies on
  active: boolean().notNull().default(true),
});

// A paper a trainer has scheduled: who may start it, and the window in which they may.
export const assessmentSittings = pgTable(
  'assessment_sittings',
  {
    id: uuid().primaryKey().defaultRandom(),
    blueprintId: uuid().notNull().references(() => assessmentBlueprints.id),
    cohortId: uuid().references(() => cohorts.id),
    opensAt: timestamp({ withTimezone: true }).notNull(),
    closesAt: timestamp({ withTimezone: true }).notNull(),
    createdBy: uuid().notNull().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('assessment_sittings_window', sql`${t.closesAt} > ${t.opensAt}`),
    index('assessment_sittings_opens_idx').on(t.opensAt),
    index('assessment_sittings_blueprint_idx').on(t.blueprintId),
    index('assessment_sittings_cohort_idx').on(t.cohortId),
    index('assessment_sittings_created_by_idx').on(t.createdBy),
  ],
);

export const assessmentInvitations = pgTable(
  'assessment_invitations',
  {
    sittingId: uuid().notNull().references(() => assessmentSittings.id, { onDelete: 'cascade' }),
    apprenticeId: uuid().notNull().references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.sittingId, t.apprenticeId] }), index('assessment_invitations_apprentice_idx').on(t.apprenticeId)],
);

export const assessmentAttemptStatus = pgEnum('assessment_attempt_status', ['in_progress', 'submitted', 'marked']);

export type DrawnItemRow = { sectionId: string; kind: 'coding' | 'theory' | 'written'; ref: string };

// The start and deadline are the server's; the items are fixed when the attempt starts.
export const assessmentAttempts = pgTable(
  'assessment_attempts',
  {
    id: uuid().primaryKey().defaultRandom(),
    apprenticeId: uuid().notNull().references(() => users.id),
    blueprintId: uuid().notNull().references(() => assessmentBlueprints.id),
    blueprintKey: text().notNull(),
    sittingId: uuid().references(() => assessmentSittings.id),
    status: assessmentAttemptStatus().notNull().default('in_progress'),
    items: jsonb().$type<DrawnItemRow[]>().notNull(),
    extraTimePercent: integer().notNull().default(0),
    startedAt: timestamp({ withTimezone: true }).notNull(),
    deadline: timestamp({ withTimezone: true }).notNull(),
    submittedAt: timestamp({ withTimezone: true }),
    submittedBy: text(), // apprentice | deadline
  },
  (t) => [
    check('assessment_attempts_deadline', sql`${t.deadline} > ${t.startedAt}`),
    // One attempt of a paper in progress at a time, and one attempt per apprentice at a scheduled sitting.
    uniqueIndex('assessment_attempts_one_in_progress').on(t.apprenticeId, t.blueprintKey).where(sql`${t.status} = 'in_progress'`),
    uniqueIndex('assessment_attempts_one_per_sitting').on(t.sittingId, t.apprenticeId).where(sql`${t.sittingId} is not null`),
    index('assessment_attempts_apprentice_idx').on(t.apprenticeId, t.startedAt),
    // The deadline sweep reads only attempts still in progress.
    index('assessment_attempts_deadline_idx').on(t.deadline).where(sql`${t.status} = 'in_progress'`),
    index('assessment_attempts_sitting_idx').on(t.sittingId),
    index('assessment_attempts_blueprint_idx').on(t.blueprintId),
  ],
);

// One row per answered item. client_seq is the browser's change counter (ms since epoch of the
// change): a save only replaces a row holding an older change, so two tabs never go backwards.
export const assessmentAnswers = pgTable(
  'assessment_answers',
  {
    attemptId: uuid().notNull().references(() => assessmentAttempts.id),
    item: integer().notNull(),
    answer: jsonb().notNull(),
    flagged: boolean().notNull().default(false),
    clientSeq: bigint({ mode: 'number' }).notNull(),
    savedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.attemptId, t.item] })],
);

// Marks are appended, never changed: automatic marks at submission, a trainer's mark of a written
// answer, and any remark (with its reason). The newest row for an item stands.
export const assessmentMarks = pgTable(
  'assessment_marks',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    attemptId: uuid().notNull().references(() => assessmentAttempts.id),
    item: integer().notNull(),
    score: numeric({ precision: 6, scale: 2, mode: 'number' }).notNull(),
    outOf: integer().notNull(),
    detail: jsonb().notNull(),
    markedBy: uuid().references(() => users.id), // null: marked automatically
    reason: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('assessment_marks_attempt_idx').on(t.attemptId, t.item, t.id), index('assessment_marks_marked_by_idx').on(t.markedBy)],
);

// The grade as it stood after each marking event (submission, a written answer marked, a remark);
// the newest row is the attempt's result. Kept so results lists need no re-marking.
export const assessmentResults = pgTable(
  'assessment_results',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    attemptId: uuid().notNull().references(() => assessmentAttempts.id),
    percent: numeric({ precision: 5, scale: 2, mode: 'number' }),
    grade: text(), // fail | pass | distinction; null while written answers wait for a trainer
    pending: boolean().notNull(),
    sections: jsonb().notNull(),
    figures: jsonb(), // the four audit figures summed over the paper's cases, when it has any
    createdBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('assessment_results_attempt_idx').on(t.attemptId, t.id), index('assessment_results_created_by_idx').on(t.createdBy)],
);

export type AssessmentAttempt = typeof assessmentAttempts.$inferSelect;
