import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { createOtjEntry, deleteOtjEntry, getOtjEntry, getOtjSummary, getOwnApprenticeship, listOtjEntries, reviewOtjEntry, updateOtjEntry } from '@/lib/dal';
import { auditLog, otjEntries } from '@/db/schema';
import { Conflict, FieldError, NotFound } from '@/lib/errors';
import { runFormAction } from '@/lib/forms/run-action';
import { OtjInput } from '@/lib/otj/schemas';
import { isoOfUtcDay, ukToday, utcDay } from '@/lib/otj/plan';
import type { Viewer } from '@/lib/dal/viewer';
import { createTestDb, type TestDb } from '../helpers/test-db';

let t: TestDb;
let sam: Viewer; // Ashwell, 37.5 hours a week, trainer Priya Patel
let grace: Viewer; // Kingsmere, 22.5 hours a week, trainer Daniel Okafor
let patel: Viewer;
let samApprenticeship: string;
// Saturdays: the demo log has weekday entries only, so these days start empty.
const entry = (extra: Partial<Parameters<typeof createOtjEntry>[1]> = {}) => ({
  activityDate: '2025-09-13',
  hours: 2.5,
  activityType: 'practical_training' as const,
  description: 'Practice coding of ten anonymised day-case notes.',
  ksbs: ['S3', 'K4'],
  ...extra,
});
const refusal = async (work: Promise<unknown>) => {
  const e = await work.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(FieldError);
  return e as FieldError;
};
const auditOf = (id: string) => t.db.select({ action: auditLog.action, actorId: auditLog.actorId, after: auditLog.after }).from(auditLog).where(eq(auditLog.entityId, id)).orderBy(auditLog.id);

beforeAll(async () => {
  t = await createTestDb();
  sam = await t.viewer('sam.whitfield@ashwell.example');
  grace = await t.viewer('grace.adeyemi@kingsmere.example');
  patel = await t.viewer('trainer.patel@coderpathway.example');
  samApprenticeship = (await getOwnApprenticeship(sam))!.id;
});
afterAll(() => t.close());

describe('the off-the-job log', () => {
  it('logs an entry in minutes, shows it in the list and the totals, and audits it', async () => {
    const before = await getOtjSummary(sam, samApprenticeship);
    const { id } = await createOtjEntry(sam, entry({ hours: 2.25 }));
    const [row] = await t.db.select().from(otjEntries).where(eq(otjEntries.id, id));
    expect(row).toMatchObject({ minutes: 135, status: 'logged', apprenticeId: sam.userId, ksbs: ['S3', 'K4'] });
    expect((await listOtjEntries(sam, samApprenticeship)).find((e) => e.id === id)).toMatchObject({ hours: 2.25, editable: true, reviewable: false });
    const after = await getOtjSummary(sam, samApprenticeship);
    expect(after.loggedHours - before.loggedHours).toBe(2.25);
    expect(after.awaitingHours - before.awaitingHours).toBe(2.25);
    expect(after.entries).toBe(before.entries + 1);
    expect(await auditOf(id)).toEqual([{ action: 'otj.create', actorId: sam.userId, after: expect.objectContaining({ minutes: 135 }) }]);
  });

  it('refuses a future date beside the date field, saying the date', async () => {
    const tomorrow = isoOfUtcDay(utcDay(ukToday()) + 1);
    let called = false;
    const result = await runFormAction(OtjInput, { ...entry(), hours: '2', activityDate: tomorrow }, async () => (called = true));
    expect(called).toBe(false);
    expect(result.ok ? null : result.fieldErrors?.activityDate?.[0]).toMatch(/is in the future/);
    await expect(createOtjEntry(sam, entry({ activityDate: tomorrow }))).rejects.toThrow(/in the future/);
  });

  it('refuses more than 24 hours in a day, counting what is already logged that day', async () => {
    const day = '2025-09-20';
    await createOtjEntry(sam, entry({ activityDate: day, hours: 20 }));
    const e = await refusal(createOtjEntry(sam, entry({ activityDate: day, hours: 4.25 })));
    expect(e.field).toBe('hours');
    expect(e.userMessage).toBe('You have already logged 20 hours on 20 Sep 2025; with these 4.25 hours that makes 24.25, more than the 24 hours in a day.');
    await expect(createOtjEntry(sam, entry({ activityDate: day, hours: 4 }))).resolves.toBeDefined();
  });

  it("refuses a day's total above the weekly contracted hours, and does not count the entry being edited twice", async () => {
    const day = '2025-09-27';
    const first = await createOtjEntry(grace, entry({ activityDate: day, hours: 20 }));
    const e = await refusal(createOtjEntry(grace, entry({ activityDate: day, hours: 2.75 })));
    expect(e.field).toBe('hours');
    expect(e.userMessage).toMatch(/^You have already logged 20 hours on 27 Sep 2025; with these 2\.75 hours that makes 22\.75, more than your weekly contracted hours \(22\.5\)/);
    // Editing the 20-hour entry to 22.5 is within the limit: its own old hours are not added.
    await expect(updateOtjEntry(grace, { id: first.id, rowVersion: first.rowVersion, ...entry({ activityDate: day, hours: 22.5 }) })).resolves.toMatchObject({ rowVersion: 2 });
    expect((await refusal(createOtjEntry(grace, entry({ activityDate: '2025-10-04', hours: 23 })))).userMessage).toMatch(/^23 hours on 4 Oct 2025, more than your weekly contracted hours \(22\.5\)/);
  });

  it('refuses an NHS number in the description, a date before the start and a KSB not in the standard, each beside its field', async () => {
    const count = async () => (await t.db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(otjEntries))[0]!.n;
    const before = await count();
    const nhs = await refusal(createOtjEntry(sam, entry({ description: 'Coded the notes of patient 943 476 5919 with my mentor.' })));
    expect(nhs).toMatchObject({ field: 'description', userMessage: expect.stringContaining('“943 476 5919” in the description looks like an NHS number') });
    expect(await refusal(createOtjEntry(sam, entry({ activityDate: '2025-08-30' })))).toMatchObject({ field: 'activityDate', userMessage: expect.stringContaining('started on 1 Sep 2025') });
    expect(await refusal(createOtjEntry(sam, entry({ ksbs: ['S3', 'S99'] })))).toMatchObject({ field: 'ksbs', userMessage: expect.stringMatching(/^S99 is not in your standard/) });
    expect(await count()).toBe(before);
  });

  it('refuses the second of two concurrent edits and keeps the first', async () => {
    const { id, rowVersion } = await createOtjEntry(sam, entry({ activityDate: '2025-10-11' }));
    const results = await Promise.allSettled([
      updateOtjEntry(sam, { id, rowVersion, ...entry({ activityDate: '2025-10-11', description: 'Edited in tab A: coding practice.' }) }),
      updateOtjEntry(sam, { id, rowVersion, ...entry({ activityDate: '2025-10-11', description: 'Edited in tab B: coding practice.' }) }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(Conflict);
    expect((refused.reason as Conflict).userMessage).toMatch(/changed in another tab or window/);
    const saved = await getOtjEntry(sam, id);
    expect(['Edited in tab A: coding practice.', 'Edited in tab B: coding practice.']).toContain(saved.description);
    expect(saved.rowVersion).toBe(rowVersion + 1);
    expect((await auditOf(id)).map((a) => a.action)).toEqual(['otj.create', 'otj.update']);
  });

  it("refuses a trainer's decision on an entry the apprentice changed meanwhile, saying what it is now", async () => {
    const { id, rowVersion } = await createOtjEntry(sam, entry({ activityDate: '2025-10-18' }));
    await reviewOtjEntry(patel, { id, rowVersion, decision: 'query', comment: 'Which case notes were these?' });
    const queried = await getOtjEntry(sam, id);
    expect(queried).toMatchObject({ status: 'queried', reviewComment: 'Which case notes were these?', reviewerName: 'Priya Patel' });
    // The apprentice answers the query by editing: the entry goes back to the trainer as logged.
    const edited = await updateOtjEntry(sam, { id, rowVersion: queried.rowVersion, ...entry({ activityDate: '2025-10-18', description: 'Practice coding of ten day-case notes from the Northgate set.' }) });
    expect(edited.status).toBe('logged');
    const stale = reviewOtjEntry(patel, { id, rowVersion: queried.rowVersion, decision: 'accept', comment: '' });
    await expect(stale).rejects.toBeInstanceOf(Conflict);
    await expect(stale).rejects.toMatchObject({ userMessage: expect.stringMatching(/changed after you opened it\. It is now “Awaiting review”/) });
    await reviewOtjEntry(patel, { id, rowVersion: edited.rowVersion, decision: 'accept', comment: '' });
    expect((await auditOf(id)).map((a) => [a.action, a.actorId])).toEqual([
      ['otj.create', sam.userId],
      ['otj.query', patel.userId],
      ['otj.update', sam.userId],
      ['otj.accept', patel.userId],
    ]);
  });

  it('keeps an accepted entry: no edit, no delete, no second decision', async () => {
    const { id, rowVersion } = await createOtjEntry(sam, entry({ activityDate: '2025-10-25' }));
    const accepted = await reviewOtjEntry(patel, { id, rowVersion, decision: 'accept', comment: 'Matches the session register.' });
    await expect(updateOtjEntry(sam, { id, rowVersion: accepted.rowVersion, ...entry({ activityDate: '2025-10-25' }) })).rejects.toMatchObject({ userMessage: expect.stringMatching(/^This entry was accepted by Priya Patel on/) });
    await expect(deleteOtjEntry(sam, { id, rowVersion: accepted.rowVersion })).rejects.toBeInstanceOf(Conflict);
    await expect(reviewOtjEntry(patel, { id, rowVersion: accepted.rowVersion, decision: 'query', comment: 'Second thoughts.' })).rejects.toBeInstanceOf(Conflict);
    expect((await getOtjEntry(sam, id)).status).toBe('accepted');
  });

  it('deletes an entry not yet accepted, with an audit entry holding what was deleted', async () => {
    const { id, rowVersion } = await createOtjEntry(sam, entry({ activityDate: '2025-11-01', description: 'Logged on the wrong day by mistake.' }));
    await deleteOtjEntry(sam, { id, rowVersion });
    expect(await t.db.select().from(otjEntries).where(eq(otjEntries.id, id))).toEqual([]);
    expect((await auditOf(id)).at(-1)).toMatchObject({ action: 'otj.delete' });
    const [del] = await t.db.select({ before: auditLog.before }).from(auditLog).where(and(eq(auditLog.entityId, id), eq(auditLog.action, 'otj.delete')));
    expect(del!.before).toMatchObject({ description: 'Logged on the wrong day by mistake.', minutes: 150 });
  });

  it("answers 404 to a trainer reviewing an unassigned apprentice's entry, records the refusal and changes nothing", async () => {
    const { id, rowVersion } = await createOtjEntry(grace, entry({ activityDate: '2025-11-08' }));
    const denied = async () => (await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'access.denied'), eq(auditLog.actorId, patel.userId)))).length;
    const deniedBefore = await denied();
    await expect(reviewOtjEntry(patel, { id, rowVersion, decision: 'accept', comment: '' })).rejects.toBeInstanceOf(NotFound);
    expect(await denied()).toBe(deniedBefore + 1);
    const [row] = await t.db.select().from(otjEntries).where(eq(otjEntries.id, id));
    expect(row).toMatchObject({ status: 'logged', rowVersion, reviewerId: null });
    // The apprentice's other writer, another apprentice, gets the same 404.
    await expect(deleteOtjEntry(sam, { id, rowVersion })).rejects.toBeInstanceOf(NotFound);
  });

  it('sums the log in the database: totals by status and type, the plan to date and the flag when behind', async () => {
    const s = await getOtjSummary(sam, samApprenticeship);
    const rows = await t.db.select().from(otjEntries).where(eq(otjEntries.apprenticeId, sam.userId));
    const hours = (f: (r: (typeof rows)[number]) => boolean) => rows.filter(f).reduce((n, r) => n + r.minutes, 0) / 60;
    expect(s.loggedHours).toBe(hours(() => true));
    expect(s.acceptedHours).toBe(hours((r) => r.status === 'accepted'));
    expect(s.queriedHours).toBe(hours((r) => r.status === 'queried'));
    expect(s.countedHours).toBe(hours((r) => r.status !== 'queried'));
    expect(s.byType.reduce((n, b) => n + b.hours, 0)).toBeCloseTo(s.loggedHours, 6);
    expect(s.progress.logged).toBe(Math.round(s.countedHours * 100) / 100);
    expect(s.series.at(-1)!.planned).toBe(s.plan.plannedOtjHours);
    // The demo log: Sam on track, Tom Hargreaves clearly behind.
    expect(s.progress.behind).toBe(false);
    const tom = await t.viewer('tom.hargreaves@ashwell.example');
    const tomSummary = await getOtjSummary(tom, (await getOwnApprenticeship(tom))!.id);
    expect(tomSummary.progress).toMatchObject({ behind: true });
    expect(tomSummary.progress.hoursBehind).toBeGreaterThan(50);
  });

  it('shows the employer the totals and entries without descriptions or comments', async () => {
    const employer = await t.viewer('coding.manager@ashwell.example');
    const s = await getOtjSummary(employer, samApprenticeship);
    expect(s.loggedHours).toBeGreaterThan(0);
    const rows = await listOtjEntries(employer, samApprenticeship);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.description === null && r.reviewComment === null && !r.editable && !r.reviewable)).toBe(true);
    const other = await t.viewer('coding.manager@kingsmere.example');
    await expect(getOtjSummary(other, samApprenticeship)).rejects.toBeInstanceOf(NotFound);
  });
});
