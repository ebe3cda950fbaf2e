import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import { changeOwnPassword, createCohort, createOrganisation, createUser, importApprentices, listApprenticeships, listAuditLog, listUsers, setUserActive, updateCohort, updateOrganisation, updateUser } from '@/lib/dal';
import { apprenticeships, auditLog, cohorts, organisations, trainerAssignments, users } from '@/db/schema';
import { Conflict, FieldError } from '@/lib/errors';
import { DEMO_PASSWORD, demoApprentices } from '@/db/demo-data';
import { authenticate } from '@/lib/auth/authenticate';
import type { Viewer } from '@/lib/dal/viewer';
import { countRows, createTestDb, type TestDb } from '../helpers/test-db';

let t: TestDb;
let admin: Viewer;
let providerId: string;
beforeAll(async () => {
  t = await createTestDb();
  admin = await t.viewer('admin@coderpathway.example');
  providerId = (await t.db.select().from(organisations).where(eq(organisations.kind, 'training_provider')))[0]!.id;
});
afterAll(() => t.close());

const newTrainer = (name: string, email: string) => ({ name, email, role: 'trainer' as const, organisationId: providerId, temporaryPassword: 'a-temporary-password' });

describe('admin writes', () => {
  it('refuse a stale cohort edit with a Conflict and keep the first edit', async () => {
    const created = await createCohort(admin, { name: 'January 2027', startDate: '2027-01-04' });
    await updateCohort(admin, { id: created.id, version: created.version, name: 'January 2027 (A)', startDate: '2027-01-04' });
    const [afterFirst] = await t.db.select().from(cohorts).where(eq(cohorts.id, created.id));
    await expect(updateCohort(admin, { id: created.id, version: created.version, name: 'January 2027 (B)', startDate: '2027-02-01' })).rejects.toBeInstanceOf(Conflict);
    const [row] = await t.db.select().from(cohorts).where(eq(cohorts.id, created.id));
    expect(row).toEqual(afterFirst);
    expect(row).toMatchObject({ name: 'January 2027 (A)', startDate: '2027-01-04', version: created.version + 1 });
  });

  it('refuse a stale organisation edit with a Conflict and keep the first edit', async () => {
    const org = await createOrganisation(admin, { name: 'Westbrook Community NHS Trust', kind: 'employer', odsCode: 'zz9' });
    expect(org.odsCode).toBe('ZZ9');
    await updateOrganisation(admin, { id: org.id, version: org.version, name: 'Westbrook Community Health NHS Trust', kind: 'employer', odsCode: '' });
    const [afterFirst] = await t.db.select().from(organisations).where(eq(organisations.id, org.id));
    await expect(updateOrganisation(admin, { id: org.id, version: org.version, name: 'Lost update', kind: 'employer', odsCode: 'ZZ8' })).rejects.toBeInstanceOf(Conflict);
    const [row] = await t.db.select().from(organisations).where(eq(organisations.id, org.id));
    expect(row).toEqual(afterFirst);
    expect(row).toMatchObject({ name: 'Westbrook Community Health NHS Trust', odsCode: null, version: org.version + 1 });
  });

  it('report an email already in use on the email field, also when it differs only in case', async () => {
    const before = await countRows(t.db, users);
    for (const email of ['trainer.patel@coderpathway.example', 'TRAINER.Patel@CoderPathway.example']) {
      const attempt = createUser(admin, newTrainer('Copy Cat', email));
      await expect(attempt).rejects.toBeInstanceOf(FieldError);
      await expect(attempt).rejects.toMatchObject({ field: 'email', userMessage: 'A user with this email address already exists.' });
    }
    expect(await countRows(t.db, users)).toBe(before);
  });

  it('write the audit log with before and after, without the password hash', async () => {
    const { id } = await createUser(admin, newTrainer('Audit Me', 'audit.me@example.test'));
    const [entry] = await t.db.select().from(auditLog).where(eq(auditLog.entityId, id));
    expect(entry).toMatchObject({ action: 'user.create', actorId: admin.userId, entityType: 'user' });
    expect(JSON.stringify(entry!.after)).toContain('audit.me@example.test');
    expect(JSON.stringify(entry!.after)).not.toMatch(/argon2|passwordHash/);
  });

  it('make a new user choose their own password, which must not be their email', async () => {
    const { id } = await createUser(admin, newTrainer('First Timer', 'first.timer@example.test'));
    const viewer = await t.viewer('first.timer@example.test');
    expect(viewer.mustChangePassword).toBe(true);
    await expect(
      changeOwnPassword(viewer, { currentPassword: 'a-temporary-password', newPassword: 'first.timer@example.test', confirmPassword: 'first.timer@example.test' }),
    ).rejects.toMatchObject({ field: 'newPassword', userMessage: 'Do not use your email address as your password.' });
    await expect(changeOwnPassword(viewer, { currentPassword: 'wrong-password', newPassword: 'my own good password', confirmPassword: 'my own good password' })).rejects.toMatchObject({
      field: 'currentPassword',
    });
    expect((await t.db.select().from(users).where(eq(users.id, id)))[0]?.sessionsValidFrom).toBeNull();
    const before = Date.now();
    await changeOwnPassword(viewer, { currentPassword: 'a-temporary-password', newPassword: 'my own good password', confirmPassword: 'my own good password' });
    const [row] = await t.db.select().from(users).where(eq(users.id, id));
    expect(row?.mustChangePassword).toBe(false);
    // Sessions begun before the change have ended (lib/dal/session.ts compares them with this).
    expect(row!.sessionsValidFrom!.getTime()).toBeGreaterThanOrEqual(before);
    expect(row!.sessionsValidFrom!.getTime()).toBeLessThanOrEqual(Date.now());
    expect((await authenticate('first.timer@example.test', 'my own good password')).ok).toBe(true);
    expect((await authenticate('first.timer@example.test', 'a-temporary-password')).ok).toBe(false);
  });

  it('end the open sessions of a user whose password an admin resets, and only then', async () => {
    const { id } = await createUser(admin, newTrainer('Reset Me', 'reset.me@example.test'));
    const row = async () => (await t.db.select().from(users).where(eq(users.id, id)))[0]!;
    const created = await row();
    await updateUser(admin, { id, version: created.version, name: 'Reset Me Too', email: 'reset.me@example.test', role: 'trainer', organisationId: providerId, temporaryPassword: '' });
    expect((await row()).sessionsValidFrom).toBeNull();
    const before = Date.now();
    await updateUser(admin, { id, version: created.version + 1, name: 'Reset Me Too', email: 'reset.me@example.test', role: 'trainer', organisationId: providerId, temporaryPassword: 'another-temporary-password' });
    const reset = await row();
    expect(reset.mustChangePassword).toBe(true);
    expect(reset.sessionsValidFrom!.getTime()).toBeGreaterThanOrEqual(before);
    expect(reset.sessionsValidFrom!.getTime()).toBeLessThanOrEqual(Date.now());
  });

  it('let an admin disable and re-enable a user, but not themselves', async () => {
    const target = await t.viewer('owen.price@kingsmere.example');
    const [u] = await t.db.select().from(users).where(eq(users.id, target.userId));
    await setUserActive(admin, { id: u!.id, active: false, version: u!.version });
    expect(await authenticate('owen.price@kingsmere.example', DEMO_PASSWORD)).toEqual({ ok: false, reason: 'disabled' });
    await setUserActive(admin, { id: u!.id, active: true, version: u!.version + 1 });
    expect((await authenticate('owen.price@kingsmere.example', DEMO_PASSWORD)).ok).toBe(true);
    const [me] = await t.db.select().from(users).where(eq(users.id, admin.userId));
    await expect(setUserActive(admin, { id: admin.userId, active: false, version: me!.version })).rejects.toBeInstanceOf(Conflict);
    expect((await t.db.select().from(users).where(eq(users.id, admin.userId)))[0]).toEqual(me);
  });
});

describe('importing apprentices from CSV', () => {
  const header = 'name,email,employer,cohort,start date,planned end date,weekly hours';
  const counts = async () => ({ users: await countRows(t.db, users), apprenticeships: await countRows(t.db, apprenticeships) });

  it('imports nothing when one row names an unknown employer, and says which line and column', async () => {
    const before = await counts();
    const csv = `${header}\nGood Person,good.person@example.test,Ashwell Vale Hospitals NHS Trust,September 2025,2025-09-01,2027-03-01,37.5\nBad Person,bad.person@example.test,Nowhere Trust,September 2025,2025-09-01,2027-03-01,37.5\n`;
    expect(await importApprentices(admin, csv)).toEqual({ ok: false, problems: [{ line: 3, column: 'employer', message: 'No organisation is called “Nowhere Trust”.' }] });
    expect(await counts()).toEqual(before);
    expect(await t.db.select().from(users).where(eq(users.email, 'good.person@example.test'))).toEqual([]);
  });

  it('imports nothing when one row has a date that does not exist', async () => {
    const before = await counts();
    const csv = `${header}\nGood Person,good.person@example.test,Ashwell Vale Hospitals NHS Trust,,2025-09-01,2027-03-01,37.5\nBad Date,bad.date@example.test,Ashwell Vale Hospitals NHS Trust,,2025-02-30,2027-03-01,37.5\n`;
    expect(await importApprentices(admin, csv)).toEqual({ ok: false, problems: [{ line: 3, column: 'start date', message: 'Enter a real start date: February 2025 has no day 30.' }] });
    expect(await counts()).toEqual(before);
  });

  it('imports every row of a good file: users who must change their password, and their apprenticeships', async () => {
    const before = await counts();
    const csv = `${header}\nNia Roberts,nia.roberts@example.test,Ashwell Vale Hospitals NHS Trust,March 2026,2026-03-02,2027-09-01,37.5\nLeo Grant,leo.grant@example.test,Kingsmere University Hospitals NHS Foundation Trust,,2026-03-02,2027-09-01,30\n`;
    const result = await importApprentices(admin, csv);
    if (!result.ok) expect.fail(`import refused: ${JSON.stringify(result.problems)}`);
    expect(result.created.map((c) => [c.line, c.email])).toEqual([
      [2, 'nia.roberts@example.test'],
      [3, 'leo.grant@example.test'],
    ]);
    expect(await counts()).toEqual({ users: before.users + 2, apprenticeships: before.apprenticeships + 2 });
    const imported = await t.db
      .select({ email: users.email, role: users.role, mustChangePassword: users.mustChangePassword, employer: organisations.name, startDate: apprenticeships.startDate })
      .from(users)
      .innerJoin(apprenticeships, eq(apprenticeships.apprenticeId, users.id))
      .innerJoin(organisations, eq(organisations.id, apprenticeships.employerId))
      .where(inArray(users.email, ['nia.roberts@example.test', 'leo.grant@example.test']))
      .orderBy(users.email);
    expect(imported).toEqual([
      { email: 'leo.grant@example.test', role: 'apprentice', mustChangePassword: true, employer: 'Kingsmere University Hospitals NHS Foundation Trust', startDate: '2026-03-02' },
      { email: 'nia.roberts@example.test', role: 'apprentice', mustChangePassword: true, employer: 'Ashwell Vale Hospitals NHS Trust', startDate: '2026-03-02' },
    ]);
    expect((await authenticate('nia.roberts@example.test', result.created[0]!.temporaryPassword)).ok).toBe(true);
  });

  it('refuses an email that already has an account', async () => {
    const before = await counts();
    const result = await importApprentices(admin, `${header}\nSam Again,SAM.WHITFIELD@ashwell.example,Ashwell Vale Hospitals NHS Trust,,2026-03-02,2027-09-01,37.5\n`);
    expect(result).toEqual({ ok: false, problems: [{ line: 2, column: 'email', message: 'A user with this email address already exists.' }] });
    expect(await counts()).toEqual(before);
  });
});

describe('listing apprenticeships', () => {
  it('searches, sorts and pages in one query', async () => {
    const trainer = await t.viewer('trainer.okafor@coderpathway.example');
    const all = await listApprenticeships(trainer, { sort: 'start', dir: 'desc' });
    const assigned = await t.db.select().from(trainerAssignments).where(eq(trainerAssignments.trainerId, trainer.userId));
    expect(all.total).toBe(assigned.length);
    expect(all.total).toBe(demoApprentices.filter((a) => a.trainer === trainer.email).length);
    expect(all.rows.map((r) => r.startDate)).toEqual([...all.rows.map((r) => r.startDate)].sort().reverse());
    const kingsmere = await listApprenticeships(trainer, { q: 'kingsmere' });
    expect(kingsmere.total).toBeGreaterThan(0);
    expect(kingsmere.total).toBeLessThan(all.total);
    expect(kingsmere.rows.every((r) => r.employerName.includes('Kingsmere'))).toBe(true);
    const literal = await listApprenticeships(trainer, { q: '%' });
    expect(literal.total).toBe(0); // % is searched for literally, not as a wildcard
  });

  it("lists one cohort's apprentices, one employer's apprentices and one organisation's people, for the admin's pages", async () => {
    const rows = await t.db.select({ id: apprenticeships.id, cohortId: apprenticeships.cohortId, employerId: apprenticeships.employerId }).from(apprenticeships);
    const cohortId = rows.find((r) => r.cohortId)!.cohortId!;
    const byCohort = await listApprenticeships(admin, { cohortId });
    expect(byCohort.total).toBe(rows.filter((r) => r.cohortId === cohortId).length);
    expect(byCohort.total).toBeLessThan(rows.length);
    const employerId = rows[0]!.employerId;
    const byEmployer = await listApprenticeships(admin, { employerId });
    expect(byEmployer.rows.map((r) => r.id).sort()).toEqual(rows.filter((r) => r.employerId === employerId).map((r) => r.id).sort());
    const people = await listUsers(admin, { organisationId: employerId });
    const expected = await t.db.select({ id: users.id }).from(users).where(eq(users.organisationId, employerId));
    expect(people.map((u) => u.id).sort()).toEqual(expected.map((u) => u.id).sort());
    expect(people.length).toBeGreaterThan(0);
    expect(people.every((u) => u.organisationId === employerId)).toBe(true);
  });

  it("names the record each audit entry is about: the person, the cohort, the organisation", async () => {
    const cohort = await createCohort(admin, { name: 'March 2027 audit names', startDate: '2027-03-01' });
    const org = await createOrganisation(admin, { name: 'Audit Names NHS Trust', kind: 'employer', odsCode: '' });
    const user = await createUser(admin, { ...newTrainer('Audrey Names', 'audrey.names@coderpathway.example') });
    const entries = (await Promise.all(['cohort', 'organisation', 'user'].map((entity) => listAuditLog(admin, { entity })))).flatMap((l) => l.rows);
    const nameOf = (id: string) => entries.find((r) => r.entityId === id)?.entityName;
    expect(nameOf(cohort.id)).toBe('March 2027 audit names');
    expect(nameOf(org.id)).toBe('Audit Names NHS Trust');
    expect(nameOf(user.id)).toBe('Audrey Names');
  });
});
