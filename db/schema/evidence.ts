import { date, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
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
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    submittedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('evidence_apprentice_status_idx').on(t.apprenticeId, t.status), index('evidence_status_submitted_idx').on(t.status, t.submittedAt)],
);

export const evidenceKsbs = pgTable(
  'evidence_ksbs',
  {
    evidenceId: uuid().notNull().references(() => evidence.id, { onDelete: 'cascade' }),
    ksbCode: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.evidenceId, t.ksbCode] }), index('evidence_ksbs_ksb_idx').on(t.ksbCode)],
);
