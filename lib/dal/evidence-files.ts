import 'server-only';
import crypto from 'node:crypto';
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, type DbOrTx } from '@/db/client';
import { evidence, evidenceFiles, evidenceVersions } from '@/db/schema';
import { Conflict, NotFound } from '@/lib/errors';
import { FileRefused, MAX_FILE_BYTES, MAX_FILES_PER_EVIDENCE, cleanFileName, detectFileType, tooLargeMessage, tooManyMessage } from '@/lib/files/file-types';
import { getFileStorage } from '@/lib/files/storage';
import { refuseUnsafeFileContent } from '@/lib/files/text';
import { apprenticeIn, authorize, recordDenied, writeAudit } from './access';
import { mayReadContent } from './evidence';
import type { Scope } from './policy';
import type { Viewer } from './viewer';

const isUuid = (id: string) => z.uuid().safeParse(id).success;
const EDITABLE = ['draft', 'referred'] as const;
const NOT_EDITABLE = 'This evidence has been submitted, so its files can no longer be changed here.';

/**
 * The piece whose files the viewer asks for, if they may read them: within the permission's scope and,
 * for an employer contact, only where they were asked for a witness statement. Else the same 404 as a
 * missing piece, recorded.
 */
async function requireFilesReadable(viewer: Viewer, scope: Scope, evidenceId: string) {
  const db = await getDb();
  const [row] = isUuid(evidenceId)
    ? await db
        .select({ id: evidence.id })
        .from(evidence)
        .where(and(eq(evidence.id, evidenceId), apprenticeIn(viewer, scope, evidence.apprenticeId)))
    : [];
  if (!row || !(await mayReadContent(viewer, evidenceId))) {
    await recordDenied(viewer, 'evidence.files.read', 'evidence', evidenceId);
    throw new NotFound('evidence');
  }
}

/** The files attached to a piece now (files detached from it stay readable through its versions). */
export async function listEvidenceFiles(viewer: Viewer, evidenceId: string) {
  const scope = await authorize(viewer, 'evidence.files.read', { type: 'evidence', id: evidenceId });
  await requireFilesReadable(viewer, scope, evidenceId);
  const db = await getDb();
  return db
    .select({ id: evidenceFiles.id, fileName: evidenceFiles.fileName, mediaType: evidenceFiles.mediaType, sizeBytes: evidenceFiles.sizeBytes, uploadedAt: evidenceFiles.uploadedAt })
    .from(evidenceFiles)
    .where(and(eq(evidenceFiles.evidenceId, evidenceId), isNull(evidenceFiles.removedAt)))
    .orderBy(asc(evidenceFiles.uploadedAt), asc(evidenceFiles.id));
}

/**
 * Only the apprentice's own evidence, while a draft or referred back. Checked before any transaction:
 * the refusal is written to the audit log, which a rolled-back transaction would lose.
 */
async function requireOwnEditable(viewer: Viewer, evidenceId: string) {
  const db = await getDb();
  const [row] = isUuid(evidenceId) ? await db.select({ apprenticeId: evidence.apprenticeId, status: evidence.status }).from(evidence).where(eq(evidence.id, evidenceId)) : [];
  if (!row || row.apprenticeId !== viewer.userId) {
    await recordDenied(viewer, 'evidence.write', 'evidence', evidenceId);
    throw new NotFound('evidence');
  }
  if (!(EDITABLE as readonly string[]).includes(row.status)) throw new Conflict(NOT_EDITABLE);
}

const currentFileCount = async (db: DbOrTx, evidenceId: string) =>
  (
    await db
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(evidenceFiles)
      .where(and(eq(evidenceFiles.evidenceId, evidenceId), isNull(evidenceFiles.removedAt)))
  )[0]!.n;

/**
 * The apprentice attaches a file to their draft (or a piece referred back). Refused, saying why, when
 * the piece has its 5 files, the file is over 10 MB, its content is not an allowed type, it expands
 * past the reading limits, a PDF carries active content, or any part of it holds an NHS number. The
 * bytes are stored first, then the row is written with its audit entry in one transaction; if that
 * fails the bytes are deleted again, so no file is kept that no row points to.
 */
export async function addEvidenceFile(viewer: Viewer, input: { evidenceId: string; fileName: string; bytes: Uint8Array }) {
  await authorize(viewer, 'evidence.write', { type: 'evidence', id: input.evidenceId });
  const { evidenceId } = input;
  await requireOwnEditable(viewer, evidenceId);
  let fileName = cleanFileName(input.fileName);
  const bytes = input.bytes;
  if (bytes.byteLength > MAX_FILE_BYTES) throw new FileRefused(tooLargeMessage(fileName, bytes.byteLength), 413);
  const db = await getDb();
  if ((await currentFileCount(db, evidenceId)) >= MAX_FILES_PER_EVIDENCE) throw new FileRefused(tooManyMessage());
  const { mediaType } = await detectFileType(bytes, fileName);
  fileName = cleanFileName(fileName, mediaType);
  // Read in a worker thread, within limits: bombs, PDF active content, NHS numbers in any part.
  await refuseUnsafeFileContent(bytes, mediaType, fileName);
  const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');

  const storage = getFileStorage();
  const storageKey = await storage.put(bytes);
  try {
    return await db.transaction(async (tx) => {
      // Locks the piece, so two uploads at once are counted one after the other.
      const [locked] = await tx
        .update(evidence)
        .set({ updatedAt: sql`now()` })
        .where(and(eq(evidence.id, evidenceId), eq(evidence.apprenticeId, viewer.userId), inArray(evidence.status, EDITABLE)))
        .returning({ id: evidence.id });
      if (!locked) throw new Conflict(NOT_EDITABLE);
      if ((await currentFileCount(tx, evidenceId)) >= MAX_FILES_PER_EVIDENCE) throw new FileRefused(tooManyMessage());
      const [row] = await tx
        .insert(evidenceFiles)
        .values({ evidenceId, storageKey, fileName, mediaType, sizeBytes: bytes.byteLength, sha256, uploadedBy: viewer.userId })
        .returning({ id: evidenceFiles.id, fileName: evidenceFiles.fileName, mediaType: evidenceFiles.mediaType, sizeBytes: evidenceFiles.sizeBytes, uploadedAt: evidenceFiles.uploadedAt });
      await writeAudit(tx, viewer, {
        action: 'evidence.file.add',
        entityType: 'evidence',
        entityId: evidenceId,
        after: { fileId: row!.id, fileName, mediaType, sizeBytes: bytes.byteLength, sha256 },
      });
      return row!;
    });
  } catch (e) {
    await storage.delete(storageKey);
    throw e;
  }
}

/**
 * The apprentice removes a file from their draft (or a piece referred back). A file that was part of a
 * submitted version is only detached, so that version stays whole; any other is deleted, bytes too.
 */
export async function removeEvidenceFile(viewer: Viewer, input: { fileId: string }) {
  await authorize(viewer, 'evidence.write', { type: 'evidence_file', id: input.fileId });
  const { fileId } = input;
  const db = await getDb();
  const [file] = isUuid(fileId)
    ? await db
        .select({ evidenceId: evidenceFiles.evidenceId, storageKey: evidenceFiles.storageKey, fileName: evidenceFiles.fileName, apprenticeId: evidence.apprenticeId, status: evidence.status })
        .from(evidenceFiles)
        .innerJoin(evidence, eq(evidence.id, evidenceFiles.evidenceId))
        .where(and(eq(evidenceFiles.id, fileId), isNull(evidenceFiles.removedAt)))
    : [];
  if (!file || file.apprenticeId !== viewer.userId) {
    await recordDenied(viewer, 'evidence.write', 'evidence_file', fileId);
    throw new NotFound('evidence file');
  }
  if (!(EDITABLE as readonly string[]).includes(file.status)) throw new Conflict(NOT_EDITABLE);

  const outcome = await db.transaction(async (tx) => {
    const [locked] = await tx
      .update(evidence)
      .set({ updatedAt: sql`now()` })
      .where(and(eq(evidence.id, file.evidenceId), eq(evidence.apprenticeId, viewer.userId), inArray(evidence.status, EDITABLE)))
      .returning({ id: evidence.id });
    if (!locked) throw new Conflict(NOT_EDITABLE);
    // versions.files is a jsonb array of {id, fileName, …}: containment finds the file in any version.
    const [inVersion] = await tx
      .select({ versionNo: evidenceVersions.versionNo })
      .from(evidenceVersions)
      .where(and(eq(evidenceVersions.evidenceId, file.evidenceId), sql`${evidenceVersions.files} @> ${JSON.stringify([{ id: fileId }])}::jsonb`))
      .limit(1);
    let done: { id: string }[];
    if (inVersion) {
      done = await tx.update(evidenceFiles).set({ removedAt: sql`now()` }).where(and(eq(evidenceFiles.id, fileId), isNull(evidenceFiles.removedAt))).returning({ id: evidenceFiles.id });
    } else {
      done = await tx.delete(evidenceFiles).where(and(eq(evidenceFiles.id, fileId), isNull(evidenceFiles.removedAt))).returning({ id: evidenceFiles.id });
    }
    // Removed meanwhile (a second click, another tab): nothing left to do.
    if (!done.length) throw new Conflict('This file has already been removed.');
    await writeAudit(tx, viewer, {
      action: 'evidence.file.remove',
      entityType: 'evidence',
      entityId: file.evidenceId,
      before: { fileId, fileName: file.fileName },
      after: { kept: inVersion ? 'detached: part of a submitted version' : 'deleted' },
    });
    return inVersion ? ('detached' as const) : ('deleted' as const);
  });
  // Only after the commit: a rolled-back removal must still find its bytes.
  if (outcome === 'deleted') await getFileStorage().delete(file.storageKey);
  return { id: fileId, outcome };
}

/**
 * A file to download or preview: its name, type and bytes as a stream. Files detached from the piece
 * are still served (they belong to submitted versions). An employer contact only where asked to
 * witness the piece; anyone else outside the permission's scope gets the same 404 as a missing file.
 */
export async function openEvidenceFile(viewer: Viewer, fileId: string) {
  const scope = await authorize(viewer, 'evidence.files.read', { type: 'evidence_file', id: fileId });
  const db = await getDb();
  const [file] = isUuid(fileId)
    ? await db
        .select({
          id: evidenceFiles.id,
          evidenceId: evidenceFiles.evidenceId,
          storageKey: evidenceFiles.storageKey,
          fileName: evidenceFiles.fileName,
          mediaType: evidenceFiles.mediaType,
          sizeBytes: evidenceFiles.sizeBytes,
          sha256: evidenceFiles.sha256,
        })
        .from(evidenceFiles)
        .innerJoin(evidence, eq(evidence.id, evidenceFiles.evidenceId))
        .where(and(eq(evidenceFiles.id, fileId), apprenticeIn(viewer, scope, evidence.apprenticeId)))
    : [];
  if (!file || !(await mayReadContent(viewer, file.evidenceId))) {
    await recordDenied(viewer, 'evidence.files.read', 'evidence_file', fileId);
    throw new NotFound('evidence file');
  }
  const { storageKey, ...meta } = file;
  return { ...meta, stream: await getFileStorage().get(storageKey) };
}
