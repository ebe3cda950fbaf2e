import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { and, desc, eq, notInArray, sql } from 'drizzle-orm';
import { CaseFile } from '@/lib/content/case';
import { QuestionFile } from '@/lib/content/question';
import { QueryScenarioFile } from '@/lib/content/query-scenario';
import { Blueprint, WrittenItemFile, writtenItemMarks } from '@/lib/content/assessment';
import { blockOfCategory, classificationsDir, loadClassification, readChapters, readShippedFiles, SHIPPED_EDITIONS } from '@/lib/coding/load';
import { AuditEpisodeFile } from '@/lib/content/audit-episode';
import { plantEpisodes } from '@/lib/audit-practice/plant';
import { writtenEpisode } from '@/lib/audit-practice/written';
import { editionCodeRows, type EditionCodeRow } from '@/lib/coding/edition-rows';
import type { DbOrTx } from './client';
import { assessmentBlueprints, auditEpisodes, cases, queryScenarios, classificationCodes, classificationEditions, codeUsage, contentVersions, daggerAsteriskRefs, questions, writtenItems } from './schema';

const contentDir = () => path.join(process.cwd(), 'content');

function filesIn(dir: string, ext: string): string[] {
  const full = path.join(contentDir(), dir);
  return fs.existsSync(full) ? fs.readdirSync(full).filter((f) => f.endsWith(ext)).sort().map((f) => path.join(full, f)) : [];
}

function hashOf(files: string[]): string {
  const h = crypto.createHash('sha256');
  for (const f of files) h.update(path.basename(f)).update(fs.readFileSync(f));
  return h.digest('hex');
}

/** Runs `load` only when the files' hash differs from the one recorded for `name`. */
async function ifChanged(db: DbOrTx, name: string, files: string[], load: (tx: DbOrTx) => Promise<void>) {
  const hash = hashOf(files);
  const [current] = await db.select({ hash: contentVersions.hash }).from(contentVersions).where(eq(contentVersions.name, name));
  if (current?.hash === hash) return false;
  await db.transaction(async (tx) => {
    await load(tx);
    await tx
      .insert(contentVersions)
      .values({ name, hash })
      .onConflictDoUpdate({ target: contentVersions.name, set: { hash, loadedAt: sql`now()` } });
  });
  return true;
}

function chunks<T>(xs: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}

/** Inserts an edition's codes (it must have none yet), in chunks. */
export async function insertEditionCodes(tx: DbOrTx, editionId: string, rows: EditionCodeRow[]) {
  for (const chunk of chunks(rows, 2000)) await tx.insert(classificationCodes).values(chunk.map((r) => ({ ...r, editionId })));
}

/**
 * The shipped editions (ICD-10 5th Edition, OPCS-4.11), the HES usage counts and the dagger/asterisk pairs.
 * A shipped edition whose files changed is reloaded in place (same edition, same name); one is activated only
 * when its scheme has no active edition, so an administrator's choice stands.
 */
export async function loadClassifications(db: DbOrTx) {
  const dir = classificationsDir();
  const names = [SHIPPED_EDITIONS.icd10.file, SHIPPED_EDITIONS.opcs4.file, 'icd10_dagger_asterisk.tsv', 'hes_usage_2023_24.tsv', 'icd10_blocks.tsv'];
  const files = names.map((f) => path.join(/*turbopackIgnore: true*/ dir, f));
  return ifChanged(db, 'classifications', files, async (tx) => {
    const shipped = readShippedFiles(dir);
    const blockOf = blockOfCategory(readChapters(dir).blocks);
    for (const scheme of ['icd10', 'opcs4'] as const) {
      const meta = SHIPPED_EDITIONS[scheme];
      const hash = hashOf([path.join(dir, meta.file)]);
      const [existing] = await tx.select({ id: classificationEditions.id, hash: classificationEditions.contentHash }).from(classificationEditions).where(and(eq(classificationEditions.scheme, scheme), eq(classificationEditions.name, meta.name)));
      if (existing?.hash === hash) continue;
      const rows = editionCodeRows(scheme, shipped[scheme], blockOf);
      const values = { scheme, name: meta.name, origin: 'shipped' as const, source: meta.source, releaseDate: meta.releaseDate, attribution: meta.attribution, codeCount: rows.length, contentHash: hash };
      let id = existing?.id;
      if (id) {
        await tx.delete(classificationCodes).where(eq(classificationCodes.editionId, id));
        await tx.update(classificationEditions).set(values).where(eq(classificationEditions.id, id));
      } else [{ id }] = (await tx.insert(classificationEditions).values(values).returning({ id: classificationEditions.id })) as [{ id: string }];
      await insertEditionCodes(tx, id!, rows);
      const [active] = await tx.select({ id: classificationEditions.id }).from(classificationEditions).where(and(eq(classificationEditions.scheme, scheme), eq(classificationEditions.active, true)));
      if (!active) await tx.update(classificationEditions).set({ active: true }).where(eq(classificationEditions.id, id!));
    }
    await tx.delete(codeUsage);
    const usageRows = (['icd10', 'opcs4'] as const).flatMap((scheme) => [...shipped.episodes[scheme]].map(([code, episodes]) => ({ scheme, code, episodes })));
    for (const chunk of chunks(usageRows, 4000)) await tx.insert(codeUsage).values(chunk);
    await tx.delete(daggerAsteriskRefs);
    const refs = shipped.daggerAsterisk
      .split(/\r?\n/)
      .slice(1)
      .filter((l) => l.trim())
      .map((l) => l.split('\t'))
      .map(([code, kind, paired]) => ({ code: code!, kind: kind ?? '', paired: paired ?? '' }));
    for (const chunk of chunks(refs, 2000)) await tx.insert(daggerAsteriskRefs).values(chunk);
  });
}

/** Cases from content/cases: new and changed ones upserted; ones no longer there kept, inactive, for their attempts. */
export async function loadCases(db: DbOrTx) {
  const files = filesIn('cases', '.json');
  return ifChanged(db, 'cases', files, async (tx) => {
    const docs = files.map((f) => CaseFile.parse(JSON.parse(fs.readFileSync(f, 'utf8'))));
    for (const d of docs) {
      const row = { ...d, notes: d.notes as Record<string, string>, active: true };
      await tx.insert(cases).values(row).onConflictDoUpdate({ target: cases.id, set: row });
    }
    const ids = docs.map((d) => d.id);
    await tx.update(cases).set({ active: false }).where(ids.length ? notInArray(cases.id, ids) : sql`true`);
  });
}

/**
 * Audit practice episodes (issue 19): generated from the cases with planted errors (lib/audit-practice/plant.ts)
 * and written by hand in content/audit. The generated set depends on the cases and on the shipped editions (the
 * sibling codes it plants), so their files are hashed with content/audit. Run after loadCases (episodes point at
 * cases). An episode no longer produced is kept, inactive, for its attempts; one that content:check would refuse
 * is not loaded.
 */
export async function loadAuditEpisodes(db: DbOrTx) {
  const caseFiles = filesIn('cases', '.json');
  const auditFiles = filesIn('audit', '.json');
  const editionFiles = [SHIPPED_EDITIONS.icd10.file, SHIPPED_EDITIONS.opcs4.file, 'icd10_dagger_asterisk.tsv'].map((f) => path.join(/*turbopackIgnore: true*/ classificationsDir(), f));
  return ifChanged(db, 'audit_episodes', [...caseFiles, ...auditFiles, ...editionFiles], async (tx) => {
    const c = loadClassification();
    const caseDocs = caseFiles.map((f) => CaseFile.parse(JSON.parse(fs.readFileSync(f, 'utf8'))));
    const byId = new Map(caseDocs.map((d) => [d.id, d]));
    const episodes = plantEpisodes(caseDocs, c);
    for (const f of auditFiles) {
      const doc = AuditEpisodeFile.parse(JSON.parse(fs.readFileSync(f, 'utf8')));
      const { episode } = writtenEpisode(doc, doc.caseId ? byId.get(doc.caseId) : undefined, c);
      if (episode) episodes.push(episode);
    }
    for (const e of episodes) {
      const row = { id: e.id, origin: e.origin, caseId: e.caseId, title: e.title, notes: e.notes, patient: e.patient, ksbs: e.ksbs, coded: e.coded, key: e.key, active: true };
      await tx.insert(auditEpisodes).values(row).onConflictDoUpdate({ target: auditEpisodes.id, set: row });
    }
    const ids = episodes.map((e) => e.id);
    await tx.update(auditEpisodes).set({ active: false }).where(ids.length ? notInArray(auditEpisodes.id, ids) : sql`true`);
  });
}

export async function loadQuestions(db: DbOrTx) {
  const files = filesIn('questions', '.json');
  return ifChanged(db, 'questions', files, async (tx) => {
    const ids: string[] = [];
    for (const f of files) {
      const doc = QuestionFile.parse(JSON.parse(fs.readFileSync(f, 'utf8')));
      for (const q of doc.questions) {
        ids.push(q.id);
        const row = {
          id: q.id,
          topic: doc.topic,
          type: q.type,
          stem: q.stem,
          options: q.type === 'code' ? null : q.options,
          classification: q.type === 'code' ? q.classification : null,
          answer: q.answer,
          explanation: q.explanation,
          ksbs: q.ksbs,
          active: true,
        };
        await tx.insert(questions).values(row).onConflictDoUpdate({ target: questions.id, set: row });
      }
    }
    await tx.update(questions).set({ active: false }).where(ids.length ? notInArray(questions.id, ids) : sql`true`);
  });
}

/** Clinical query scenarios from content/queries (issue 19, point 2), kept inactive once removed (attempts point at them). */
export async function loadQueryScenarios(db: DbOrTx) {
  const files = filesIn('queries', '.json');
  return ifChanged(db, 'query_scenarios', files, async (tx) => {
    const docs = files.map((f) => QueryScenarioFile.parse(JSON.parse(fs.readFileSync(f, 'utf8'))));
    for (const d of docs) {
      const row = { ...d, notes: d.notes as Record<string, string>, active: true };
      await tx.insert(queryScenarios).values(row).onConflictDoUpdate({ target: queryScenarios.id, set: row });
    }
    const ids = docs.map((d) => d.id);
    await tx.update(queryScenarios).set({ active: false }).where(ids.length ? notInArray(queryScenarios.id, ids) : sql`true`);
  });
}

/** Written-answer items from content/assessments/written, kept inactive once removed (attempts point at them). */
export async function loadWrittenItems(db: DbOrTx) {
  const files = filesIn(path.join('assessments', 'written'), '.json');
  return ifChanged(db, 'written_items', files, async (tx) => {
    const ids: string[] = [];
    for (const f of files) {
      const doc = WrittenItemFile.parse(JSON.parse(fs.readFileSync(f, 'utf8')));
      for (const w of doc.items) {
        ids.push(w.id);
        const row = { ...w, topic: doc.topic, marks: writtenItemMarks(w), active: true };
        await tx.insert(writtenItems).values(row).onConflictDoUpdate({ target: writtenItems.id, set: row });
      }
    }
    await tx.update(writtenItems).set({ active: false }).where(ids.length ? notInArray(writtenItems.id, ids) : sql`true`);
  });
}

/**
 * Blueprints from content/assessments/blueprints. A changed file becomes a new version; an admin's
 * uploaded version stays current until the content file itself changes again (compared with the
 * newest version that came from content, not with the upload).
 */
export async function loadBlueprints(db: DbOrTx) {
  const files = filesIn(path.join('assessments', 'blueprints'), '.json');
  return ifChanged(db, 'assessment_blueprints', files, async (tx) => {
    for (const f of files) {
      const bp = Blueprint.parse(JSON.parse(fs.readFileSync(f, 'utf8')));
      const [fromContent] = await tx
        .select({ definition: assessmentBlueprints.definition })
        .from(assessmentBlueprints)
        .where(and(eq(assessmentBlueprints.key, bp.id), eq(assessmentBlueprints.source, 'content')))
        .orderBy(desc(assessmentBlueprints.version))
        .limit(1);
      if (fromContent && JSON.stringify(fromContent.definition) === JSON.stringify(bp)) continue;
      await insertBlueprintVersion(tx, bp, 'content', null);
    }
  });
}

/** Adds the next version of a blueprint's key. */
export async function insertBlueprintVersion(tx: DbOrTx, bp: Blueprint, source: 'content' | 'upload', createdBy: string | null) {
  const [row] = await tx
    .insert(assessmentBlueprints)
    .values({
      key: bp.id,
      version: sql`(select coalesce(max(version), 0) + 1 from assessment_blueprints where key = ${bp.id})`,
      title: bp.title,
      kind: bp.kind,
      practice: bp.practice,
      definition: bp,
      source,
      createdBy,
    })
    .returning({ id: assessmentBlueprints.id, version: assessmentBlueprints.version });
  return row!;
}
