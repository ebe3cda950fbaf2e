import { defineConfig } from 'drizzle-kit';

// Only `db:generate` uses this file: migrations are applied by db/migrate.ts,
// which also holds the embedded database's folder lock.
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema/index.ts',
  out: './db/migrations',
  casing: 'snake_case',
  strict: true,
});
