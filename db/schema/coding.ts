import { sql } from 'drizzle-orm';
import { bigserial, boolean, index, integer, jsonb, pgEnum, pgTable, pgView, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './users';
import { assessmentAttempts } from './assessments';
import { classificationEditions, codeScheme } from './classifications';

export type MarkingRulesJson = { unnecessaryLowersSecondary: boolean; swapCostsSecondary: boolean; conventionErrors: 'reported' | 'scored' };
/** The audit's four figures as correct/of column pairs, null where nothing was coded (fresh builders per table). */
const auditFigureColumns = () => ({
  pdCorrect: integer(),
  pdOf: integer(),
  sdCorrect: integer(),
  sdOf: integer(),
  ppCorrect: integer(),
  ppOf: integer(),
  spCorrect: integer(),
  spOf: integer(),
});

export type FourStepJson = { code: string; leadTerm: string; indexEntry: string; tabularCheck: string }[];
export type CaseKeyEntry = { code: string; rationale: string; alternatives?: string[]; alternativesReason?: string };
export type ExpectedJson = { diagnoses: string[]; procedures: string[]; alternatives?: { diagnoses: string[][]; procedures: string[][] } };
export const difficulty = pgEnum('difficulty', ['foundation', 'intermediate', 'advanced']);

// Which version of each content set is loaded (a hash of its files), so start-up skips unchanged ones.
export const contentVersions = pgTable('content_versions', {
  name: text().primaryKey(),
  hash: text().notNull(),
  loadedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const cases = pgTable(
  'cases',
  {
    id: text().primaryKey(), // the file's slug
    title: text().notNull(),
    specialty: text().notNull(),
    difficulty: difficulty().notNull(),
    ksbs: text().array().notNull(),
    conventions: text().array().notNull(),
    notes: jsonb().$type<Record<string, string>>().notNull(),
    patient: jsonb().$type<{ sex: 'female' | 'male'; age: number; ageDays?: number }>(), // null for cases removed before it existed
    expected: jsonb().$type<{ diagnoses: CaseKeyEntry[]; procedures: CaseKeyEntry[] }>().notNull(),
    active: boolean().notNull().default(true), // a case removed from content stays for its attempts
  },
  (t) => [index('cases_specialty_difficulty_idx').on(t.specialty, t.difficulty)],
);

// An attempt is never changed after it is saved (a trigger refuses UPDATE and DELETE).
export const codingAttempts = pgTable(
  'coding_attempts',
  {
    id: uuid().primaryKey().defaultRandom(),
    apprenticeId: uuid().notNull().references(() => users.id),
    caseId: text().notNull().references(() => cases.id),
    answer: jsonb().$type<{ diagnoses: string[]; procedures: string[] }>().notNull(),
    // The expected coding as marked (with any accepted alternatives), kept with the attempt so a later content
    // change cannot rewrite history.
    expected: jsonb().$type<ExpectedJson>().notNull(),
    findings: jsonb().notNull(),
    ...auditFigureColumns(),
    // Set when the case was coded in a mock assessment, so mocks count towards readiness like practice.
    assessmentAttemptId: uuid().references(() => assessmentAttempts.id),
    // The editions and marking rules it was marked under (null rules: before rules were settings, the defaults).
    icd10EditionId: uuid().references(() => classificationEditions.id),
    opcs4EditionId: uuid().references(() => classificationEditions.id),
    rules: jsonb().$type<MarkingRulesJson>(),
    // The four-step process (S5), when the apprentice chose to record it: for each code, the lead term, the
    // index entry followed and the tabular check made.
    fourStep: jsonb().$type<FourStepJson>(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  // (apprentice_id, created_at) is indexed with the four figures included, in migration 0009 (drizzle cannot say INCLUDE).
  (t) => [
    index('coding_attempts_case_idx').on(t.caseId, t.apprenticeId),
    index('coding_attempts_assessment_idx').on(t.assessmentAttemptId).where(sql`${t.assessmentAttemptId} is not null`),
    index('coding_attempts_icd10_edition_idx').on(t.icd10EditionId),
    index('coding_attempts_opcs4_edition_idx').on(t.opcs4EditionId),
  ],
);

export const questions = pgTable(
  'questions',
  {
    id: text().primaryKey(),
    topic: text().notNull(),
    type: text().notNull(), // single | multiple | code
    stem: text().notNull(),
    options: jsonb().$type<string[]>(),
    classification: codeScheme(),
    answer: jsonb().$type<(number | string)[]>().notNull(),
    explanation: text().notNull(),
    ksbs: text().array().notNull(),
    active: boolean().notNull().default(true),
  },
  (t) => [index('questions_topic_idx').on(t.topic)],
);

export const questionAnswers = pgTable(
  'question_answers',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    apprenticeId: uuid().notNull().references(() => users.id),
    questionId: text().notNull().references(() => questions.id),
    answer: jsonb().notNull(),
    correct: boolean().notNull(),
    assessmentAttemptId: uuid().references(() => assessmentAttempts.id),
    editionId: uuid().references(() => classificationEditions.id), // code questions: the edition it was graded against
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  // (apprentice_id, created_at) INCLUDE (correct) is in migration 0009.
  (t) => [
    index('question_answers_question_idx').on(t.questionId),
    index('question_answers_assessment_idx').on(t.assessmentAttemptId).where(sql`${t.assessmentAttemptId} is not null`),
    index('question_answers_edition_idx').on(t.editionId),
  ],
);

// A re-mark of a coding attempt under other editions or rules. Appended, never changed (a trigger refuses
// UPDATE and DELETE); the newest re-mark is the attempt's standing result, the original stays as it was.
export const codingRemarks = pgTable(
  'coding_remarks',
  {
    id: uuid().primaryKey().defaultRandom(),
    attemptId: uuid().notNull().references(() => codingAttempts.id),
    icd10EditionId: uuid().notNull().references(() => classificationEditions.id),
    opcs4EditionId: uuid().notNull().references(() => classificationEditions.id),
    rules: jsonb().$type<MarkingRulesJson>().notNull(),
    expected: jsonb().$type<ExpectedJson>().notNull(),
    findings: jsonb().notNull(),
    ...auditFigureColumns(),
    markedBy: uuid().notNull().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('coding_remarks_attempt_idx').on(t.attemptId, t.createdAt),
    index('coding_remarks_marked_by_idx').on(t.markedBy),
    index('coding_remarks_icd10_edition_idx').on(t.icd10EditionId),
    index('coding_remarks_opcs4_edition_idx').on(t.opcs4EditionId),
  ],
);

// Each attempt's standing result (its newest re-mark, or the original), defined in migration 0013.
export const codingStanding = pgView('coding_standing', {
  id: uuid().notNull(),
  apprenticeId: uuid().notNull(),
  caseId: text().notNull(),
  assessmentAttemptId: uuid(),
  createdAt: timestamp({ withTimezone: true }).notNull(),
  remarked: boolean().notNull(),
  findings: jsonb().notNull(),
  ...auditFigureColumns(),
}).existing();
