import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { browseCodes, getAttempt, getCaseForCoding, listAttempts, listCases, searchCodes, submitAttempt } from '@/lib/dal';
import { cases, classificationCodes, classificationEditions, codingAttempts } from '@/db/schema';
import type { Viewer } from '@/lib/dal/viewer';
import { createTestDb, type TestDb } from '../helpers/test-db';
import { failureText } from '../helpers/errors';

let t: TestDb;
let sam: Viewer;
const CASE = 'coding-test-appendicitis';

beforeAll(async () => {
  t = await createTestDb();
  sam = await t.viewer('sam.whitfield@ashwell.example');
  await t.db.insert(cases).values({
    id: CASE,
    title: 'Appendicitis with hypertension',
    specialty: 'general_surgery',
    difficulty: 'foundation',
    ksbs: ['K4', 'S3'],
    conventions: ['approach'],
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

describe('coding practice', () => {
  it('loads the shipped UK editions, active, into an indexed table', async () => {
    const editions = await t.db.select({ name: classificationEditions.name, active: classificationEditions.active, codeCount: classificationEditions.codeCount }).from(classificationEditions).where(eq(classificationEditions.origin, 'shipped')).orderBy(classificationEditions.scheme);
    expect(editions).toEqual([
      { name: 'ICD-10 5th Edition', active: true, codeCount: 17934 },
      { name: 'OPCS-4.11', active: true, codeCount: 12122 },
    ]);
    const [row] = await t.db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(classificationCodes);
    expect(row!.n).toBe(17934 + 12122);
    const k35 = await browseCodes(sam, { scheme: 'icd10', category: 'K35' });
    expect(k35.map((c) => c.code)).toEqual(['K35.2', 'K35.3', 'K35.8']);
    const s32 = await browseCodes(sam, { scheme: 'icd10', category: 'S32' });
    expect(s32.find((c) => c.code === 'S32.50')).toMatchObject({ modifier: 'closed', hasChildren: false });
    expect(s32.find((c) => c.code === 'S32.5')).toMatchObject({ hasChildren: true });
    const [h36] = await t.db.select().from(classificationCodes).where(eq(classificationCodes.code, 'H36.0'));
    expect(h36?.usage).toBe('asterisk');
  });

  it('finds codes by words and by code', async () => {
    expect((await searchCodes(sam, { q: 'appendicitis', scheme: 'icd10' }))[0]?.code).toMatch(/^K3[5-7]/);
    expect((await searchCodes(sam, { q: 'k358', scheme: 'icd10' }))[0]?.code).toBe('K35.8');
  });

  it('ranks common codes first and shows the UK form and the HES count', async () => {
    const hits = await searchCodes(sam, { q: 'hypertension', scheme: 'icd10' });
    expect(hits[0]).toMatchObject({ code: 'I10', display: 'I10X' });
    expect(hits[0]!.episodes).toBeGreaterThan(1_000_000);
    for (let i = 1; i < hits.length; i++) expect(hits[i - 1]!.episodes).toBeGreaterThanOrEqual(hits[i]!.episodes);
    // The code typed in full comes first even when a longer code under it is used more.
    expect((await searchCodes(sam, { q: 'S32.5', scheme: 'icd10' }))[0]?.code).toBe('S32.5');
    expect((await searchCodes(sam, { q: 's3250', scheme: 'icd10' }))[0]).toMatchObject({ code: 'S32.50', episodes: 45054 });
  });

  it('shows the case without its answer', async () => {
    const c = await getCaseForCoding(sam, CASE);
    expect(c.notes.admission).toContain('right iliac fossa');
    expect(JSON.stringify(c)).not.toContain('K35.8');
  });

  it('marks and saves an attempt, which cannot be changed afterwards', async () => {
    const { id, result } = await submitAttempt(sam, { caseId: CASE, diagnoses: ['I10', 'k358'], procedures: ['H011'] });
    expect(result.primaryDiagnosis).toEqual({ correct: 0, of: 1 });
    expect(result.secondaryProcedures).toEqual({ correct: 0, of: 1 });
    const saved = await getAttempt(sam, id);
    expect(saved.result.findings.map((f) => f.type).sort()).toEqual(['omitted_code', 'sequencing']);
    expect(saved.expected.diagnoses[0]?.rationale).toBe('Main condition treated.');
    expect(await failureText(t.db.execute(sql`update coding_attempts set pd_correct = 1 where id = ${id}`))).toMatch(/never changed/);
    expect(await failureText(t.db.execute(sql`delete from coding_attempts where id = ${id}`))).toMatch(/never changed/);
    const [row] = await t.db.select().from(codingAttempts).where(eq(codingAttempts.id, id));
    expect(row?.pdCorrect).toBe(0);
  });

  it('keeps the best result per case for the apprentice', async () => {
    await submitAttempt(sam, { caseId: CASE, diagnoses: ['K35.8', 'I10'], procedures: ['H01.1', 'Y75.2'] });
    const [c] = (await listCases(sam)).filter((x) => x.id === CASE);
    expect(c).toMatchObject({ attempts: 2, best: 1 });
    const trainer = await t.viewer('trainer.patel@coderpathway.example');
    // Sam also has the demo history (db/demo-progress.ts); this test's case has only the two attempts above.
    expect((await listAttempts(trainer, { apprenticeId: sam.userId, caseId: CASE })).length).toBe(2);
    expect((await listAttempts(trainer, { apprenticeId: sam.userId })).length).toBeGreaterThan(2);
    const other = await t.viewer('trainer.okafor@coderpathway.example');
    expect((await listAttempts(other, { apprenticeId: sam.userId })).length).toBe(0);
  });

  it('refuses an answer with no diagnosis', async () => {
    await expect(submitAttempt(sam, { caseId: CASE, diagnoses: [], procedures: [] })).rejects.toThrow();
  });
});

describe('theory practice', () => {
  it('draws questions only from the chosen KSBs, and scores answers by KSB', async () => {
    const { questions: questionsTable } = await import('@/db/schema');
    await t.db.insert(questionsTable).values([
      { id: 'practice-k5', topic: 'T', type: 'single', stem: 'Which is primary?', options: ['a', 'b', 'c'], answer: [1], explanation: 'Because b is the main condition.', ksbs: ['K5'] },
      { id: 'practice-k14', topic: 'T', type: 'code', classification: 'icd10', stem: 'Code for it?', answer: ['K35.8'], explanation: 'K35.8 is acute appendicitis NOS.', ksbs: ['K14'] },
    ]);
    const { listPracticeQuestions, answerQuestion, getQuestionScores } = await import('@/lib/dal');
    // A new apprentice with no answers yet (every demo apprentice has a theory history), so the scores are this test's alone.
    const { users } = await import('@/db/schema');
    await t.db.insert(users).values({ email: 'new.starter@ashwell.example', name: 'New Starter', role: 'apprentice', organisationId: sam.organisationId });
    const starter = await t.viewer('new.starter@ashwell.example');
    const set = await listPracticeQuestions(starter, { ksb: ['K14', 'S99x'] });
    expect(set.length).toBeGreaterThan(0);
    expect(set.every((q) => q.ksbs.includes('K14'))).toBe(true);
    expect(JSON.stringify(set)).not.toContain('K35.8'); // never the answer
    expect(await answerQuestion(starter, { questionId: 'practice-k14', answer: 'k358' })).toMatchObject({ correct: true });
    expect(await answerQuestion(starter, { questionId: 'practice-k5', answer: [0] })).toMatchObject({ correct: false, answer: [1] });
    const scores = await getQuestionScores(starter);
    expect(scores).toHaveLength(2);
    expect(scores.find((s) => s.ksb === 'K5')).toMatchObject({ answered: 1, correct: 0 });
    expect(scores[0]?.ksb).toBe('K5'); // weakest first
  });
});
