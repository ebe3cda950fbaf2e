import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { changeOwnPassword, createCohort, createOrganisation, createUser, importApprentices, listApprenticeships, setUserActive, updateCohort, updateOrganisation } from '@/lib/dal';
import { apprenticeships, auditLog, cohorts, organisations, users } from '@/db/schema';
import { Conflict, FieldError } from '@/lib/errors';
import { DEMO_PASSWORD } from '@/db/demo-data';
import { authenticate } from '@/lib/auth/authenticate';
import type { Viewer } from '@/lib/dal/viewer';
import { createTestDb, type TestDb } from '../helpers/test-db';

let t: TestDb;
let admin: Viewer;
beforeAll(async () => {
  t = await createTestDb();
  admin = await t.viewer('admin@coderpathway.example');
});
afterAll(() => t.close());

const count = async (table: typeof users | typeof apprenticeships | typeof auditLog) => {
  const [row] = await t.db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(table);
  return row!.n;
};

describe('admin writes', () => {
  it('refuse a stale cohort edit and keep the first one', async () => {
    const created = await createCohort(admin, { name: 'January 2027', startDate: '2027-01-04' });
    await updateCohort(admin, { id: created.id, version: created.version, name: 'January 2027 (A)', startDate: '2027-01-04' });
    await expect(updateCohort(admin, { id: created.id, version: created.version, name: 'January 2027 (B)', startDate: '2027-01-04' })).rejects.toBeInstanceOf(Conflict);
    const [row] = await t.db.select().from(cohorts).where(eq(cohorts.id, created.id));
    expect(row).toMatchObject({ name: 'January 2027 (A)', version: 2 });
  });

  it('refuse a stale organisation edit', async () => {
    const org = await createOrganisation(admin, { name: 'Westbrook Community NHS Trust', kind: 'employer', odsCode: 'zz9' });
    expect(org.odsCode).toBe('ZZ9');
    await updateOrganisation(admin, { id: org.id, version: 1, name: 'Westbrook Community Health NHS Trust', kind: 'employer', odsCode: '' });
    await expect(updateOrganisation(admin, { id: org.id, version: 1, name: 'Lost update', kind: 'employer', odsCode: '' })).rejects.toBeInstanceOf(Conflict);
    const [row] = await t.db.select().from(organisations).where(eq(organisations.id, org.id));
    expect(row?.name).toBe('Westbrook Community Health NHS Trust');
  });

  it('report a duplicate email on the email field, ignoring case', async () => {
    const [provider] = await t.db.select().from(organisations).where(eq(organisations.kind, 'training_provider'));
    const attempt = createUser(admin, { name: 'Copy Cat', email: 'TRAINER.Patel@CoderPathway.example', role: 'trainer', organisationId: provider!.id, temporaryPassword: 'a-temporary-password' });
    await expect(attempt).rejects.toMatchObject({ field: 'email' });
    await expect(attempt).rejects.toBeInstanceOf(FieldError);
  });

  it('write the audit log with before and after, without the password hash', async () => {
    const [provider] = await t.db.select().from(organisations).where(eq(organisations.kind, 'training_provider'));
    const { id } = await createUser(admin, { name: 'Audit Me', email: 'audit.me@example.test', role: 'trainer', organisationId: provider!.id, temporaryPassword: 'a-temporary-password' });
    const [entry] = await t.db.select().from(auditLog).where(eq(auditLog.entityId, id));
    expect(entry).toMatchObject({ action: 'user.create', actorId: admin.userId, entityType: 'user' });
    expect(JSON.stringify(entry!.after)).toContain('audit.me@example.test');
    expect(JSON.stringify(entry!.after)).not.toMatch(/argon2|passwordHash/);
  });

  it('make a new user choose their own password, which must not be their email', async () => {
    const [provider] = await t.db.select().from(organisations).where(eq(organisations.kind, 'training_provider'));
    const { id } = await createUser(admin, { name: 'First Timer', email: 'first.timer@example.test', role: 'trainer', organisationId: provider!.id, temporaryPassword: 'a-temporary-password' });
    const viewer = { ...(await t.viewer('first.timer@example.test')) };
    expect(viewer.mustChangePassword).toBe(true);
    await expect(
      changeOwnPassword(viewer, { currentPassword: 'a-temporary-password', newPassword: 'first.timer@example.test', confirmPassword: 'first.timer@example.test' }),
    ).rejects.toThrow();
    await expect(changeOwnPassword(viewer, { currentPassword: 'wrong-password', newPassword: 'my own good password', confirmPassword: 'my own good password' })).rejects.toMatchObject({
      field: 'currentPassword',
    });
    await changeOwnPassword(viewer, { currentPassword: 'a-temporary-password', newPassword: 'my own good password', confirmPassword: 'my own good password' });
    const [row] = await t.db.select().from(users).where(eq(users.id, id));
    expect(row?.mustChangePassword).toBe(false);
    expect((await authenticate('first.timer@example.test', 'my own good password')).ok).toBe(true);
  });

  it('let an admin disable and re-enable a user, but not themselves', async () => {
    const target = await t.viewer('owen.price@kingsmere.example');
    const [u] = await t.db.select().from(users).where(eq(users.id, target.userId));
    await setUserActive(admin, { id: u!.id, active: false, version: u!.version });
    expect((await authenticate('owen.price@kingsmere.example', DEMO_PASSWORD)).ok).toBe(false);
    await setUserActive(admin, { id: u!.id, active: true, version: u!.version + 1 });
    expect((await authenticate('owen.price@kingsmere.example', DEMO_PASSWORD)).ok).toBe(true);
    const [me] = await t.db.select().from(users).where(eq(users.id, admin.userId));
    await expect(setUserActive(admin, { id: admin.userId, active: false, version: me!.version })).rejects.toBeInstanceOf(Conflict);
  });
});

describe('importing apprentices from CSV', () => {
  const header = 'name,email,employer,cohort,start date,planned end date,weekly hours';

  it('imports nothing when one row is bad, and says which line and column', async () => {
    const [usersBefore, appsBefore] = [await count(users), await count(apprenticeships)];
    const csv = `${header}\nGood Person,good.person@example.test,Ashwell Vale Hospitals NHS Trust,September 2025,2025-09-01,2027-03-01,37.5\nBad Person,bad.person@example.test,Nowhere Trust,September 2025,2025-09-01,2027-03-01,37.5\n`;
    const result = await importApprentices(admin, csv);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems).toEqual([{ line: 3, column: 'employer', message: 'No organisation is called “Nowhere Trust”.' }]);
    expect(await count(users)).toBe(usersBefore);
    expect(await count(apprenticeships)).toBe(appsBefore);
  });

  it('imports every row of a good file, each with a temporary password to change', async () => {
    const csv = `${header}\nNia Roberts,nia.roberts@example.test,Ashwell Vale Hospitals NHS Trust,March 2026,2026-03-02,2027-09-01,37.5\nLeo Grant,leo.grant@example.test,Kingsmere University Hospitals NHS Foundation Trust,,2026-03-02,2027-09-01,30\n`;
    const result = await importApprentices(admin, csv);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.created.map((c) => c.email)).toEqual(['nia.roberts@example.test', 'leo.grant@example.test']);
    const [nia] = await t.db.select().from(users).where(eq(users.email, 'nia.roberts@example.test'));
    expect(nia).toMatchObject({ role: 'apprentice', mustChangePassword: true });
    expect((await authenticate('nia.roberts@example.test', result.created[0]!.temporaryPassword)).ok).toBe(true);
    const list = await listApprenticeships(admin, { q: 'Leo Grant' });
    expect(list.rows).toHaveLength(1);
    expect(list.rows[0]).toMatchObject({ employerName: 'Kingsmere University Hospitals NHS Foundation Trust', cohortName: null });
  });

  it('refuses an email that already has an account', async () => {
    const result = await importApprentices(admin, `${header}\nSam Again,SAM.WHITFIELD@ashwell.example,Ashwell Vale Hospitals NHS Trust,,2026-03-02,2027-09-01,37.5\n`);
    expect(result).toEqual({ ok: false, problems: [{ line: 2, column: 'email', message: 'A user with this email address already exists.' }] });
  });
});

describe('listing apprenticeships', () => {
  it('searches, sorts and pages in one query', async () => {
    const trainer = await t.viewer('trainer.okafor@coderpathway.example');
    const all = await listApprenticeships(trainer, { sort: 'start', dir: 'desc' });
    expect(all.total).toBe(6);
    expect(all.rows.map((r) => r.startDate)).toEqual([...all.rows.map((r) => r.startDate)].sort().reverse());
    const kingsmere = await listApprenticeships(trainer, { q: 'kingsmere' });
    expect(kingsmere.rows.every((r) => r.employerName.includes('Kingsmere'))).toBe(true);
    expect(kingsmere.total).toBeGreaterThan(0);
    const literal = await listApprenticeships(trainer, { q: '%' });
    expect(literal.total).toBe(0); // % is searched for literally, not as a wildcard
  });
});
