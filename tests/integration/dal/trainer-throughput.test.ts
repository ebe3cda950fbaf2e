import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import {
  acceptOtjEntries,
  createEvidence,
  createOtjEntry,
  getEvidenceHistory,
  getNextToMark,
  getOwnApprenticeship,
  listAttemptPage,
  listMarkingQueue,
  markEvidence,
  submitEvidence,
  updateOtjEntry,
} from '@/lib/dal';
import { auditLog, codingAttempts, otjEntries } from '@/db/schema';
import { Conflict, FieldError, NotFound } from '@/lib/errors';
import type { Viewer } from '@/lib/dal/viewer';
import { createTestDb, type TestDb } from '../helpers/test-db';

let t: TestDb;
let sam: Viewer; // Ashwell, trainer Priya Patel
let grace: Viewer; // Kingsmere, trainer Daniel Okafor
let patel: Viewer;
let okafor: Viewer;

beforeAll(async () => {
  t = await createTestDb();
  sam = await t.viewer('sam.whitfield@ashwell.example');
  grace = await t.viewer('grace.adeyemi@kingsmere.example');
  patel = await t.viewer('trainer.patel@coderpathway.example');
  okafor = await t.viewer('trainer.okafor@coderpathway.example');
});
afterAll(() => t.close());

// Sundays in the autumn of 2025: the demo log has weekday entries only, so these days start empty.
let day = 0;
const sunday = () => new Date(Date.UTC(2025, 8, 7 + 7 * day++)).toISOString().slice(0, 10);
async function logEntries(who: Viewer, n: number, description = 'Coding workshop: sequencing of secondary diagnoses.') {
  const made: { id: string; rowVersion: number }[] = [];
  for (let i = 0; i < n; i++) made.push(await createOtjEntry(who, { activityDate: sunday(), hours: 1.5, activityType: 'teaching', description, ksbs: ['K4'] }));
  return made;
}
const statusOf = async (ids: string[]) => (await t.db.select({ id: otjEntries.id, status: otjEntries.status, reviewComment: otjEntries.reviewComment }).from(otjEntries).where(inArray(otjEntries.id, ids))).sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id));
const auditActions = async (ids: string[], action: string) => t.db.select({ entityId: auditLog.entityId, actorId: auditLog.actorId, after: auditLog.after }).from(auditLog).where(and(inArray(auditLog.entityId, ids), eq(auditLog.action, action)));
const refused = async (work: Promise<unknown>) =>
  work.then(
    () => null,
    (e: unknown) => e,
  );

describe('accepting several off-the-job entries at once', () => {
  it('accepts every entry selected with the one comment, in one go, with an audit entry for each', async () => {
    const entries = await logEntries(sam, 3);
    const ids = entries.map((e) => e.id);
    const result = await acceptOtjEntries(patel, { entries, comment: 'A good month of workshops.' });
    expect(result.accepted).toBe(3);
    expect(await statusOf(ids)).toEqual(ids.map((id) => ({ id, status: 'accepted', reviewComment: 'A good month of workshops.' })));
    const audit = await auditActions(ids, 'otj.accept');
    expect(audit).toHaveLength(3);
    for (const a of audit) expect(a).toMatchObject({ actorId: patel.userId, after: { status: 'accepted', comment: 'A good month of workshops.', together: 3 } });
  });

  it('accepts nothing when one entry was edited after the trainer opened the page, and names that entry', async () => {
    const entries = await logEntries(sam, 3);
    const ids = entries.map((e) => e.id);
    // The apprentice edits the middle entry meanwhile: its row version moves on.
    const [, middle] = entries;
    const [row] = await t.db.select().from(otjEntries).where(eq(otjEntries.id, middle!.id));
    await updateOtjEntry(sam, { id: row!.id, rowVersion: row!.rowVersion, activityDate: row!.activityDate, hours: 2, activityType: row!.activityType, description: row!.description, ksbs: row!.ksbs });
    const e = await refused(acceptOtjEntries(patel, { entries, comment: '' }));
    expect(e).toBeInstanceOf(Conflict);
    expect((e as Conflict).userMessage).toMatch(/^None of the 3 entries was accepted: the entry of .* \(2 hours\) changed after you opened the page/);
    expect((await statusOf(ids)).map((r) => r.status)).toEqual(['logged', 'logged', 'logged']);
    expect(await auditActions(ids, 'otj.accept')).toEqual([]);
  });

  it('lets one of two trainers accepting overlapping entries at the same moment win, wholly, and the other accept nothing', async () => {
    const entries = await logEntries(sam, 3);
    const [a, b, c] = entries;
    const results = await Promise.allSettled([acceptOtjEntries(patel, { entries: [a!, b!], comment: 'First.' }), acceptOtjEntries(patel, { entries: [b!, c!], comment: 'Second.' })]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r) => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect((lost[0] as PromiseRejectedResult).reason).toBeInstanceOf(Conflict);
    const statuses = await statusOf(entries.map((e) => e.id));
    const firstWon = results[0].status === 'fulfilled';
    expect(statuses.map((s) => s.status)).toEqual(firstWon ? ['accepted', 'accepted', 'logged'] : ['logged', 'accepted', 'accepted']);
    expect((await auditActions([a!.id, b!.id, c!.id], 'otj.accept')).length).toBe(2);
  });

  it('is a 404 for every entry, accepting none, when one belongs to an apprentice not assigned to the trainer', async () => {
    const mine = await logEntries(sam, 1);
    const theirs = await logEntries(grace, 1);
    const ids = [mine[0]!.id, theirs[0]!.id];
    const e = await refused(acceptOtjEntries(patel, { entries: [...mine, ...theirs], comment: '' }));
    expect(e).toBeInstanceOf(NotFound);
    expect((await statusOf(ids)).map((r) => r.status)).toEqual(['logged', 'logged']);
    const denied = await t.db.select({ entityId: auditLog.entityId }).from(auditLog).where(and(eq(auditLog.action, 'access.denied'), eq(auditLog.actorId, patel.userId), eq(auditLog.entityId, theirs[0]!.id)));
    expect(denied).toHaveLength(1);
    // Their own trainer may.
    expect((await acceptOtjEntries(okafor, { entries: theirs, comment: '' })).accepted).toBe(1);
  });

  it('refuses a comment with an NHS number beside the comment, accepting nothing', async () => {
    const entries = await logEntries(sam, 2);
    const e = await refused(acceptOtjEntries(patel, { entries, comment: 'Includes the audit of 943 476 5919.' }));
    expect(e).toBeInstanceOf(FieldError);
    expect((e as FieldError).field).toBe('comment');
    expect((await statusOf(entries.map((x) => x.id))).map((r) => r.status)).toEqual(['logged', 'logged']);
  });

  it('refuses an entry already accepted, with the name of who accepted it', async () => {
    const [first] = await logEntries(sam, 1);
    const accepted = await acceptOtjEntries(patel, { entries: [first!], comment: '' });
    const e = await refused(acceptOtjEntries(patel, { entries: [{ id: first!.id, rowVersion: accepted.entries[0]!.rowVersion }], comment: '' }));
    expect((e as Conflict).userMessage).toMatch(/^Nothing was accepted: the entry of .* was accepted by Priya Patel/);
  });

  it('is refused to the apprentice and the employer contact (404)', async () => {
    const entries = await logEntries(sam, 1);
    for (const who of [sam, await t.viewer('coding.manager@ashwell.example')]) expect(await refused(acceptOtjEntries(who, { entries, comment: '' }))).toBeInstanceOf(NotFound);
    expect((await statusOf([entries[0]!.id]))[0]!.status).toBe('logged');
  });
});

describe('save and next in the marking queue', () => {
  const decideAll = async (id: string) => {
    const [version] = await getEvidenceHistory(patel, id);
    const [row] = await t.db.query.evidence.findMany({ where: (e, { eq: is }) => is(e.id, id), columns: { rowVersion: true } });
    return markEvidence(patel, { id, rowVersion: row!.rowVersion, outcome: 'accepted', decisions: Object.fromEntries(version!.ksbs.map((k) => [k, 'met'])), feedback: '' });
  };
  const wholeQueue = async () => {
    const rows: { id: string }[] = [];
    for (let page = 1; ; page++) {
      const q = await listMarkingQueue(patel, { page: String(page) });
      rows.push(...q.rows);
      if (page * q.pageSize >= q.total) return rows;
    }
  };

  it('opens the piece after the one decided, in the queue’s order, and wraps to the oldest skipped one', async () => {
    const queue = await wholeQueue();
    expect(queue.length).toBeGreaterThanOrEqual(2);
    // Decide the second piece: the next is the third (or, with two, wraps to the first).
    await decideAll(queue[1]!.id);
    expect((await getNextToMark(patel, queue[1]!.id))?.id).toBe((queue[2] ?? queue[0])!.id);
  });

  it('walks the whole queue piece by piece and then says it is empty (null)', async () => {
    const account = 'I coded twenty inpatient episodes and checked each against the four-step process.';
    const e = await createEvidence(sam, { title: 'Throughput: last piece', type: 'work_product', activityDate: '2026-10-01', account, ksbs: ['S3'] });
    await submitEvidence(sam, { id: e.id, rowVersion: e.rowVersion });
    let current: string | undefined = (await wholeQueue())[0]?.id;
    let seen = 0;
    while (current) {
      await decideAll(current);
      seen++;
      const next: { id: string } | null = await getNextToMark(patel, current);
      expect(next?.id).not.toBe(current);
      current = next?.id;
      expect(seen).toBeLessThan(500);
    }
    expect(seen).toBeGreaterThanOrEqual(1);
    expect((await listMarkingQueue(patel)).total).toBe(0);
  });

  it('is a 404 for a piece of an apprentice not assigned to the trainer, and for a made-up id', async () => {
    const account = 'I coded twenty inpatient episodes and checked each against the four-step process.';
    const e = await createEvidence(grace, { title: 'Not Patel’s', type: 'work_product', activityDate: '2026-10-01', account, ksbs: ['S3'] });
    expect(await refused(getNextToMark(patel, e.id))).toBeInstanceOf(NotFound);
    expect(await refused(getNextToMark(patel, '00000000-0000-4000-8000-000000000000'))).toBeInstanceOf(NotFound);
    expect(await refused(getNextToMark(patel, 'not-an-id'))).toBeInstanceOf(NotFound);
  });
});

describe('the apprenticeship page’s coding attempts, a page at a time', () => {
  it('pages an apprentice’s attempts newest first, keeping a page past the end on the last page', async () => {
    const all = await t.db.select({ id: codingAttempts.id }).from(codingAttempts).where(eq(codingAttempts.apprenticeId, sam.userId));
    const first = await listAttemptPage(patel, { apprenticeId: sam.userId });
    expect(first.total).toBeGreaterThanOrEqual(1);
    expect(first.total).toBeLessThanOrEqual(all.length);
    const pages = Math.ceil(first.total / first.pageSize);
    const seen: string[] = [];
    for (let p = 1; p <= pages; p++) {
      const page = await listAttemptPage(patel, { apprenticeId: sam.userId, page: p });
      expect(page.page).toBe(p);
      seen.push(...page.rows.map((r) => r.id));
      for (let i = 1; i < page.rows.length; i++) expect(page.rows[i - 1]!.createdAt.getTime()).toBeGreaterThanOrEqual(page.rows[i]!.createdAt.getTime());
    }
    expect(new Set(seen).size).toBe(first.total);
    expect((await listAttemptPage(patel, { apprenticeId: sam.userId, page: pages + 5 })).page).toBe(pages);
  });

  it('shows a trainer nothing of an apprentice they are not assigned to', async () => {
    const page = await listAttemptPage(patel, { apprenticeId: grace.userId });
    expect(page).toMatchObject({ rows: [], total: 0, page: 1 });
    expect(await refused(listAttemptPage(await t.viewer('coding.manager@ashwell.example'), { apprenticeId: sam.userId }))).toBeInstanceOf(NotFound);
    expect((await getOwnApprenticeship(sam))?.id).toBeTruthy();
  });
});
