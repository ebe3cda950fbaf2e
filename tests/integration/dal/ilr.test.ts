import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import Papa from 'papaparse';
import { exportIlr, listIlrRecords } from '@/lib/dal';
import { apprenticeships, auditLog, cohorts, learningBreaks, organisations, standards, trainerAssignments, trainingPlans, users } from '@/db/schema';
import { NotFound } from '@/lib/errors';
import { toCsv } from '@/lib/csv';
import type { Viewer } from '@/lib/dal/viewer';
import { createTestDb, type TestDb } from '../helpers/test-db';

/**
 * The learner-record CSV against a plain computation: apprenticeships made here in a cohort of their own, in
 * every state the ILR distinguishes, and the expected rows written out from the inserted values.
 */
let t: TestDb;
let admin: Viewer;
let patel: Viewer;
let okafor: Viewer;
let sam: Viewer;
let helen: Viewer;
let cohortId: string;
const AS_OF = '2026-12-01';
const id: Record<string, string> = {};

const signed = { apprenticeSignedAt: new Date('2025-09-02T10:00:00Z'), employerSignedAt: new Date('2025-09-02T11:00:00Z'), providerSignedAt: new Date('2025-09-02T12:00:00Z') };

beforeAll(async () => {
  t = await createTestDb();
  [admin, patel, okafor, sam, helen] = (await Promise.all(
    ['admin@coderpathway.example', 'trainer.patel@coderpathway.example', 'trainer.okafor@coderpathway.example', 'sam.whitfield@ashwell.example', 'coding.manager@ashwell.example'].map((e) => t.viewer(e)),
  )) as [Viewer, Viewer, Viewer, Viewer, Viewer];
  const [employer] = await t.db.select({ id: organisations.id }).from(organisations).where(eq(organisations.kind, 'employer')).limit(1);
  const [standard] = await t.db.select({ id: standards.id }).from(standards).limit(1);
  const [cohort] = await t.db.insert(cohorts).values({ name: 'ILR test cohort', startDate: '2025-09-01' }).returning({ id: cohorts.id });
  cohortId = cohort!.id;

  // name → the apprenticeship's columns (besides the common ones)
  const people: [string, Partial<typeof apprenticeships.$inferInsert>][] = [
    ['Ilr Ada Continuing', { status: 'active' }],
    ['Ilr Ben Completed', { status: 'completed', actualEndDate: '2027-03-01', actualOtjHours: 431.4 }],
    ['Ilr Cara Withdrawn', { status: 'withdrawn', actualEndDate: '2026-02-01', actualOtjHours: 80, withdrawReason: 41 }],
    ['Ilr Dev On Break', { status: 'break_in_learning' }],
    ['Ilr Eve Returned', { status: 'active' }],
    ['Ilr Fay Planned', { status: 'active' }],
    // Problems: withdrawn without a reason; completed without an actual end; a planned end before the start.
    ['Ilr Gus No Reason', { status: 'withdrawn', actualEndDate: '2026-03-01', actualOtjHours: 90 }],
    ['Ilr Hal No End', { status: 'completed', actualOtjHours: 420 }],
    ['Ilr Ivy Backwards', { status: 'active', plannedEndDate: '2025-08-01' }],
  ];
  for (const [name, values] of people) {
    const [u] = await t.db.insert(users).values({ email: `${name.toLowerCase().replace(/ /g, '.')}@ashwell.example`, name, role: 'apprentice', organisationId: employer!.id }).returning({ id: users.id });
    const [a] = await t.db
      .insert(apprenticeships)
      .values({ apprenticeId: u!.id, employerId: employer!.id, cohortId, standardId: standard!.id, startDate: '2025-09-01', plannedEndDate: '2027-03-01', weeklyHours: 37.5, plannedOtjHours: 419, ...values })
      .returning({ id: apprenticeships.id });
    id[name.split(' ')[1]!] = a!.id;
  }
  // Patel is assigned to Ada, Dev and Gus only.
  await t.db.insert(trainerAssignments).values(['Ada', 'Dev', 'Gus'].map((n) => ({ trainerId: patel.userId, apprenticeshipId: id[n]! })));
  await t.db.insert(learningBreaks).values([
    { apprenticeshipId: id.Dev!, startDate: '2026-10-01', endDate: null, reason: 'Illness', recordedBy: patel.userId },
    { apprenticeshipId: id.Eve!, startDate: '2026-05-01', endDate: '2026-06-01', reason: 'Caring', recordedBy: patel.userId },
    { apprenticeshipId: id.Eve!, startDate: '2026-01-01', endDate: '2026-01-11', reason: 'Illness', recordedBy: patel.userId },
  ]);
  // Fay: version 1 signed by all three (in force), version 2 not yet signed.
  const plan = { apprenticeshipId: id.Fay!, plannedStartDate: '2025-09-01', durationMonths: 20, weeklyHours: 37.5, rulesYear: '2025-26', standardOtjHours: 419, rplHours: 100, activities: [], englishPlan: 'Exempt', mathsPlan: 'Exempt', createdBy: patel.userId };
  await t.db.insert(trainingPlans).values([
    { ...plan, version: 1, plannedEndDate: '2027-05-01', plannedOtjHours: 319, ...signed },
    { ...plan, version: 2, plannedEndDate: '2027-07-01', plannedOtjHours: 250 },
  ]);
}, 120_000);
afterAll(async () => {
  await t.close();
});

// The expected file, written out by hand from the values inserted above (names in order).
const HEADER = 'LearnRefNumber,ULN,LearnStartDate,LearnPlanEndDate,LearnActEndDate,PHours,OTJActHours,CompStatus,WithdrawReason,Outcome,LearnPlanEndDateAfterBreaks,BreakStartDate1,BreakEndDate1,BreakStartDate2,BreakEndDate2';
const expectedRows = () => [
  [id.Ada, '', '2025-09-01', '2027-03-01', '', '419', '', '1', '', '', '2027-03-01', '', '', '', ''],
  [id.Ben, '', '2025-09-01', '2027-03-01', '2027-03-01', '419', '431', '2', '', '8', '2027-03-01', '', '', '', ''],
  [id.Cara, '', '2025-09-01', '2027-03-01', '2026-02-01', '419', '80', '3', '41', '3', '2027-03-01', '', '', '', ''],
  // On a break since 1 October 2026: on 1 December, the 62 days so far (1 December included) move the planned end.
  [id.Dev, '', '2025-09-01', '2027-03-01', '', '419', '', '6', '', '', '2027-05-02', '2026-10-01', '', '', ''],
  // Two breaks of 10 and 31 days, in date order.
  [id.Eve, '', '2025-09-01', '2027-03-01', '', '419', '', '1', '', '', '2027-04-11', '2026-01-01', '2026-01-11', '2026-05-01', '2026-06-01'],
  // The signed plan in force (version 1), not the newer unsigned version 2 nor the apprenticeship's figures.
  [id.Fay, '', '2025-09-01', '2027-05-01', '', '319', '', '1', '', '', '2027-05-01', '', '', '', ''],
];

describe('learner-record (ILR) figures', () => {
  it('for a cohort, the CSV equals a plain computation of the inserted values, leaving out the rows with problems', async () => {
    const out = await exportIlr(admin, { cohortId }, AS_OF);
    const csv = toCsv(out.fields, out.data);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(HEADER);
    expect(Papa.parse<string[]>(lines.slice(1).join('\r\n')).data).toEqual(expectedRows());
    expect(out.excluded).toBe(3);
  });

  it('lists each left-out apprenticeship with the field and the problem', async () => {
    const { records } = await listIlrRecords(admin, { cohortId }, AS_OF);
    expect(records).toHaveLength(9);
    const problems = records.filter((r) => r.problems.length > 0).map((r) => ({ name: r.apprenticeName, fields: r.problems.map((p) => p.field) }));
    expect(problems).toEqual([
      { name: 'Ilr Gus No Reason', fields: ['WithdrawReason'] },
      { name: 'Ilr Hal No End', fields: ['LearnActEndDate'] },
      { name: 'Ilr Ivy Backwards', fields: ['LearnPlanEndDate'] },
    ]);
  });

  it('records the export in the audit log with its counts', async () => {
    await exportIlr(admin, { cohortId }, AS_OF);
    const entries = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'ilr.exported'), eq(auditLog.actorId, admin.userId)));
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.at(-1)).toMatchObject({ entityType: 'cohort', entityId: cohortId, after: { rows: 6, excluded: 3 } });
  });

  it('gives a trainer only the apprenticeships assigned to them', async () => {
    const out = await exportIlr(patel, { cohortId }, AS_OF);
    expect(out.ids.sort()).toEqual([id.Ada!, id.Dev!].sort());
    expect((await listIlrRecords(patel, { cohortId }, AS_OF)).records.map((r) => r.apprenticeName)).toEqual(['Ilr Ada Continuing', 'Ilr Dev On Break', 'Ilr Gus No Reason']);
    expect((await listIlrRecords(okafor, { cohortId }, AS_OF)).records).toEqual([]);
    // The cohorts offered are those of the trainer's own apprentices.
    expect((await listIlrRecords(okafor, {}, AS_OF)).cohorts.map((c) => c.id)).not.toContain(cohortId);
  });

  it('gives an administrator the whole provider without a cohort, and ignores a cohort id that is not one', async () => {
    const all = await exportIlr(admin, {}, AS_OF);
    expect(all.ids).toEqual(expect.arrayContaining(expectedRows().map((r) => r[0])));
    const n = (await t.db.select({ id: apprenticeships.id }).from(apprenticeships)).length;
    expect(all.ids.length + all.excluded).toBe(n);
    expect((await exportIlr(admin, { cohortId: 'not-a-uuid' }, AS_OF)).ids.length).toBe(all.ids.length);
  });

  it('refuses an apprentice and an employer contact with a 404', async () => {
    await expect(listIlrRecords(sam)).rejects.toBeInstanceOf(NotFound);
    await expect(exportIlr(helen, { cohortId })).rejects.toBeInstanceOf(NotFound);
  });
});
