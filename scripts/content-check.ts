// `npm run content:check`: validate every content file; print `file: problem` for each fault.
import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { Standard } from '@/lib/content/standard';
import { CaseFile } from '@/lib/content/case';
import { QuestionFile } from '@/lib/content/question';
import { QueryScenarioFile } from '@/lib/content/query-scenario';
import { precheckQuery } from '@/lib/query-practice/prechecks';
import { Blueprint, paperMinutes, WrittenItemFile } from '@/lib/content/assessment';
import { checkBlueprint, checkWrittenItems } from '@/lib/assessments/check';
import { poolItemFromCase, poolItemsFromQuestions, poolItemsFromWritten } from '@/lib/assessments/content-pools';
import { poolFor, type Pools } from '@/lib/assessments/pool';
import type { Classification, Scheme } from '@/lib/coding/classification';
import { loadClassification } from '@/lib/coding/load';
import { codeProblem as editionCodeProblem, codesInText } from '@/lib/coding/edition-check';
import { expectedForMarking } from '@/lib/coding/expected';
import { mark } from '@/lib/coding/mark';
import { findNhsNumbers } from '@/lib/privacy/nhs-number';
import { AuditEpisodeFile } from '@/lib/content/audit-episode';
import { writtenEpisode } from '@/lib/audit-practice/written';
import { plantEpisodes, plantedCounts } from '@/lib/audit-practice/plant';
import { keyProblems } from '@/lib/audit-practice/verify';
import { env, pgliteDir } from '@/lib/env';

const root = path.resolve('content');
const seedsDir = path.resolve('..', 'shared', 'seeds');

/**
 * The editions to check against: the ones active in the app's database (DATABASE_URL, or the embedded one in
 * DATA_DIR when it exists and the server is not holding it); otherwise the shipped ones in
 * content/classifications, which a new database activates.
 */
async function editionsInForce(): Promise<{ c: Classification; from: string }> {
  const shipped = (why: string) => ({ c: loadClassification(), from: `the shipped editions: ${why}` });
  if (!env.DATABASE_URL && !fs.existsSync(pgliteDir)) return shipped('no database yet');
  const { openDatabase } = await import('@/db/client');
  const { activeEditionRefs, classificationFromDb } = await import('@/db/classification-read');
  let handle: Awaited<ReturnType<typeof openDatabase>>;
  try {
    handle = await openDatabase();
  } catch {
    return shipped('the running server holds the embedded database');
  }
  try {
    const refs = await activeEditionRefs(handle.db);
    if (!refs.icd10 || !refs.opcs4) return shipped('the database has no active edition');
    return { c: await classificationFromDb(handle.db, { icd10: refs.icd10, opcs4: refs.opcs4 }), from: `the editions active in the ${handle.kind === 'postgres' ? 'PostgreSQL' : 'embedded'} database` };
  } catch {
    return shipped('the database is not migrated yet');
  } finally {
    await handle.close();
  }
}
const { c: classification, from: editionsFrom } = await editionsInForce();
const standardDoc = Standard.parse(JSON.parse(fs.readFileSync(path.join(root, 'standards', 'st0535.json'), 'utf8')));
const ksbCodes = new Set(standardDoc.ksbs.map((k) => k.code));

// Where the project's seed documents sit beside the checkout, every KSB must match them word for word.
function compareWithSeed(doc: z.infer<typeof Standard>): string[] {
  if (doc.reference !== 'ST0535' || !fs.existsSync(seedsDir)) return [];
  const seedFile = fs.readdirSync(seedsDir).find((f) => f.startsWith('000_'));
  if (!seedFile) return [];
  const seed = new Map<string, string>();
  for (const line of fs.readFileSync(path.join(seedsDir, seedFile), 'utf8').split(/\r?\n/)) {
    const m = /^([KSB]\d+): (.*)$/.exec(line);
    if (m) seed.set(m[1]!, m[2]!);
  }
  return doc.ksbs.filter((k) => seed.has(k.code) && seed.get(k.code) !== k.text).map((k) => `ksbs.${k.code}: text differs from the standard (seeds/${seedFile})`);
}

/** Every string in a JSON value, with its path. */
function* strings(value: unknown, at = ''): Generator<[string, string]> {
  if (typeof value === 'string') yield [at, value];
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* strings(v, `${at}[${i}]`);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) yield* strings(v, at ? `${at}.${k}` : k);
}

function noPatientIdentifiers(data: unknown): string[] {
  const out: string[] = [];
  for (const [at, text] of strings(data)) for (const m of findNhsNumbers(text)) out.push(`${at}: "${m.text}" looks like an NHS number (passes the Modulus 11 check); content must be synthetic`);
  return out;
}

const unknownKsbs = (ksbs: string[]) => ksbs.filter((k) => !ksbCodes.has(k)).map((k) => `ksbs: ${k} is not an item of ${standardDoc.reference}`);

function codeProblem(scheme: Scheme, code: string, at: string): string | null {
  const p = editionCodeProblem(classification, scheme, code);
  return p ? `${at}: ${p}` : null;
}

// The items blueprints draw from: every case, question and written item that passed its schema.
const pools: Pools = { coding: [], theory: [], written: [] };

const caseDocs = new Map<string, CaseFile>();
function checkCase(doc: CaseFile, file: string): string[] {
  pools.coding.push(poolItemFromCase(doc));
  caseDocs.set(doc.id, doc);
  const out = [...unknownKsbs(doc.ksbs), ...noPatientIdentifiers(doc)];
  if (doc.id !== path.basename(file, '.json')) out.push(`id: "${doc.id}" must match the file name`);
  const codes = (list: CaseFile['expected']['diagnoses'], scheme: Scheme, at: string) =>
    list.flatMap((e, i) => [codeProblem(scheme, e.code, `${at}[${i}]`), ...(e.alternatives ?? []).map((alt, j) => codeProblem(scheme, alt, `${at}[${i}].alternatives[${j}]`))]);
  const problems = [...codes(doc.expected.diagnoses, 'icd10', 'expected.diagnoses'), ...codes(doc.expected.procedures, 'opcs4', 'expected.procedures')].filter((p): p is string => p !== null);
  out.push(...problems);
  if (problems.length === 0) {
    // The expected coding must itself follow the conventions the marker checks, for this patient, and
    // score full marks with every accepted alternative in place of its code.
    const key = expectedForMarking(doc.expected);
    const plain = { diagnoses: doc.expected.diagnoses.map((d) => d.code), procedures: doc.expected.procedures.map((p) => p.code) };
    for (const f of mark(key.coding, plain, classification, { patient: doc.patient }).findings) out.push(`expected: ${f.type}: ${f.message}`);
    const swap = (list: CaseFile['expected']['diagnoses'], i: number, alt: string) => list.map((e, k) => (k === i ? alt : e.code));
    for (const [side, list] of [['diagnoses', doc.expected.diagnoses], ['procedures', doc.expected.procedures]] as const)
      list.forEach((e, i) =>
        (e.alternatives ?? []).forEach((alt) => {
          const answer = { ...plain, [side]: swap(list, i, alt) };
          const m = mark(key.coding, answer, classification, { patient: doc.patient });
          if (m.findings.length) out.push(`expected.${side}[${i}].alternatives: ${alt} in place of ${e.code} is not marked correct (${m.findings.map((f) => f.type).join(', ')})`);
        }),
      );
  }
  return out;
}

const questionIds = new Map<string, string>();
function checkQuestions(doc: z.infer<typeof QuestionFile>, file: string): string[] {
  pools.theory.push(...poolItemsFromQuestions(doc));
  const out = noPatientIdentifiers(doc);
  for (const [i, q] of doc.questions.entries()) {
    out.push(...unknownKsbs(q.ksbs).map((p) => `questions[${i}].${p}`));
    const seen = questionIds.get(q.id);
    if (seen) out.push(`questions[${i}].id: "${q.id}" is also used in ${seen}`);
    questionIds.set(q.id, file);
    if (q.type === 'code') for (const [j, code] of q.answer.entries()) { const p = codeProblem(q.classification, code, `questions[${i}].answer[${j}]`); if (p) out.push(p); }
  }
  return out;
}

const writtenIds = new Map<string, string>();
function checkWritten(doc: WrittenItemFile, file: string): string[] {
  pools.written.push(...poolItemsFromWritten(doc));
  const out = [...checkWrittenItems(doc, ksbCodes), ...noPatientIdentifiers(doc)];
  for (const [i, w] of doc.items.entries()) {
    // Every code the text uses is listed, and every listed code is complete in the editions.
    const listed = new Set([...(w.codes?.icd10 ?? []), ...(w.codes?.opcs4 ?? [])]);
    const text = [w.prompt, w.guidance, ...w.rubric.map((r) => r.criterion)].join(' ');
    for (const code of new Set(codesInText(text))) if (!listed.has(code) && !listed.has(code.replace(/X$/, ''))) out.push(`items[${i}].codes: the text uses ${code}; list it under codes.icd10 or codes.opcs4 so it is checked`);
    for (const scheme of ['icd10', 'opcs4'] as const)
      for (const [j, code] of (w.codes?.[scheme] ?? []).entries()) {
        const p = codeProblem(scheme, code, `items[${i}].codes.${scheme}[${j}]`);
        if (p) out.push(p);
      }
    const seen = writtenIds.get(w.id);
    if (seen && seen !== file) out.push(`items[${i}].id: "${w.id}" is also used in ${seen}`);
    writtenIds.set(w.id, file);
  }
  return out;
}

// Runs after cases, questions and written items (the order of `checks`), so the pools are complete.
function checkBlueprintFile(doc: Blueprint, file: string): string[] {
  const out = [...checkBlueprint(doc, pools, ksbCodes), ...noPatientIdentifiers(doc)];
  if (doc.id !== path.basename(file, '.json')) out.push(`id: "${doc.id}" must match the file name`);
  blueprintSummaries.push(`  ${doc.id}: ${paperMinutes(doc)} min, pass ${doc.boundaries.pass}%, distinction ${doc.boundaries.distinction}%, ${doc.ksbs.length} KSBs; ${doc.sections.map((s) => `${s.id} draws ${s.draw} of ${poolFor(s, pools).length}`).join(', ')}`);
  return out;
}
const blueprintSummaries: string[] = [];

// Audit episodes written by hand: codes valid, and the key borne out by the marker (lib/audit-practice/verify.ts).
let writtenAudits = 0;
function checkAuditEpisode(doc: AuditEpisodeFile, file: string): string[] {
  writtenAudits++;
  const out = [...unknownKsbs(doc.ksbs), ...noPatientIdentifiers(doc)];
  if (doc.id !== path.basename(file, '.json')) out.push(`id: "${doc.id}" must match the file name`);
  out.push(...writtenEpisode(doc, doc.caseId ? caseDocs.get(doc.caseId) : undefined, classification).problems);
  return out;
}

// Clinical query scenarios (issue 19, point 2): every code the trainer's text names exists in ICD-10 or OPCS-4
// (the text does not say which, so either will do), and a model query passes its own pre-checks.
function checkQueryScenario(doc: QueryScenarioFile, file: string): string[] {
  const out = [...unknownKsbs(doc.ksbs), ...noPatientIdentifiers(doc)];
  if (doc.id !== path.basename(file, '.json')) out.push(`id: "${doc.id}" must match the file name`);
  for (const field of ['gap', 'changes', 'modelQuery'] as const)
    for (const code of new Set(codesInText(doc[field])))
      if (codeProblem('icd10', code, field) && codeProblem('opcs4', code, field)) out.push(`${field}: ${code} is not a code of ${classification.editions.icd10.name} or ${classification.editions.opcs4.name}`);
  if (doc.queryNeeded) for (const f of precheckQuery(doc.modelQuery)) out.push(`modelQuery: fails its own pre-check "${f.id}": ${f.message}`);
  return out;
}

type Check = { dir: string; schema: z.ZodType; extra?: (data: never, file: string) => string[]; optional?: boolean };
const checks: Check[] = [
  { dir: 'standards', schema: Standard, extra: compareWithSeed },
  { dir: 'cases', schema: CaseFile, extra: checkCase, optional: true },
  { dir: 'questions', schema: QuestionFile, extra: checkQuestions, optional: true },
  { dir: 'queries', schema: QueryScenarioFile, extra: checkQueryScenario, optional: true },
  { dir: 'audit', schema: AuditEpisodeFile, extra: checkAuditEpisode, optional: true },
  { dir: 'assessments/written', schema: WrittenItemFile, extra: checkWritten, optional: true },
  { dir: 'assessments/blueprints', schema: Blueprint, extra: checkBlueprintFile, optional: true },
];

const problems: string[] = [];
const counts: string[] = [];
for (const check of checks) {
  const dir = path.join(root, check.dir);
  const names = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort() : [];
  if (names.length === 0 && !check.optional) problems.push(`content/${check.dir}: no content files`);
  counts.push(`${names.length} ${check.dir}`);
  for (const name of names) {
    const rel = path.posix.join('content', check.dir, name);
    let data: unknown;
    try {
      data = JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8'));
    } catch (e) {
      problems.push(`${rel}: not valid JSON (${(e as Error).message})`);
      continue;
    }
    const parsed = check.schema.safeParse(data);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push(`${rel}: ${issue.path.join('.') || '(file)'}: ${issue.message}`);
      continue;
    }
    for (const p of check.extra?.(parsed.data as never, rel) ?? []) problems.push(`${rel}: ${p}`);
  }
}

// Audit episodes generated from the cases: every planted error proved a real error under the marker (a finding
// of its type at that code, the four figures below the key's), each error type planted at least 5 times.
{
  const planted = plantEpisodes([...caseDocs.values()], classification);
  for (const e of planted) {
    const doc = caseDocs.get(e.caseId!)!;
    const proof = keyProblems(expectedForMarking(doc.expected).coding, e.coded, e.key, classification, doc.patient);
    for (const p of proof) problems.push(`audit episode ${e.id} (generated): ${p}`);
  }
  const counts = plantedCounts(planted);
  for (const [type, n] of Object.entries(counts)) if (n < 5) problems.push(`audit episodes (generated): ${type} planted ${n} times; at least 5 needed`);
  if (writtenAudits < 10) problems.push(`content/audit: ${writtenAudits} episodes written by hand; at least 10 needed`);
  console.log(`audit episodes: ${planted.length} generated (${Object.entries(counts).map(([t, n]) => `${t} ${n}`).join(', ')}), ${writtenAudits} written by hand`);
}

for (const p of problems) console.log(p);
if (blueprintSummaries.length) console.log(`blueprints (pools: ${pools.coding.length} cases, ${pools.theory.length} questions, ${pools.written.length} written items):\n${blueprintSummaries.join('\n')}`);
console.log(`content:check: ${counts.join(', ')} file(s), against ${classification.editions.icd10.name} and ${classification.editions.opcs4.name} (${editionsFrom}); ${problems.length ? `${problems.length} problem(s)` : 'OK'}`);
process.exit(problems.length ? 1 : 0);
