import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { answerQuestion, getAttempt, submitAttempt } from '@/lib/dal';
import { cases, codingAttempts, practiceTime, questionAnswers, questions } from '@/db/schema';
import type { Viewer } from '@/lib/dal/viewer';
import { createTestDb, type TestDb } from '../helpers/test-db';
import { failureText } from '../helpers/errors';

// The four-step process recorded with a coding attempt (issue 19 §3) and the practice time of coding and
// theory questions (issue 19 §5).
let t: TestDb;
let sam: Viewer;
let patel: Viewer;
let okafor: Viewer;
const CASE = 'four-step-test-appendicitis';
const QUESTION = 'four-step-test-question';

beforeAll(async () => {
  t = await createTestDb();
  sam = await t.viewer('sam.whitfield@ashwell.example');
  patel = await t.viewer('trainer.patel@coderpathway.example');
  okafor = await t.viewer('trainer.okafor@coderpathway.example');
  await t.db.insert(cases).values({
    id: CASE,
    title: 'Four-step test: appendicitis',
    specialty: 'general_surgery',
    difficulty: 'foundation',
    ksbs: ['S5', 'K4'],
    conventions: [],
    notes: { admission: 'Admitted with right iliac fossa pain.' },
    expected: { diagnoses: [{ code: 'K35.8', rationale: 'Main condition treated.' }], procedures: [{ code: 'H01.1', rationale: 'Emergency appendicectomy.' }] },
  });
  await t.db.insert(questions).values({ id: QUESTION, topic: 'Test', type: 'single', stem: 'Which?', options: ['A', 'B'], answer: [1], explanation: 'B.', ksbs: ['K5'] });
});
afterAll(() => t.close());

const STEP = { code: 'K35.8', leadTerm: 'Appendicitis', indexEntry: 'Appendicitis, acute K35.8', tabularCheck: 'K35: excludes checked; no perforation or peritonitis in the notes' };

describe('the four-step process and practice time', () => {
  it('stores the four-step record with the attempt and shows it to the trainer; writes the practice time', async () => {
    const { id } = await submitAttempt(sam, { caseId: CASE, diagnoses: ['K35.8'], procedures: ['H01.1'], fourStep: [STEP, { code: 'H01.1', leadTerm: '', indexEntry: '', tabularCheck: '' }], activeSeconds: 600 });
    const [row] = await t.db.select({ fourStep: codingAttempts.fourStep }).from(codingAttempts).where(eq(codingAttempts.id, id));
    expect(row!.fourStep).toEqual([STEP]); // the empty row is left out
    expect((await getAttempt(patel, id)).fourStep).toEqual([STEP]);
    await expect(getAttempt(okafor, id)).rejects.toThrow();
    const [time] = await t.db.select().from(practiceTime).where(and(eq(practiceTime.kind, 'coding'), eq(practiceTime.refId, id)));
    expect(time).toMatchObject({ apprenticeId: sam.userId, activeSeconds: 600, ksbs: ['S5', 'K4'], otjEntryId: null });
  });

  it('keeps no four-step record when none is written, and no practice time when none is reported', async () => {
    const { id } = await submitAttempt(sam, { caseId: CASE, diagnoses: ['K35.8'], procedures: ['H01.1'] });
    const [row] = await t.db.select({ fourStep: codingAttempts.fourStep }).from(codingAttempts).where(eq(codingAttempts.id, id));
    expect(row!.fourStep).toBeNull();
    expect(await t.db.select().from(practiceTime).where(eq(practiceTime.refId, id))).toEqual([]);
  });

  it('refuses a four-step row for a code not in the answer, and an NHS number in it', async () => {
    expect(await failureText(submitAttempt(sam, { caseId: CASE, diagnoses: ['K35.8'], procedures: [], fourStep: [{ ...STEP, code: 'I10' }] }))).toMatch(/I10 is not one of your codes/);
    expect(await failureText(submitAttempt(sam, { caseId: CASE, diagnoses: ['K35.8'], procedures: [], fourStep: [{ ...STEP, leadTerm: 'Patient 943 476 5919' }] }))).toMatch(/NHS number/i);
  });

  it('writes the practice time of a theory answer, capped per question', async () => {
    await answerQuestion(sam, { questionId: QUESTION, answer: [1], activeSeconds: 5000 });
    const [answer] = await t.db.select({ id: questionAnswers.id }).from(questionAnswers).where(and(eq(questionAnswers.apprenticeId, sam.userId), eq(questionAnswers.questionId, QUESTION)));
    const [time] = await t.db.select().from(practiceTime).where(and(eq(practiceTime.kind, 'question'), eq(practiceTime.refId, String(answer!.id))));
    expect(time).toMatchObject({ activeSeconds: 300, ksbs: ['K5'] });
  });
});
