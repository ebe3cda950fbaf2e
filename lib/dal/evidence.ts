import 'server-only';
import { parseInput } from '@/lib/forms/parse-input';
import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { rowVersion as versionField } from '@/lib/forms/fields';
import { searchText } from '@/lib/forms/safe-text';
import { getDb, type DbOrTx } from '@/db/client';
import { evidence, evidenceFiles, evidenceKsbs, evidenceVersions, ksbs, users, witnessStatements } from '@/db/schema';
import { Conflict, FieldError, NotFound } from '@/lib/errors';
import { EvidenceForSubmission, EvidenceInput, EvidenceUpdate, PracticeEvidenceInput } from '@/lib/evidence/schemas';
import { findNhsNumbers } from '@/lib/privacy/nhs-number';
import { ksbOrder } from '@/lib/content/standard';
import { apprenticeIn, authorize, recordDenied, writeAudit } from './access';
import type { Viewer } from './viewer';
import { executeRows } from './rows';
import { hasPractice, practiceRecordAccount, type PracticeFacts } from '@/lib/practice/record';
import { ukToday } from '@/lib/forms/fields';

const FIELD_LABEL: Record<string, string> = { title: 'title', account: 'account' };

/** Refuses text that holds something shaped like an NHS number, saying what and where. */
function refusePatientIdentifiers(data: { title: string; account: string }) {
  for (const field of ['title', 'account'] as const) {
    const [found] = findNhsNumbers(data[field]);
    if (found)
      throw new FieldError(
        field,
        `The ${FIELD_LABEL[field]} contains “${found.text}”, which looks like an NHS number. Evidence must never hold patient data: remove it (or describe the patient without identifiers) and save again.`,
      );
  }
}

async function checkKsbCodes(db: DbOrTx, codes: string[]) {
  if (!codes.length) return;
  const known = await db.select({ code: ksbs.code }).from(ksbs).where(inArray(ksbs.code, codes));
  if (known.length !== new Set(codes).size) throw new FieldError('ksbs', 'Choose knowledge, skills and behaviours from the standard.');
}

export const EvidenceFilter = z.object({
  status: z.enum(['draft', 'submitted', 'referred', 'accepted', '']).catch(''),
  type: searchText(40),
  ksb: z.string().regex(/^([KSB]\d{1,2})?$/).catch(''),
  apprenticeId: z.union([z.uuid(), z.literal('')]).catch(''),
});

/** Evidence the viewer may see: titles, types, status and claimed KSBs (not the account). */
export async function listEvidence(viewer: Viewer, filter: Partial<Record<keyof z.input<typeof EvidenceFilter>, string>> = {}) {
  const scope = await authorize(viewer, 'evidence.read');
  const f = EvidenceFilter.parse(filter);
  const db = await getDb();
  const conditions: SQL[] = [apprenticeIn(viewer, scope, evidence.apprenticeId)];
  if (f.status) conditions.push(eq(evidence.status, f.status));
  if (f.type) conditions.push(sql`${evidence.type}::text = ${f.type}`);
  if (f.ksb) conditions.push(sql`exists (select 1 from evidence_ksbs ek where ek.evidence_id = ${evidence.id} and ek.ksb_code = ${f.ksb})`);
  if (f.apprenticeId) conditions.push(eq(evidence.apprenticeId, f.apprenticeId));
  return db
    .select({
      id: evidence.id,
      title: evidence.title,
      type: evidence.type,
      status: evidence.status,
      activityDate: evidence.activityDate,
      updatedAt: evidence.updatedAt,
      apprenticeName: users.name,
      ksbs: sql<string[]>`coalesce((select array_agg(ek.ksb_code order by ek.ksb_code) from evidence_ksbs ek where ek.evidence_id = ${evidence.id}), '{}')`,
    })
    .from(evidence)
    .innerJoin(users, eq(users.id, evidence.apprenticeId))
    .where(and(...conditions))
    .orderBy(desc(evidence.updatedAt), desc(evidence.id))
    .limit(500);
}

/**
 * An employer contact reads a piece's account and files only where the apprentice asked them for a
 * witness statement on it; otherwise they see its title, KSBs and status.
 */
export async function mayReadContent(viewer: Viewer, evidenceId: string): Promise<boolean> {
  if (viewer.role !== 'employer') return true;
  const db = await getDb();
  const [asked] = await db
    .select({ id: witnessStatements.id })
    .from(witnessStatements)
    .where(and(eq(witnessStatements.evidenceId, evidenceId), eq(witnessStatements.witnessId, viewer.userId)))
    .limit(1);
  return Boolean(asked);
}

/** One piece of evidence. Employers see its title, KSBs and status but not the account (see mayReadContent). */
export async function getEvidence(viewer: Viewer, id: string) {
  const scope = await authorize(viewer, 'evidence.read', { type: 'evidence', id });
  if (!z.uuid().safeParse(id).success) throw new NotFound('evidence');
  const db = await getDb();
  const [row] = await db
    .select({ e: evidence, apprenticeName: users.name })
    .from(evidence)
    .innerJoin(users, eq(users.id, evidence.apprenticeId))
    .where(and(eq(evidence.id, id), apprenticeIn(viewer, scope, evidence.apprenticeId)));
  if (!row) {
    await recordDenied(viewer, 'evidence.read', 'evidence', id);
    throw new NotFound('evidence');
  }
  const claimed = await db.select({ code: evidenceKsbs.ksbCode }).from(evidenceKsbs).where(eq(evidenceKsbs.evidenceId, id));
  const { e } = row;
  const contentVisible = await mayReadContent(viewer, id);
  return {
    id: e.id,
    apprenticeId: e.apprenticeId,
    apprenticeName: row.apprenticeName,
    title: e.title,
    type: e.type,
    activityDate: e.activityDate,
    account: contentVisible ? e.account : null,
    status: e.status,
    rowVersion: e.rowVersion,
    updatedAt: e.updatedAt,
    submittedAt: e.submittedAt,
    submissionNo: e.submissionNo,
    ksbs: claimed.map((k) => k.code).sort(ksbOrder),
    editable: viewer.role === 'apprentice' && (e.status === 'draft' || e.status === 'referred'),
  };
}

/** The apprentice starts a piece of evidence as a draft. */
export async function createEvidence(viewer: Viewer, input: z.input<typeof EvidenceInput>) {
  await authorize(viewer, 'evidence.write');
  const data = parseInput(EvidenceInput, input);
  refusePatientIdentifiers(data);
  const db = await getDb();
  await checkKsbCodes(db, data.ksbs);
  return db.transaction(async (tx) => {
    const { ksbs: codes, ...fields } = data;
    const [row] = await tx.insert(evidence).values({ ...fields, apprenticeId: viewer.userId }).returning({ id: evidence.id, rowVersion: evidence.rowVersion });
    if (codes.length) await tx.insert(evidenceKsbs).values([...new Set(codes)].map((ksbCode) => ({ evidenceId: row!.id, ksbCode })));
    await writeAudit(tx, viewer, { action: 'evidence.create', entityType: 'evidence', entityId: row!.id, after: { ...fields, ksbs: codes } });
    return row!;
  });
}

/**
 * Only the apprentice's own evidence may be written. Checked before the transaction: the refusal is
 * written to the audit log, which a rolled-back transaction would lose.
 */
async function requireOwn(viewer: Viewer, id: string) {
  const db = await getDb();
  const [row] = await db.select({ apprenticeId: evidence.apprenticeId }).from(evidence).where(eq(evidence.id, id));
  if (!row || row.apprenticeId !== viewer.userId) {
    await recordDenied(viewer, 'evidence.write', 'evidence', id);
    throw new NotFound('evidence');
  }
}

async function writeVersioned(tx: DbOrTx, viewer: Viewer, id: string, rowVersion: number, set: Partial<typeof evidence.$inferInsert>) {
  const [after] = await tx
    .update(evidence)
    .set({ ...set, rowVersion: sql`${evidence.rowVersion} + 1`, updatedAt: sql`now()` })
    .where(and(eq(evidence.id, id), eq(evidence.apprenticeId, viewer.userId), eq(evidence.rowVersion, rowVersion), inArray(evidence.status, ['draft', 'referred'])))
    .returning({ id: evidence.id, rowVersion: evidence.rowVersion, status: evidence.status, submissionNo: evidence.submissionNo });
  if (after) return after;
  const [current] = await tx.select({ status: evidence.status, apprenticeId: evidence.apprenticeId }).from(evidence).where(eq(evidence.id, id));
  if (!current) throw new NotFound('evidence');
  if (current.status === 'submitted' || current.status === 'accepted') throw new Conflict('This evidence has been submitted, so it can no longer be edited here.');
  throw new Conflict('This evidence was changed in another tab or window after you opened it. Your text is still here: copy anything you need, then reload to see the saved version.');
}

/** The apprentice edits a draft (or a piece referred back), refused if it changed since it was read. */
export async function updateEvidence(viewer: Viewer, input: z.input<typeof EvidenceUpdate>) {
  await authorize(viewer, 'evidence.write', { type: 'evidence', id: input.id });
  const data = parseInput(EvidenceUpdate, input);
  await requireOwn(viewer, data.id);
  refusePatientIdentifiers(data);
  const db = await getDb();
  await checkKsbCodes(db, data.ksbs);
  return db.transaction(async (tx) => {
    const { id, rowVersion, ksbs: codes, ...fields } = data;
    const after = await writeVersioned(tx, viewer, id, rowVersion, fields);
    await tx.delete(evidenceKsbs).where(eq(evidenceKsbs.evidenceId, id));
    if (codes.length) await tx.insert(evidenceKsbs).values([...new Set(codes)].map((ksbCode) => ({ evidenceId: id, ksbCode })));
    await writeAudit(tx, viewer, { action: 'evidence.update', entityType: 'evidence', entityId: id, after: { ...fields, ksbs: codes } });
    return after;
  });
}

/** Sends a draft (or a resubmission) to the trainer. */
export async function submitEvidence(viewer: Viewer, input: { id: string; rowVersion: number | string }) {
  await authorize(viewer, 'evidence.write', { type: 'evidence', id: input.id });
  const { id, rowVersion } = parseInput(z.object({ id: z.uuid(), rowVersion: versionField() }), input);
  await requireOwn(viewer, id);
  const current = await getEvidence(viewer, id);
  const check = EvidenceForSubmission.safeParse({ ...current, account: current.account ?? '' });
  if (!check.success) {
    const issue = check.error.issues[0]!;
    throw new FieldError(String(issue.path[0]), issue.message);
  }
  refusePatientIdentifiers({ title: current.title, account: current.account ?? '' });
  const db = await getDb();
  return db.transaction(async (tx) => {
    const after = await writeVersioned(tx, viewer, id, rowVersion, {
      status: 'submitted',
      submittedAt: sql`now()` as never,
      submissionNo: sql`${evidence.submissionNo} + 1` as never,
    });
    // Freeze what the trainer will mark: later edits (after a referral) make a new version, never change this one.
    const files = await tx
      .select({ id: evidenceFiles.id, fileName: evidenceFiles.fileName, mediaType: evidenceFiles.mediaType, sizeBytes: evidenceFiles.sizeBytes })
      .from(evidenceFiles)
      .where(and(eq(evidenceFiles.evidenceId, id), isNull(evidenceFiles.removedAt)))
      .orderBy(asc(evidenceFiles.uploadedAt), asc(evidenceFiles.id));
    // Read inside the transaction, after the version check, so the snapshot is exactly what was submitted.
    const [frozen] = await tx
      .select({ title: evidence.title, type: evidence.type, activityDate: evidence.activityDate, account: evidence.account })
      .from(evidence)
      .where(eq(evidence.id, id));
    const claimed = await tx.select({ code: evidenceKsbs.ksbCode }).from(evidenceKsbs).where(eq(evidenceKsbs.evidenceId, id));
    await tx.insert(evidenceVersions).values({
      evidenceId: id,
      versionNo: after.submissionNo,
      ...frozen!,
      ksbs: claimed.map((k) => k.code).sort(ksbOrder),
      files,
    });
    await writeAudit(tx, viewer, {
      action: current.status === 'referred' ? 'evidence.resubmit' : 'evidence.submit',
      entityType: 'evidence',
      entityId: id,
      after: { version: after.submissionNo },
    });
    return after;
  });
}

// ---- a KSB's practice record as evidence (issue 19, point 5) -------------------------------------

/** The apprentice's practice tagged with one KSB, of every kind, for its record (lib/practice/record.ts). */
async function practiceFacts(db: DbOrTx, apprenticeId: string, ksb: string): Promise<PracticeFacts> {
  const [coding, questions, audits, queries] = await Promise.all([
    executeRows<{ correct: number; of: number }>(
      db,
      sql`select (coalesce(s.pd_correct,0)+coalesce(s.sd_correct,0)+coalesce(s.pp_correct,0)+coalesce(s.sp_correct,0))::int as correct,
                 (coalesce(s.pd_of,0)+coalesce(s.sd_of,0)+coalesce(s.pp_of,0)+coalesce(s.sp_of,0))::int as of
          from coding_standing s join cases c on c.id = s.case_id
          where s.apprentice_id = ${apprenticeId} and ${ksb} = any(c.ksbs) order by s.created_at, s.id`,
    ),
    executeRows<{ answered: number; right: number }>(
      db,
      sql`select count(*)::int as answered, (count(*) filter (where qa.correct))::int as right
          from question_answers qa join questions q on q.id = qa.question_id where qa.apprentice_id = ${apprenticeId} and ${ksb} = any(q.ksbs)`,
    ),
    executeRows<{ done: number; correct: number; of: number }>(
      db,
      sql`select count(*)::int as done, coalesce(sum(a.correct),0)::int as correct, coalesce(sum(a.of),0)::int as of
          from audit_practice_attempts a join audit_episodes e on e.id = a.episode_id where a.apprentice_id = ${apprenticeId} and ${ksb} = any(e.ksbs)`,
    ),
    executeRows<{ written: number; marked: number; criteria_met: number; criteria_marked: number }>(
      db,
      sql`select count(*)::int as written, (count(*) filter (where q.status = 'marked'))::int as marked,
                 coalesce(sum((select count(*) from jsonb_each(q.rubric) r where r.value->>'met' = 'true')),0)::int as criteria_met,
                 coalesce(sum((select count(*) from jsonb_each(q.rubric) r where r.value->>'met' in ('true','false'))),0)::int as criteria_marked
          from query_attempts q join query_scenarios s on s.id = q.scenario_id where q.apprentice_id = ${apprenticeId} and ${ksb} = any(s.ksbs)`,
    ),
  ]);
  const q = queries[0]!;
  return {
    coding: coding.map((c) => ({ correct: Number(c.correct), of: Number(c.of) })),
    questions: { answered: Number(questions[0]!.answered), right: Number(questions[0]!.right) },
    audits: { done: Number(audits[0]!.done), correct: Number(audits[0]!.correct), of: Number(audits[0]!.of) },
    queries: { written: Number(q.written), marked: Number(q.marked), criteriaMet: Number(q.criteria_met), criteriaMarked: Number(q.criteria_marked) },
  };
}

/**
 * A draft piece of evidence made from the apprentice's practice record for one KSB, in one step: titled,
 * dated today, tagged with the KSB, its account the record in figures, ready for the apprentice to say what
 * it shows before submitting it like any other piece.
 */
export async function createEvidenceFromPractice(viewer: Viewer, input: z.input<typeof PracticeEvidenceInput>) {
  await authorize(viewer, 'evidence.write');
  const { ksb } = parseInput(PracticeEvidenceInput, input);
  const db = await getDb();
  const [item] = await db.select({ code: ksbs.code, text: ksbs.text }).from(ksbs).where(eq(ksbs.code, ksb)).limit(1);
  if (!item) throw new FieldError('ksb', 'Choose an item of the standard.');
  const facts = await practiceFacts(db, viewer.userId, ksb);
  if (!hasPractice(facts)) throw new FieldError('ksb', `You have no practice tagged ${ksb} yet: code cases or answer questions that practise it first.`);
  const now = new Date();
  const fields = {
    title: `Practice record: ${ksb}`,
    type: 'work_product' as const,
    activityDate: ukToday(now),
    account: practiceRecordAccount(item, facts, now),
  };
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(evidence).values({ ...fields, apprenticeId: viewer.userId }).returning({ id: evidence.id });
    await tx.insert(evidenceKsbs).values({ evidenceId: row!.id, ksbCode: ksb });
    await writeAudit(tx, viewer, { action: 'evidence.create', entityType: 'evidence', entityId: row!.id, after: { ...fields, account: undefined, ksbs: [ksb], fromPractice: true } });
    return { id: row!.id };
  });
}
