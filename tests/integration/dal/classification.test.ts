import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import {
  activateEdition,
  countAttemptsToRemark,
  createApprentice,
  editionReport,
  getActiveEditions,
  getAttempt,
  getMarkingRulesForAdmin,
  getProgressPicture,
  importEdition,
  listCohortProgress,
  listEditions,
  remarkAttempts,
  submitAttempt,
  updateMarkingRules,
  uploadBlueprint,
} from '@/lib/dal';
import { activateEditionFromCli, ImportRefused } from '@/lib/dal/classification';
import { auditLog, cases, classificationCodes, classificationEditions, codingAttempts, codingRemarks, organisations, settings, users, type Role } from '@/db/schema';
import { AppError, NotFound } from '@/lib/errors';
import { DEFAULT_MARKING_RULES } from '@/lib/coding/mark';
import { parentOf } from '@/lib/coding/classification';
import { describeProblem, parseRelease } from '@/lib/coding/import/parse-release';
import type { Viewer } from '@/lib/dal/viewer';
import type { Blueprint } from '@/lib/content/assessment';
import { createTestDb, rowsOf, type TestDb } from '../helpers/test-db';
import { failureText } from '../helpers/errors';

// One database for the file: the tests run in order and build on each other (imported editions, a
// switch of the active edition and back, then the re-marks).
let t: TestDb;
let admin: Viewer;
const ROLE_EMAIL: Record<Exclude<Role, 'admin'>, string> = {
  apprentice: 'sam.whitfield@ashwell.example',
  trainer: 'trainer.patel@coderpathway.example',
  employer: 'coding.manager@ashwell.example',
};

const FIXTURES = path.resolve('tests/fixtures/classifications');
const fixture = (name: string) => new Uint8Array(readFileSync(path.join(FIXTURES, name)));

const SHIPPED = { icd10: 'ICD-10 5th Edition', opcs4: 'OPCS-4.11' };
const LEGACY = { icd10: 'WHO ICD-10 2019 (list used before UK editions)', opcs4: 'OPCS-4, release unknown (list used before UK editions)' };

async function editionId(scheme: 'icd10' | 'opcs4', name: string) {
  const [e] = await t.db.select({ id: classificationEditions.id }).from(classificationEditions).where(and(eq(classificationEditions.scheme, scheme), eq(classificationEditions.name, name)));
  if (!e) throw new Error(`no ${scheme} edition called ${name}`);
  return e.id;
}
async function activeNames() {
  return (await t.db.select({ scheme: classificationEditions.scheme, name: classificationEditions.name }).from(classificationEditions).where(eq(classificationEditions.active, true)).orderBy(classificationEditions.scheme)).map((e) => `${e.scheme}: ${e.name}`);
}
const count = async (table: typeof classificationEditions | typeof classificationCodes | typeof codingRemarks | typeof codingAttempts) =>
  (await t.db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(table))[0]!.n;
/** Every stored coding attempt, as text: any change to any row changes it. */
async function attemptsFingerprint() {
  const [r] = await rowsOf<{ n: string; md5: string | null }>(t.db, sql`select count(*)::text as n, md5(string_agg(a::text, '|' order by a.id)) as md5 from coding_attempts a`);
  return r!;
}
/** Which editions exist, their codes and the marking rules, for "nothing was written". */
async function classificationState() {
  const [r] = await rowsOf<Record<string, string | null>>(
    t.db,
    sql`select
      (select md5(string_agg(e::text, '|' order by e.id)) from classification_editions e) as editions,
      (select count(*)::text from classification_codes) as codes,
      (select count(*)::text from coding_remarks) as remarks,
      (select md5(string_agg(s::text, '|' order by s.key)) from settings s) as settings`,
  );
  return r!;
}
const auditRows = (action: string, entityId?: string) =>
  t.db
    .select({ id: auditLog.id, actorId: auditLog.actorId, before: auditLog.before, after: auditLog.after })
    .from(auditLog)
    .where(entityId ? and(eq(auditLog.action, action), eq(auditLog.entityId, entityId)) : eq(auditLog.action, action))
    .orderBy(auditLog.id);

// A case of the test's own whose every code is in the small ICD-10 fixture (I10) and in OPCS-4.11 (H01.1).
const IN_FIXTURE_CASE = 'edition-test-hypertension';
// A case where an unnecessary secondary diagnosis (E11.9) is the only error: the rule about unnecessary
// codes changes its secondary figure from 1 of 2 to 1 of 1.
const RULE_CASE = 'edition-test-appendicitis';
const AFFECTED_BLUEPRINT = 'edition-test-affected';
const UNAFFECTED_BLUEPRINT = 'edition-test-unaffected';
const codingBlueprint = (key: string, caseIds: string[]): Blueprint => {
  const boundaries = { pass: 50, distinction: 80 };
  return {
    id: key,
    title: `Edition test ${key}`,
    kind: 'other',
    description: 'A paper naming its cases, for the edition report.',
    practice: true,
    ksbs: ['K4'],
    boundaries,
    sections: [{ id: 'coding', title: 'Coding', kind: 'coding', instructions: 'Code each case.', draw: caseIds.length, pool: { ids: caseIds }, minutes: 30, weight: 1, boundaries }],
  };
};

beforeAll(async () => {
  t = await createTestDb();
  admin = await t.viewer('admin@coderpathway.example');
  const base = { specialty: 'general_surgery', difficulty: 'foundation' as const, ksbs: ['K4'], conventions: [], patient: { sex: 'female' as const, age: 54 } };
  await t.db.insert(cases).values([
    {
      ...base,
      id: IN_FIXTURE_CASE,
      title: 'Hypertension, appendicectomy',
      notes: { admission: 'Admitted for an appendicectomy; known hypertension.' },
      expected: { diagnoses: [{ code: 'I10', rationale: 'Main condition.' }], procedures: [{ code: 'H01.1', rationale: 'Emergency appendicectomy.' }] },
    },
    {
      ...base,
      id: RULE_CASE,
      title: 'Appendicitis with hypertension',
      notes: { admission: 'Admitted with right iliac fossa pain; known hypertension.' },
      expected: {
        diagnoses: [
          { code: 'K35.8', rationale: 'Main condition treated.' },
          { code: 'I10', rationale: 'Comorbidity.' },
        ],
        procedures: [{ code: 'H01.1', rationale: 'Emergency appendicectomy.' }],
      },
    },
  ]);
}, 120_000);
afterAll(() => t.close());

describe('importing an edition from a release file', () => {
  it.each([
    ['icd10-codes-and-metadata.txt', 'icd10', 'icd10-txt', 41],
    ['icd10-codes-and-metadata.xml', 'icd10', 'icd10-xml', 41],
    ['opcs4-codes-and-titles.txt', 'opcs4', 'opcs4-txt', 31],
    ['opcs4-codes-and-titles.xml', 'opcs4', 'opcs4-xml', 31],
  ] as const)('imports %s as an inactive %s edition (%s) with %i codes and one audit entry', async (file, scheme, format, codes) => {
    const name = `Fixture ${file}`;
    const result = await importEdition(admin, { name, releaseDate: '2026-04-01', bytes: fixture(file) });
    expect(result).toEqual({ id: expect.any(String), scheme, format, codes, name });
    const [edition] = await t.db.select().from(classificationEditions).where(eq(classificationEditions.id, result.id));
    expect(edition).toMatchObject({ scheme, name, origin: 'import', active: false, codeCount: codes, releaseDate: '2026-04-01', createdBy: admin.userId });
    const [stored] = await t.db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(classificationCodes).where(eq(classificationCodes.editionId, result.id));
    expect(stored!.n).toBe(codes);
    const audit = await auditRows('classification.import', result.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: admin.userId, after: { scheme, name, format, codes } });
    // The shipped editions stay the active ones.
    expect(await activeNames()).toEqual([`icd10: ${SHIPPED.icd10}`, `opcs4: ${SHIPPED.opcs4}`]);
  });

  it('takes the scheme from the content, not the file name', async () => {
    const result = await importEdition(admin, { name: 'Misnamed fixture', bytes: fixture('opcs4-codes-and-titles-misnamed.txt') });
    expect(result).toMatchObject({ scheme: 'icd10', format: 'icd10-xml', codes: 2 });
  });

  it('stores the UK details of each code: usage, modifier, sex and age limits', async () => {
    const id = await editionId('icd10', 'Fixture icd10-codes-and-metadata.txt');
    const rows = await t.db.select().from(classificationCodes).where(eq(classificationCodes.editionId, id));
    const of = (code: string) => rows.find((r) => r.code === code);
    expect(of('O80.0')).toMatchObject({ sex: 'female', minAge: 15, maxAge: 45, hasChildren: false, category: 'O80' });
    expect(of('S32.5')).toMatchObject({ hasChildren: true });
    expect(of('S32.50')).toMatchObject({ modifier: 'closed', hasChildren: false });
    expect(of('G01')?.usage).toBe('asterisk');
    // Filed under the active edition's block and chapter.
    expect(of('K35.8')).toBeUndefined();
    expect(of('I10')).toMatchObject({ block: expect.stringMatching(/^I\d\d-I\d\d$/), chapter: expect.stringMatching(/\S/) });
  });

  it.each(['icd10-bad.txt', 'icd10-bad.xml', 'opcs4-bad.txt', 'opcs4-bad.xml'])('imports nothing from %s and lists its problems by line', async (file) => {
    const before = await classificationState();
    const imports = (await auditRows('classification.import')).length;
    const refusal = await importEdition(admin, { name: `Bad ${file}`, bytes: fixture(file) }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(refusal).toBeInstanceOf(ImportRefused);
    const problems = (refusal as ImportRefused).problems;
    const parsed = parseRelease(fixture(file));
    expect(parsed.ok).toBe(false);
    expect(problems.map(describeProblem)).toEqual(parsed.ok ? [] : parsed.problems.map(describeProblem));
    expect(problems.length).toBeGreaterThan(3);
    expect(problems.every((p) => p.line > 0)).toBe(true);
    expect(await classificationState()).toEqual(before);
    expect(await t.db.select().from(classificationEditions).where(eq(classificationEditions.name, `Bad ${file}`))).toEqual([]);
    expect((await auditRows('classification.import')).length).toBe(imports);
  });

  it('refuses a second edition of the same scheme with the same name', async () => {
    const before = await classificationState();
    const refusal = await importEdition(admin, { name: 'Fixture opcs4-codes-and-titles.txt', bytes: fixture('opcs4-codes-and-titles.xml') }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(refusal).toBeInstanceOf(ImportRefused);
    expect((refusal as ImportRefused).userMessage).toMatch(/OPCS-4 edition called "Fixture opcs4-codes-and-titles.txt" exists already/);
    expect(await classificationState()).toEqual(before);
  });

  it('lists every edition with its code count and which is active', async () => {
    const editions = await listEditions(admin);
    const byName = (name: string) => editions.find((e) => e.name === name);
    expect(byName(SHIPPED.icd10)).toMatchObject({ scheme: 'icd10', origin: 'shipped', active: true, codeCount: 17934 });
    expect(byName(SHIPPED.opcs4)).toMatchObject({ scheme: 'opcs4', origin: 'shipped', active: true, codeCount: 12122 });
    expect(byName(LEGACY.icd10)).toMatchObject({ origin: 'legacy', active: false, codeCount: 0 });
    expect(byName('Fixture opcs4-codes-and-titles.xml')).toMatchObject({ origin: 'import', active: false, codeCount: 31, createdBy: 'Alex Morgan', attemptsMarked: 0 });
    // The demo history was marked under the shipped editions.
    expect(byName(SHIPPED.icd10)!.attemptsMarked).toBe(await count(codingAttempts));
  });
});

describe('who may manage editions', () => {
  it.each(Object.entries(ROLE_EMAIL))('%s gets a 404 from every edition function, and nothing is written', async (role, email) => {
    const viewer = await t.viewer(email);
    const before = await classificationState();
    const denied = async () => (await t.db.select({ id: auditLog.id }).from(auditLog).where(and(eq(auditLog.action, 'access.denied'), eq(auditLog.actorId, viewer.userId)))).length;
    const deniedBefore = await denied();
    const shipped = await editionId('icd10', SHIPPED.icd10);
    const calls: [string, () => Promise<unknown>][] = [
      ['listEditions', () => listEditions(viewer)],
      ['importEdition', () => importEdition(viewer, { name: `By ${role}`, bytes: fixture('opcs4-codes-and-titles.txt') })],
      ['editionReport', () => editionReport(viewer, shipped)],
      ['activateEdition', () => activateEdition(viewer, shipped, 0)],
      ['countAttemptsToRemark', () => countAttemptsToRemark(viewer)],
      ['remarkAttempts', () => remarkAttempts(viewer)],
      ['getMarkingRulesForAdmin', () => getMarkingRulesForAdmin(viewer)],
      ['updateMarkingRules', () => updateMarkingRules(viewer, { ...DEFAULT_MARKING_RULES, unnecessaryLowersSecondary: false })],
    ];
    for (const [fn, call] of calls) await expect(call(), fn).rejects.toBeInstanceOf(NotFound);
    expect(await denied()).toBe(deniedBefore + calls.length);
    expect(await classificationState()).toEqual(before);
    // Reading which editions are active is everyone's.
    expect((await getActiveEditions(viewer)).map((e) => e.name)).toEqual([SHIPPED.icd10, SHIPPED.opcs4]);
  });
});

describe('the report before activating an edition', () => {
  it('lists the cases whose keys use codes missing from a small ICD-10 edition, and the blueprints naming them', async () => {
    const smallId = await editionId('icd10', 'Fixture icd10-codes-and-metadata.txt');
    const active = await t.db.select({ id: cases.id, expected: cases.expected }).from(cases).where(eq(cases.active, true));
    // What the fixture holds, read straight from the file: a code is complete when no other code sits under it.
    const parsed = parseRelease(fixture('icd10-codes-and-metadata.txt'));
    if (!parsed.ok) throw new Error('the fixture should parse');
    const parents = new Set(parsed.release.codes.map((c) => parentOf(c.code)));
    const complete = new Set(parsed.release.codes.map((c) => c.code).filter((code) => !parents.has(code)));
    const expectedAffected = active.filter((c) => c.expected.diagnoses.some((d) => [d.code, ...(d.alternatives ?? [])].some((code) => !complete.has(code)))).map((c) => c.id);
    expect(expectedAffected.length).toBeGreaterThan(active.length / 2);
    expect(expectedAffected).not.toContain(IN_FIXTURE_CASE);

    const affectedCase = expectedAffected.find((id) => id !== RULE_CASE)!;
    await uploadBlueprint(admin, { definition: JSON.stringify(codingBlueprint(AFFECTED_BLUEPRINT, [affectedCase, IN_FIXTURE_CASE])) });
    await uploadBlueprint(admin, { definition: JSON.stringify(codingBlueprint(UNAFFECTED_BLUEPRINT, [IN_FIXTURE_CASE])) });

    const report = await editionReport(admin, smallId);
    expect(report.edition).toMatchObject({ id: smallId, scheme: 'icd10', codeCount: 41, active: false, origin: 'import' });
    expect(report.replaces).toEqual({ id: await editionId('icd10', SHIPPED.icd10), name: SHIPPED.icd10 });
    expect(report.attemptsUnderReplaced).toBe(await count(codingAttempts));
    const caseEffects = report.effects.filter((e) => e.kind === 'case');
    expect(caseEffects.map((e) => e.id).sort()).toEqual([...expectedAffected].sort());
    const rule = caseEffects.find((e) => e.id === RULE_CASE);
    expect(rule?.problems).toEqual(['diagnosis 1: K35.8 is not in Fixture icd10-codes-and-metadata.txt']);
    const blueprints = report.effects.filter((e) => e.kind === 'blueprint');
    expect(blueprints.map((b) => b.id)).toContain(AFFECTED_BLUEPRINT);
    expect(blueprints.map((b) => b.id)).not.toContain(UNAFFECTED_BLUEPRINT);
    expect(blueprints.find((b) => b.id === AFFECTED_BLUEPRINT)?.problems).toEqual([`draws case ${affectedCase}, whose codes are affected`]);
  });

  it('lists nothing for the active shipped edition', async () => {
    const shipped = await editionId('icd10', SHIPPED.icd10);
    const report = await editionReport(admin, shipped);
    expect(report.edition).toMatchObject({ name: SHIPPED.icd10, active: true, origin: 'shipped' });
    expect(report.effects).toEqual([]);
    expect(report.replaces).toBeNull();
    expect(report.attemptsUnderReplaced).toBe(0);
  });

  it('answers 404 for an edition that does not exist', async () => {
    await expect(editionReport(admin, '00000000-0000-4000-8000-000000000000')).rejects.toBeInstanceOf(NotFound);
    await expect(editionReport(admin, 'not-a-uuid')).rejects.toBeInstanceOf(NotFound);
  });
});

describe('activating an edition', () => {
  const code = (e: unknown) => (e instanceof AppError ? e.code : String(e));

  it('refuses when what the edition affects is not what the administrator confirmed', async () => {
    const smallId = await editionId('icd10', 'Fixture icd10-codes-and-metadata.txt');
    const { effects } = await editionReport(admin, smallId);
    const before = await classificationState();
    expect(code(await activateEdition(admin, smallId, effects.length - 1).catch((e: unknown) => e))).toBe('report_changed');
    expect(code(await activateEdition(admin, smallId, 0).catch((e: unknown) => e))).toBe('report_changed');
    expect(await classificationState()).toEqual(before);
    expect(await auditRows('classification.activate')).toEqual([]);
  });

  it('refuses an edition that holds no codes: the lists used before editions', async () => {
    const before = await classificationState();
    for (const [scheme, name] of Object.entries(LEGACY) as ['icd10' | 'opcs4', string][])
      expect(code(await activateEdition(admin, await editionId(scheme, name), 0).catch((e: unknown) => e))).toBe('legacy_edition');
    expect(await classificationState()).toEqual(before);
  });

  it('switches the active edition, one per scheme, audit-logged, and leaves stored attempts as they are', async () => {
    const smallId = await editionId('icd10', 'Fixture icd10-codes-and-metadata.txt');
    const shippedId = await editionId('icd10', SHIPPED.icd10);
    const attempts = await attemptsFingerprint();
    const { effects } = await editionReport(admin, smallId);

    await activateEdition(admin, smallId, effects.length);
    expect(await activeNames()).toEqual(['icd10: Fixture icd10-codes-and-metadata.txt', `opcs4: ${SHIPPED.opcs4}`]);
    const perScheme = await rowsOf<{ scheme: string; n: number }>(t.db, sql`select scheme::text, count(*)::int as n from classification_editions where active group by scheme order by scheme`);
    expect(perScheme).toEqual([
      { scheme: 'icd10', n: 1 },
      { scheme: 'opcs4', n: 1 },
    ]);
    expect((await getActiveEditions(admin)).map((e) => e.id)).toContain(smallId);
    const [audit, ...more] = await auditRows('classification.activate', smallId);
    expect(more).toEqual([]);
    expect(audit).toMatchObject({ actorId: admin.userId, before: { id: shippedId, name: SHIPPED.icd10 }, after: { name: 'Fixture icd10-codes-and-metadata.txt', affectedItems: effects.length } });

    // Back to the shipped edition: it affects nothing.
    expect((await editionReport(admin, shippedId)).effects).toEqual([]);
    await activateEdition(admin, shippedId, 0);
    expect(await activeNames()).toEqual([`icd10: ${SHIPPED.icd10}`, `opcs4: ${SHIPPED.opcs4}`]);
    expect(await auditRows('classification.activate', shippedId)).toHaveLength(1);
    expect(await attemptsFingerprint()).toEqual(attempts);
  });

  it('does nothing when the edition is already active', async () => {
    const before = await classificationState();
    const audits = (await auditRows('classification.activate')).length;
    const report = await activateEdition(admin, await editionId('opcs4', SHIPPED.opcs4), 0);
    expect(report.edition.active).toBe(true);
    expect(await classificationState()).toEqual(before);
    expect((await auditRows('classification.activate')).length).toBe(audits);
  });
});

describe('activating an edition from the command line', () => {
  it('switches the active edition the same way, audit-logged with no actor, and refuses the lists used before editions', async () => {
    const fixtureId = await editionId('opcs4', 'Fixture opcs4-codes-and-titles.xml');
    const shippedId = await editionId('opcs4', SHIPPED.opcs4);
    const attempts = await attemptsFingerprint();
    const report = await activateEditionFromCli(fixtureId);
    // The case keys use OPCS-4 codes the 31-code fixture lacks; the command line activates regardless and prints them.
    expect(report.effects.filter((e) => e.kind === 'case').length).toBeGreaterThan(10);
    expect(await activeNames()).toEqual([`icd10: ${SHIPPED.icd10}`, 'opcs4: Fixture opcs4-codes-and-titles.xml']);
    expect(await auditRows('classification.activate', fixtureId)).toEqual([
      expect.objectContaining({ actorId: null, before: { id: shippedId, name: SHIPPED.opcs4 }, after: expect.objectContaining({ affectedItems: report.effects.length }) }),
    ]);
    const legacy = await activateEditionFromCli(await editionId('opcs4', LEGACY.opcs4)).catch((e: unknown) => e);
    expect(legacy).toBeInstanceOf(AppError);
    expect((legacy as AppError).code).toBe('legacy_edition');

    await activateEdition(admin, shippedId, 0);
    expect(await activeNames()).toEqual([`icd10: ${SHIPPED.icd10}`, `opcs4: ${SHIPPED.opcs4}`]);
    expect(await attemptsFingerprint()).toEqual(attempts);
  });
});

describe('marking under editions and rules, and re-marking', () => {
  let learner: Viewer;
  let apprenticeshipId: string;
  let attemptId: string;
  let legacyAttemptId: string;

  beforeAll(async () => {
    const [employer] = await t.db.select({ id: organisations.id }).from(organisations).where(eq(organisations.kind, 'employer')).limit(1);
    const email = 'edition.learner@example.test';
    ({ apprenticeshipId } = await createApprentice(admin, {
      name: 'Edition Learner',
      email,
      temporaryPassword: 'a-temporary-password',
      employerId: employer!.id,
      cohortId: '',
      startDate: '2026-09-01',
      plannedEndDate: '2028-03-01',
      weeklyHours: 37.5,
      plannedOtjHours: 300,
      englishStatus: 'required',
      mathsStatus: 'required',
    }));
    // As if they had chosen their own password: until then the data access layer refuses them everything.
    await t.db.update(users).set({ mustChangePassword: false }).where(eq(users.email, email));
    learner = await t.viewer(email);
  });

  it('records the active editions and the rules in force on a submitted attempt', async () => {
    const { id, result } = await submitAttempt(learner, { caseId: RULE_CASE, diagnoses: ['K35.8', 'I10', 'E11.9'], procedures: ['H01.1'] });
    attemptId = id;
    expect(result.secondaryDiagnoses).toEqual({ correct: 1, of: 2 });
    expect(result.findings).toContainEqual(expect.objectContaining({ type: 'unnecessary_code', given: 'E11.9' }));
    const [row] = await t.db.select().from(codingAttempts).where(eq(codingAttempts.id, id));
    expect(row).toMatchObject({ icd10EditionId: await editionId('icd10', SHIPPED.icd10), opcs4EditionId: await editionId('opcs4', SHIPPED.opcs4), rules: DEFAULT_MARKING_RULES, sdCorrect: 1, sdOf: 2 });
    const attempt = await getAttempt(learner, id);
    expect(attempt.markedUnder).toEqual(SHIPPED);
    expect(attempt.marks).toHaveLength(1);
  });

  it('names the lists used before editions for an attempt the migration labelled', async () => {
    const [sam] = await t.db.select({ id: users.id }).from(users).where(eq(users.email, ROLE_EMAIL.apprentice));
    const [row] = await t.db
      .insert(codingAttempts)
      .values({
        apprenticeId: sam!.id,
        caseId: IN_FIXTURE_CASE,
        answer: { diagnoses: ['I10'], procedures: ['H01.1'] },
        expected: { diagnoses: ['I10'], procedures: ['H01.1'] },
        findings: [],
        pdCorrect: 1,
        pdOf: 1,
        ppCorrect: 1,
        ppOf: 1,
        icd10EditionId: await editionId('icd10', LEGACY.icd10),
        opcs4EditionId: await editionId('opcs4', LEGACY.opcs4),
      })
      .returning({ id: codingAttempts.id });
    legacyAttemptId = row!.id;
    const attempt = await getAttempt(admin, legacyAttemptId);
    expect(attempt.markedUnder).toEqual(LEGACY);
    expect(attempt.rules).toEqual(DEFAULT_MARKING_RULES);
  });

  it('re-marks only the attempts whose standing mark was made under other editions or rules', async () => {
    const attempts = await attemptsFingerprint();
    expect(await countAttemptsToRemark(admin)).toMatchObject({ attempts: 1, editions: SHIPPED, rules: DEFAULT_MARKING_RULES });
    const result = await remarkAttempts(admin);
    expect(result).toEqual({ remarked: 1, skipped: [] });
    const remarks = await t.db.select().from(codingRemarks);
    expect(remarks).toHaveLength(1);
    expect(remarks[0]).toMatchObject({ attemptId: legacyAttemptId, icd10EditionId: await editionId('icd10', SHIPPED.icd10), markedBy: admin.userId, pdCorrect: 1, pdOf: 1 });
    expect(await attemptsFingerprint()).toEqual(attempts);
    const audit = await auditRows('attempt.remark');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: admin.userId, after: { remarked: 1, editions: [SHIPPED.icd10, SHIPPED.opcs4] } });
    const marks = (await getAttempt(admin, legacyAttemptId)).marks;
    expect(marks.map((m) => m.markedUnder)).toEqual([LEGACY, SHIPPED]);
  });

  it('after a change of rules, appends one re-mark per attempt, never changes an attempt, and a second run appends nothing', async () => {
    const sdBefore = (await getProgressPicture(admin, apprenticeshipId)).figures.sd;
    expect(sdBefore).toMatchObject({ correct: 1, of: 2 });

    await updateMarkingRules(admin, { ...DEFAULT_MARKING_RULES, unnecessaryLowersSecondary: false });
    expect((await getMarkingRulesForAdmin(admin)).rules).toEqual({ ...DEFAULT_MARKING_RULES, unnecessaryLowersSecondary: false });
    const attempts = await attemptsFingerprint();
    const total = await count(codingAttempts);
    const remarksBefore = await count(codingRemarks);
    expect((await countAttemptsToRemark(admin)).attempts).toBe(total);

    const first = await remarkAttempts(admin);
    expect(first).toEqual({ remarked: total, skipped: [] });
    expect(await count(codingRemarks)).toBe(remarksBefore + total);
    const [perAttempt] = await rowsOf<{ attempts: number; rows: number }>(
      t.db,
      sql`select count(distinct attempt_id)::int as attempts, count(*)::int as rows from coding_remarks where rules->>'unnecessaryLowersSecondary' = 'false'`,
    );
    expect(perAttempt).toEqual({ attempts: total, rows: total });
    expect(await attemptsFingerprint()).toEqual(attempts);

    const second = await remarkAttempts(admin);
    expect(second).toEqual({ remarked: 0, skipped: [] });
    expect(await count(codingRemarks)).toBe(remarksBefore + total);
    expect((await countAttemptsToRemark(admin)).attempts).toBe(0);
    expect(await attemptsFingerprint()).toEqual(attempts);
  });

  it('shows the original mark first and the standing re-mark last', async () => {
    const attempt = await getAttempt(learner, attemptId);
    expect(attempt.marks).toHaveLength(2);
    const [original, remark] = attempt.marks as [(typeof attempt.marks)[number], (typeof attempt.marks)[number]];
    expect(original).toMatchObject({ markedUnder: SHIPPED, rules: DEFAULT_MARKING_RULES, markedBy: null });
    expect(original.result.secondaryDiagnoses).toEqual({ correct: 1, of: 2 });
    expect(remark).toMatchObject({ markedUnder: SHIPPED, rules: { ...DEFAULT_MARKING_RULES, unnecessaryLowersSecondary: false }, markedBy: 'Alex Morgan' });
    expect(remark.result.secondaryDiagnoses).toEqual({ correct: 1, of: 1 });
    // The unnecessary code is still reported; it no longer lowers the figure.
    expect(remark.result.findings).toContainEqual(expect.objectContaining({ type: 'unnecessary_code', given: 'E11.9' }));
    expect(attempt.result).toEqual(remark.result);
    expect(attempt.rules).toEqual(remark.rules);
    const legacy = await getAttempt(admin, legacyAttemptId);
    expect(legacy.marks.map((m) => m.markedUnder)).toEqual([LEGACY, SHIPPED, SHIPPED]);
    expect(legacy.markedUnder).toEqual(SHIPPED);
  });

  it('uses the standing result in the progress figures', async () => {
    const picture = await getProgressPicture(admin, apprenticeshipId);
    expect(picture.figures.sd).toMatchObject({ correct: 1, of: 1, percent: 100 });
    expect(picture.figures.pd).toMatchObject({ correct: 1, of: 1 });
    const { rows } = await listCohortProgress(admin);
    expect(rows.find((r) => r.id === apprenticeshipId)?.figures.sd).toMatchObject({ correct: 1, of: 1 });
    // The stored attempt still says 1 of 2.
    const [row] = await t.db.select({ sdCorrect: codingAttempts.sdCorrect, sdOf: codingAttempts.sdOf }).from(codingAttempts).where(eq(codingAttempts.id, attemptId));
    expect(row).toEqual({ sdCorrect: 1, sdOf: 2 });
  });

  it('refuses UPDATE and DELETE on a re-mark in the database', async () => {
    const [r] = await t.db.select().from(codingRemarks).where(eq(codingRemarks.attemptId, attemptId));
    expect(await failureText(t.db.execute(sql`update coding_remarks set sd_of = 7 where id = ${r!.id}`))).toMatch(/never changed.*UPDATE is not allowed/);
    expect(await failureText(t.db.execute(sql`delete from coding_remarks where id = ${r!.id}`))).toMatch(/never changed.*DELETE is not allowed/);
    const [after] = await t.db.select().from(codingRemarks).where(eq(codingRemarks.id, r!.id));
    expect(after).toEqual(r);
  });

  it('keeps the marking rules in the settings, changed by an administrator only', async () => {
    const [row] = await t.db.select().from(settings).where(eq(settings.key, 'marking_rules'));
    expect(row).toMatchObject({ value: { ...DEFAULT_MARKING_RULES, unnecessaryLowersSecondary: false }, updatedBy: admin.userId });
    expect(await auditRows('settings.marking_rules')).toEqual([expect.objectContaining({ before: DEFAULT_MARKING_RULES, after: { ...DEFAULT_MARKING_RULES, unnecessaryLowersSecondary: false } })]);
  });

  it('re-marks each attempt once when two re-marks run at the same moment', async () => {
    await updateMarkingRules(admin, { ...DEFAULT_MARKING_RULES, conventionErrors: 'scored' });
    const total = await count(codingAttempts);
    const before = await count(codingRemarks);
    const [a, b] = await Promise.all([remarkAttempts(admin), remarkAttempts(admin)]);
    expect(a.remarked + b.remarked).toBe(total);
    expect(Math.min(a.remarked, b.remarked)).toBe(0);
    expect(await count(codingRemarks)).toBe(before + total);
    const [perAttempt] = await rowsOf<{ attempts: number; rows: number }>(t.db, sql`select count(distinct attempt_id)::int as attempts, count(*)::int as rows from coding_remarks where rules->>'conventionErrors' = 'scored'`);
    expect(perAttempt).toEqual({ attempts: total, rows: total });
  });
});
