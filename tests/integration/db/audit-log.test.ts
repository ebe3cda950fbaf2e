import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { auditLog } from '@/db/schema';
import { countRows, createTestDb, type TestDb } from '../helpers/test-db';
import { failureText } from '../helpers/errors';

let t: TestDb;
let id: number;
beforeAll(async () => {
  t = await createTestDb({ seed: false });
  const [row] = await t.db.insert(auditLog).values({ action: 'test.entry', entityType: 'test', after: { n: 1 } }).returning({ id: auditLog.id });
  id = row!.id;
});
afterAll(() => t.close());

const entry = async () => (await t.db.select().from(auditLog).where(eq(auditLog.id, id)))[0];

describe('the audit log', () => {
  it('accepts new entries', async () => {
    expect(await entry()).toMatchObject({ action: 'test.entry', entityType: 'test', after: { n: 1 } });
  });

  it('refuses UPDATE, even in raw SQL', async () => {
    expect(await failureText(t.db.execute(sql`update audit_log set action = 'tampered' where id = ${id}`))).toMatch(/append-only: UPDATE/);
    expect(await failureText(t.db.update(auditLog).set({ after: null }))).toMatch(/append-only: UPDATE/);
    expect(await entry()).toMatchObject({ action: 'test.entry', after: { n: 1 } });
  });

  it('refuses DELETE, even in raw SQL', async () => {
    expect(await failureText(t.db.execute(sql`delete from audit_log where id = ${id}`))).toMatch(/append-only: DELETE/);
    expect(await entry()).toBeDefined();
  });

  it('refuses TRUNCATE', async () => {
    const before = await countRows(t.db, auditLog);
    expect(await failureText(t.db.execute(sql`truncate audit_log`))).toMatch(/append-only: TRUNCATE/);
    expect(before).toBeGreaterThan(0);
    expect(await countRows(t.db, auditLog)).toBe(before);
  });

  it('still takes new entries after refusing changes', async () => {
    const before = await countRows(t.db, auditLog);
    await t.db.insert(auditLog).values({ action: 'test.second', entityType: 'test' });
    expect(await countRows(t.db, auditLog)).toBe(before + 1);
  });
});
