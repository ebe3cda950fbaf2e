import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { confirmPracticeTime, createEvidenceFromPractice, deleteOtjEntry, getPracticeTimeOffer, listOtjEntries } from '@/lib/dal';
import { recordPracticeTime } from '@/lib/dal/practice-time';
import { apprenticeships, auditLog, cases, codingAttempts, evidence, evidenceKsbs, otjEntries, practiceTime } from '@/db/schema';
import { Conflict, FieldError } from '@/lib/errors';
import type { Viewer } from '@/lib/dal/viewer';
import { createTestDb, type TestDb } from '../helpers/test-db';

// Practice time offered as off-the-job training (issue 19, point 5): recorded with each piece of practice,
// offered day by day, logged in one step as entries the trainer reviews.
let t: TestDb;
let ellie: Viewer;
beforeAll(async () => {
  t = await createTestDb();
  ellie = await t.viewer('ellie.brooks@ashwell.example');
});
afterAll(() => t.close());

const at = (iso: string) => new Date(`${iso}T10:00:00Z`);
const record = (kind: 'coding' | 'question' | 'audit', refId: string, seconds: unknown, day: string, ksbs: string[]) =>
  t.db.transaction((tx) => recordPracticeTime(tx, { apprenticeId: ellie.userId, kind, refId, reportedSeconds: seconds, ksbs, now: at(day) }));

describe('practice time', () => {
  it('is recorded capped, once per piece of practice, and nothing for a report of no time', async () => {
    expect(await record('coding', 'pt-case-1', 25 * 60, '2026-11-02', ['S5', 'K1'])).toBe(25 * 60);
    expect(await record('question', 'pt-q-1', 40 * 60, '2026-11-02', ['K12'])).toBe(5 * 60); // a question counts 5 minutes at most
    expect(await record('coding', 'pt-case-1', 10 * 60, '2026-11-02', ['S5'])).toBe(10 * 60); // the same attempt again: kept once
    expect(await record('audit', 'pt-audit-0', 'lots', '2026-11-02', ['S13'])).toBe(0);
    const rows = await t.db.select().from(practiceTime).where(and(eq(practiceTime.apprenticeId, ellie.userId), inArray(practiceTime.refId, ['pt-case-1', 'pt-q-1', 'pt-audit-0'])));
    expect(rows.map((r) => [r.refId, r.activeSeconds, r.activityDate]).sort()).toEqual([
      ['pt-case-1', 25 * 60, '2026-11-02'],
      ['pt-q-1', 5 * 60, '2026-11-02'],
    ]);
  });

  it('is offered by day and logged in one step as entries for the trainer, each day claimed once', async () => {
    await record('audit', 'pt-audit-1', 10 * 60, '2026-11-03', ['S13', 'S20']);
    const offer = await getPracticeTimeOffer(ellie);
    const nov2 = offer.find((d) => d.activityDate === '2026-11-02')!;
    expect(nov2).toMatchObject({ seconds: 30 * 60, minutes: 30, ksbs: ['K1', 'K12', 'S5'] });
    expect(offer.find((d) => d.activityDate === '2026-11-03')).toMatchObject({ minutes: 0 });

    // Ten minutes is not enough to log, and nothing is saved when one chosen day cannot be.
    await expect(confirmPracticeTime(ellie, { dates: ['2026-11-02', '2026-11-03'] })).rejects.toBeInstanceOf(FieldError);
    expect(await t.db.select().from(otjEntries).where(and(eq(otjEntries.apprenticeId, ellie.userId), eq(otjEntries.activityDate, '2026-11-02')))).toEqual([]);

    const { ids, minutes } = await confirmPracticeTime(ellie, { dates: ['2026-11-02'] });
    expect(minutes).toBe(30);
    const [entry] = await t.db.select().from(otjEntries).where(eq(otjEntries.id, ids[0]!));
    expect(entry).toMatchObject({ minutes: 30, activityType: 'practical_training', status: 'logged', ksbs: ['K1', 'K12', 'S5'] });
    expect(entry!.description).toBe('Practice in Coder Pathway: 1 coded case and 1 theory question (30 minutes of active practice, measured by the app with idle time left out).');
    const claimed = await t.db.select({ otjEntryId: practiceTime.otjEntryId }).from(practiceTime).where(inArray(practiceTime.refId, ['pt-case-1', 'pt-q-1']));
    expect(claimed.map((c) => c.otjEntryId)).toEqual([ids[0], ids[0]]);
    expect(await t.db.select({ id: auditLog.id }).from(auditLog).where(and(eq(auditLog.action, 'otj.create'), eq(auditLog.entityId, ids[0]!)))).toHaveLength(1);
    const [ap] = await t.db.select({ id: apprenticeships.id }).from(apprenticeships).where(eq(apprenticeships.apprenticeId, ellie.userId));
    expect((await listOtjEntries(ellie, ap!.id)).some((e) => e.id === ids[0])).toBe(true);

    // Logged once: the day is no longer offered, and logging it again (another tab) saves nothing.
    expect((await getPracticeTimeOffer(ellie)).some((d) => d.activityDate === '2026-11-02')).toBe(false);
    await expect(confirmPracticeTime(ellie, { dates: ['2026-11-02'] })).rejects.toBeInstanceOf(Conflict);

    // The apprentice deletes the entry (it is not yet accepted): the practice is offered again.
    await deleteOtjEntry(ellie, { id: ids[0]!, rowVersion: entry!.rowVersion });
    expect((await getPracticeTimeOffer(ellie)).find((d) => d.activityDate === '2026-11-02')).toMatchObject({ minutes: 30, seconds: 30 * 60 });
  });

  it('refuses a day before the apprenticeship started, like any entry', async () => {
    await record('coding', 'pt-case-early', 30 * 60, '2024-01-08', ['S5']);
    await expect(confirmPracticeTime(ellie, { dates: ['2024-01-08'] })).rejects.toMatchObject({ field: 'dates', userMessage: expect.stringMatching(/^Your apprenticeship started on/) });
  });
});

describe('a KSB’s practice record as evidence', () => {
  it('makes a draft in one step, tagged with the KSB, its account the record in figures', async () => {
    const sam = await t.viewer('sam.whitfield@ashwell.example');
    const [n] = await t.db
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(codingAttempts)
      .innerJoin(cases, eq(cases.id, codingAttempts.caseId))
      .where(and(eq(codingAttempts.apprenticeId, sam.userId), sql`'S5' = any(${cases.ksbs})`));
    expect(n!.n).toBeGreaterThan(0);
    const { id } = await createEvidenceFromPractice(sam, { ksb: 'S5' });
    const [piece] = await t.db.select().from(evidence).where(eq(evidence.id, id));
    expect(piece).toMatchObject({ apprenticeId: sam.userId, status: 'draft', title: 'Practice record: S5', type: 'work_product' });
    expect(piece!.account).toContain(`Coding practice: ${n!.n} ${n!.n === 1 ? 'case' : 'cases'} coded`);
    expect((await t.db.select({ k: evidenceKsbs.ksbCode }).from(evidenceKsbs).where(eq(evidenceKsbs.evidenceId, id))).map((r) => r.k)).toEqual(['S5']);
  });

  it('refuses a KSB with no practice, and one not in the standard', async () => {
    const sam = await t.viewer('sam.whitfield@ashwell.example');
    await expect(createEvidenceFromPractice(sam, { ksb: 'B5' })).rejects.toMatchObject({ field: 'ksb' });
    await expect(createEvidenceFromPractice(sam, { ksb: 'K99' })).rejects.toBeInstanceOf(FieldError);
  });
});
