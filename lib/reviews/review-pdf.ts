import PDFDocument from 'pdfkit';
import { footerOnEveryPage } from '@/lib/pdf/page-numbers';
import { formatDate, formatDateTime } from '@/lib/format';
import { formatHours } from '@/lib/otj/plan';
import type { ProgressReviewDetail } from '@/lib/dal/reviews';

const MARGIN = 50;

/**
 * A signed progress review as a printable A4 record: who, when, what was discussed and agreed, the
 * off-the-job hours as recorded, and the three signatures with their comments. Small, built in memory.
 */
export async function reviewPdf(r: ProgressReviewDetail, generatedAt = new Date()): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN + 10, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: { Title: `Progress review: ${r.apprenticeName}, ${formatDate(r.reviewDate)}`, Author: 'Coder Pathway', Subject: 'Tripartite progress review' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const heading = (text: string) => {
    doc.moveDown(0.8).font('Helvetica-Bold').fontSize(12).text(text);
    doc.font('Helvetica').fontSize(10);
  };
  const para = (text: string) => doc.font('Helvetica').fontSize(10).text(text, { align: 'left' });

  doc.font('Helvetica-Bold').fontSize(18).text('Progress review');
  doc.font('Helvetica').fontSize(11).text(`${r.apprenticeName} · ${r.employerName}`);
  doc.text(`Review date: ${formatDate(r.reviewDate)} · recorded by ${r.trainerName}`);
  doc.fontSize(9).fillColor('#425563').text(r.final ? 'Signed by the trainer, the apprentice and the employer. This record cannot be changed.' : `Not final: waiting for ${r.awaiting.join(' and ')}.`);
  doc.fillColor('black');

  heading('Progress since the last review');
  para(r.progressSummary);
  heading('Knowledge, skills and behaviours discussed');
  for (const k of r.ksbs) para(`${k.code}  ${k.text}`);
  heading('Targets for the next period');
  para(r.targets);
  heading('Off-the-job hours at the review date');
  para(`${formatHours(r.otjHoursLogged)} hours logged against ${formatHours(r.otjHoursPlanned)} planned to date (from the log as it stood on ${formatDate(r.reviewDate)}).`);
  heading('Wellbeing');
  para(r.wellbeing);
  heading('Safeguarding check');
  para(r.safeguardingConcern ? 'A concern was raised.' : 'No concern.');
  if (r.safeguardingConcern) para(r.safeguardingNotes ?? 'The notes are held by the training provider.');

  heading('Signatures');
  para(`Trainer: ${r.trainerName}, recorded ${formatDateTime(r.createdAt)}`);
  doc.moveDown(0.4);
  para(r.apprenticeSignedAt ? `Apprentice: ${r.apprenticeName}, signed ${formatDateTime(r.apprenticeSignedAt)}` : 'Apprentice: not signed yet');
  if (r.apprenticeComment) para(`Comment: ${r.apprenticeComment}`);
  doc.moveDown(0.4);
  para(r.employerSignedAt ? `Employer: ${r.employerSignedName} (${r.employerName}), signed ${formatDateTime(r.employerSignedAt)}` : 'Employer: not signed yet');
  if (r.employerComment) para(`Comment: ${r.employerComment}`);

  footerOnEveryPage(doc, (page, of) => `Coder Pathway · generated ${formatDateTime(generatedAt)} · page ${page} of ${of}`, MARGIN);
  doc.end();
  return done;
}
