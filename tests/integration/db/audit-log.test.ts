import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { auditLog } from '@/db/schema';
import { createTestDb, type TestDb } from '../helpers/test-db';
import { failureText } from '../helpers/errors';

let t: TestDb;
let id: number;
beforeAll(async () => {
  t = await createTestDb({ seed: false });
  const [row] = await t.db.insert(auditLog).values({ action: 'test.entry', entityType: 'test', after: { n: 1 } }).returning({ id: auditLog.id });
  id = row!.id;
});
afterAll(() => t.close());

describe('the audit log', () => {
  it('accepts new entries', async () => {
    const [row] = await t.db.select().from(auditLog).where(eq(auditLog.id, id));
    expect(row?.action).toBe('test.entry');
  });

  it('refuses UPDATE, even in raw SQL', async () => {
    expect(await failureText(t.db.execute(sql`update audit_log set action = 'tampered' where id = ${id}`))).toMatch(/append-only/);
    const [row] = await t.db.select().from(auditLog).where(eq(auditLog.id, id));
    expect(row?.action).toBe('test.entry');
  });

  it('refuses DELETE, even in raw SQL', async () => {
    expect(await failureText(t.db.execute(sql`delete from audit_log where id = ${id}`))).toMatch(/append-only/);
    const [row] = await t.db.select().from(auditLog).where(eq(auditLog.id, id));
    expect(row).toBeDefined();
  });

  it('refuses TRUNCATE', async () => {
    expect(await failureText(t.db.execute(sql`truncate audit_log`))).toMatch(/append-only/);
    const [{ n }] = (await t.db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(auditLog)) as [{ n: number }];
    expect(n).toBeGreaterThan(0);
  });
});
