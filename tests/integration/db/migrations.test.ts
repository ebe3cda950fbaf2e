import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { runMigrations } from '@/db/migrate';
import { createTestDb, type TestDb } from '../helpers/test-db';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb({ seed: false });
});
afterAll(() => t.close());

const rows = async <T>(query: ReturnType<typeof sql>) => {
  const result = (await t.db.execute(query)) as unknown as { rows?: T[] } | T[];
  return Array.isArray(result) ? result : (result.rows ?? []);
};

describe('migrations', () => {
  it('create every table on an empty database', async () => {
    const tables = await rows<{ table_name: string }>(sql`select table_name from information_schema.tables where table_schema = 'public' order by 1`);
    expect(tables.map((r) => r.table_name)).toEqual(
      expect.arrayContaining(['apprenticeships', 'audit_log', 'cohorts', 'ksbs', 'organisations', 'sign_in_failures', 'standards', 'trainer_assignments', 'users']),
    );
  });

  it('are a no-op when run a second time', async () => {
    const before = await rows<{ n: number }>(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
    await runMigrations(t.db);
    const after = await rows<{ n: number }>(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
    expect(after[0]!.n).toBe(before[0]!.n);
    expect(before[0]!.n).toBeGreaterThanOrEqual(2);
  });

  it('index every foreign key column that is queried', async () => {
    // Each foreign key's first column must lead some index on its table.
    const unindexed = await rows<{ tbl: string; col: string }>(sql`
      select c.conrelid::regclass::text as tbl, a.attname as col
      from pg_constraint c
      join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
      where c.contype = 'f' and c.connamespace = 'public'::regnamespace
        and not exists (
          select 1 from pg_index i where i.indrelid = c.conrelid and i.indkey[0] = c.conkey[1]
        )`);
    expect(unindexed).toEqual([]);
  });

  it('make email unique ignoring case', async () => {
    await t.db.execute(sql`insert into users (email, name, role) values ('Case@Example.test', 'A', 'admin')`);
    await expect(t.db.execute(sql`insert into users (email, name, role) values ('case@example.TEST', 'B', 'admin')`)).rejects.toThrow();
  });
});
