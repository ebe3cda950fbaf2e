import crypto from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { openDatabase, pgliteClientOf, setDbForTests, type Db } from '@/db/client';
import { currentJobQueue, openJobQueue, setJobQueueOpenerForTests, type JobQueueSource } from '@/lib/jobs';
import { runMigrations } from '@/db/migrate';
import { seedContent, seedDemo } from '@/db/seed';
import type { PgTable } from 'drizzle-orm/pg-core';
import { users } from '@/db/schema';
import type { Viewer } from '@/lib/dal/viewer';

export type DbKind = 'pglite' | 'postgres';
export type TestDb = {
  db: Db;
  kind: DbKind;
  /** Where the job queue of this database is (pg-boss in its own schema): tests open workers on it. */
  jobSource: JobQueueSource;
  close: () => Promise<void>;
  /** The Viewer the data access layer would get for this user (demo or created by the test). */
  viewer: (email: string) => Promise<Viewer>;
};

/** Which database the project runs on: vitest.config.ts sets TEST_DB_KIND per project. */
export const dbKind = (): DbKind => (process.env.TEST_DB_KIND === 'postgres' ? 'postgres' : 'pglite');

/**
 * A fresh database for one test file: PGlite in memory, or a new database on the server at
 * TEST_DATABASE_URL (dropped with `with (force)` on close). Migrated and seeded with the content
 * and the demo people unless told otherwise; the data access layer is pointed at it.
 */
export async function createTestDb(options: { migrate?: boolean; seed?: boolean } = {}): Promise<TestDb> {
  const migrate = options.migrate !== false;
  const seed = migrate && options.seed !== false;
  const kind = dbKind();
  let handle: Awaited<ReturnType<typeof openDatabase>>;
  let dropDatabase = async () => {};
  let url: string | undefined;
  if (kind === 'postgres') {
    const serverUrl = process.env.TEST_DATABASE_URL;
    if (!serverUrl) throw new Error('TEST_DATABASE_URL is needed for the integration-postgres project');
    const name = `cp_test_${crypto.randomBytes(6).toString('hex')}`; // [a-z0-9_] only: safe unquoted
    const server = await openDatabase({ url: serverUrl });
    await server.db.execute(sql.raw(`create database ${name}`));
    dropDatabase = async () => {
      try {
        await server.db.execute(sql.raw(`drop database if exists ${name} with (force)`));
      } finally {
        await server.close();
      }
    };
    const u = new URL(serverUrl);
    u.pathname = `/${name}`;
    url = u.toString();
    handle = await openDatabase({ url });
  } else {
    handle = await openDatabase({ memory: true });
  }
  const jobSource: JobQueueSource = url ? { url } : { pglite: pgliteClientOf(handle.db)! };
  const close = async () => {
    // The queue the data access layer opened to send (if it did) goes before its database.
    const queue = currentJobQueue();
    setJobQueueOpenerForTests(undefined);
    await (await queue?.catch(() => undefined))?.stop({ graceful: false });
    setDbForTests(undefined);
    try {
      await handle.close();
    } finally {
      await dropDatabase();
    }
  };
  const db = handle.db;
  try {
    if (migrate) await runMigrations(db);
    if (seed) {
      await seedContent(db);
      await seedDemo(db);
    }
  } catch (e) {
    await close(); // do not leave a half-made database on the server
    throw e;
  }
  setDbForTests(db);
  // The data access layer sends jobs (a paper's deadline, an export) through a queue on this database,
  // opened the first time one is sent.
  setJobQueueOpenerForTests(() => openJobQueue(jobSource, { supervise: false }));
  return {
    db,
    kind,
    jobSource,
    close,
    viewer: async (email: string) => {
      const [u] = await db
        .select({ userId: users.id, role: users.role, organisationId: users.organisationId, name: users.name, email: users.email, mustChangePassword: users.mustChangePassword })
        .from(users)
        .where(eq(users.email, email));
      if (!u) throw new Error(`no user ${email} in the test database`);
      return u;
    },
  };
}

/** Rows of a raw query: postgres-js returns an array, PGlite an object with `rows`. */
export async function rowsOf<T>(db: Db, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows?: T[] } | T[];
  return Array.isArray(result) ? result : (result.rows ?? []);
}

/** count(*) of a table, as a number. */
export async function countRows(db: Db, table: PgTable): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(table);
  return row!.n;
}
