import { EVIDENCE_STATUS_LABEL, EVIDENCE_TYPES } from '@/lib/evidence/schemas';
import { formatDate, formatDateTime } from '@/lib/format';
import type { PortfolioFile, PortfolioPiece, PortfolioReview } from './types';

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

const quote = (text: string) =>
  text
    .trim()
    .split(/\r?\n/)
    .map((l) => `> ${l}`)
    .join('\n');

function reviewText(r: PortfolioReview, ksbText: Map<string, string>): string {
  const who = r.overrideReason ? `Override by ${r.reviewerName}` : `Decision by ${r.reviewerName}`;
  const lines = [`#### ${who}, ${formatDateTime(r.createdAt)}: ${r.outcome === 'accepted' ? 'accepted' : 'referred back'}`, ''];
  if (r.overrideReason) lines.push(`Reason for the override: ${r.overrideReason}`, '');
  if (r.decisions.length) {
    lines.push('| KSB | Decision | Description |', '| --- | --- | --- |');
    for (const d of r.decisions) lines.push(`| ${d.ksbCode} | ${d.met ? 'Met' : 'Not yet met'} | ${(ksbText.get(d.ksbCode) ?? '').replace(/\|/g, '\\|')} |`);
    lines.push('');
  }
  lines.push('Feedback:', '', r.feedback.trim() ? quote(r.feedback) : '> (none given)', '');
  return lines.join('\n');
}

/**
 * `piece.md`: the piece as it stands, then every submitted version (oldest first) with the decisions,
 * feedback and files it had, then the witness statements. Markdown reads as plain text too.
 */
export function pieceMarkdown(piece: PortfolioPiece, files: PlacedFile[], folder: string, ksbs: { code: string; text: string }[]): string {
  const ksbText = new Map(ksbs.map((k) => [k.code, k.text]));
  const where = new Map(files.map((f) => [f.id, f.path.slice(folder.length + 1)]));
  const ksbLines = (codes: string[]) => (codes.length ? codes.map((c) => `- ${c}: ${ksbText.get(c) ?? ''}`.trimEnd()) : ['- (none claimed)']);
  const out: string[] = [
    `# ${piece.title}`,
    '',
    `- Type: ${EVIDENCE_TYPES[piece.type]}`,
    `- Date of the activity: ${formatDate(piece.activityDate)}`,
    `- Status: ${EVIDENCE_STATUS_LABEL[piece.status]}`,
    `- Submitted: ${piece.submissionNo === 0 ? 'never' : `${piece.submissionNo} time${piece.submissionNo === 1 ? '' : 's'}`}`,
    `- Last changed: ${formatDateTime(piece.updatedAt)}`,
    '',
    '## Knowledge, skills and behaviours claimed',
    '',
    ...ksbLines(piece.ksbs),
    '',
    '## Account (as it stands now)',
    '',
    piece.account.trim() || '(no account written)',
    '',
    '## Files attached now',
    '',
  ];
  const current = files.filter((f) => !f.removedAt);
  out.push(...(current.length ? current.map((f) => `- ${where.get(f.id)} (${f.mediaType}, ${f.sizeBytes} bytes, SHA-256 ${f.sha256})`) : ['- (none)']), '');

  out.push('## Submitted versions', '');
  if (!piece.versions.length) out.push('Not submitted yet.', '');
  for (const v of piece.versions) {
    const reviews = piece.reviews.filter((r) => r.versionNo === v.versionNo);
    out.push(`### Version ${v.versionNo}, submitted ${formatDateTime(v.submittedAt)}`, '', `- Title: ${v.title}`, `- Type: ${EVIDENCE_TYPES[v.type]}`, `- Date of the activity: ${formatDate(v.activityDate)}`, '');
    out.push('KSBs claimed:', '', ...ksbLines(v.ksbs), '', 'Account:', '', quote(v.account || '(none)'), '', 'Files:', '');
    out.push(...(v.files.length ? v.files.map((f) => `- ${f.fileName}: ${where.get(f.id) ?? '(no longer stored)'}`) : ['- (none)']), '');
    if (!reviews.length) out.push('Not marked yet.', '');
    for (const r of reviews) out.push(reviewText(r, ksbText));
  }

  out.push('## Witness statements', '');
  if (!piece.witnessStatements.length) out.push('None asked for.', '');
  for (const w of piece.witnessStatements) {
    out.push(`### ${w.witnessName}: ${w.status === 'signed' ? 'signed' : 'asked, not signed yet'}`, '', `Asked on ${formatDateTime(w.requestedAt)}:`, '', quote(w.requestMessage), '');
    if (w.status === 'signed')
      out.push('Statement:', '', quote(w.statement ?? ''), '', `Signed by ${w.signedName}, ${w.signedJobTitle}, on ${w.signedOn ? formatDate(w.signedOn) : ''}.`, '');
  }
  return `${out.join('\n').trimEnd()}\n`;
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
  piece.md            The piece: title, type, date, status, KSBs claimed and the account as it stands;
                      then every submitted version with what was submitted, the trainer's decision on
                      each KSB and their feedback (and any override, with its reason); then the witness
                      statements. A plain-text file (Markdown): open it in any text editor.
  files/              The files attached to the piece now, as they were uploaded (${data.files} files in all).
  files/versions/vN/  Files that were part of submitted version N but were removed from the piece later.

A KSB counts as met when the latest decision on a piece that is accepted now judged it met.
${data.includesDrafts ? 'Drafts (pieces never submitted) are included.' : 'Drafts (pieces the apprentice has not submitted) are not included.'}
Each file's SHA-256 fingerprint is listed in its piece.md, so anyone can check it is unchanged.
`;
}
