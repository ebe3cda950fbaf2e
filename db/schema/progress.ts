import { boolean, date, index, integer, jsonb, numeric, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { apprenticeships } from './apprenticeships';
import { users } from './users';

/**
 * A tripartite progress review (DOMAIN.md §5: at least every 12 weeks / 3 months). The trainer records
 * it and signs by saving; the apprentice and an employer contact each add a comment and sign. Once all
 * three have signed it never changes (trigger in migration 0008).
 */
export const progressReviews = pgTable(
  'progress_reviews',
  {
    id: uuid().primaryKey().defaultRandom(),
    apprenticeshipId: uuid().notNull().references(() => apprenticeships.id),
    trainerId: uuid().notNull().references(() => users.id),
    reviewDate: date({ mode: 'string' }).notNull(),
    progressSummary: text().notNull(),
    ksbsDiscussed: text().array().notNull(),
    targets: text().notNull(),
    // Filled in from the off-the-job log when the review is recorded, kept as it was then.
    otjHoursLogged: numeric({ precision: 7, scale: 2, mode: 'number' }).notNull(),
    otjHoursPlanned: numeric({ precision: 7, scale: 2, mode: 'number' }).notNull(),
    wellbeing: text().notNull(),
    safeguardingConcern: boolean().notNull(),
    safeguardingNotes: text(),
    // The funding rules' minimum content (issue 20); null on reviews recorded before it was asked for.
    englishMaths: text(),
    supportDiscussed: text(),
    planVersion: integer(),
    apprenticeComment: text(),
    apprenticeSignedAt: timestamp({ withTimezone: true }),
    employerComment: text(),
    employerSignerId: uuid().references(() => users.id),
    employerSignedName: text(),
    employerSignedAt: timestamp({ withTimezone: true }),
    rowVersion: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('progress_reviews_apprenticeship_date_idx').on(t.apprenticeshipId, t.reviewDate),
    index('progress_reviews_trainer_idx').on(t.trainerId),
    index('progress_reviews_employer_signer_idx').on(t.employerSignerId),
  ],
);

export const gatewayRole = pgEnum('gateway_role', ['trainer', 'employer', 'apprentice']);

/** The trainer's and the employer's confirmation that the apprentice is ready for gateway. */
export const gatewayConfirmations = pgTable(
  'gateway_confirmations',
  {
    id: uuid().primaryKey().defaultRandom(),
    apprenticeshipId: uuid().notNull().references(() => apprenticeships.id),
    role: gatewayRole().notNull(),
    confirmedBy: uuid().notNull().references(() => users.id),
    confirmedName: text().notNull(),
    note: text(),
    confirmedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('gateway_confirmations_one_per_role').on(t.apprenticeshipId, t.role), index('gateway_confirmations_confirmed_by_idx').on(t.confirmedBy)],
);

/**
 * Settings an administrator may change (thresholds whose official values are unconfirmed: DOMAIN.md
 * §3). One row per key; defaults live in code (lib/progress/settings.ts) and apply when no row exists.
 */
export const settings = pgTable(
  'settings',
  {
    key: text().primaryKey(),
    value: jsonb().notNull(),
    updatedBy: uuid().references(() => users.id),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('settings_updated_by_idx').on(t.updatedBy)],
);

export type ProgressReview = typeof progressReviews.$inferSelect;
