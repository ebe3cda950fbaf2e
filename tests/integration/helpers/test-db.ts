import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { openDatabase, setDbForTests, type Db } from '@/db/client';
import { runMigrations } from '@/db/migrate';
import { seedContent, seedDemo } from '@/db/seed';
import { users } from '@/db/schema';
import type { Viewer } from '@/lib/dal/viewer';

export type TestDb = { db: Db; kind: 'pglite' | 'postgres'; close: () => Promise<void>; viewer: (email: string) => Promise<Viewer> };

/**
 * A fresh, migrated and seeded database for one test file: PGlite in memory, or a new database
 * on the server at TEST_DATABASE_URL (dropped afterwards). The data access layer is pointed at it.
 */
export async function createTestDb(options: { seed?: boolean } = {}): Promise<TestDb> {
  const kind = process.env.TEST_DB_KIND === 'postgres' ? 'postgres' : 'pglite';
  let handle: Awaited<ReturnType<typeof openDatabase>>;
  let dropDatabase = async () => {};
  if (kind === 'postgres') {
    const serverUrl = process.env.TEST_DATABASE_URL;
    if (!serverUrl) throw new Error('TEST_DATABASE_URL is needed for the postgres project');
    const name = `cp_test_${crypto.randomBytes(6).toString('hex')}`;
    const admin = await openDatabase({ url: serverUrl });
    await admin.db.execute(`create database ${name}` as never);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    handle = await openDatabase({ url: url.toString() });
    dropDatabase = async () => {
      await admin.db.execute(`drop database if exists ${name} with (force)` as never);
      await admin.close();
    };
  } else {
    handle = await openDatabase({ memory: true });
  }
  await runMigrations(handle.db);
  if (options.seed !== false) {
    await seedContent(handle.db);
    await seedDemo(handle.db);
  }
  setDbForTests(handle.db);
  const db = handle.db;
  return {
    db,
    kind,
    close: async () => {
      setDbForTests(undefined);
      await handle.close();
      await dropDatabase();
    },
    viewer: async (email: string) => {
      const [u] = await db
        .select({ userId: users.id, role: users.role, organisationId: users.organisationId, name: users.name, email: users.email, mustChangePassword: users.mustChangePassword })
        .from(users)
        .where(eq(users.email, email));
      if (!u) throw new Error(`no demo user ${email}`);
      return u;
    },
  };
}
