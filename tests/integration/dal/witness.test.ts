import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import {
  createEvidence,
  getEvidence,
  getWitnessRequest,
  listWitnessContacts,
  listWitnessRequests,
  listWitnessStatements,
  requestWitnessStatement,
  signWitnessStatement,
} from '@/lib/dal';
import { auditLog, users, witnessStatements } from '@/db/schema';
import { Conflict, FieldError, NotFound } from '@/lib/errors';
import type { Viewer } from '@/lib/dal/viewer';
import { seedDemo } from '@/db/seed';
import { createTestDb, type TestDb } from '../helpers/test-db';
import { failureText } from '../helpers/errors';

let t: TestDb;
let sam: Viewer; // apprentice at Ashwell
let helen: Viewer; // Ashwell's coding manager
let marcus: Viewer; // Kingsmere's coding manager
let ashwellDeputy: Viewer; // a second contact at Ashwell, not asked
let trainer: Viewer; // Sam's trainer

const account = 'I coded twenty inpatient episodes this week and checked each one against the four-step coding process.';
const newPiece = async (title = 'Twenty episodes coded') =>
  (await createEvidence(sam, { title, type: 'work_product', activityDate: '2026-10-01', account, ksbs: ['S3', 'S5'] })).id;
const signature = (id: string, rowVersion = 1, statement = 'I watched Sam code these episodes accurately, asking good questions where notes were unclear.') => ({
  id,
  rowVersion,
  statement,
  signedName: 'Helen Birch',
  signedJobTitle: 'Clinical coding manager',
  signedOn: '2026-10-05',
});
const ask = (evidenceId: string, witnessId = helen.userId) => requestWitnessStatement(sam, { evidenceId, witnessId, message: 'Please confirm what you saw me do.' });

beforeAll(async () => {
  t = await createTestDb();
  [sam, helen, marcus, trainer] = await Promise.all(
    ['sam.whitfield@ashwell.example', 'coding.manager@ashwell.example', 'coding.manager@kingsmere.example', 'trainer.patel@coderpathway.example'].map((e) => t.viewer(e)),
  ) as [Viewer, Viewer, Viewer, Viewer];
  await t.db.insert(users).values({ email: 'deputy.manager@ashwell.example', name: 'Dee Puty', role: 'employer', organisationId: helen.organisationId });
  ashwellDeputy = await t.viewer('deputy.manager@ashwell.example');
});
afterAll(() => t.close());

describe('witness statements', () => {
  it('has a demo request waiting for Helen Birch and one she signed, seeded once however often the seed runs', async () => {
    await seedDemo(t.db);
    const demo = (await listWitnessRequests(helen)).map((r) => [r.evidenceTitle, r.status]);
    expect(demo).toEqual([
      ['Coding a day-case endoscopy list', 'requested'],
      ['Validating a ward’s discharge coding', 'signed'],
    ]);
  });

  it('offers the active contacts of the apprentice’s own employer only', async () => {
    await t.db.insert(users).values({ email: 'gone.manager@ashwell.example', name: 'Gone Manager', role: 'employer', organisationId: helen.organisationId, active: false });
    const contacts = (await listWitnessContacts(sam)).map((c) => c.email);
    expect(contacts).toContain('coding.manager@ashwell.example');
    expect(contacts).toContain('deputy.manager@ashwell.example');
    expect(contacts).not.toContain('coding.manager@kingsmere.example');
    expect(contacts).not.toContain('gone.manager@ashwell.example');
  });

  it('asks, shows the piece to the contact asked, signs, and audits both steps', async () => {
    const evidenceId = await newPiece();
    // Before being asked, the employer sees the title but not the account.
    expect((await getEvidence(helen, evidenceId)).account).toBeNull();
    const { id } = await ask(evidenceId);
    expect((await getEvidence(helen, evidenceId)).account).toBe(account);
    expect((await getEvidence(ashwellDeputy, evidenceId)).account).toBeNull();

    const listed = await listWitnessRequests(helen);
    expect(listed.find((r) => r.id === id)).toMatchObject({ status: 'requested', evidenceTitle: 'Twenty episodes coded', apprenticeName: 'Sam Whitfield' });
    const request = await getWitnessRequest(helen, id);
    expect(request.evidence.account).toBe(account);
    expect(request.evidence.ksbs.map((k) => k.code)).toEqual(['S3', 'S5']);
    expect(request.evidence.ksbs[0]!.text.length).toBeGreaterThan(10);

    const signed = await signWitnessStatement(helen, signature(id, request.rowVersion));
    expect(signed).toMatchObject({ status: 'signed', rowVersion: request.rowVersion + 1 });

    const [onPiece] = await listWitnessStatements(trainer, evidenceId);
    expect(onPiece).toMatchObject({ id, status: 'signed', witnessName: 'Helen Birch', signedName: 'Helen Birch', signedJobTitle: 'Clinical coding manager', signedOn: '2026-10-05' });
    expect(onPiece!.signedAt).toBeInstanceOf(Date);
    expect((await listWitnessStatements(sam, evidenceId)).map((s) => s.status)).toEqual(['signed']);

    const audit = await t.db.select({ action: auditLog.action, actorId: auditLog.actorId }).from(auditLog).where(eq(auditLog.entityId, id)).orderBy(auditLog.id);
    expect(audit).toEqual([
      { action: 'witness.request', actorId: sam.userId },
      { action: 'witness.sign', actorId: helen.userId },
    ]);
    // Signed ones come after the waiting ones.
    const { id: waiting } = await ask(await newPiece('Another piece'));
    const order = (await listWitnessRequests(helen)).map((r) => r.id);
    expect(order.indexOf(waiting)).toBeLessThan(order.indexOf(id));
  });

  it('refuses a contact of another employer with the same message as an unknown person, and a second unsigned request', async () => {
    const evidenceId = await newPiece();
    const other = await ask(evidenceId, marcus.userId).catch((e: unknown) => e);
    const unknown = await ask(evidenceId, '00000000-0000-4000-8000-000000000000').catch((e: unknown) => e);
    expect(other).toBeInstanceOf(FieldError);
    expect(other).toMatchObject({ field: 'witnessId' });
    expect((other as FieldError).userMessage).toBe((unknown as FieldError).userMessage);
    // A trainer is not an employer contact either.
    await expect(ask(evidenceId, trainer.userId)).rejects.toMatchObject({ field: 'witnessId' });
    expect(await t.db.select().from(witnessStatements).where(eq(witnessStatements.evidenceId, evidenceId))).toHaveLength(0);

    await ask(evidenceId);
    await expect(ask(evidenceId)).rejects.toMatchObject({ field: 'witnessId', userMessage: expect.stringContaining('already asked Helen Birch') });
    await expect(ask(evidenceId, ashwellDeputy.userId)).resolves.toBeDefined(); // someone else may still be asked
    // An NHS number in the message is refused, naming it.
    await expect(
      requestWitnessStatement(sam, { evidenceId: await newPiece(), witnessId: helen.userId, message: 'About patient 943 476 5919 please.' }),
    ).rejects.toMatchObject({ field: 'message', userMessage: expect.stringContaining('943 476 5919') });
  });

  it('answers 404 to a contact reading or signing a request addressed to someone else, and shows them only their own', async () => {
    const evidenceId = await newPiece();
    const { id } = await ask(evidenceId);
    const deniedBefore = (await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'access.denied'), eq(auditLog.actorId, ashwellDeputy.userId)))).length;
    await expect(getWitnessRequest(ashwellDeputy, id)).rejects.toBeInstanceOf(NotFound);
    await expect(signWitnessStatement(ashwellDeputy, signature(id))).rejects.toBeInstanceOf(NotFound);
    await expect(getWitnessRequest(marcus, id)).rejects.toBeInstanceOf(NotFound);
    const denied = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'access.denied'), eq(auditLog.actorId, ashwellDeputy.userId)));
    expect(denied.length).toBe(deniedBefore + 2);
    expect((await listWitnessRequests(ashwellDeputy)).some((r) => r.id === id)).toBe(false);
    expect(await listWitnessStatements(ashwellDeputy, evidenceId)).toEqual([]);
    expect((await listWitnessStatements(helen, evidenceId)).map((s) => s.id)).toEqual([id]);
    expect((await getWitnessRequest(helen, id)).status).toBe('requested');
  });

  it('refuses an NHS number and a future date in the statement', async () => {
    const { id } = await ask(await newPiece());
    await expect(signWitnessStatement(helen, signature(id, 1, 'Sam coded the notes of 943-476-5919 very carefully indeed.'))).rejects.toMatchObject({
      field: 'statement',
      userMessage: expect.stringContaining('943-476-5919'),
    });
    const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    await expect(signWitnessStatement(helen, { ...signature(id), signedOn: tomorrow })).rejects.toThrow(/cannot be in the future/);
    expect((await getWitnessRequest(helen, id)).status).toBe('requested');
  });

  it('lets only the first of two concurrent signatures stand; the second is told it was already signed', async () => {
    const { id } = await ask(await newPiece());
    const results = await Promise.allSettled([
      signWitnessStatement(helen, signature(id, 1, 'Statement typed in the first tab: Sam coded every episode accurately.')),
      signWitnessStatement(helen, signature(id, 1, 'Statement typed in the second tab: Sam coded every episode accurately.')),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(Conflict);
    expect((refused.reason as Conflict).userMessage).toMatch(/already signed by Helen Birch on 5 Oct 2026/);
    const winner = results.indexOf(results.find((r) => r.status === 'fulfilled')!) === 0 ? 'first' : 'second';
    const stored = await getWitnessRequest(helen, id);
    expect(stored.statement).toContain(`typed in the ${winner} tab`);

    // Signing again later, even with the current version, is refused and changes nothing.
    await expect(signWitnessStatement(helen, signature(id, stored.rowVersion, 'A changed statement after signing, which must not be saved.'))).rejects.toBeInstanceOf(Conflict);
    expect((await getWitnessRequest(helen, id)).statement).toBe(stored.statement);
    const signs = await t.db.select().from(auditLog).where(and(eq(auditLog.entityId, id), eq(auditLog.action, 'witness.sign')));
    expect(signs).toHaveLength(1);
  });

  it('refuses a stale version with a clear message', async () => {
    const { id } = await ask(await newPiece());
    await expect(signWitnessStatement(helen, signature(id, 7))).rejects.toMatchObject({ userMessage: expect.stringContaining('changed after you opened it') });
  });

  it('keeps a signed statement even from a direct UPDATE or DELETE (the database trigger)', async () => {
    const { id } = await ask(await newPiece());
    await signWitnessStatement(helen, signature(id));
    expect(await failureText(t.db.update(witnessStatements).set({ statement: 'Rewritten behind the application’s back.' }).where(eq(witnessStatements.id, id)))).toMatch(
      /signed witness statement is never changed/,
    );
    expect(await failureText(t.db.delete(witnessStatements).where(eq(witnessStatements.id, id)))).toMatch(/signed witness statement is never changed/);
    const [row] = await t.db.select().from(witnessStatements).where(inArray(witnessStatements.id, [id]));
    expect(row!.statement).toContain('accurately');
  });
});
