import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { seedContent, seedDemo } from '@/db/seed';
import { apprenticeships, auditLog, cohorts, ksbs, organisations, standards, trainerAssignments, users } from '@/db/schema';
import { demoApprentices, demoCohorts, demoOrganisations, demoStaff } from '@/db/demo-data';
import standardFile from '@/content/standards/st0535.json';
import { countRows, createTestDb, type TestDb } from '../helpers/test-db';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.close());

const counts = async () => ({
  users: await countRows(t.db, users),
  organisations: await countRows(t.db, organisations),
  cohorts: await countRows(t.db, cohorts),
  apprenticeships: await countRows(t.db, apprenticeships),
  assignments: await countRows(t.db, trainerAssignments),
  standards: await countRows(t.db, standards),
  ksbs: await countRows(t.db, ksbs),
  auditEntries: await countRows(t.db, auditLog),
});
const allUsers = () => t.db.select().from(users).orderBy(asc(users.email));

describe('seeding', () => {
  it('loads the standard, its KSBs and every demo person, organisation, cohort and apprenticeship', async () => {
    expect(await counts()).toMatchObject({
      users: demoStaff.length + demoApprentices.length,
      organisations: demoOrganisations.length,
      cohorts: demoCohorts.length,
      apprenticeships: demoApprentices.length,
      assignments: demoApprentices.length,
      standards: 1,
      ksbs: standardFile.ksbs.length,
    });
  });

  it('is idempotent: a second run changes no count and no user', async () => {
    const [before, usersBefore] = [await counts(), await allUsers()];
    await seedContent(t.db);
    await seedDemo(t.db);
    expect(await counts()).toEqual(before);
    expect(await allUsers()).toEqual(usersBefore); // password hashes included: not re-hashed
  });

  it('puts back KSB text that differs from the content file', async () => {
    const original = standardFile.ksbs.find((k) => k.code === 'K7')!.text;
    await t.db.update(ksbs).set({ text: 'changed' }).where(eq(ksbs.code, 'K7'));
    expect((await t.db.select().from(ksbs).where(eq(ksbs.code, 'K7')))[0]?.text).toBe('changed');
    await seedContent(t.db);
    const [k7] = await t.db.select().from(ksbs).where(eq(ksbs.code, 'K7'));
    expect(k7?.text).toBe(original);
    expect(await countRows(t.db, ksbs)).toBe(standardFile.ksbs.length);
  });

  it('stores no NHS number anywhere in the demo data', async () => {
    const all = JSON.stringify(await t.db.select().from(users)) + JSON.stringify(await t.db.select().from(organisations));
    expect(all).not.toMatch(/\b\d{10}\b|\b\d{3}[ -]\d{3}[ -]\d{4}\b/);
  });
});
