import 'server-only';
import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { apprenticeships, evidence, evidenceFiles, evidenceReviews, evidenceVersions, ksbs, otjEntries, standards, users, witnessStatements } from '@/db/schema';
import { ksbOrder } from '@/lib/content/standard';
import { NotFound } from '@/lib/errors';
import type { PortfolioData, PortfolioPiece } from '@/lib/portfolio/types';
import { apprenticeIn, apprenticeshipsIn, authorize, recordDenied, writeAudit } from './access';
import type { Scope } from './policy';
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
