import { EVIDENCE_STATUS_LABEL, EVIDENCE_TYPES } from '@/lib/evidence/schemas';
import { formatDate, formatDateTime } from '@/lib/format';
import { taggedPdf, type TaggedPdf } from '@/lib/pdf/tagged';
import type { PlacedFile } from './piece';
import type { PortfolioPiece, PortfolioReview } from './types';

const size = (bytes: number) => (bytes < 1024 ? `${bytes} bytes` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);

function ksbTable(pdf: TaggedPdf, codes: string[], ksbText: Map<string, string>) {
  if (!codes.length) return pdf.paragraph('None claimed.');
  pdf.table(
    [
      { title: 'KSB', weight: 1 },
      { title: 'What it is', weight: 11 },
    ],
    codes.map((c) => [c, ksbText.get(c) ?? '']),
    { rowHeaders: true },
  );
}

function decision(pdf: TaggedPdf, r: PortfolioReview, ksbText: Map<string, string>) {
  const who = r.overrideReason ? `Override by ${r.reviewerName}` : `Decision by ${r.reviewerName}`;
  pdf.section(4, `${who}, ${formatDateTime(r.createdAt)}: ${r.outcome === 'accepted' ? 'accepted' : 'referred back'}`, () => {
    if (r.overrideReason) pdf.paragraph(`Reason for the override: ${r.overrideReason}`);
    if (r.decisions.length)
      pdf.table(
        [
          { title: 'KSB', weight: 1 },
          { title: 'Decision', weight: 2 },
          { title: 'What it is', weight: 9 },
        ],
        r.decisions.map((d) => [d.ksbCode, d.met ? 'Met' : 'Not yet met', ksbText.get(d.ksbCode) ?? '']),
        { rowHeaders: true },
      );
    pdf.paragraph('Feedback:', { bold: true });
    pdf.paragraphs(r.feedback, '(none given)');
  });
}

/**
 * `piece.pdf` in the portfolio ZIP, tagged for screen readers (lib/pdf/tagged.ts): the piece as it stands
 * (KSBs with their full text, the account, the files with where they are in the ZIP), then every
 * submitted version (oldest first) with the decisions, feedback and files it had, then the witness
 * statements. What piece.md held, for assessors and employers who open PDFs, not Markdown.
 */
export async function piecePdf(piece: PortfolioPiece, files: PlacedFile[], folder: string, ksbs: { code: string; text: string }[], apprenticeName: string): Promise<Buffer> {
  const ksbText = new Map(ksbs.map((k) => [k.code, k.text]));
  const where = new Map(files.map((f) => [f.id, f.path.slice(folder.length + 1)]));
  const pdf = taggedPdf({ title: `Evidence: ${piece.title}`, subject: `Portfolio of ${apprenticeName}` });

  pdf.heading(1, piece.title);
  pdf.paragraph(`Evidence in the portfolio of ${apprenticeName}. Files are named by where they are in this piece's folder of the ZIP, ${folder}/.`, { size: 9, color: pdf.GREY });
  pdf.table(
    [
      { title: 'Detail', weight: 1 },
      { title: 'Value', weight: 3 },
    ],
    [
      ['Type', EVIDENCE_TYPES[piece.type]],
      ['Date of the activity', formatDate(piece.activityDate)],
      ['Status', EVIDENCE_STATUS_LABEL[piece.status]],
      ['Submitted', piece.submissionNo === 0 ? 'never' : `${piece.submissionNo} time${piece.submissionNo === 1 ? '' : 's'}`],
      ['Last changed', formatDateTime(piece.updatedAt)],
    ],
    { rowHeaders: true, header: false },
  );

  pdf.section(2, 'Knowledge, skills and behaviours claimed', () => ksbTable(pdf, piece.ksbs, ksbText));
  pdf.section(2, 'Account (as it stands now)', () => pdf.paragraphs(piece.account, '(no account written)'));
  const fileTable = (list: PlacedFile[]) =>
    pdf.table(
      [
        { title: 'File (in this folder)', weight: 3 },
        { title: 'Type', weight: 2 },
        { title: 'Size', weight: 1.2 },
        { title: 'SHA-256 fingerprint', weight: 3.2 },
      ],
      list.map((f) => [where.get(f.id)!, f.mediaType, size(f.sizeBytes), f.sha256]),
      { rowHeaders: true },
    );
  pdf.section(2, 'Files attached now', () => {
    const current = files.filter((f) => !f.removedAt);
    if (current.length) fileTable(current);
    else pdf.paragraph('None.');
    const kept = files.filter((f) => f.removedAt);
    if (kept.length) {
      pdf.paragraph('Removed since, kept for the submitted version that held them:', { bold: true });
      fileTable(kept);
    }
  });

  pdf.section(2, 'Submitted versions', () => {
    if (!piece.versions.length) pdf.paragraph('Not submitted yet.');
    for (const v of piece.versions) {
      const reviews = piece.reviews.filter((r) => r.versionNo === v.versionNo);
      pdf.section(3, `Version ${v.versionNo}, submitted ${formatDateTime(v.submittedAt)}`, () => {
        pdf.list([`Title: ${v.title}`, `Type: ${EVIDENCE_TYPES[v.type]}`, `Date of the activity: ${formatDate(v.activityDate)}`]);
        pdf.paragraph('KSBs claimed:', { bold: true });
        ksbTable(pdf, v.ksbs, ksbText);
        pdf.paragraph('Account:', { bold: true });
        pdf.paragraphs(v.account, '(none)');
        pdf.paragraph('Files:', { bold: true });
        if (v.files.length) pdf.list(v.files.map((f) => `${f.fileName}: ${where.get(f.id) ?? '(no longer stored)'}`));
        else pdf.paragraph('None.');
        if (!reviews.length) pdf.paragraph('Not marked yet.');
        for (const r of reviews) decision(pdf, r, ksbText);
      });
    }
  });

  pdf.section(2, 'Witness statements', () => {
    if (!piece.witnessStatements.length) pdf.paragraph('None asked for.');
    for (const w of piece.witnessStatements)
      pdf.section(3, `${w.witnessName}: ${w.status === 'signed' ? 'signed' : 'asked, not signed yet'}`, () => {
        pdf.paragraph(`Asked on ${formatDateTime(w.requestedAt)}:`, { bold: true });
        pdf.paragraphs(w.requestMessage, '(no message)');
        if (w.status === 'signed') {
          pdf.paragraph('Statement:', { bold: true });
          pdf.paragraphs(w.statement ?? '', '(empty)');
          pdf.paragraph(`Signed by ${w.signedName}, ${w.signedJobTitle}, on ${w.signedOn ? formatDate(w.signedOn) : ''}.`);
        }
      });
  });

  return pdf.end((page, of) => `Portfolio of ${apprenticeName}, evidence piece. Page ${page} of ${of}`);
}
