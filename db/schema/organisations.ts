import { pgEnum, pgTable, text, timestamp, uuid, integer, uniqueIndex } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

export const organisationKind = pgEnum('organisation_kind', ['employer', 'training_provider']);

export const organisations = pgTable(
  'organisations',
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    kind: organisationKind().notNull(),
    // NHS organisation data service code, e.g. RXX (fictional in the demo).
    odsCode: text(),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('organisations_name_unique').on(sql`lower(${t.name})`)],
);

export type Organisation = typeof organisations.$inferSelect;
