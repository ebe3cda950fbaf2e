import { sql } from 'drizzle-orm';
import { bigint, check, date, index, integer, jsonb, numeric, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { apprenticeships } from './apprenticeships';
import { portfolioExportStatus } from './portfolio';
import { users } from './users';

/** How an apprentice rates themselves against one KSB at the start (issue 20). */
export const ksbStartRating = pgEnum('ksb_start_rating', ['none', 'some', 'confident']);
export type KsbStartRating = (typeof ksbStartRating.enumValues)[number];
export type KsbRatings = Record<string, KsbStartRating>;

/**
 * The initial assessment: one per apprenticeship. The apprentice rates each of the 59 KSBs and records prior
 * learning and experience; the trainer confirms or adjusts the ratings and records recognised prior learning
 * (RPL) with a reason and the off-the-job hours and months it removes. The confirmed result starts the KSB map
 * and the training plan. Once confirmed it is a record: a later change is a new plan version, not an edit here.
 */
export const initialAssessments = pgTable(
  'initial_assessments',
  {
    id: uuid().primaryKey().defaultRandom(),
    apprenticeshipId: uuid().notNull().references(() => apprenticeships.id),
    selfRatings: jsonb().$type<KsbRatings>().notNull().default({}),
    priorLearning: text().notNull().default(''),
    experience: text().notNull().default(''),
    submittedAt: timestamp({ withTimezone: true }),
    // The trainer's ratings (the apprentice's, confirmed or adjusted); null until confirmed.
    confirmedRatings: jsonb().$type<KsbRatings>(),
    trainerNotes: text(),
    rplKsbs: text().array().notNull().default(sql`'{}'::text[]`),
    rplReason: text(),
    rplHours: integer().notNull().default(0),
    rplMonths: integer().notNull().default(0),
    confirmedBy: uuid().references(() => users.id),
    confirmedAt: timestamp({ withTimezone: true }),
    rowVersion: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('initial_assessments_apprenticeship_unique').on(t.apprenticeshipId),
    index('initial_assessments_confirmed_by_idx').on(t.confirmedBy),
    check('initial_assessments_rpl_bounds', sql`${t.rplHours} >= 0 and ${t.rplMonths} >= 0`),
  ],
);

/** One training activity in a plan month (month 1 is the first month from the planned start). */
export type PlanActivity = { month: number; title: string; ksbs: string[]; otjHours: number };

/**
 * A version of an apprenticeship's training plan (the funding rules' "training plan", once the commitment
 * statement). Signed by the apprentice, an employer contact and the provider (the trainer); a change is a new
 * version that needs all three again. The latest version signed by all three is the plan in force: the
 * off-the-job expectation and the KSB expectation follow it. A fully signed version never changes (trigger in
 * the migration), except to be marked superseded.
 */
export const trainingPlans = pgTable(
  'training_plans',
  {
    id: uuid().primaryKey().defaultRandom(),
    apprenticeshipId: uuid().notNull().references(() => apprenticeships.id),
    version: integer().notNull(),
    plannedStartDate: date({ mode: 'string' }).notNull(),
    plannedEndDate: date({ mode: 'string' }).notNull(),
    durationMonths: integer().notNull(),
    weeklyHours: numeric({ precision: 4, scale: 1, mode: 'number' }).notNull(),
    // The figures the planned hours were worked out from, kept as they were when this version was made.
    rulesYear: text().notNull(),
    standardOtjHours: integer().notNull(),
    rplHours: integer().notNull().default(0),
    rplMonths: integer().notNull().default(0),
    plannedOtjHours: integer().notNull(),
    activities: jsonb().$type<PlanActivity[]>().notNull(),
    support: text().notNull().default(''),
    reasonableAdjustments: text().notNull().default(''),
    englishPlan: text().notNull(),
    mathsPlan: text().notNull(),
    // Why this version was made (empty for version 1).
    changeSummary: text().notNull().default(''),
    createdBy: uuid().notNull().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    apprenticeSignedAt: timestamp({ withTimezone: true }),
    employerSignerId: uuid().references(() => users.id),
    employerSignedName: text(),
    employerSignedAt: timestamp({ withTimezone: true }),
    providerSignerId: uuid().references(() => users.id),
    providerSignedName: text(),
    providerSignedAt: timestamp({ withTimezone: true }),
    supersededAt: timestamp({ withTimezone: true }),
    rowVersion: integer().notNull().default(1),
  },
  (t) => [
    uniqueIndex('training_plans_apprenticeship_version_unique').on(t.apprenticeshipId, t.version),
    index('training_plans_created_by_idx').on(t.createdBy),
    index('training_plans_employer_signer_idx').on(t.employerSignerId),
    index('training_plans_provider_signer_idx').on(t.providerSignerId),
    check('training_plans_dates', sql`${t.plannedEndDate} > ${t.plannedStartDate}`),
    check('training_plans_hours', sql`${t.plannedOtjHours} >= 0 and ${t.rplHours} >= 0 and ${t.rplMonths} >= 0 and ${t.durationMonths} > 0`),
  ],
);

/**
 * A break in learning: the apprentice stops for a while (illness, caring, a change of job) and comes back.
 * While one lasts the plan, the off-the-job expectation, the KSB pro-rata and review due dates are paused, and
 * the planned end moves by its length. `endDate` is the day learning resumes; null while the break goes on.
 */
export const learningBreaks = pgTable(
  'learning_breaks',
  {
    id: uuid().primaryKey().defaultRandom(),
    apprenticeshipId: uuid().notNull().references(() => apprenticeships.id),
    startDate: date({ mode: 'string' }).notNull(),
    endDate: date({ mode: 'string' }),
    reason: text().notNull(),
    recordedBy: uuid().notNull().references(() => users.id),
    endedBy: uuid().references(() => users.id),
    rowVersion: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('learning_breaks_apprenticeship_idx').on(t.apprenticeshipId, t.startDate),
    index('learning_breaks_recorded_by_idx').on(t.recordedBy),
    index('learning_breaks_ended_by_idx').on(t.endedBy),
    check('learning_breaks_dates', sql`${t.endDate} is null or ${t.endDate} > ${t.startDate}`),
  ],
);

/**
 * The gateway pack for the end-point assessment organisation: a PDF summary and the portfolio, built by a
 * background job (queue `gateway-pack`) once the apprentice, trainer and employer have all confirmed gateway.
 * The ZIP is in the file store under `storageKey`; it is kept while a link to it may be opened.
 */
export const gatewayPacks = pgTable(
  'gateway_packs',
  {
    id: uuid().primaryKey().defaultRandom(),
    apprenticeshipId: uuid().notNull().references(() => apprenticeships.id),
    status: portfolioExportStatus().notNull().default('queued'),
    done: integer().notNull().default(0),
    total: integer().notNull().default(0),
    fileName: text(),
    storageKey: text(),
    summaryStorageKey: text(),
    sizeBytes: bigint({ mode: 'number' }),
    error: text(),
    requestedBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp({ withTimezone: true }),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('gateway_packs_apprenticeship_idx').on(t.apprenticeshipId, t.createdAt), index('gateway_packs_requested_by_idx').on(t.requestedBy)],
);

/**
 * A link that lets an end-point assessment organisation open a gateway pack without an account: read-only,
 * until it expires or is revoked. Only a hash of the token is stored; the token is shown once.
 */
export const gatewayPackLinks = pgTable(
  'gateway_pack_links',
  {
    id: uuid().primaryKey().defaultRandom(),
    packId: uuid().notNull().references(() => gatewayPacks.id),
    tokenHash: text().notNull(),
    recipient: text().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    revokedAt: timestamp({ withTimezone: true }),
    revokedBy: uuid().references(() => users.id),
    createdBy: uuid().notNull().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('gateway_pack_links_token_hash_unique').on(t.tokenHash),
    index('gateway_pack_links_pack_idx').on(t.packId),
    index('gateway_pack_links_revoked_by_idx').on(t.revokedBy),
    index('gateway_pack_links_created_by_idx').on(t.createdBy),
  ],
);

/** Every opening of a gateway pack link (the page, the summary or the portfolio), kept for the trainer. */
export const gatewayPackOpenings = pgTable(
  'gateway_pack_openings',
  {
    id: uuid().primaryKey().defaultRandom(),
    linkId: uuid().notNull().references(() => gatewayPackLinks.id),
    item: text().notNull(),
    userAgent: text(),
    openedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('gateway_pack_openings_link_idx').on(t.linkId, t.openedAt)],
);

export type InitialAssessment = typeof initialAssessments.$inferSelect;
export type TrainingPlan = typeof trainingPlans.$inferSelect;
export type LearningBreak = typeof learningBreaks.$inferSelect;
export type GatewayPack = typeof gatewayPacks.$inferSelect;
export type GatewayPackLink = typeof gatewayPackLinks.$inferSelect;
