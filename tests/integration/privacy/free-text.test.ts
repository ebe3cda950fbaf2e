import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { eq } from 'drizzle-orm';
import {
  addEvidenceFile,
  browseCodes,
  createEvidence,
  createOtjEntry,
  createUser,
  listApprenticeships,
  listAuditLog,
  listCases,
  listCohortProgress,
  listEvidence,
  listUsers,
  markWrittenAnswer,
  saveAssessmentAnswer,
  searchCodes,
  startAssessment,
  submitAssessment,
  uploadBlueprint,
} from '@/lib/dal';
import { AnswerRefused } from '@/lib/dal/assessments';
import { assessmentAnswers, assessmentAttempts, assessmentBlueprints, assessmentMarks, evidence, evidenceFiles, otjEntries, users, writtenItems } from '@/db/schema';
import { runFormAction } from '@/lib/forms/run-action';
import { EvidenceInput } from '@/lib/evidence/schemas';
import { OtjInput } from '@/lib/otj/schemas';
import { UserInput } from '@/lib/admin/schemas';
import { WrittenMarkInput } from '@/lib/assessments/schemas';
import { FieldError } from '@/lib/errors';
import { FileRefused } from '@/lib/files/file-types';
import { setFileStorageForTests } from '@/lib/files/storage';
import type { Blueprint } from '@/lib/content/assessment';
import type { Viewer } from '@/lib/dal/viewer';
import { countRows, createTestDb, type TestDb } from '../helpers/test-db';
import { createTestStorage, type TestStorage } from '../helpers/test-storage';
import { makePng } from '../../fixtures/files';
import { spelledFailingNumber, spelledNhsNumber } from '../../unit/privacy/spellings';

// Issue 14, points 2 and 5, on the real database: valid NHS numbers in generated spellings, NULs and lone
// surrogates, written through the server actions' path (runFormAction + the data access layer) are
// refused as field errors and write nothing; a search holding them finds nothing instead of a 500.

let t: TestDb;
let files: TestStorage;
let sam: Viewer;
let patel: Viewer;
let admin: Viewer;

const account = 'I coded twenty inpatient episodes this week and checked each one against the four-step coding process.';
const draft = (extra: Partial<Parameters<typeof createEvidence>[1]> = {}) => ({ title: 'Twenty episodes coded', type: 'work_product' as const, activityDate: '2026-10-01', account, ksbs: ['S3'], ...extra });
const otj = (description: string) => ({ activityDate: '2026-10-01', hours: '1.5', activityType: 'teaching' as const, description, ksbs: ['K4'] });
const NHS = /looks like an NHS number; remove it — content must be synthetic/;
const RUNS = 12;

const blueprint: Blueprint = {
  id: 'privacy-mock',
  title: 'Privacy mock paper',
  kind: 'other',
  description: 'A short paper the privacy tests sit, over the seeded cases and questions.',
  practice: true,
  ksbs: ['K4'],
  boundaries: { pass: 50, distinction: 80 },
  sections: [
    { id: 'theory', title: 'Theory', kind: 'theory', instructions: 'Answer every question.', draw: 3, pool: { ids: ['icd10-conventions-001', 'icd10-conventions-002', 'icd10-conventions-003'] }, minutes: 20, weight: 1, boundaries: { pass: 50, distinction: 80 } },
    { id: 'written', title: 'Written', kind: 'written', instructions: 'Answer in your own words.', draw: 1, pool: { ids: ['privacy-written-1'] }, minutes: 10, weight: 1, boundaries: { pass: 50, distinction: 80 } },
  ],
};

beforeAll(async () => {
  files = await createTestStorage();
  setFileStorageForTests(files.storage);
  t = await createTestDb();
  [sam, patel, admin] = (await Promise.all(['sam.whitfield@ashwell.example', 'trainer.patel@coderpathway.example', 'admin@coderpathway.example'].map((e) => t.viewer(e)))) as [Viewer, Viewer, Viewer];
  await t.db
    .insert(writtenItems)
    .values({ id: 'privacy-written-1', topic: 'Tests', prompt: 'Explain why a coder queries an unclear diagnosis with the clinician.', ksbs: ['K4'], rubric: [{ criterion: 'Names the clinician as the source of truth', marks: 3 }, { criterion: 'Explains the effect on data quality', marks: 2 }], guidance: 'Source document, never assume.', marks: 5 })
    .onConflictDoNothing();
  await uploadBlueprint(admin, { definition: JSON.stringify(blueprint) });
});
afterAll(async () => {
  setFileStorageForTests(undefined);
  await files?.close();
  await t?.close();
});

const seq = (() => {
  let n = Date.now();
  return () => ++n;
})();

describe('free text written to the database', () => {
  it('refuses a valid NHS number in any spelling in evidence, the off-the-job log and a new user, and saves nothing (property)', async () => {
    const before = { evidence: await countRows(t.db, evidence), otj: await countRows(t.db, otjEntries), users: await countRows(t.db, users) };
    await fc.assert(
      fc.asyncProperty(spelledNhsNumber, async ({ text }) => {
        const title = await runFormAction(EvidenceInput, draft({ title: text.slice(0, 200) }), (d) => createEvidence(sam, d));
        expect(title).toMatchObject({ ok: false, fieldErrors: { title: [expect.stringMatching(NHS)] } });
        const acct = await runFormAction(EvidenceInput, draft({ account: `${account} ${text}` }), (d) => createEvidence(sam, d));
        expect(acct).toMatchObject({ ok: false, fieldErrors: { account: [expect.stringMatching(NHS)] } });
        // The data access layer refuses too when called without the action in front of it.
        await expect(createEvidence(sam, draft({ account: `${account} ${text}` }))).rejects.toThrow();
        const log = await runFormAction(OtjInput, otj(`Shadowed a coder; ${text}`), (d) => createOtjEntry(sam, d));
        expect(log).toMatchObject({ ok: false, fieldErrors: { description: [expect.stringMatching(NHS)] } });
        const user = await runFormAction(UserInput, { name: `Pat ${text}`, email: `pat.${seq()}@example.nhs.uk`, role: 'trainer', organisationId: '', temporaryPassword: 'a long enough password' }, (d) => createUser(admin, d));
        expect(user).toMatchObject({ ok: false, fieldErrors: { name: [expect.stringMatching(NHS)] } });
      }),
      { numRuns: RUNS },
    );
    expect({ evidence: await countRows(t.db, evidence), otj: await countRows(t.db, otjEntries), users: await countRows(t.db, users) }).toEqual(before);
  }, 120_000);

  it('accepts the same digits failing Modulus 11 (property)', async () => {
    await fc.assert(
      fc.asyncProperty(spelledFailingNumber, async ({ text }) => {
        const saved = await runFormAction(EvidenceInput, draft({ account: `${account} Reference ${text}` }), (d) => createEvidence(sam, d));
        expect(saved.ok, JSON.stringify(text)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  }, 120_000);

  it.each([
    ['a NUL', 'A\u0000B', /control character \(U\+0000, NUL\)/],
    ['a lone surrogate', 'A\ud800B', /unpaired UTF-16 surrogate/],
  ])('refuses %s as a field error, never a database error, and saves nothing', async (_what, bad, message) => {
    const before = await countRows(t.db, evidence);
    const result = await runFormAction(EvidenceInput, draft({ title: `Coded ${bad}` }), (d) => createEvidence(sam, d));
    expect(result).toMatchObject({ ok: false, fieldErrors: { title: [expect.stringMatching(message)] } });
    expect(await countRows(t.db, evidence)).toBe(before);
  });
});

describe('fields issue 14 found with no check at all', () => {
  it('refuses an NHS number in a theory code answer and in feedback on a written answer', async () => {
    const { id } = await startAssessment(sam, { blueprintKey: 'privacy-mock' });
    const [attempt] = await t.db.select().from(assessmentAttempts).where(eq(assessmentAttempts.id, id));
    const theory = attempt!.items.findIndex((i) => i.kind === 'theory');
    const written = attempt!.items.findIndex((i) => i.kind === 'written');
    await fc.assert(
      fc.asyncProperty(spelledNhsNumber, async ({ text }) => {
        const answer = saveAssessmentAnswer(sam, id, { kind: 'theory', item: theory, seq: seq(), flagged: false, answer: text });
        await expect(answer).rejects.toBeInstanceOf(AnswerRefused);
        // Too long for a code (20 characters, as zod counts them: code points): refused for that; otherwise for the number.
        await expect(answer).rejects.toThrow([...text.trim()].length > 20 ? /under 20 characters/ : NHS);
      }),
      { numRuns: RUNS },
    );
    await expect(saveAssessmentAnswer(sam, id, { kind: 'theory', item: theory, seq: seq(), flagged: false, answer: '９４３４７６５９１９' })).rejects.toThrow(NHS);
    await expect(saveAssessmentAnswer(sam, id, { kind: 'theory', item: theory, seq: seq(), flagged: false, answer: 'I10\u0000' })).rejects.toThrow(/NUL/);
    expect(await t.db.select().from(assessmentAnswers).where(eq(assessmentAnswers.attemptId, id))).toEqual([]);

    await saveAssessmentAnswer(sam, id, { kind: 'written', item: written, seq: seq(), flagged: false, answer: { text: 'I would ask the consultant, because the record must reflect what they documented.' } });
    await submitAssessment(sam, id);
    await fc.assert(
      fc.asyncProperty(spelledNhsNumber, async ({ text }) => {
        const marked = await runFormAction(WrittenMarkInput, { attemptId: id, item: written, criteria: [3, 1], feedback: `Good; but ${text}` }, (d) => markWrittenAnswer(patel, d));
        expect(marked).toMatchObject({ ok: false, fieldErrors: { feedback: [expect.stringMatching(NHS)] } });
      }),
      { numRuns: RUNS },
    );
    const reason = await runFormAction(WrittenMarkInput, { attemptId: id, item: written, criteria: [3, 1], feedback: 'Right source.', reason: 'Seen 943 476 5919' }, (d) => markWrittenAnswer(patel, d));
    expect(reason).toMatchObject({ ok: false, fieldErrors: { reason: [expect.stringMatching(NHS)] } });
    const writtenMarks = async () => (await t.db.select().from(assessmentMarks).where(eq(assessmentMarks.attemptId, id))).filter((m) => m.item === written);
    expect(await writtenMarks()).toEqual([]); // the questions were marked on submission; the written answer waits for the trainer
    // And a clean mark still goes in.
    expect(await runFormAction(WrittenMarkInput, { attemptId: id, item: written, criteria: [3, 1], feedback: 'Right source; say more.' }, (d) => markWrittenAnswer(patel, d))).toMatchObject({ ok: true });
    expect(await writtenMarks()).toHaveLength(1);
  }, 120_000);

  it('refuses a file name holding an NHS number, and stores nothing', async () => {
    const { id: evidenceId } = await createEvidence(sam, draft());
    const png = makePng();
    await fc.assert(
      fc.asyncProperty(spelledNhsNumber, async ({ text }) => {
        const upload = addEvidenceFile(sam, { evidenceId, fileName: `${text.replace(/[/\\\uff0f]/g, '.')}.png`, bytes: png });
        await expect(upload).rejects.toBeInstanceOf(FileRefused);
        await expect(upload).rejects.toThrow(NHS);
      }),
      { numRuns: RUNS },
    );
    expect(await t.db.select().from(evidenceFiles).where(eq(evidenceFiles.evidenceId, evidenceId))).toEqual([]);
    await expect(addEvidenceFile(sam, { evidenceId, fileName: 'scan 9434765918.png', bytes: png })).resolves.toMatchObject({ fileName: 'scan 9434765918.png' });
  }, 120_000);

  it('refuses a blueprint whose JSON escapes hide a NUL, a lone surrogate or an NHS number', async () => {
    for (const [escaped, message] of [
      ['Paper \\u0000', /NUL/],
      ['Paper \\ud800', /surrogate/],
      ['Paper \\u0039434765919', NHS],
    ] as const) {
      const definition = JSON.stringify({ ...blueprint, id: 'privacy-escape' }).replace('Privacy mock paper', escaped);
      const refused = uploadBlueprint(admin, { definition });
      await expect(refused).rejects.toBeInstanceOf(FieldError);
      await expect(refused).rejects.toMatchObject({ field: 'definition', userMessage: expect.stringMatching(message) });
    }
    expect(await t.db.select().from(assessmentBlueprints).where(eq(assessmentBlueprints.key, 'privacy-escape'))).toEqual([]);
  });
});

describe('a search holding a NUL or a lone surrogate', () => {
  it.each([
    ['a NUL', 'A\u0000B'],
    ['a lone surrogate', 'Sam\ud800'],
  ])('with %s finds nothing, and never fails', async (_what, q) => {
    expect((await listUsers(admin, { q: 'Sam' })).length).toBeGreaterThan(0); // the search works
    expect(await listUsers(admin, { q })).toEqual([]);
    await expect(searchCodes(sam, { q })).resolves.toBeDefined(); // in memory, words split at any non-letter: "A B"
    expect((await listApprenticeships(admin, { q })).rows).toEqual([]);
    expect(await listEvidence(sam, { type: q })).toEqual([]);
    expect(await listCases(sam, { specialty: q })).toEqual([]);
    expect(await browseCodes(sam, { scheme: 'icd10', category: q })).toEqual([]);
    expect((await listAuditLog(admin, { actor: q })).rows).toEqual([]);
    expect((await listCohortProgress(patel, { q })).rows).toEqual([]);
  });
});
