import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { getAttemptPaper, listBlueprints, listMyAssessments, saveAssessmentAnswer, startAssessment, uploadBlueprint } from '@/lib/dal';
import { assessmentAttempts } from '@/db/schema';
import { StartRequest } from '@/lib/assessments/schemas';
import { questionToOpen } from '@/lib/assessments/reopen';
import { runFormAction } from '@/lib/forms/run-action';
import { FieldError } from '@/lib/errors';
import type { Blueprint } from '@/lib/content/assessment';
import type { Viewer } from '@/lib/dal/viewer';
import { createTestDb, type TestDb } from '../helpers/test-db';

// Starting a timed paper needs the confirmation page's "yes"; what apprentices read of a blueprint
// carries no notes for trainers; and the paper reopens where an answer was last saved.
let t: TestDb;
let sam: Viewer;
let admin: Viewer;

const KEY = 'confirm-start-mock';
const blueprint = (over: Partial<Blueprint> = {}): Blueprint => ({
  id: KEY,
  title: 'Confirm-start mock paper',
  kind: 'other',
  description: 'A short paper for the tests of starting one: three theory questions.',
  trainerNotes: 'Its numbers are placeholders the tests chose; nothing to check here.',
  practice: true,
  ksbs: ['K4'],
  boundaries: { pass: 50, distinction: 80 },
  sections: [
    { id: 'theory', title: 'Theory', kind: 'theory', instructions: 'Answer every question.', draw: 3, pool: { ids: ['icd10-conventions-001', 'icd10-conventions-002', 'icd10-conventions-003'] }, minutes: 20, weight: 1, boundaries: { pass: 50, distinction: 80 } },
  ],
  ...over,
});

const inProgress = async () =>
  t.db
    .select({ id: assessmentAttempts.id })
    .from(assessmentAttempts)
    .where(and(eq(assessmentAttempts.apprenticeId, sam.userId), eq(assessmentAttempts.blueprintKey, KEY), eq(assessmentAttempts.status, 'in_progress')));

/** What the start action does with a form's fields: check them with StartRequest, then start. */
const start = (fields: Record<string, unknown>) => runFormAction(StartRequest, fields, (d) => startAssessment(sam, d));

beforeAll(async () => {
  t = await createTestDb();
  [sam, admin] = (await Promise.all(['sam.whitfield@ashwell.example', 'admin@coderpathway.example'].map((e) => t.viewer(e)))) as [Viewer, Viewer];
  await uploadBlueprint(admin, { definition: JSON.stringify(blueprint()) });
});
afterAll(async () => t?.close());

describe('starting a timed paper', () => {
  it('starts nothing without the confirmation, however the request is made', async () => {
    for (const fields of [{ blueprintKey: KEY }, { blueprintKey: KEY, confirm: '' }, { blueprintKey: KEY, confirm: 'no' }, { blueprintKey: KEY, confirm: true }, { blueprintKey: KEY, confirm: ['yes'] }]) {
      const result = await start(fields);
      expect(result, JSON.stringify(fields)).toEqual({ ok: false, fieldErrors: { confirm: ['Read how long the paper lasts, then press “Start the paper” to begin.'] } });
    }
    expect(await inProgress()).toEqual([]);
  });

  it('starts the paper once confirmed, and a second confirmation resumes the same attempt', async () => {
    const first = await start({ blueprintKey: KEY, confirm: 'yes' });
    expect(first).toMatchObject({ ok: true, data: { resumed: false } });
    const again = await start({ blueprintKey: KEY, confirm: 'yes' });
    expect(again).toMatchObject({ ok: true, data: { resumed: true } });
    const rows = await inProgress();
    expect(rows).toHaveLength(1);
    expect(first.ok && again.ok && first.data.id === again.data.id && rows[0]!.id === first.data.id).toBe(true);
  });

  it('reopens at the question whose answer was saved last', async () => {
    const [{ id }] = (await inProgress()) as [{ id: string }];
    const fresh = await getAttemptPaper(sam, id);
    if (fresh.status !== 'in_progress') throw new Error('not in progress');
    expect(questionToOpen(undefined, fresh.items.length, fresh.items)).toBe(0);
    let s = Date.now();
    await saveAssessmentAnswer(sam, id, { kind: 'theory', item: 2, seq: ++s, flagged: false, answer: [0] });
    await t.db.execute(sql`select pg_sleep(0.01)`);
    await saveAssessmentAnswer(sam, id, { kind: 'theory', item: 1, seq: ++s, flagged: true, answer: [] });
    const paper = await getAttemptPaper(sam, id);
    if (paper.status !== 'in_progress') throw new Error('not in progress');
    expect(questionToOpen(undefined, paper.items.length, paper.items)).toBe(1);
    expect(questionToOpen('3', paper.items.length, paper.items)).toBe(2);
  });
});

describe('what apprentices read of a blueprint', () => {
  it('is its description, never its notes for trainers; trainers and admins see both', async () => {
    const mine = await listMyAssessments(sam);
    const paper = mine.practice.find((b) => b.key === KEY)!;
    expect(paper.description).toBe(blueprint().description);
    expect('trainerNotes' in paper).toBe(false);
    const all = await listBlueprints(admin);
    expect(all.find((b) => b.key === KEY)).toMatchObject({ description: blueprint().description, trainerNotes: blueprint().trainerNotes });
  });

  it('an uploaded blueprint with an internal note in its description is refused', async () => {
    const upload = uploadBlueprint(admin, { definition: JSON.stringify(blueprint({ description: 'A short paper. The 80% distinction boundary is ours (DOMAIN.md §2).' })) });
    await expect(upload).rejects.toThrow(FieldError);
    await expect(upload).rejects.toMatchObject({ field: 'definition', userMessage: expect.stringContaining('description: learner-facing text contains an internal note ("DOMAIN.md", "is ours")') });
  });
});
