import { bigint, index, integer, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { apprenticeships } from './apprenticeships';
import { users } from './users';

export const portfolioExportStatus = pgEnum('portfolio_export_status', ['queued', 'running', 'ready', 'failed']);

/**
 * A portfolio ZIP asked for: built by a background job (lib/jobs, queue `portfolio-export`), its progress
 * and its result kept here so that any instance can answer "how far?" and serve the download, and a
 * restart loses nothing. The ZIP itself is in the file store under `storageKey`; both go an hour after
 * the request (the `portfolio-export-cleanup` job). Only the viewer who asked may follow or download it.
 */
export const portfolioExports = pgTable(
  'portfolio_exports',
  {
    id: uuid().primaryKey().defaultRandom(),
    requestedBy: uuid().notNull().references(() => users.id),
    apprenticeshipId: uuid().notNull().references(() => apprenticeships.id),
    status: portfolioExportStatus().notNull().default('queued'),
    // Entries written of the ZIP's total (0 of 0 until the job has planned it).
    done: integer().notNull().default(0),
    total: integer().notNull().default(0),
    fileName: text(),
    storageKey: text(),
    sizeBytes: bigint({ mode: 'number' }),
    // What went wrong, for the admin's job list; the person who asked is told only that it failed.
    error: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp({ withTimezone: true }),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index('portfolio_exports_requested_by_idx').on(t.requestedBy, t.apprenticeshipId),
    // Every foreign key is indexed (tests/integration/db/migrations.test.ts): deleting or archiving an
    // apprenticeship must not scan this table.
    index('portfolio_exports_apprenticeship_idx').on(t.apprenticeshipId),
    index('portfolio_exports_created_at_idx').on(t.createdAt),
  ],
);
