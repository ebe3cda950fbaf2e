import 'server-only';
import { parseInput } from '@/lib/forms/parse-input';
import { and, asc, desc, eq, gt, ne, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { pageNumber } from '@/lib/forms/fields';
import { getDb, type DbOrTx } from '@/db/client';
import { evidence, evidenceKsbDecisions, evidenceReviews, evidenceVersions, users } from '@/db/schema';
import { ksbOrder } from '@/lib/content/standard';
import { Conflict, FieldError, NotFound } from '@/lib/errors';
import { decisionProblem, KSB_DECISION_LABEL, MarkInput, OverrideInput } from '@/lib/evidence/marking-schemas';
import { formatDateTime } from '@/lib/format';
import { nextInQueue } from '@/lib/evidence/next-in-queue';
import { findNhsNumbers } from '@/lib/privacy/nhs-number';
import { titles } from '@/lib/notifications/titles';
import { apprenticeIn, authorize, recordDenied, writeAudit } from './access';
import { queueNotificationEmails } from './notification-mail';
import { notify } from './notify';
import type { Viewer } from './viewer';

export const QUEUE_PAGE_SIZE = 25;

export const QueueFilter = z.object({
  cohortId: z.union([z.uuid(), z.literal('')]).catch(''),
  apprenticeId: z.union([z.uuid(), z.literal('')]).catch(''),
  ksb: z.string().regex(/^([KSB]\d{1,2})?$/).catch(''),
  page: pageNumber(),
});

/** Submitted evidence from the trainer's apprentices, oldest first: the order it should be marked in. */
export async function listMarkingQueue(viewer: Viewer, filter: Partial<Record<keyof z.input<typeof QueueFilter>, string>> = {}) {
  const scope = await authorize(viewer, 'evidence.mark');
  const f = QueueFilter.parse(filter);
  const db = await getDb();
  const conditions: SQL[] = [eq(evidence.status, 'submitted'), apprenticeIn(viewer, scope, evidence.apprenticeId)];
  if (f.apprenticeId) conditions.push(eq(evidence.apprenticeId, f.apprenticeId));
  if (f.cohortId) conditions.push(sql`exists (select 1 from apprenticeships a where a.apprentice_id = ${evidence.apprenticeId} and a.cohort_id = ${f.cohortId})`);
  if (f.ksb) conditions.push(sql`exists (select 1 from evidence_ksbs ek where ek.evidence_id = ${evidence.id} and ek.ksb_code = ${f.ksb})`);
  const where = and(...conditions);
  // The count is its own query: a window count would make the per-row subqueries run for every
  // waiting piece, not just the page shown.
  const [rows, [count]] = await Promise.all([
    db
      .select({
        id: evidence.id,
        title: evidence.title,
        type: evidence.type,
        submittedAt: evidence.submittedAt,
        versionNo: evidence.submissionNo,
        apprenticeId: evidence.apprenticeId,
        apprenticeName: users.name,
        cohortName: sql<string | null>`(select c.name from apprenticeships a join cohorts c on c.id = a.cohort_id where a.apprentice_id = ${evidence.apprenticeId} order by a.start_date desc limit 1)`,
        ksbs: sql<string[]>`coalesce((select array_agg(ek.ksb_code) from evidence_ksbs ek where ek.evidence_id = ${evidence.id}), '{}')`,
      })
      .from(evidence)
      .innerJoin(users, eq(users.id, evidence.apprenticeId))
      .where(where)
      .orderBy(asc(evidence.submittedAt), asc(evidence.id))
      .limit(QUEUE_PAGE_SIZE)
      .offset((f.page - 1) * QUEUE_PAGE_SIZE),
    db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(evidence).where(where),
  ]);
  return {
    rows: rows.map((r) => ({ ...r, ksbs: [...r.ksbs].sort(ksbOrder) })),
    total: count?.n ?? 0,
    page: f.page,
    pageSize: QUEUE_PAGE_SIZE,
  };
}

/** How many pieces wait for this trainer: shown beside "Marking" in the navigation. */
export async function countMarkingQueue(viewer: Viewer): Promise<number> {
  const scope = await authorize(viewer, 'evidence.mark');
  const db = await getDb();
  const [row] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(evidence)
    .where(and(eq(evidence.status, 'submitted'), apprenticeIn(viewer, scope, evidence.apprenticeId)));
  return row?.n ?? 0;
}

/**
 * "Save and next": the piece to open after the trainer's decision on `afterId` — the next one waiting
 * in the queue's order (oldest first), wrapping to the oldest still waiting; null when the queue is
 * empty. `afterId` must be a piece the trainer may mark (any status: it has usually just been
 * decided); anyone else's id is the same 404 as a missing one.
 */
export async function getNextToMark(viewer: Viewer, afterId: string) {
  const scope = await authorize(viewer, 'evidence.mark', { type: 'evidence', id: afterId });
  const db = await getDb();
  const mine = apprenticeIn(viewer, scope, evidence.apprenticeId);
  const [current] = z.uuid().safeParse(afterId).success
    ? await db.select({ id: evidence.id, submittedAt: evidence.submittedAt }).from(evidence).where(and(eq(evidence.id, afterId), mine))
    : [];
  if (!current) {
    await recordDenied(viewer, 'evidence.mark', 'evidence', afterId);
    throw new NotFound('evidence');
  }
  const waiting = and(eq(evidence.status, 'submitted'), ne(evidence.id, afterId), mine);
  const place = { id: evidence.id, title: evidence.title, submittedAt: evidence.submittedAt };
  const order = [asc(evidence.submittedAt), asc(evidence.id)];
  // Two candidates, each one indexed row: the first after the current piece, and the oldest of all.
  const later = current.submittedAt
    ? or(gt(evidence.submittedAt, current.submittedAt), and(eq(evidence.submittedAt, current.submittedAt), gt(evidence.id, current.id)))
    : sql`true`;
  const [after, first] = await Promise.all([
    db.select(place).from(evidence).where(and(waiting, later)).orderBy(...order).limit(1),
    db.select(place).from(evidence).where(waiting).orderBy(...order).limit(1),
  ]);
  const next = nextInQueue([...after, ...first], current);
  return next ? { id: next.id, title: next.title } : null;
}

type ReviewRow = {
  id: string;
  versionNo: number;
  outcome: 'accepted' | 'referred';
  feedback: string;
  overrideReason: string | null;
  reviewerName: string;
  createdAt: Date;
  decisions: { ksbCode: string; met: boolean }[];
};

async function reviewsOf(db: DbOrTx, evidenceId: string): Promise<ReviewRow[]> {
  const rows = await db
    .select({
      id: evidenceReviews.id,
      versionNo: evidenceReviews.versionNo,
      outcome: evidenceReviews.outcome,
      feedback: evidenceReviews.feedback,
      overrideReason: evidenceReviews.overrideReason,
      reviewerName: users.name,
      createdAt: evidenceReviews.createdAt,
      decisions: sql<{ ksbCode: string; met: boolean }[]>`coalesce((select json_agg(json_build_object('ksbCode', d.ksb_code, 'met', d.met)) from evidence_ksb_decisions d where d.review_id = ${evidenceReviews.id}), '[]')`,
    })
    .from(evidenceReviews)
    .innerJoin(users, eq(users.id, evidenceReviews.reviewerId))
    .where(eq(evidenceReviews.evidenceId, evidenceId))
    .orderBy(desc(evidenceReviews.createdAt), desc(evidenceReviews.id));
  return rows.map((r) => ({ ...r, decisions: [...r.decisions].sort((a, b) => ksbOrder(a.ksbCode, b.ksbCode)) }));
}

/**
 * Every submitted version of a piece, newest first, each with its decisions and feedback. The
 * apprentice, their trainer and an admin read it; an employer contact does not (feedback is between
 * apprentice and trainer).
 */
export async function getEvidenceHistory(viewer: Viewer, evidenceId: string) {
  const scope = await authorize(viewer, 'evidence.history.read', { type: 'evidence', id: evidenceId });
  if (!z.uuid().safeParse(evidenceId).success) throw new NotFound('evidence');
  const db = await getDb();
  const [owner] = await db
    .select({ id: evidence.id })
    .from(evidence)
    .where(and(eq(evidence.id, evidenceId), apprenticeIn(viewer, scope, evidence.apprenticeId)));
  if (!owner) {
    await recordDenied(viewer, 'evidence.history.read', 'evidence', evidenceId);
    throw new NotFound('evidence');
  }
  const [versions, reviews] = await Promise.all([
    db.select().from(evidenceVersions).where(eq(evidenceVersions.evidenceId, evidenceId)).orderBy(desc(evidenceVersions.versionNo)),
    reviewsOf(db, evidenceId),
  ]);
  return versions.map((v) => ({ ...v, ksbs: [...v.ksbs].sort(ksbOrder), reviews: reviews.filter((r) => r.versionNo === v.versionNo) }));
}

/** The sentence a second marker sees: what the first one decided, so they know what stands. */
function describeDecision(r: ReviewRow): string {
  const items = r.decisions.map((d) => `${d.ksbCode} ${KSB_DECISION_LABEL[d.met ? 'met' : 'not_met'].toLowerCase()}`).join(', ');
  const outcome = r.outcome === 'accepted' ? 'accepted it' : 'referred it back';
  return `${r.reviewerName} ${outcome} on ${formatDateTime(r.createdAt)}${items ? ` (${items})` : ''}.`;
}

function refusePatientIdentifiers(fields: Record<string, string>) {
  for (const [field, text] of Object.entries(fields)) {
    const [found] = findNhsNumbers(text);
    if (found) throw new FieldError(field, `This contains “${found.text}”, which looks like an NHS number. Feedback must never hold patient data: remove it and save again.`);
  }
}

async function requireMarkable(viewer: Viewer, permission: 'evidence.mark' | 'evidence.override', id: string) {
  const scope = await authorize(viewer, permission, { type: 'evidence', id });
  const db = await getDb();
  const [row] = await db
    .select({ status: evidence.status, submissionNo: evidence.submissionNo, apprenticeId: evidence.apprenticeId })
    .from(evidence)
    .where(and(eq(evidence.id, id), apprenticeIn(viewer, scope, evidence.apprenticeId)));
  if (!row) {
    await recordDenied(viewer, permission, 'evidence', id);
    throw new NotFound('evidence');
  }
  const [version] = await db
    .select({ ksbs: evidenceVersions.ksbs })
    .from(evidenceVersions)
    .where(and(eq(evidenceVersions.evidenceId, id), eq(evidenceVersions.versionNo, row.submissionNo)));
  return { ...row, claimed: version?.ksbs ?? [] };
}

async function writeReview(
  tx: DbOrTx,
  viewer: Viewer,
  input: { id: string; rowVersion: number; outcome: 'accepted' | 'referred'; decisions: Record<string, 'met' | 'not_met'>; feedback: string; reason?: string },
  expect: { status: 'submitted' | 'accepted'; versionNo: number },
) {
  const [updated] = await tx
    .update(evidence)
    .set({ status: input.outcome, rowVersion: sql`${evidence.rowVersion} + 1`, updatedAt: sql`now()` })
    .where(and(eq(evidence.id, input.id), eq(evidence.rowVersion, input.rowVersion), eq(evidence.status, expect.status), eq(evidence.submissionNo, expect.versionNo)))
    .returning({ rowVersion: evidence.rowVersion });
  if (!updated) return null;
  const [review] = await tx
    .insert(evidenceReviews)
    .values({ evidenceId: input.id, versionNo: expect.versionNo, reviewerId: viewer.userId, outcome: input.outcome, feedback: input.feedback, overrideReason: input.reason ?? null })
    .returning({ id: evidenceReviews.id });
  const decisions = Object.entries(input.decisions);
  if (decisions.length) await tx.insert(evidenceKsbDecisions).values(decisions.map(([ksbCode, d]) => ({ reviewId: review!.id, ksbCode, met: d === 'met' })));
  return { reviewId: review!.id, rowVersion: updated.rowVersion };
}

/** Explains why a decision was not saved: someone decided first, or the piece changed underneath. */
async function conflictFor(id: string): Promise<Conflict> {
  const db = await getDb();
  const [latest] = await reviewsOf(db, id);
  const [now] = await db.select({ status: evidence.status }).from(evidence).where(eq(evidence.id, id));
  if (latest && now?.status !== 'submitted')
    return new Conflict(`Your decision was not saved: ${describeDecision(latest)} Nothing was overwritten. Reload to see the decision that stands.`);
  return new Conflict('Your decision was not saved: this evidence changed after you opened it. Reload to see it as it is now.');
}

/**
 * The trainer's decision on the submitted version: each claimed KSB met or not yet met, feedback, and
 * accept or refer back. One transaction; refused if anyone decided first (the row version and the
 * status are checked in the same UPDATE).
 */
export async function markEvidence(viewer: Viewer, input: MarkInput) {
  const data = parseInput(MarkInput, input);
  const current = await requireMarkable(viewer, 'evidence.mark', data.id);
  if (current.status !== 'submitted') throw await conflictFor(data.id);
  const problem = decisionProblem(current.claimed, data.decisions, data.outcome);
  if (problem) throw new FieldError('decisions', problem);
  refusePatientIdentifiers({ feedback: data.feedback });
  const db = await getDb();
  const saved = await db
    .transaction(async (tx) => {
      const result = await writeReview(tx, viewer, data, { status: 'submitted', versionNo: current.submissionNo });
      if (!result) return null;
      await writeAudit(tx, viewer, {
        action: data.outcome === 'accepted' ? 'evidence.accept' : 'evidence.refer',
        entityType: 'evidence',
        entityId: data.id,
        after: { version: current.submissionNo, decisions: data.decisions, feedback: data.feedback },
      });
      const told = await notify(tx, { recipients: [current.apprenticeId], kind: 'evidence_decided', title: titles.evidenceDecided(viewer.name, data.outcome), link: `/apprentice/evidence/${data.id}`, actorId: viewer.userId });
      return { result, told };
    })
    .catch((e: unknown) => {
      // The one-decision-per-version index is the last line of defence against a concurrent marker.
      if (isUniqueViolation(e)) return null;
      throw e;
    });
  if (!saved) throw await conflictFor(data.id);
  await queueNotificationEmails(saved.told);
  return saved.result;
}

/** An admin changes an accepted (final) decision, with a reason kept beside it and in the audit log. */
export async function overrideEvidenceDecision(viewer: Viewer, input: z.input<typeof OverrideInput>) {
  const data = parseInput(OverrideInput, input);
  const current = await requireMarkable(viewer, 'evidence.override', data.id);
  if (current.status !== 'accepted') throw new Conflict('Only an accepted decision can be overridden; this evidence is not accepted now. Reload to see it as it is.');
  const problem = decisionProblem(current.claimed, data.decisions, data.outcome);
  if (problem) throw new FieldError('decisions', problem);
  refusePatientIdentifiers({ feedback: data.feedback, reason: data.reason });
  const db = await getDb();
  const saved = await db.transaction(async (tx) => {
    const [before] = await reviewsOf(tx, data.id);
    const result = await writeReview(tx, viewer, data, { status: 'accepted', versionNo: current.submissionNo });
    if (!result) return null;
    await writeAudit(tx, viewer, {
      action: 'evidence.override',
      entityType: 'evidence',
      entityId: data.id,
      before: before ? { outcome: before.outcome, decisions: before.decisions, reviewer: before.reviewerName } : null,
      after: { outcome: data.outcome, decisions: data.decisions, feedback: data.feedback, reason: data.reason },
    });
    const told = await notify(tx, { recipients: [current.apprenticeId], kind: 'evidence_decided', title: titles.evidenceOverridden(viewer.name), link: `/apprentice/evidence/${data.id}`, actorId: viewer.userId });
    return { result, told };
  });
  if (!saved) throw new Conflict('Your override was not saved: this evidence changed after you opened it. Reload to see it as it is now.');
  await queueNotificationEmails(saved.told);
  return saved.result;
}

function isUniqueViolation(e: unknown): boolean {
  for (let c: unknown = e; c && typeof c === 'object'; c = (c as { cause?: unknown }).cause) if ((c as { code?: string }).code === '23505') return true;
  return false;
}

/**
 * The KSBs an apprentice has met: each judged met in the standing decision (the latest review) on a
 * piece of evidence that is accepted now. Counts toward coverage from the moment of acceptance.
 */
export async function listMetKsbs(viewer: Viewer, apprenticeId: string) {
  const scope = await authorize(viewer, 'evidence.read', { type: 'user', id: apprenticeId });
  const db = await getDb();
  const visible =
    z.uuid().safeParse(apprenticeId).success &&
    (await db.select({ id: users.id }).from(users).where(and(eq(users.id, apprenticeId), apprenticeIn(viewer, scope, users.id)))).length > 0;
  if (!visible) {
    await recordDenied(viewer, 'evidence.read', 'user', apprenticeId);
    throw new NotFound('apprentice');
  }
  const standing = db
    .selectDistinctOn([evidenceReviews.evidenceId], { id: evidenceReviews.id, evidenceId: evidenceReviews.evidenceId, createdAt: evidenceReviews.createdAt })
    .from(evidenceReviews)
    .innerJoin(evidence, eq(evidence.id, evidenceReviews.evidenceId))
    .where(and(eq(evidence.apprenticeId, apprenticeId), eq(evidence.status, 'accepted'), apprenticeIn(viewer, scope, evidence.apprenticeId)))
    .orderBy(evidenceReviews.evidenceId, desc(evidenceReviews.createdAt), desc(evidenceReviews.id))
    .as('standing');
  const rows = await db
    .select({ ksbCode: evidenceKsbDecisions.ksbCode, evidenceId: standing.evidenceId, title: evidence.title, decidedAt: standing.createdAt })
    .from(standing)
    .innerJoin(evidenceKsbDecisions, and(eq(evidenceKsbDecisions.reviewId, standing.id), eq(evidenceKsbDecisions.met, true)))
    .innerJoin(evidence, eq(evidence.id, standing.evidenceId))
    .orderBy(asc(standing.createdAt));
  return rows.sort((a, b) => ksbOrder(a.ksbCode, b.ksbCode));
}

