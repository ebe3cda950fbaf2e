import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgEnum, pgTable, primaryKey, real, smallint, text, timestamp, uniqueIndex, uuid, date } from 'drizzle-orm/pg-core';
import { users } from './users';
import { cases } from './coding';
import { otjEntries } from './evidence';

/*
 * Practice beyond coding a case (issue 19): auditing a coded episode, writing a clinical query, spaced
 * repetition of weak spots, and the time spent practising offered as off-the-job training.
 */

/** One code of a coder's episode as the audit key has it: right, or wrong with its audit error type and the correction. */
export type AuditKeyCode = { code: string; verdict: 'correct' } | { code: string; verdict: 'error'; errorType: string; correction: string | null; explanation: string };
/** The audit key of an episode: each code the coder gave, in order, and the codes the coder left out. */
export type AuditKeyJson = {
  diagnoses: AuditKeyCode[];
  procedures: AuditKeyCode[];
  omitted: { field: 'diagnoses' | 'procedures'; code: string; explanation: string }[];
};

// A coded episode to audit: a case's notes with a coder's codes (planted errors, from content/audit/ or
// generated from content/cases by lib/audit-practice), and its key. Loaded from content like cases.
export const auditEpisodes = pgTable(
  'audit_episodes',
  {
  id: text().primaryKey(),
  origin: text().notNull(), // 'planted' (generated) | 'written' (by hand)
  caseId: text().references(() => cases.id), // the case whose notes it shows (null: notes of its own)
  title: text().notNull(),
  notes: jsonb().$type<Record<string, string>>().notNull(),
  patient: jsonb().$type<{ sex: 'female' | 'male'; age: number }>().notNull(),
  ksbs: text().array().notNull(),
  coded: jsonb().$type<{ diagnoses: string[]; procedures: string[] }>().notNull(),
  key: jsonb().$type<AuditKeyJson>().notNull(),
  active: boolean().notNull().default(true),
  },
  (t) => [index('audit_episodes_case_idx').on(t.caseId)],
);

// An audit of an episode by an apprentice, marked at once and never changed (like coding attempts).
export const auditPracticeAttempts = pgTable(
  'audit_practice_attempts',
  {
    id: uuid().primaryKey().defaultRandom(),
    apprenticeId: uuid().notNull().references(() => users.id),
    episodeId: text().notNull().references(() => auditEpisodes.id),
    answer: jsonb().notNull(),
    result: jsonb().notNull(),
    // Judgements right over judgements made (each code's verdict, error type and correction; each omission; each figure).
    correct: integer().notNull(),
    of: integer().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('audit_practice_attempts_apprentice_idx').on(t.apprenticeId, t.createdAt), index('audit_practice_attempts_episode_idx').on(t.episodeId, t.apprenticeId)],
);

// A scenario whose notes leave a genuine gap or ambiguity: is a query to the consultant needed, and how is it put?
export const queryScenarios = pgTable('query_scenarios', {
  id: text().primaryKey(),
  title: text().notNull(),
  specialty: text().notNull(),
  notes: jsonb().$type<Record<string, string>>().notNull(),
  ksbs: text().array().notNull(),
  queryNeeded: boolean().notNull(),
  // For the trainer (never shown to the apprentice before they submit): the gap, what the answer changes, a model query.
  gap: text().notNull(),
  changes: text().notNull(),
  modelQuery: text().notNull(),
  active: boolean().notNull().default(true),
});

export const queryAttemptStatus = pgEnum('query_attempt_status', ['submitted', 'marked']);
/** The trainer's rubric: each criterion met or not, with a comment. */
export type QueryRubricJson = Record<string, { met: boolean; comment?: string }>;

export const queryAttempts = pgTable(
  'query_attempts',
  {
    id: uuid().primaryKey().defaultRandom(),
    apprenticeId: uuid().notNull().references(() => users.id),
    scenarioId: text().notNull().references(() => queryScenarios.id),
    queryNeeded: boolean().notNull(), // the apprentice's decision
    addressedTo: text(),
    queryText: text(), // null when they decided no query is needed
    reasoning: text().notNull(),
    prechecks: jsonb().$type<{ id: string; message: string }[]>().notNull(),
    status: queryAttemptStatus().notNull().default('submitted'),
    rubric: jsonb().$type<QueryRubricJson>(),
    feedback: text(),
    markedBy: uuid().references(() => users.id),
    markedAt: timestamp({ withTimezone: true }),
    rowVersion: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('query_attempts_apprentice_idx').on(t.apprenticeId, t.createdAt),
    index('query_attempts_scenario_idx').on(t.scenarioId, t.apprenticeId),
    index('query_attempts_marked_by_idx').on(t.markedBy),
    index('query_attempts_waiting_idx').on(t.createdAt).where(sql`${t.status} = 'submitted'`),
  ],
);

// Spaced repetition (ts-fsrs) of what an apprentice gets wrong: one card per case or question, with the
// convention or KSB that brought it in. The scheduler's state is kept in its own columns.
export const drillCards = pgTable(
  'drill_cards',
  {
    apprenticeId: uuid().notNull().references(() => users.id),
    itemKind: text().notNull(), // 'case' | 'question'
    itemId: text().notNull(),
    reason: text().notNull(), // a convention (sequencing, …) or a KSB code
    due: timestamp({ withTimezone: true }).notNull(),
    stability: real().notNull(),
    difficulty: real().notNull(),
    elapsedDays: integer().notNull(),
    scheduledDays: integer().notNull(),
    learningSteps: integer().notNull(),
    reps: integer().notNull(),
    lapses: integer().notNull(),
    state: smallint().notNull(),
    lastReview: timestamp({ withTimezone: true }),
    rowVersion: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.apprenticeId, t.itemKind, t.itemId] }), index('drill_cards_due_idx').on(t.apprenticeId, t.due), check('drill_cards_kind', sql`${t.itemKind} in ('case', 'question')`)],
);

// Time actively spent on one piece of practice (measured in the browser, idle time left out, capped per
// item on the server), waiting to be confirmed as off-the-job training; otjEntryId once it has been.
export const practiceTime = pgTable(
  'practice_time',
  {
    id: uuid().primaryKey().defaultRandom(),
    apprenticeId: uuid().notNull().references(() => users.id),
    kind: text().notNull(), // 'coding' | 'question' | 'audit' | 'query' | 'mock'
    refId: text().notNull(), // the attempt (or answer) it was spent on
    activityDate: date({ mode: 'string' }).notNull(), // the UK date it was spent on
    activeSeconds: integer().notNull(),
    ksbs: text().array().notNull(),
    // Set null when the entry is deleted: the practice is offered again.
    otjEntryId: uuid().references(() => otjEntries.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('practice_time_ref_idx').on(t.kind, t.refId),
    index('practice_time_otj_entry_idx').on(t.otjEntryId),
    index('practice_time_unclaimed_idx').on(t.apprenticeId, t.activityDate).where(sql`${t.otjEntryId} is null`),
    check('practice_time_kind', sql`${t.kind} in ('coding', 'question', 'audit', 'query', 'mock')`),
    check('practice_time_seconds', sql`${t.activeSeconds} > 0`),
  ],
);
