import fs from 'node:fs';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import type { Logger } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { env, dataDir, pgliteDir } from '@/lib/env';
import * as schema from './schema';
import { acquireFolderLock } from './lock';
import { runMigrations } from './migrate';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

type Handle = { db: Db; close: () => Promise<void>; kind: 'pglite' | 'postgres' };

// `logger` sees every statement with its parameters (the progress benchmark records what the pages run).
export async function openDatabase(options: { url?: string; folder?: string; memory?: boolean; logger?: Logger } = {}): Promise<Handle> {
  const url = options.url ?? (options.memory || options.folder ? undefined : env.DATABASE_URL);
  if (url) {
    const { default: postgres } = await import('postgres');
    // JIT compiles a plan in 20+ ms; the progress queries are estimated costly but run in tens of ms,
    // so for these short interactive queries it only adds latency.
    const client = postgres(url, { max: 10, onnotice: () => {}, connection: { jit: 'off' } });
    const db = drizzlePostgres({ client, schema, casing: 'snake_case', logger: options.logger }) as unknown as Db;
    return { db, kind: 'postgres', close: () => client.end({ timeout: 5 }) };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  if (options.memory) {
    const client = new PGlite();
    const db = drizzlePglite({ client, schema, casing: 'snake_case', logger: options.logger }) as unknown as Db;
    return { db, kind: 'pglite', close: () => client.close() };
  }
  const folder = options.folder ?? pgliteDir;
  // PGlite creates only the last path segment.
  fs.mkdirSync(dataDir, { recursive: true });
  const release = acquireFolderLock(folder);
  try {
    const client = new PGlite(folder);
    await client.waitReady;
    const db = drizzlePglite({ client, schema, casing: 'snake_case' }) as unknown as Db;
    return {
      db,
      kind: 'pglite',
      close: async () => {
        await client.close();
        release();
      },
    };
  } catch (e) {
    release();
    throw e;
  }
}

/** The PGlite instance under a database handle on the embedded database; null on PostgreSQL (the job queue runs its SQL through it). */
export function pgliteClientOf(db: Db): import('@electric-sql/pglite').PGlite | null {
  const client = (db as unknown as { $client?: unknown }).$client;
  return client && typeof client === 'object' && 'exec' in client && 'waitReady' in client ? (client as import('@electric-sql/pglite').PGlite) : null;
}

// The app's one database, opened lazily (a top-level open would run during `next build`),
// migrated and given its content before the first query. Kept on globalThis so that
// dev-mode reloads reuse it rather than open the PGlite folder twice.
type AppDb = { ready: Promise<Db> };
const g = globalThis as unknown as { __coderPathwayDb?: AppDb };

export function getDb(): Promise<Db> {
  if (!g.__coderPathwayDb) {
    g.__coderPathwayDb = {
      ready: (async () => {
        const handle = await openDatabase();
        await runMigrations(handle.db);
        const { seedContent, seedDemoIfEmpty } = await import('./seed');
        await seedContent(handle.db);
        if (env.DEMO_DATA === 'auto') await seedDemoIfEmpty(handle.db);
        return handle.db;
      })(),
    };
    g.__coderPathwayDb.ready.catch(() => {
      g.__coderPathwayDb = undefined; // let the next request try again
    });
  }
  return g.__coderPathwayDb.ready;
}

// Tests give the data access layer their own database.
export function setDbForTests(db: Db | undefined) {
  g.__coderPathwayDb = db ? { ready: Promise.resolve(db) } : undefined;
}
