import path from 'node:path';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import type { Db } from './client';

export const migrationsFolder = path.join(process.cwd(), 'db', 'migrations');

// The pglite and postgres-js migrators are the same two lines; this serves both drivers.
export async function runMigrations(db: Db) {
  const migrations = readMigrationFiles({ migrationsFolder });
  const internal = db as unknown as { dialect: { migrate: (m: unknown, s: unknown, c: unknown) => Promise<void> }; session: unknown };
  await internal.dialect.migrate(migrations, internal.session, { migrationsFolder });
}
