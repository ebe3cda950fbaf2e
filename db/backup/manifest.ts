import { z } from 'zod';

// What a backup archive holds, written as its last entry (manifest.json). Restore reads it from an
// archive it did not make, so it is validated like any other input.

export const ARCHIVE_FORMAT = 'coder-pathway-backup';
export const ARCHIVE_VERSION = 1;

/** Entry names inside the archive. */
export const entries = {
  manifest: 'manifest.json',
  postgres: 'database.pgdump', // pg_dump custom format (-Fc)
  pglite: 'database.pglite.tar.gz', // PGlite's dumpDataDir('gzip'): the data folder as a tarball
  file: (key: string) => `files/${key}`,
} as const;

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);
// The shape of every store's keys (lib/files/storage/keys.ts): never a path (restore writes files/<key> through the store).
export const StorageKey = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/);

/** Row count and an order-free hash of one table's rows (see fingerprint.ts). */
const TableFingerprint = z.object({ schema: z.string(), name: z.string(), rows: z.number().int().min(0), hash: z.string() });
const SequenceFingerprint = z.object({ schema: z.string(), name: z.string(), lastValue: z.string(), isCalled: z.boolean() });

export const Manifest = z.object({
  format: z.literal(ARCHIVE_FORMAT),
  version: z.literal(ARCHIVE_VERSION),
  createdAt: z.iso.datetime(),
  appVersion: z.string(),
  database: z.object({
    kind: z.enum(['postgres', 'pglite']),
    entry: z.enum([entries.postgres, entries.pglite]),
    bytes: z.number().int().min(0),
    sha256: Sha256,
    /** `server_version` of the database that was backed up (PGlite: its PostgreSQL version). */
    serverVersion: z.string(),
    /** pg_dump's version, or the PGlite package's. */
    tool: z.string(),
  }),
  /** The newest migration applied (its `created_at`, drizzle's folderMillis): restore refuses a newer one. */
  lastMigration: z.number().int().nullable(),
  tables: z.array(TableFingerprint),
  sequences: z.array(SequenceFingerprint),
  files: z.array(z.object({ key: StorageKey, bytes: z.number().int().min(0), sha256: Sha256 })),
  /** Keys the database refers to (evidence_files) that the store did not hold when the backup was made. */
  missingFiles: z.array(StorageKey),
});
export type Manifest = z.infer<typeof Manifest>;
export type TableFingerprint = z.infer<typeof TableFingerprint>;
export type SequenceFingerprint = z.infer<typeof SequenceFingerprint>;
