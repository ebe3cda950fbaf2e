import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { is, sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { migrationsFolder, runMigrations } from '@/db/migrate';
import * as schema from '@/db/schema';
import { createTestDb, rowsOf, type TestDb } from '../helpers/test-db';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb({ migrate: false });
});
afterAll(() => t.close());

const publicTables = async () =>
  (await rowsOf<{ table_name: string }>(t.db, sql`select table_name from information_schema.tables where table_schema = 'public' order by 1`)).map((r) => r.table_name);
const appliedMigrations = async () => (await rowsOf<{ n: number }>(t.db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`))[0]!.n;
// Every table the drizzle schema declares, so a new table needs no change here.
const schemaTables = Object.values(schema)
  .filter((v) => is(v, PgTable))
  .map((table) => getTableConfig(table).name)
  .sort();

describe('migrations', () => {
  it('start from a database with no tables', async () => {
    expect(await publicTables()).toEqual([]);
  });

  it('create every table of the schema on an empty database, recording each migration once', async () => {
    await runMigrations(t.db);
    expect(schemaTables).toContain('audit_log');
    expect(await publicTables()).toEqual(expect.arrayContaining(schemaTables));
    expect(await appliedMigrations()).toBe(readMigrationFiles({ migrationsFolder }).length);
  });

  it('are a no-op when run a second time', async () => {
    const [tables, applied] = [await publicTables(), await appliedMigrations()];
    await runMigrations(t.db);
    expect(await publicTables()).toEqual(tables);
    expect(await appliedMigrations()).toBe(applied);
  });

  it('index every foreign key column', async () => {
    // Each foreign key's first column must lead some index on its table.
    const unindexed = await rowsOf<{ tbl: string; col: string }>(
      t.db,
      sql`
      select c.conrelid::regclass::text as tbl, a.attname as col
      from pg_constraint c
      join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
      where c.contype = 'f' and c.connamespace = 'public'::regnamespace
        and not exists (
          select 1 from pg_index i where i.indrelid = c.conrelid and i.indkey[0] = c.conkey[1]
        )`,
    );
    expect(unindexed).toEqual([]);
  });

  it('make email unique ignoring case', async () => {
    await t.db.execute(sql`insert into users (email, name, role) values ('Case@Example.test', 'A', 'admin')`);
    await expect(t.db.execute(sql`insert into users (email, name, role) values ('case@example.TEST', 'B', 'admin')`)).rejects.toThrow();
  });
});
