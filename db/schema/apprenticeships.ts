import { check, date, index, integer, numeric, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { organisations } from './organisations';
import { users } from './users';
import { standards } from './standards';

export const apprenticeshipStatus = pgEnum('apprenticeship_status', ['active', 'break_in_learning', 'withdrawn', 'completed']);
// English and maths at Level 2: needed before gateway unless exempt under the funding rules.
export const functionalSkillStatus = pgEnum('functional_skill_status', ['required', 'in_progress', 'achieved', 'exempt', 'not_required']);

export const cohorts = pgTable(
  'cohorts',
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    startDate: date({ mode: 'string' }).notNull(),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('cohorts_name_unique').on(sql`lower(${t.name})`)],
);

export const apprenticeships = pgTable(
  'apprenticeships',
  {
    id: uuid().primaryKey().defaultRandom(),
    apprenticeId: uuid().notNull().references(() => users.id),
    employerId: uuid().notNull().references(() => organisations.id),
    cohortId: uuid().references(() => cohorts.id),
    standardId: uuid().notNull().references(() => standards.id),
    startDate: date({ mode: 'string' }).notNull(),
    plannedEndDate: date({ mode: 'string' }).notNull(),
    weeklyHours: numeric({ precision: 4, scale: 1, mode: 'number' }).notNull(),
    plannedOtjHours: integer().notNull(),
    englishStatus: functionalSkillStatus().notNull().default('required'),
    mathsStatus: functionalSkillStatus().notNull().default('required'),
    status: apprenticeshipStatus().notNull().default('active'),
    // Extra time on timed mock assessments as a reasonable adjustment, recorded by the trainer (e.g. 25).
    extraTimePercent: integer().notNull().default(0),
    // Recorded at completion or withdrawal (issue 20): the learner record's LearnActEndDate and OTJActHours,
    // and on withdrawal its WithdrawReason code.
    actualEndDate: date({ mode: 'string' }),
    actualOtjHours: numeric({ precision: 7, scale: 2, mode: 'number' }),
    withdrawReason: integer(),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('apprenticeships_apprentice_idx').on(t.apprenticeId),
    index('apprenticeships_employer_idx').on(t.employerId),
    index('apprenticeships_cohort_idx').on(t.cohortId),
    index('apprenticeships_standard_idx').on(t.standardId),
    check('apprenticeships_extra_time', sql`${t.extraTimePercent} between 0 and 100`),
  ],
);

export const trainerAssignments = pgTable(
  'trainer_assignments',
  {
    trainerId: uuid().notNull().references(() => users.id),
    apprenticeshipId: uuid().notNull().references(() => apprenticeships.id, { onDelete: 'cascade' }),
    assignedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.trainerId, t.apprenticeshipId] }),
    index('trainer_assignments_apprenticeship_idx').on(t.apprenticeshipId),
  ],
);

export type Cohort = typeof cohorts.$inferSelect;
export type Apprenticeship = typeof apprenticeships.$inferSelect;
