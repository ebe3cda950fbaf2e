import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { seedContent, seedDemo } from '@/db/seed';
import { apprenticeships, ksbs, organisations, trainerAssignments, users, cohorts } from '@/db/schema';
import standardFile from '@/content/standards/st0535.json';
import { createTestDb, type TestDb } from '../helpers/test-db';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.close());

const counts = async () => {
  const n = async (table: typeof users | typeof organisations | typeof cohorts | typeof apprenticeships | typeof trainerAssignments | typeof ksbs) =>
    (await t.db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(table))[0]!.n;
  return { users: await n(users), orgs: await n(organisations), cohorts: await n(cohorts), apprenticeships: await n(apprenticeships), assignments: await n(trainerAssignments), ksbs: await n(ksbs) };
};

describe('seeding', () => {
  it('loads the 59 KSBs and the demo people: 12 apprentices in 2 cohorts, 2 trusts, 2 trainers', async () => {
    const c = await counts();
    expect(c).toEqual({ users: 17, orgs: 3, cohorts: 2, apprenticeships: 12, assignments: 12, ksbs: 59 });
  });

  it('is idempotent', async () => {
    const before = await counts();
    await seedContent(t.db);
    await seedDemo(t.db);
    expect(await counts()).toEqual(before);
  });

  it('puts back KSB text that differs from the content file', async () => {
    await t.db.update(ksbs).set({ text: 'changed' }).where(eq(ksbs.code, 'K7'));
    await seedContent(t.db);
    const [k7] = await t.db.select().from(ksbs).where(eq(ksbs.code, 'K7'));
    expect(k7?.text).toBe(standardFile.ksbs.find((k) => k.code === 'K7')!.text);
  });

  it('stores no NHS number anywhere in the demo data', async () => {
    const all = JSON.stringify(await t.db.select().from(users)) + JSON.stringify(await t.db.select().from(organisations));
    expect(all).not.toMatch(/\b\d{10}\b|\b\d{3}[ -]\d{3}[ -]\d{4}\b/);
  });
});
