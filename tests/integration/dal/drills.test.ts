import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { answerQuestion, getDrillsDue, getWeakestConventions, submitAttempt } from '@/lib/dal';
import { apprenticeships, cases, drillCards, questions } from '@/db/schema';
import { NotFound } from '@/lib/errors';
import { ukToday } from '@/lib/forms/fields';
import type { Viewer } from '@/lib/dal/viewer';
import { createTestDb, type TestDb } from '../helpers/test-db';

let t: TestDb;
let sam: Viewer;
let patel: Viewer;
let okafor: Viewer;
let samApprenticeship: string;
const CASE = 'drills-test-appendicitis';
const QUESTION = 'drills-test-question';
const DAY = 86_400_000;

beforeAll(async () => {
  t = await createTestDb();
  sam = await t.viewer('sam.whitfield@ashwell.example');
  patel = await t.viewer('trainer.patel@coderpathway.example');
  okafor = await t.viewer('trainer.okafor@coderpathway.example');
  const [a] = await t.db.select({ id: apprenticeships.id }).from(apprenticeships).where(eq(apprenticeships.apprenticeId, sam.userId));
  samApprenticeship = a!.id;
  await t.db.insert(questions).values({
    id: QUESTION,
    topic: 'Drill test',
    type: 'single',
    stem: 'Which is the primary diagnosis?',
    options: ['A symptom', 'The main condition treated', 'The first condition written'],
    answer: [1],
    explanation: 'The main condition treated in the episode.',
    ksbs: ['K5', 'S4'],
  });
  await t.db.insert(cases).values({
    id: CASE,
    title: 'Drill test: appendicitis with hypertension',
    specialty: 'general_surgery',
    difficulty: 'foundation',
    ksbs: ['K4', 'S3'],
    conventions: ['sequencing'],
    notes: { admission: 'Admitted with right iliac fossa pain.', discharge: 'Home on day 2.' },
    expected: {
      diagnoses: [
        { code: 'K35.8', rationale: 'Main condition treated.' },
        { code: 'I10', rationale: 'Comorbidity.' },
      ],
      procedures: [
        { code: 'H01.1', rationale: 'Emergency appendicectomy.' },
        { code: 'Y75.2', rationale: 'Laparoscopic approach.' },
      ],
    },
  });
});
afterAll(() => t.close());

const card = async (kind: 'case' | 'question', id: string) =>
  (await t.db.select().from(drillCards).where(and(eq(drillCards.apprenticeId, sam.userId), eq(drillCards.itemKind, kind), eq(drillCards.itemId, id))))[0];

describe('weak-spot drills', () => {
  it('gives Sam, in the demo data, cases and a question due today', async () => {
    const d = await getDrillsDue(sam);
    expect(d.due.filter((x) => x.itemKind === 'case').length).toBe(2);
    expect(d.due.filter((x) => x.itemKind === 'question').length).toBe(1);
    for (const x of d.due) expect(x.lastMissed).not.toBeNull();
  });

  it('makes no card for a right answer to a question never missed', async () => {
    await answerQuestion(sam, { questionId: QUESTION, answer: [1] });
    expect(await card('question', QUESTION)).toBeUndefined();
  });

  it('brings a question answered wrong back tomorrow, under its first KSB, and a right answer later pushes it out', async () => {
    const before = Date.now();
    await answerQuestion(sam, { questionId: QUESTION, answer: [0] });
    const missed = (await card('question', QUESTION))!;
    expect(missed.reason).toBe('K5');
    expect(missed.due.getTime() - missed.lastReview!.getTime()).toBe(DAY);
    expect(missed.lastReview!.getTime()).toBeGreaterThanOrEqual(before - 1000);

    // Tomorrow it is due; not today.
    const today = await getDrillsDue(sam, missed.lastReview!);
    expect(today.due.some((d) => d.itemId === QUESTION)).toBe(false);
    expect(today.week[0]).toEqual({ date: ukToday(missed.due), count: 1 });
    const next = await getDrillsDue(sam, missed.due);
    const item = next.due.find((d) => d.itemId === QUESTION)!;
    expect(item).toMatchObject({ itemKind: 'question', title: 'Drill test', href: `/apprentice/questions/practice?id=${QUESTION}` });
    expect(item.reasonLabel).toMatch(/^K5: /);
    expect(item.lastMissed).not.toBeNull();

    // A day passes (the card is moved back a day, as the clock cannot be), then it is answered right.
    await t.db
      .update(drillCards)
      .set({ due: new Date(missed.due.getTime() - DAY), lastReview: new Date(missed.lastReview!.getTime() - DAY) })
      .where(and(eq(drillCards.apprenticeId, sam.userId), eq(drillCards.itemId, QUESTION)));
    await answerQuestion(sam, { questionId: QUESTION, answer: [1] });
    const right = (await card('question', QUESTION))!;
    expect(right.due.getTime() - right.lastReview!.getTime()).toBeGreaterThan(DAY);
    expect(right.reps).toBe(2);
    expect(right.rowVersion).toBe(2);
  });

  it('makes a coding attempt with a sequencing finding a card with reason sequencing', async () => {
    const { result } = await submitAttempt(sam, { caseId: CASE, diagnoses: ['I10', 'K35.8'], procedures: ['H01.1', 'Y75.2'] });
    expect(result.findings.some((f) => f.type === 'sequencing')).toBe(true);
    const c = (await card('case', CASE))!;
    expect(c.reason).toBe('sequencing');
    expect(c.due.getTime() - c.lastReview!.getTime()).toBe(DAY);
    const due = await getDrillsDue(sam, c.due);
    expect(due.due.find((d) => d.itemId === CASE)).toMatchObject({ itemKind: 'case', title: 'Drill test: appendicitis with hypertension', reasonLabel: 'Choosing and sequencing the primary diagnosis', href: `/apprentice/cases/${CASE}` });
  });

  it('shows the apprentice’s trainer their weakest conventions, and another trainer nothing', async () => {
    const w = await getWeakestConventions(patel, samApprenticeship, new Date(Date.now() + 2 * DAY));
    const seq = w.weakest.find((r) => r.reason === 'sequencing');
    expect(seq).toMatchObject({ label: 'Choosing and sequencing the primary diagnosis', dueNow: 1 });
    expect(seq!.cards).toBeGreaterThanOrEqual(1);
    await expect(getWeakestConventions(okafor, samApprenticeship)).rejects.toBeInstanceOf(NotFound);
    await expect(getDrillsDue(patel)).rejects.toBeInstanceOf(NotFound);
  });
});
