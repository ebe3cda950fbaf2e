import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { createEvidence, getEvidence, listEvidence, submitEvidence, updateEvidence } from '@/lib/dal';
import { auditLog, evidence } from '@/db/schema';
import { Conflict, FieldError } from '@/lib/errors';
import type { Viewer } from '@/lib/dal/viewer';
import { createTestDb, type TestDb } from '../helpers/test-db';

let t: TestDb;
let sam: Viewer;
const account = 'I coded twenty inpatient episodes this week and checked each one against the four-step coding process.';
const draft = (extra: Partial<Parameters<typeof createEvidence>[1]> = {}) => ({
  title: 'Twenty episodes coded',
  type: 'work_product' as const,
  activityDate: '2026-10-01',
  account,
  ksbs: ['S3', 'S5'],
  ...extra,
});

beforeAll(async () => {
  t = await createTestDb();
  sam = await t.viewer('sam.whitfield@ashwell.example');
});
afterAll(() => t.close());

describe('evidence', () => {
  it('refuses text with a valid NHS number, saying what and where, and saves nothing', async () => {
    const before = (await t.db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(evidence))[0]!.n;
    const attempt = createEvidence(sam, draft({ account: `${account} Patient 943 476 5919 was coded.` }));
    await expect(attempt).rejects.toBeInstanceOf(FieldError);
    await expect(attempt).rejects.toMatchObject({ field: 'account', userMessage: expect.stringContaining('943 476 5919') });
    expect((await t.db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(evidence))[0]!.n).toBe(before);
    // Ten digits that fail the check digit are not an NHS number.
    await expect(createEvidence(sam, draft({ account: `${account} Reference 9434765918.` }))).resolves.toBeDefined();
  });

  it('refuses the second of two concurrent edits and keeps the first', async () => {
    const { id, rowVersion } = await createEvidence(sam, draft());
    const tabA = updateEvidence(sam, { id, rowVersion, ...draft({ title: 'Edited in tab A' }) });
    const tabB = updateEvidence(sam, { id, rowVersion, ...draft({ title: 'Edited in tab B' }) });
    const results = await Promise.allSettled([tabA, tabB]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(Conflict);
    const saved = await getEvidence(sam, id);
    expect(['Edited in tab A', 'Edited in tab B']).toContain(saved.title);
    expect(saved.rowVersion).toBe(rowVersion + 1);
  });

  it('submits only with an account and a KSB, then stops further edits, and audits each step', async () => {
    const { id, rowVersion } = await createEvidence(sam, draft({ ksbs: [], account: 'Too short.' }));
    await expect(submitEvidence(sam, { id, rowVersion })).rejects.toMatchObject({ field: 'account' });
    const { rowVersion: v2 } = await updateEvidence(sam, { id, rowVersion, ...draft({ ksbs: [] }) });
    await expect(submitEvidence(sam, { id, rowVersion: v2 })).rejects.toMatchObject({ field: 'ksbs' });
    const { rowVersion: v3 } = await updateEvidence(sam, { id, rowVersion: v2, ...draft() });
    const submitted = await submitEvidence(sam, { id, rowVersion: v3 });
    expect(submitted.status).toBe('submitted');
    await expect(updateEvidence(sam, { id, rowVersion: submitted.rowVersion, ...draft({ title: 'Too late' }) })).rejects.toBeInstanceOf(Conflict);
    const actions = await t.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, id));
    expect(actions.map((a) => a.action)).toEqual(['evidence.create', 'evidence.update', 'evidence.update', 'evidence.submit']);
  });

  it('lets the employer see the title and KSBs but not the account', async () => {
    const { id } = await createEvidence(sam, draft({ title: 'Visible title' }));
    const employer = await t.viewer('coding.manager@ashwell.example');
    const seen = await getEvidence(employer, id);
    expect(seen).toMatchObject({ title: 'Visible title', ksbs: ['S3', 'S5'], account: null });
    expect((await listEvidence(employer, { ksb: 'S5' })).some((e) => e.id === id)).toBe(true);
    const other = await t.viewer('coding.manager@kingsmere.example');
    expect((await listEvidence(other)).some((e) => e.id === id)).toBe(false);
  });
});
