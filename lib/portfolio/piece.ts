import { EVIDENCE_STATUS_LABEL, EVIDENCE_TYPES } from '@/lib/evidence/schemas';
import { formatDateTime } from '@/lib/format';
import type { PortfolioFile, PortfolioPiece } from './types';

/** A name safe as one path segment inside the ZIP on any system: no separators, no dot-segments, no control characters. */
export function safeSegment(name: string, fallback = 'file'): string {
  const cleaned = name
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f/\\:*?"<>|]/g, '_')
    .replace(/^[.\s]+|[.\s]+$/g, '')
    .slice(0, 120);
  return cleaned || fallback;
}

export function slugify(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 50)
    .replace(/-$/, '');
  return slug || 'evidence';
}

/** `evidence/01-coding-audit`: numbered so the folders list in the portfolio's order. */
export function pieceFolder(index: number, title: string, count: number): string {
  const width = Math.max(2, String(count).length);
  return `evidence/${String(index + 1).padStart(width, '0')}-${slugify(title)}`;
}

export type PlacedFile = PortfolioFile & { path: string };

/**
 * Where each stored file of a piece goes, each stored once: files attached now under `files/`, files
 * detached since (kept because a version held them) under `files/versions/vN/`, N the last version
 * that held them. Two files of the same name in one folder are told apart as "name (2).ext".
 */
export function placeFiles(folder: string, piece: Pick<PortfolioPiece, 'files' | 'versions'>): PlacedFile[] {
  const lastVersionOf = new Map<string, number>();
  for (const v of piece.versions) for (const f of v.files) lastVersionOf.set(f.id, Math.max(v.versionNo, lastVersionOf.get(f.id) ?? 0));
  const used = new Set<string>();
  const placed: PlacedFile[] = [];
  const ordered = [...piece.files].sort((a, b) => a.uploadedAt.getTime() - b.uploadedAt.getTime() || a.id.localeCompare(b.id));
  for (const f of ordered) {
    const dir = f.removedAt && lastVersionOf.has(f.id) ? `${folder}/files/versions/v${lastVersionOf.get(f.id)}` : `${folder}/files`;
    const name = safeSegment(f.fileName);
    const dot = name.lastIndexOf('.');
    const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
    let candidate = `${dir}/${name}`;
    for (let n = 2; used.has(candidate.toLowerCase()); n++) candidate = `${dir}/${stem} (${n})${ext}`;
    used.add(candidate.toLowerCase());
    placed.push({ ...f, path: candidate });
  }
  return placed;
}

/** A file as piece.json and piece.pdf give it: where it is in the ZIP, nothing about where it is stored. */
const fileEntry = (f: PlacedFile) => ({
  id: f.id,
  fileName: f.fileName,
  path: f.path,
  mediaType: f.mediaType,
  sizeBytes: f.sizeBytes,
  sha256: f.sha256,
  uploadedAt: f.uploadedAt.toISOString(),
  removedAt: f.removedAt?.toISOString() ?? null,
});

/**
 * `piece.json`: the same record as piece.pdf for programs (another provider's system, an end-point
 * assessment organisation's import): dates in ISO 8601, paths from the root of the ZIP, KSBs with their
 * full text, no storage keys. `format` names the shape, to change it later without breaking readers.
 */
export function pieceJson(piece: PortfolioPiece, files: PlacedFile[], ksbs: { code: string; text: string }[]): string {
  const ksbText = new Map(ksbs.map((k) => [k.code, k.text]));
  const withText = (codes: string[]) => codes.map((code) => ({ code, text: ksbText.get(code) ?? null }));
  const pathOf = new Map(files.map((f) => [f.id, f.path]));
  const record = {
    format: 'coder-pathway.evidence-piece/1',
    id: piece.id,
    title: piece.title,
    type: piece.type,
    typeLabel: EVIDENCE_TYPES[piece.type],
    activityDate: piece.activityDate,
    status: piece.status,
    statusLabel: EVIDENCE_STATUS_LABEL[piece.status],
    submissionCount: piece.submissionNo,
    createdAt: piece.createdAt.toISOString(),
    updatedAt: piece.updatedAt.toISOString(),
    submittedAt: piece.submittedAt?.toISOString() ?? null,
    ksbsClaimed: withText(piece.ksbs),
    account: piece.account,
    filesNow: files.filter((f) => !f.removedAt).map(fileEntry),
    filesKept: files.filter((f) => f.removedAt).map(fileEntry),
    versions: piece.versions.map((v) => ({
      versionNo: v.versionNo,
      submittedAt: v.submittedAt.toISOString(),
      title: v.title,
      type: v.type,
      activityDate: v.activityDate,
      ksbsClaimed: withText(v.ksbs),
      account: v.account,
      files: v.files.map((f) => ({ id: f.id, fileName: f.fileName, mediaType: f.mediaType, sizeBytes: f.sizeBytes, path: pathOf.get(f.id) ?? null })),
      decisions: piece.reviews
        .filter((r) => r.versionNo === v.versionNo)
        .map((r) => ({
          outcome: r.outcome,
          reviewerName: r.reviewerName,
          decidedAt: r.createdAt.toISOString(),
          override: r.overrideReason !== null,
          overrideReason: r.overrideReason,
          ksbs: r.decisions.map((d) => ({ code: d.ksbCode, text: ksbText.get(d.ksbCode) ?? null, met: d.met })),
          feedback: r.feedback,
        })),
    })),
    witnessStatements: piece.witnessStatements.map((w) => ({
      witnessName: w.witnessName,
      status: w.status,
      requestedAt: w.requestedAt.toISOString(),
      requestMessage: w.requestMessage,
      statement: w.statement,
      signedName: w.signedName,
      signedJobTitle: w.signedJobTitle,
      signedOn: w.signedOn,
      signedAt: w.signedAt?.toISOString() ?? null,
    })),
  };
  return `${JSON.stringify(record, null, 2)}\n`;
}

export function readmeText(data: { apprentice: { name: string }; standard: { reference: string; title: string; version: string }; generatedAt: Date; includesDrafts: boolean; pieces: number; files: number; otjEntries: number }): string {
  return `Portfolio of ${data.apprentice.name}
${data.standard.title} (${data.standard.reference}, version ${data.standard.version})
Exported from Coder Pathway on ${formatDateTime(data.generatedAt)}

This archive is the whole evidence portfolio, yours to keep or to take to another training provider.

What is in it
-------------
README.txt          This file.
ksb-map.csv         Every knowledge, skill and behaviour (KSB) of the standard, the evidence claiming it,
                    and whether it has been judged met. Opens in any spreadsheet.
ksb-map.pdf         The same map as a printable document.
off-the-job-log.csv Every off-the-job training activity logged (${data.otjEntries}): date, hours, activity type,
                    description, KSBs, status and the trainer's comment.
evidence/           One folder per piece of evidence (${data.pieces}), numbered, e.g. evidence/01-coding-audit/:
  piece.pdf           The piece: title, type, date, status, KSBs claimed (with their full text) and the
                      account as it stands; the files attached, with where they are in this archive;
                      then every submitted version with what was submitted, the trainer's decision on
                      each KSB and their feedback (and any override, with its reason); then the witness
                      statements. A tagged PDF: it reads aloud with a screen reader.
  piece.json          The same record for other systems to import (JSON; dates in ISO 8601, file paths
                      from the top of this archive).
  files/              The files attached to the piece now, as they were uploaded (${data.files} files in all).
  files/versions/vN/  Files that were part of submitted version N but were removed from the piece later.

A KSB counts as met when the latest decision on a piece that is accepted now judged it met.
${data.includesDrafts ? 'Drafts (pieces never submitted) are included.' : 'Drafts (pieces the apprentice has not submitted) are not included.'}
Each file's SHA-256 fingerprint is listed in its piece.pdf and piece.json, so anyone can check it is unchanged.
`;
}
