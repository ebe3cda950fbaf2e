import { index, integer, pgEnum, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const ksbKind = pgEnum('ksb_kind', ['K', 'S', 'B']);

export const standards = pgTable(
  'standards',
  {
    id: uuid().primaryKey().defaultRandom(),
    reference: text().notNull(), // ST0535
    version: text().notNull(), // the standard's own version, e.g. "1.0"
    title: text().notNull(),
    level: integer().notNull(),
  },
  (t) => [uniqueIndex('standards_reference_version_unique').on(t.reference, t.version)],
);

export const ksbs = pgTable(
  'ksbs',
  {
    id: uuid().primaryKey().defaultRandom(),
    standardId: uuid().notNull().references(() => standards.id, { onDelete: 'cascade' }),
    code: text().notNull(), // K1 … B5
    kind: ksbKind().notNull(),
    text: text().notNull(),
    sortOrder: integer().notNull(),
  },
  (t) => [uniqueIndex('ksbs_standard_code_unique').on(t.standardId, t.code), index('ksbs_standard_order_idx').on(t.standardId, t.sortOrder)],
);

export type Ksb = typeof ksbs.$inferSelect;
