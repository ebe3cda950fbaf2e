import 'server-only';
import { PassThrough, Readable } from 'node:stream';
import { and, asc, eq, inArray, lt, ne, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { apprenticeships, evidence, evidenceFiles, evidenceReviews, evidenceVersions, ksbs, otjEntries, portfolioExports, standards, users, witnessStatements } from '@/db/schema';
import { ksbOrder } from '@/lib/content/standard';
import { NotFound } from '@/lib/errors';
import { getFileStorage } from '@/lib/files/storage';
import type { JobContext } from '@/lib/jobs';
import { writePortfolioZip } from '@/lib/portfolio/build-zip';
import { zipFileName } from '@/lib/portfolio/plan';
import type { PortfolioData, PortfolioPiece } from '@/lib/portfolio/types';
import { apprenticeIn, apprenticeshipsIn, authorize, recordDenied, writeAudit } from './access';
import type { Scope } from './policy';
import { jobQueue } from './jobs';
import type { Viewer } from './viewer';
import { statementColumns, witness } from './witness';

const apprentice = alias(users, 'apprentice');
const reviewer = alias(users, 'reviewer');

/** The apprenticeship whose portfolio is asked for, if the viewer may export it; else the same 404 as a missing one, recorded. */
async function requireExportable(viewer: Viewer, scope: Scope, apprenticeshipId: string) {
  const db = await getDb();
  const [row] = z.uuid().safeParse(apprenticeshipId).success
    ? await db
        .select({ apprenticeshipId: apprenticeships.id, apprenticeId: apprenticeships.apprenticeId, apprenticeName: apprentice.name, standardId: apprenticeships.standardId })
        .from(apprenticeships)
        .innerJoin(apprentice, eq(apprentice.id, apprenticeships.apprenticeId))
        // apprenticeshipsIn, not apprenticeIn: the latter's subquery on apprenticeships would shadow this one.
        .where(and(eq(apprenticeships.id, apprenticeshipId), apprenticeshipsIn(viewer, scope)))
    : [];
  if (!row) {
    await recordDenied(viewer, 'portfolio.export', 'apprenticeship', apprenticeshipId);
    throw new NotFound('apprenticeship');
  }
  return row;
}

/**
 * Who the portfolio of an apprenticeship belongs to, if the viewer may export it: the apprentice, their
 * trainer or an admin. Checked again on every request about an export being built.
 */
export async function getPortfolioExportSubject(viewer: Viewer, apprenticeshipId: string) {
  const scope = await authorize(viewer, 'portfolio.export', { type: 'apprenticeship', id: apprenticeshipId });
  const { standardId: _s, ...subject } = await requireExportable(viewer, scope, apprenticeshipId);
  return subject;
}

/**
 * Everything in an apprentice's portfolio, for the ZIP export: every piece (drafts only in the
 * apprentice's own copy) with its text, versions, reviews and decisions, witness statements and stored
 * files (with their storage keys, for the builder to read), the standard's KSBs and the off-the-job
 * log. A fixed handful of queries, however many pieces. Each export is written to the audit log.
 */
export async function getPortfolioExport(viewer: Viewer, apprenticeshipId: string): Promise<PortfolioData> {
  const scope = await authorize(viewer, 'portfolio.export', { type: 'apprenticeship', id: apprenticeshipId });
  const subject = await requireExportable(viewer, scope, apprenticeshipId);
  const includesDrafts = viewer.userId === subject.apprenticeId;
  const db = await getDb();
  const pieceWhere = and(eq(evidence.apprenticeId, subject.apprenticeId), apprenticeIn(viewer, scope, evidence.apprenticeId), includesDrafts ? sql`true` : ne(evidence.status, 'draft'));
  const pieceIds = db.select({ id: evidence.id }).from(evidence).where(pieceWhere);

  const [standard, pieces, versions, reviews, statements, files, otj] = await Promise.all([
    db
      .select({ reference: standards.reference, title: standards.title, version: standards.version, code: ksbs.code, text: ksbs.text })
      .from(standards)
      .innerJoin(ksbs, eq(ksbs.standardId, standards.id))
      .where(eq(standards.id, subject.standardId))
      .orderBy(asc(ksbs.sortOrder)),
    db
      .select({
        id: evidence.id,
        title: evidence.title,
        type: evidence.type,
        activityDate: evidence.activityDate,
        account: evidence.account,
        status: evidence.status,
        submissionNo: evidence.submissionNo,
        createdAt: evidence.createdAt,
        updatedAt: evidence.updatedAt,
        submittedAt: evidence.submittedAt,
        ksbs: sql<string[]>`coalesce((select array_agg(ek.ksb_code) from evidence_ksbs ek where ek.evidence_id = ${evidence.id}), '{}')`,
      })
      .from(evidence)
      .where(pieceWhere)
      .orderBy(asc(evidence.activityDate), asc(evidence.createdAt), asc(evidence.id)),
    db.select().from(evidenceVersions).where(inArray(evidenceVersions.evidenceId, pieceIds)).orderBy(asc(evidenceVersions.versionNo)),
    db
      .select({
        id: evidenceReviews.id,
        evidenceId: evidenceReviews.evidenceId,
        versionNo: evidenceReviews.versionNo,
        outcome: evidenceReviews.outcome,
        feedback: evidenceReviews.feedback,
        overrideReason: evidenceReviews.overrideReason,
        reviewerName: reviewer.name,
        createdAt: evidenceReviews.createdAt,
        decisions: sql<{ ksbCode: string; met: boolean }[]>`coalesce((select json_agg(json_build_object('ksbCode', d.ksb_code, 'met', d.met)) from evidence_ksb_decisions d where d.review_id = ${evidenceReviews.id}), '[]')`,
      })
      .from(evidenceReviews)
      .innerJoin(reviewer, eq(reviewer.id, evidenceReviews.reviewerId))
      .where(inArray(evidenceReviews.evidenceId, pieceIds))
      .orderBy(asc(evidenceReviews.createdAt), asc(evidenceReviews.id)),
    db
      .select({ ...statementColumns, evidenceId: witnessStatements.evidenceId })
      .from(witnessStatements)
      .innerJoin(witness, eq(witness.id, witnessStatements.witnessId))
      .where(inArray(witnessStatements.evidenceId, pieceIds))
      .orderBy(asc(witnessStatements.requestedAt)),
    db
      .select({
        id: evidenceFiles.id,
        evidenceId: evidenceFiles.evidenceId,
        fileName: evidenceFiles.fileName,
        mediaType: evidenceFiles.mediaType,
        sizeBytes: evidenceFiles.sizeBytes,
        sha256: evidenceFiles.sha256,
        storageKey: evidenceFiles.storageKey,
        uploadedAt: evidenceFiles.uploadedAt,
        removedAt: evidenceFiles.removedAt,
      })
      .from(evidenceFiles)
      .where(inArray(evidenceFiles.evidenceId, pieceIds))
      .orderBy(asc(evidenceFiles.uploadedAt), asc(evidenceFiles.id)),
    // Read here directly (not through the off-the-job log's functions): the export needs every entry as stored.
    db
      .select({
        activityDate: otjEntries.activityDate,
        minutes: otjEntries.minutes,
        activityType: otjEntries.activityType,
        description: otjEntries.description,
        ksbs: otjEntries.ksbs,
        status: otjEntries.status,
        reviewComment: otjEntries.reviewComment,
        reviewedAt: otjEntries.reviewedAt,
      })
      .from(otjEntries)
      .where(and(eq(otjEntries.apprenticeId, subject.apprenticeId), apprenticeIn(viewer, scope, otjEntries.apprenticeId)))
      .orderBy(asc(otjEntries.activityDate), asc(otjEntries.createdAt), asc(otjEntries.id)),
  ]);
  if (!standard.length) throw new NotFound('standard');

  const byPiece = <T extends { evidenceId: string }>(rows: T[]) => {
    const map = new Map<string, Omit<T, 'evidenceId'>[]>();
    for (const { evidenceId, ...rest } of rows) map.set(evidenceId, [...(map.get(evidenceId) ?? []), rest]);
    return map;
  };
  const versionsOf = byPiece(versions);
  const reviewsOf = byPiece(reviews.map((r) => ({ ...r, decisions: [...r.decisions].sort((a, b) => ksbOrder(a.ksbCode, b.ksbCode)) })));
  const statementsOf = byPiece(statements);
  const filesOf = byPiece(files);
  const evidenceOut: PortfolioPiece[] = pieces.map((p) => ({
    ...p,
    ksbs: [...p.ksbs].sort(ksbOrder),
    versions: (versionsOf.get(p.id) ?? []).map((v) => ({ ...v, ksbs: [...v.ksbs].sort(ksbOrder) })),
    reviews: reviewsOf.get(p.id) ?? [],
    witnessStatements: statementsOf.get(p.id) ?? [],
    files: filesOf.get(p.id) ?? [],
  }));

  const data: PortfolioData = {
    apprenticeshipId: subject.apprenticeshipId,
    apprentice: { id: subject.apprenticeId, name: subject.apprenticeName },
    standard: { reference: standard[0]!.reference, title: standard[0]!.title, version: standard[0]!.version },
    ksbs: standard.map(({ code, text }) => ({ code, text })),
    generatedAt: new Date(),
    includesDrafts,
    evidence: evidenceOut,
    otj,
  };
  await writeAudit(db, viewer, {
    action: 'portfolio.export',
    entityType: 'apprenticeship',
    entityId: subject.apprenticeshipId,
    after: { apprenticeId: subject.apprenticeId, pieces: evidenceOut.length, files: files.length, otjEntries: otj.length, includesDrafts },
  });
  return data;
}

// ---------------------------------------------------------------------------------------------------
// Exports as background jobs (issue 16): the request is a row in portfolio_exports and a job in the
// queue; the worker (any instance) builds the ZIP into the file store and keeps the row's progress.

/** How long a ZIP is kept after it was asked for; the cleanup job removes it (and its row) after that. */
export const EXPORT_KEEP_MS = 60 * 60 * 1000;

/** The progress of an export as the page polls it: nothing about where it is stored. */
export type PortfolioExportStatus = { token: string; done: number; total: number; ready: boolean; failed: boolean };
const statusOf = (r: { id: string; done: number; total: number; status: string }): PortfolioExportStatus => ({
  token: r.id,
  done: r.done,
  total: r.total,
  ready: r.status === 'ready',
  failed: r.status === 'failed',
});

/**
 * Asks for the portfolio ZIP of an apprenticeship: the viewer must be allowed to export it (the apprentice,
 * their trainer, an admin). Recorded, then queued; the answer's token follows its progress.
 */
export async function startPortfolioExport(viewer: Viewer, apprenticeshipId: string): Promise<PortfolioExportStatus> {
  const scope = await authorize(viewer, 'portfolio.export', { type: 'apprenticeship', id: apprenticeshipId });
  const subject = await requireExportable(viewer, scope, apprenticeshipId);
  const db = await getDb();
  const row = await db.transaction(async (tx) => {
    const [r] = await tx.insert(portfolioExports).values({ requestedBy: viewer.userId, apprenticeshipId: subject.apprenticeshipId }).returning();
    await writeAudit(tx, viewer, { action: 'portfolio.export.request', entityType: 'portfolio_export', entityId: r!.id, after: { apprenticeshipId: subject.apprenticeshipId } });
    return r!;
  });
  // Sent once the row is committed (a worker must find it). Should this process die in between, the row
  // stays queued with no job; the cleanup removes it within the hour, and the page says to try again.
  await (await jobQueue()).send('portfolio-export', { exportId: row.id });
  return statusOf(row);
}

/** The viewer's own export of this apprenticeship, or a recorded 404 (someone else's export is a missing one). */
async function requireOwnExport(viewer: Viewer, apprenticeshipId: string, exportId: string) {
  const scope = await authorize(viewer, 'portfolio.export', { type: 'apprenticeship', id: apprenticeshipId });
  await requireExportable(viewer, scope, apprenticeshipId);
  const db = await getDb();
  const [row] = z.uuid().safeParse(exportId).success
    ? await db
        .select()
        .from(portfolioExports)
        .where(and(eq(portfolioExports.id, exportId), eq(portfolioExports.requestedBy, viewer.userId), eq(portfolioExports.apprenticeshipId, apprenticeshipId)))
    : [];
  if (!row) {
    await recordDenied(viewer, 'portfolio.export', 'portfolio_export', exportId);
    throw new NotFound('portfolio export');
  }
  return row;
}

/**
 * How far an export has got, for the viewer who asked for it. Who may export is asked again on every
 * call (a trainer unassigned meanwhile loses it).
 */
export async function getPortfolioExportStatus(viewer: Viewer, apprenticeshipId: string, exportId: string): Promise<PortfolioExportStatus> {
  return statusOf(await requireOwnExport(viewer, apprenticeshipId, exportId));
}

/** The finished ZIP as a stream with its name and size; null while it is not ready. Recorded as a download. */
export async function openPortfolioExport(viewer: Viewer, apprenticeshipId: string, exportId: string) {
  const row = await requireOwnExport(viewer, apprenticeshipId, exportId);
  if (row.status !== 'ready' || !row.storageKey) return null;
  const storage = getFileStorage('exports');
  // Removed an hour after it was asked for (the row goes with it, so this is a race with the cleanup).
  if (!(await storage.exists(row.storageKey))) throw new NotFound('portfolio export file');
  await writeAudit(await getDb(), viewer, { action: 'portfolio.export.download', entityType: 'portfolio_export', entityId: row.id, after: { apprenticeshipId, sizeBytes: row.sizeBytes } });
  return { body: await storage.get(row.storageKey), fileName: row.fileName ?? 'portfolio.zip', sizeBytes: row.sizeBytes };
}

/** The viewer a background job acts for: the user as they are now (disabled or gone: none). */
export async function viewerOfUser(userId: string): Promise<Viewer | null> {
  const db = await getDb();
  const [u] = await db
    .select({ userId: users.id, role: users.role, organisationId: users.organisationId, name: users.name, email: users.email, mustChangePassword: users.mustChangePassword, active: users.active })
    .from(users)
    .where(eq(users.id, userId));
  if (!u || !u.active) return null;
  const { active: _a, ...viewer } = u;
  return viewer;
}

/**
 * Records an export as failed for good (once; a finished one stays finished): its last try failed, or
 * the process running its last try died (the queue's onAbandoned).
 */
export async function failPortfolioExport(exportId: string, error: string): Promise<void> {
  const db = await getDb();
  const [failed] = await db
    .update(portfolioExports)
    .set({ status: 'failed', error, finishedAt: sql`now()` })
    .where(and(eq(portfolioExports.id, exportId), ne(portfolioExports.status, 'ready'), ne(portfolioExports.status, 'failed')))
    .returning({ id: portfolioExports.id });
  if (failed) await writeAudit(db, null, { action: 'portfolio.export.failed', entityType: 'portfolio_export', entityId: exportId, after: { error } });
}

/**
 * The worker's half of an export (queue `portfolio-export`). Idempotent: a finished export is left as it
 * is; a run interrupted (crash, stop) starts again from nothing, and of two runs racing, the first to
 * finish keeps its ZIP and the other removes its own. The data are gathered as the person who asked,
 * with their access as it is now: refused (unassigned, disabled meanwhile) fails the export for good.
 */
export async function runPortfolioExport(exportId: string, job?: JobContext): Promise<void> {
  const db = await getDb();
  const [row] = await db.select().from(portfolioExports).where(eq(portfolioExports.id, exportId));
  // Gone (cleaned up) or done. A failed one runs again: only an admin's retry of its failed job gets here.
  if (!row || row.status === 'ready') return;
  const fail = (error: string) => failPortfolioExport(exportId, error);
  const viewer = await viewerOfUser(row.requestedBy);
  if (!viewer) return fail('The person who asked for it can no longer sign in.');
  let data: PortfolioData;
  try {
    data = await getPortfolioExport(viewer, row.apprenticeshipId);
  } catch (e) {
    if (e instanceof NotFound) return fail('The person who asked for it may no longer export this portfolio.');
    throw e;
  }
  await db.update(portfolioExports).set({ status: 'running', startedAt: sql`now()`, done: 0, total: 0, fileName: zipFileName(data.apprentice.name, data.generatedAt) }).where(eq(portfolioExports.id, exportId));

  // Progress is written as it goes: at once at the start and the end, else at most every 200 ms, the
  // latest figure always written in the end (a run held up mid-way shows how far it got), in order.
  let written = Promise.resolve();
  let progressFailure: unknown = null;
  let lastWrite = 0;
  let latest: [number, number] = [0, 0];
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    timer = null;
    lastWrite = Date.now();
    const [done, total] = latest;
    written = written
      .then(async () => {
        await db.update(portfolioExports).set({ done, total }).where(and(eq(portfolioExports.id, exportId), eq(portfolioExports.status, 'running')));
      })
      .catch((e: unknown) => void (progressFailure ??= e)); // reported once the ZIP is written, never left unhandled
  };
  const progress = (done: number, total: number) => {
    latest = [done, total];
    if (done === 0 || done === total || Date.now() - lastWrite >= 200) {
      if (timer) clearTimeout(timer);
      flush();
    } else timer ??= setTimeout(flush, 200);
  };
  const stopProgress = () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
  const storage = getFileStorage('exports');
  const pipe = new PassThrough();
  // A stream of unknown length: written as it is made (on S3 a multipart upload), never whole in memory.
  const stored = storage.put(Readable.toWeb(pipe) as ReadableStream<Uint8Array>);
  try {
    await writePortfolioZip(data, pipe, progress);
  } catch (e) {
    stopProgress();
    pipe.destroy(e as Error);
    await stored.catch(() => {});
    await written.catch(() => {});
    if (job && job.retryCount >= job.retryLimit) await fail(e instanceof Error ? e.message : String(e));
    throw e;
  }
  stopProgress();
  const key = await stored;
  await written;
  const sizeBytes = (await storage.size(key)) ?? 0;
  if (progressFailure) {
    await storage.delete(key);
    throw progressFailure;
  }
  const [finished] = await db
    .update(portfolioExports)
    .set({ status: 'ready', storageKey: key, sizeBytes, finishedAt: sql`now()` })
    .where(and(eq(portfolioExports.id, exportId), ne(portfolioExports.status, 'ready')))
    .returning({ id: portfolioExports.id });
  if (!finished) {
    await storage.delete(key); // another run got there first (or the export was given up): keep theirs
    return;
  }
  await writeAudit(db, null, { action: 'portfolio.export.ready', entityType: 'portfolio_export', entityId: exportId, after: { entries: data.evidence.length, sizeBytes } });
}

/** The cleanup job: exports asked for over an hour ago lose their ZIP and their row, each recorded. */
export async function removeExpiredPortfolioExports(now = new Date()): Promise<number> {
  const db = await getDb();
  const old = await db
    .select({ id: portfolioExports.id, storageKey: portfolioExports.storageKey })
    .from(portfolioExports)
    .where(lt(portfolioExports.createdAt, new Date(now.getTime() - EXPORT_KEEP_MS)));
  const storage = getFileStorage('exports');
  for (const { id, storageKey } of old) {
    if (storageKey) await storage.delete(storageKey);
    await db.transaction(async (tx) => {
      await tx.delete(portfolioExports).where(eq(portfolioExports.id, id));
      await writeAudit(tx, null, { action: 'portfolio.export.expire', entityType: 'portfolio_export', entityId: id });
    });
  }
  return old.length;
}
