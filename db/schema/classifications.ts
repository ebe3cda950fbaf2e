import { boolean, date, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { users } from './users';

export const codeScheme = pgEnum('code_scheme', ['icd10', 'opcs4']);

/**
 * A named release of one scheme (ICD-10 5th Edition, OPCS-4.11). Exactly one per scheme is active: the
 * marker, the pickers, the code browser and the content checks read it. 'shipped' editions come from
 * content/classifications, 'import' ones from an official release file, 'legacy' names the lists attempts
 * were marked against before editions existed (no codes).
 */
export const classificationEditions = pgTable(
  'classification_editions',
  {
    id: uuid().primaryKey().defaultRandom(),
    scheme: codeScheme().notNull(),
    name: text().notNull(),
    origin: text().$type<'shipped' | 'import' | 'legacy'>().notNull(),
    source: text().notNull(),
    releaseDate: date(),
    attribution: text().notNull(),
    codeCount: integer().notNull().default(0),
    contentHash: text(), // of the file(s) it was loaded from, so an unchanged shipped edition is not reloaded
    active: boolean().notNull().default(false),
    createdBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('classification_editions_name_idx').on(t.scheme, t.name),
    uniqueIndex('classification_editions_one_active_idx').on(t.scheme).where(sql`${t.active}`),
    index('classification_editions_created_by_idx').on(t.createdBy),
  ],
);

export const classificationCodes = pgTable(
  'classification_codes',
  {
    editionId: uuid().notNull().references(() => classificationEditions.id),
    scheme: codeScheme().notNull(),
    code: text().notNull(),
    title: text().notNull(),
    category: text().notNull(),
    chapter: text().notNull(),
    block: text(),
    hasChildren: boolean().notNull(),
    usage: text().$type<'default' | 'dagger' | 'asterisk'>().notNull().default('default'),
    modifier: text(),
    sex: text().$type<'male' | 'female'>(),
    minAge: integer(),
    maxAge: integer(),
  },
  (t) => [primaryKey({ columns: [t.editionId, t.code] }), index('classification_codes_category_idx').on(t.editionId, t.category)],
);

/** How often each code was used in England's hospitals (HES 2023-24): content, the same for every edition. */
export const codeUsage = pgTable(
  'code_usage',
  {
    scheme: codeScheme().notNull(),
    code: text().notNull(),
    episodes: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.scheme, t.code] })],
);

/** The dagger ↔ asterisk pairing table (content/classifications/icd10_dagger_asterisk.tsv) as written. */
export const daggerAsteriskRefs = pgTable('dagger_asterisk_refs', {
  code: text().primaryKey(),
  kind: text().notNull(),
  paired: text().notNull(),
});
