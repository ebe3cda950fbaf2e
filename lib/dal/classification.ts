import 'server-only';
import { parseInput } from '@/lib/forms/parse-input';
import { and, asc, count, desc, eq, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { optionalCalendarDate } from '@/lib/forms/fields';
import { safeText } from '@/lib/forms/safe-text';
import { getDb, type DbOrTx } from '@/db/client';
import {
  assessmentBlueprints,
  cases,
  classificationCodes,
  classificationEditions,
  codingAttempts,
  codingRemarks,
  questions,
  settings as settingsTable,
  users,
  writtenItems,
} from '@/db/schema';
import { insertEditionCodes } from '@/db/content-load';
import { activeClassification, classificationFromDb, markingRules, MarkingRulesSchema } from '@/db/classification-read';

export { activeClassification, markingRules };
import { AppError, NotFound } from '@/lib/errors';
import type { Classification, Scheme } from '@/lib/coding/classification';
import { editionCodeRows } from '@/lib/coding/edition-rows';
import { editionEffects, type EditionEffect, type KeyedContent } from '@/lib/coding/edition-check';
import { DEFAULT_MARKING_RULES, figureColumns, mark, type MarkingRules } from '@/lib/coding/mark';
import { expectedForMarking } from '@/lib/coding/expected';
import { parseRelease, type ImportProblem } from '@/lib/coding/import/parse-release';
import { authorize, writeAudit } from './access';
import type { Viewer } from './viewer';

// --- The active editions, for the marker, the pickers and the browser ------------------------------------

// --- Marking rules (a setting) --------------------------------------------------------------------------

export async function getMarkingRulesForAdmin(viewer: Viewer) {
  await authorize(viewer, 'settings.manage');
  const db = await getDb();
  const [row] = await db.select({ updatedAt: settingsTable.updatedAt, updatedBy: users.name }).from(settingsTable).leftJoin(users, eq(users.id, settingsTable.updatedBy)).where(eq(settingsTable.key, 'marking_rules'));
  return { rules: await markingRules(db), updatedAt: row?.updatedAt ?? null, updatedBy: row?.updatedBy ?? null };
}

/** Changes the rules for marks made from now on; stored marks keep the rules they were made under. */
export async function updateMarkingRules(viewer: Viewer, input: z.input<typeof MarkingRulesSchema>) {
  await authorize(viewer, 'settings.manage');
  const next = MarkingRulesSchema.parse(input);
  const db = await getDb();
  await db.transaction(async (tx) => {
    const before = await markingRules(tx);
    await tx
      .insert(settingsTable)
      .values({ key: 'marking_rules', value: next, updatedBy: viewer.userId })
      .onConflictDoUpdate({ target: settingsTable.key, set: { value: next, updatedBy: viewer.userId, updatedAt: sql`now()` } });
    await writeAudit(tx, viewer, { action: 'settings.marking_rules', entityType: 'settings', entityId: null, before, after: next });
  });
}

// --- Editions: list, import, report, activate, re-mark --------------------------------------------------

/** Every edition with its code count, whether it is active, and how many attempts were marked under it. */
export async function listEditions(viewer: Viewer) {
  await authorize(viewer, 'classification.manage');
  const db = await getDb();
  const marked = sql<number>`(select count(*) from coding_attempts ca where ca.icd10_edition_id = ${classificationEditions.id} or ca.opcs4_edition_id = ${classificationEditions.id})`.mapWith(Number);
  return db
    .select({
      id: classificationEditions.id,
      scheme: classificationEditions.scheme,
      name: classificationEditions.name,
      origin: classificationEditions.origin,
      source: classificationEditions.source,
      releaseDate: classificationEditions.releaseDate,
      attribution: classificationEditions.attribution,
      codeCount: classificationEditions.codeCount,
      active: classificationEditions.active,
      createdAt: classificationEditions.createdAt,
      createdBy: users.name,
      attemptsMarked: marked,
    })
    .from(classificationEditions)
    .leftJoin(users, eq(users.id, classificationEditions.createdBy))
    .orderBy(asc(classificationEditions.scheme), desc(classificationEditions.active), desc(classificationEditions.createdAt), asc(classificationEditions.id));
}

export const EditionMeta = z.object({
  name: safeText({ label: 'name', max: 120, maxMessage: 'Keep the name to 120 characters.' }).min(3, 'Give the edition a name of 3 or more characters, such as "ICD-10 5th Edition (2016-04-01)".'),
  // ICD-10 and OPCS-4 as TRUD publishes them date from the 1990s; a release is not dated years ahead.
  releaseDate: optionalCalendarDate({ label: 'release date', earliest: '1990-01-01', latest: { years: 1 } }),
  source: safeText({ label: 'source', max: 500 }).optional(),
});

/** A release file that cannot be imported: every problem found, by line. Nothing was written. */
export class ImportRefused extends AppError {
  constructor(
    public readonly problems: ImportProblem[],
    message = 'The file was not imported: fix the lines listed and try again.',
  ) {
    super('import_refused', message);
  }
}

const ATTRIBUTION: Record<Scheme, string> = {
  icd10: 'ICD-10 © World Health Organization; UK edition distributed by NHS England under the WHO licence.',
  opcs4: 'Contains OPCS-4 © Crown copyright, NHS England, Open Government Licence v3.0.',
};

/**
 * Loads an official release file (any of the four formats, detected from the content) as a new, inactive
 * edition in one transaction, audit-logged. A file with any bad line imports nothing. `viewer` null is the
 * command line.
 */
export async function importEdition(viewer: Viewer | null, input: z.input<typeof EditionMeta> & { bytes: Uint8Array }) {
  if (viewer) await authorize(viewer, 'classification.manage');
  const meta = parseInput(EditionMeta, input);
  const parsed = parseRelease(input.bytes);
  if (!parsed.ok) throw new ImportRefused(parsed.problems);
  const { scheme, format, codes } = parsed.release;
  if (codes.length === 0) throw new ImportRefused([{ line: 0, message: 'the file holds no codes' }]);
  const db = await getDb();
  return db.transaction(async (tx) => {
    // Two imports under one name at once: the second waits and then finds the first.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`classification.import:${scheme}:${meta.name}`}))`);
    const [clash] = await tx.select({ id: classificationEditions.id }).from(classificationEditions).where(and(eq(classificationEditions.scheme, scheme), eq(classificationEditions.name, meta.name)));
    if (clash) throw new ImportRefused([], `An ${scheme === 'icd10' ? 'ICD-10' : 'OPCS-4'} edition called "${meta.name}" exists already: choose another name.`);
    // Where the browser files a category: as the active ICD-10 edition does (new categories stay unfiled).
    const places = await tx
      .selectDistinct({ category: classificationCodes.category, block: classificationCodes.block, chapter: classificationCodes.chapter })
      .from(classificationCodes)
      .innerJoin(classificationEditions, eq(classificationEditions.id, classificationCodes.editionId))
      .where(and(eq(classificationEditions.active, true), eq(classificationEditions.scheme, 'icd10')));
    const place = new Map(places.map((p) => [p.category, p.block ? { block: p.block, chapter: p.chapter } : null]));
    const rows = editionCodeRows(scheme, codes, (cat) => place.get(cat) ?? null);
    const [edition] = await tx
      .insert(classificationEditions)
      .values({
        scheme,
        name: meta.name,
        origin: 'import',
        source: meta.source || `Imported from an official release file (${format}).`,
        releaseDate: meta.releaseDate || null,
        attribution: ATTRIBUTION[scheme],
        codeCount: rows.length,
        createdBy: viewer?.userId ?? null,
      })
      .returning({ id: classificationEditions.id });
    await insertEditionCodes(tx, edition!.id, rows);
    await writeAudit(tx, viewer, { action: 'classification.import', entityType: 'classification_edition', entityId: edition!.id, after: { scheme, name: meta.name, format, codes: rows.length, by: viewer ? 'admin page' : 'command line' } });
    return { id: edition!.id, scheme, format, codes: rows.length, name: meta.name };
  });
}

/** The content as stored (cases, code questions, written items, newest blueprints), for the edition report. */
async function keyedContent(db: DbOrTx): Promise<KeyedContent> {
  const [caseRows, questionRows, writtenRows, blueprintRows] = await Promise.all([
    db.select({ id: cases.id, title: cases.title, expected: cases.expected }).from(cases).where(eq(cases.active, true)).orderBy(asc(cases.id)),
    db.select({ id: questions.id, stem: questions.stem, classification: questions.classification, answer: questions.answer }).from(questions).where(and(eq(questions.active, true), eq(questions.type, 'code'))).orderBy(asc(questions.id)),
    db.select({ id: writtenItems.id, prompt: writtenItems.prompt, codes: writtenItems.codes }).from(writtenItems).where(eq(writtenItems.active, true)).orderBy(asc(writtenItems.id)),
    db
      .selectDistinctOn([assessmentBlueprints.key], { key: assessmentBlueprints.key, title: assessmentBlueprints.title, definition: assessmentBlueprints.definition })
      .from(assessmentBlueprints)
      .orderBy(assessmentBlueprints.key, desc(assessmentBlueprints.version)),
  ]);
  return {
    cases: caseRows,
    questions: questionRows,
    written: writtenRows,
    blueprints: blueprintRows.map((b) => {
      const ids = (kind: string) => b.definition.sections.filter((s) => s.kind === kind).flatMap((s) => s.pool.ids ?? []);
      return { key: b.key, title: b.title, caseIds: ids('coding'), questionIds: ids('theory'), writtenIds: ids('written') };
    }),
  };
}

async function editionRow(db: DbOrTx, id: string) {
  if (!z.uuid().safeParse(id).success) throw new NotFound('classification_edition');
  const [row] = await db.select().from(classificationEditions).where(eq(classificationEditions.id, id));
  if (!row) throw new NotFound('classification_edition');
  return row;
}

/**
 * What activating an edition would do: every case key, question, written item and blueprint whose codes do
 * not exist or are not complete in it (with the other scheme's active edition), and how many attempts were
 * marked under the edition it replaces.
 */
export async function editionReport(viewer: Viewer, id: string): Promise<EditionReport> {
  await authorize(viewer, 'classification.manage', { type: 'classification_edition', id });
  return unsafeEditionReport(id);
}

type EditionReport = { edition: { id: string; scheme: Scheme; name: string; codeCount: number; active: boolean; origin: string }; replaces: { id: string; name: string } | null; effects: EditionEffect[]; attemptsUnderReplaced: number };

/** editionReport without the permission check: for it and for the command line (activateEditionFromCli). */
async function unsafeEditionReport(id: string): Promise<EditionReport> {
  const db = await getDb();
  const edition = await editionRow(db, id);
  const active = await db.select({ id: classificationEditions.id, scheme: classificationEditions.scheme, name: classificationEditions.name }).from(classificationEditions).where(eq(classificationEditions.active, true));
  const other = active.find((e) => e.scheme !== edition.scheme);
  const replaces = active.find((e) => e.scheme === edition.scheme) ?? null;
  let effects: EditionEffect[] = [];
  if (other && edition.codeCount > 0) {
    const pair = edition.scheme === 'icd10' ? { icd10: edition, opcs4: other } : { icd10: other, opcs4: edition };
    const c = edition.active ? await activeClassification(db) : await classificationFromDb(db, { icd10: { id: pair.icd10.id, name: pair.icd10.name }, opcs4: { id: pair.opcs4.id, name: pair.opcs4.name } });
    effects = editionEffects(c, await keyedContent(db));
  }
  const column = edition.scheme === 'icd10' ? codingAttempts.icd10EditionId : codingAttempts.opcs4EditionId;
  const [n] = replaces && replaces.id !== edition.id ? await db.select({ n: count() }).from(codingAttempts).where(eq(column, replaces.id)) : [{ n: 0 }];
  return {
    edition: { id: edition.id, scheme: edition.scheme, name: edition.name, codeCount: edition.codeCount, active: edition.active, origin: edition.origin },
    replaces: replaces && replaces.id !== edition.id ? { id: replaces.id, name: replaces.name } : null,
    effects,
    attemptsUnderReplaced: Number(n?.n ?? 0),
  };
}

/**
 * Makes an edition the active one of its scheme (the other is deactivated in the same transaction). Stored
 * marks do not change; new marks use it. `expectedEffects` is the number of affected items the administrator
 * confirmed: if content changed since the report, the activation is refused so they read it again.
 */
export async function activateEdition(viewer: Viewer, id: string, expectedEffects: number) {
  return switchActiveEdition(viewer, await editionReport(viewer, id), expectedEffects);
}

/**
 * `npm run classification:import -- --activate`: the same switch, transaction and audit entry, with no
 * viewer (so no permission check and no actor), like importEdition(null, …). Nobody confirms a report on the
 * command line: the script prints what the edition affects, and the activation goes ahead with it.
 */
export async function activateEditionFromCli(id: string) {
  const report = await unsafeEditionReport(id);
  return switchActiveEdition(null, report, report.effects.length);
}

async function switchActiveEdition(viewer: Viewer | null, report: EditionReport, expectedEffects: number) {
  const id = report.edition.id;
  if (report.edition.origin === 'legacy' || report.edition.codeCount === 0) throw new AppError('legacy_edition', 'This edition holds no codes and cannot be activated.');
  if (report.edition.active) return report;
  if (report.effects.length !== expectedEffects) throw new AppError('report_changed', 'What this edition affects has changed since you read the report: read it again before activating.');
  const db = await getDb();
  await db.transaction(async (tx) => {
    // Two administrators activating editions of one scheme at once: the second waits, then switches again.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`classification.activate:${report.edition.scheme}`}))`);
    await tx.update(classificationEditions).set({ active: false }).where(and(eq(classificationEditions.scheme, report.edition.scheme), eq(classificationEditions.active, true)));
    await tx.update(classificationEditions).set({ active: true }).where(eq(classificationEditions.id, id));
    await writeAudit(tx, viewer, {
      action: 'classification.activate',
      entityType: 'classification_edition',
      entityId: id,
      before: report.replaces,
      after: { name: report.edition.name, affectedItems: report.effects.length, affected: report.effects.map((e) => `${e.kind}:${e.id}`) },
    });
  });
  return report;
}

/**
 * Re-marks every coding attempt whose standing result was not made under the active editions and rules,
 * against its case's current key: appends a coding_remarks row each (never an UPDATE), in one transaction,
 * audited once with the count. An attempt whose case key is not markable in the active editions is left
 * as it stands and listed.
 */
/** Attempts whose standing mark was not made under these editions and rules: what a re-mark would change. */
function staleAttempts(db: DbOrTx, c: Classification, rules: MarkingRules) {
  const latest = db
    .selectDistinctOn([codingRemarks.attemptId], { attemptId: codingRemarks.attemptId, icd10: codingRemarks.icd10EditionId, opcs4: codingRemarks.opcs4EditionId, rules: codingRemarks.rules })
    .from(codingRemarks)
    .orderBy(codingRemarks.attemptId, desc(codingRemarks.createdAt), desc(codingRemarks.id))
    .as('latest');
  const rulesJson = JSON.stringify(rules);
  return db
    .select({ id: codingAttempts.id, caseId: codingAttempts.caseId, answer: codingAttempts.answer, caseExpected: cases.expected, patient: cases.patient })
    .from(codingAttempts)
    .innerJoin(cases, eq(cases.id, codingAttempts.caseId))
    .leftJoin(latest, eq(latest.attemptId, codingAttempts.id))
    .where(
      or(
        sql`coalesce(${latest.icd10}, ${codingAttempts.icd10EditionId}) is distinct from ${c.editions.icd10.id}::uuid`,
        sql`coalesce(${latest.opcs4}, ${codingAttempts.opcs4EditionId}) is distinct from ${c.editions.opcs4.id}::uuid`,
        sql`coalesce(${latest.rules}, ${codingAttempts.rules}, ${JSON.stringify(DEFAULT_MARKING_RULES)}::jsonb) is distinct from ${rulesJson}::jsonb`,
      ),
    )
    .orderBy(asc(codingAttempts.createdAt), asc(codingAttempts.id));
}

/** How many attempts a re-mark would re-mark now, and under what. */
export async function countAttemptsToRemark(viewer: Viewer) {
  await authorize(viewer, 'classification.manage');
  const db = await getDb();
  const c = await activeClassification(db);
  const rules = await markingRules(db);
  const rows = await staleAttempts(db, c, rules);
  return { attempts: rows.length, editions: { icd10: c.editions.icd10.name, opcs4: c.editions.opcs4.name }, rules };
}

export async function remarkAttempts(viewer: Viewer) {
  await authorize(viewer, 'classification.manage');
  const db = await getDb();
  // One re-mark at a time (a double click, two administrators): the second finds nothing left to re-mark.
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('classification.remark'))`);
    return remarkInTransaction(tx, viewer);
  });
}

async function remarkInTransaction(tx: DbOrTx, viewer: Viewer) {
  const c = await activeClassification(tx);
  const rules = await markingRules(tx);
  const stale = await staleAttempts(tx, c, rules);
  const skipped = new Map<string, string>();
  const rows: (typeof codingRemarks.$inferInsert)[] = [];
  for (const a of stale) {
    const expected = expectedForMarking(a.caseExpected);
    let result;
    try {
      result = mark(expected.coding, a.answer, c, { rules, patient: a.patient ?? undefined });
    } catch (e) {
      skipped.set(a.caseId, (e as Error).message);
      continue;
    }
    rows.push({ attemptId: a.id, icd10EditionId: c.editions.icd10.id, opcs4EditionId: c.editions.opcs4.id, rules, expected: expected.stored, findings: result.findings, ...figureColumns(result), markedBy: viewer.userId });
  }
  for (let i = 0; i < rows.length; i += 500) await tx.insert(codingRemarks).values(rows.slice(i, i + 500));
  await writeAudit(tx, viewer, { action: 'attempt.remark', entityType: 'coding_attempt', entityId: null, after: { remarked: rows.length, editions: [c.editions.icd10.name, c.editions.opcs4.name], rules, skippedCases: [...skipped.keys()] } });
  return { remarked: rows.length, skipped: [...skipped].map(([caseId, reason]) => ({ caseId, reason })) };
}
