import { formatDate, formatDateTime } from '@/lib/format';
import { formatHours } from '@/lib/otj/plan';
import { taggedPdf } from '@/lib/pdf/tagged';
import type { ProgressReviewDetail } from '@/lib/dal/reviews';

const NOT_RECORDED = 'Not recorded: this review predates the minimum content.';

/**
 * A signed progress review as a printable A4 record, tagged for screen readers (lib/pdf/tagged.ts):
 * who, when, what was discussed and agreed (each KSB with its full text), the off-the-job hours as
 * recorded, and the three signatures with their comments. Small, built in memory.
 */
export async function reviewPdf(r: ProgressReviewDetail, generatedAt = new Date()): Promise<Buffer> {
  const pdf = taggedPdf({ title: `Progress review: ${r.apprenticeName}, ${formatDate(r.reviewDate)}`, subject: 'Tripartite progress review', margin: 50 });

  pdf.heading(1, `Progress review: ${r.apprenticeName}`);
  pdf.paragraph(`${r.apprenticeName} · ${r.employerName}`, { size: 11 });
  pdf.paragraph(`Review date: ${formatDate(r.reviewDate)} · recorded by ${r.trainerName}`, { size: 11 });
  if (r.gap.message) pdf.paragraph(`Late review: ${r.gap.message}`, { size: 11 });
  pdf.paragraph(r.final ? 'Signed by the trainer, the apprentice and the employer. This record cannot be changed.' : `Not final: waiting for ${r.awaiting.join(' and ')}.`, { size: 9, color: pdf.GREY });

  pdf.section(2, 'Progress since the last review', () => pdf.paragraphs(r.progressSummary, '(none written)'));
  pdf.section(2, 'Knowledge, skills and behaviours discussed', () => {
    if (!r.ksbs.length) pdf.paragraph('None recorded.');
    else
      pdf.table(
        [
          { title: 'KSB', weight: 1 },
          { title: 'What it is', weight: 11 },
        ],
        r.ksbs.map((k) => [k.code, k.text]),
        { rowHeaders: true },
      );
  });
  pdf.section(2, 'Targets for the next period', () => pdf.paragraphs(r.targets, '(none written)'));
  pdf.section(2, 'Off-the-job hours at the review date', () =>
    pdf.paragraph(`${formatHours(r.otjHoursLogged)} hours logged against ${formatHours(r.otjHoursPlanned)} planned to date (from the log as it stood on ${formatDate(r.reviewDate)}).`),
  );
  pdf.section(2, 'English and maths', () => pdf.paragraphs(r.englishMaths ?? NOT_RECORDED, NOT_RECORDED));
  pdf.section(2, 'Support, including reasonable adjustments', () => {
    pdf.paragraphs(r.supportDiscussed ?? NOT_RECORDED, NOT_RECORDED);
    if (r.planVersion !== null) pdf.paragraph(`Training plan in force when recorded: version ${r.planVersion}.`, { size: 9, color: pdf.GREY });
  });
  pdf.section(2, 'Wellbeing', () => pdf.paragraphs(r.wellbeing, '(none written)'));
  pdf.section(2, 'Safeguarding check', () => {
    pdf.paragraph(r.safeguardingConcern ? 'A concern was raised.' : 'No concern.');
    if (r.safeguardingConcern) pdf.paragraphs(r.safeguardingNotes ?? 'The notes are held by the training provider.', 'The notes are held by the training provider.');
  });

  pdf.section(2, 'Signatures', () => {
    pdf.section(3, 'Trainer', () => pdf.paragraph(`Trainer: ${r.trainerName}, recorded ${formatDateTime(r.createdAt)}`));
    pdf.section(3, 'Apprentice', () => {
      pdf.paragraph(r.apprenticeSignedAt ? `Apprentice: ${r.apprenticeName}, signed ${formatDateTime(r.apprenticeSignedAt)}` : 'Apprentice: not signed yet');
      if (r.apprenticeComment) pdf.paragraph(`Comment: ${r.apprenticeComment}`);
    });
    pdf.section(3, 'Employer', () => {
      pdf.paragraph(r.employerSignedAt ? `Employer: ${r.employerSignedName} (${r.employerName}), signed ${formatDateTime(r.employerSignedAt)}` : 'Employer: not signed yet');
      if (r.employerComment) pdf.paragraph(`Comment: ${r.employerComment}`);
    });
  });

  return pdf.end((page, of) => `Coder Pathway · generated ${formatDateTime(generatedAt)} · page ${page} of ${of}`);
}
