import { sql } from 'drizzle-orm';
import { bigserial, boolean, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './users';
import { assessmentAttempts } from './assessments';

export const codeScheme = pgEnum('code_scheme', ['icd10', 'opcs4']);
export const difficulty = pgEnum('difficulty', ['foundation', 'intermediate', 'advanced']);

// The classifications from content/classifications, loaded at start when their files change.
export const classificationCodes = pgTable(
  'classification_codes',
  {
    scheme: codeScheme().notNull(),
    code: text().notNull(),
    title: text().notNull(),
    category: text().notNull(),
    chapter: text().notNull(),
    block: text(),
    hasChildren: boolean().notNull(),
    asterisk: boolean().notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.scheme, t.code] }), index('classification_codes_category_idx').on(t.scheme, t.category)],
);

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
    expected: jsonb().$type<{ diagnoses: { code: string; rationale: string }[]; procedures: { code: string; rationale: string }[] }>().notNull(),
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
    // The expected coding as marked, kept with the attempt so a later content change cannot rewrite history.
    expected: jsonb().$type<{ diagnoses: string[]; procedures: string[] }>().notNull(),
    findings: jsonb().notNull(),
    pdCorrect: integer(),
    pdOf: integer(),
    sdCorrect: integer(),
    sdOf: integer(),
    ppCorrect: integer(),
    ppOf: integer(),
    spCorrect: integer(),
    spOf: integer(),
    // Set when the case was coded in a mock assessment, so mocks count towards readiness like practice.
    assessmentAttemptId: uuid().references(() => assessmentAttempts.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  // (apprentice_id, created_at) is indexed with the four figures included, in migration 0009 (drizzle cannot say INCLUDE).
  (t) => [index('coding_attempts_case_idx').on(t.caseId, t.apprenticeId), index('coding_attempts_assessment_idx').on(t.assessmentAttemptId).where(sql`${t.assessmentAttemptId} is not null`)],
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
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  // (apprentice_id, created_at) INCLUDE (correct) is in migration 0009.
  (t) => [index('question_answers_question_idx').on(t.questionId), index('question_answers_assessment_idx').on(t.assessmentAttemptId).where(sql`${t.assessmentAttemptId} is not null`)],
);
