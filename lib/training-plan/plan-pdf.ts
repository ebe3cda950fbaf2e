import { formatDate, formatDateTime, listInWords } from '@/lib/format';
import { taggedPdf } from '@/lib/pdf/tagged';
import type { TrainingPlanVersion } from '@/lib/dal/training-plans';

const SIDE = { apprentice: 'the apprentice', employer: 'the employer', provider: 'the training provider' } as const;

/**
 * One version of a training plan as a printable A4 record, tagged for screen readers (lib/pdf/tagged.ts): the
 * dates, the planned off-the-job hours with how they were worked out and the rule in force at the start, the
 * activities by month with their KSBs, support, English and maths, and the three signatures.
 */
export async function trainingPlanPdf(p: TrainingPlanVersion, generatedAt = new Date()): Promise<Buffer> {
  const pdf = taggedPdf({ title: `Training plan: ${p.apprenticeName}, version ${p.version}`, subject: 'Apprenticeship training plan', margin: 50 });
  pdf.heading(1, `Training plan: ${p.apprenticeName}`);
  pdf.paragraph(`${p.apprenticeName} · ${p.employerName} · Clinical coder (ST0535)`, { size: 11 });
  pdf.paragraph(`Version ${p.version}, made ${formatDate(p.createdAt)} by ${p.createdByName}`, { size: 11 });
  pdf.paragraph(
    p.final ? (p.supersededAt ? `Signed by all three; superseded by a later version on ${formatDate(p.supersededAt)}.` : 'Signed by the apprentice, the employer and the training provider. This version cannot be changed.') : `Not signed by all three yet: waiting for ${listInWords(p.awaiting.map((s) => SIDE[s]))}.`,
    { size: 9, color: pdf.GREY },
  );
  if (p.changeSummary) pdf.section(2, 'What changed in this version', () => pdf.paragraphs(p.changeSummary, '(none written)'));
  pdf.section(2, 'Dates and hours', () => {
    pdf.table(
      [
        { title: 'Item', weight: 4 },
        { title: 'Planned', weight: 8 },
      ],
      [
        ['Planned start', formatDate(p.plannedStartDate)],
        ['Planned end', formatDate(p.plannedEndDate)],
        ['Duration', `${p.durationMonths} months${p.rplMonths ? ` (${p.rplMonths} taken off for recognised prior learning)` : ''}`],
        ['Weekly contracted hours', String(p.weeklyHours)],
        ['Off-the-job hours by the rule', String(p.standardOtjHours)],
        ['Recognised prior learning', `${p.rplHours} hours`],
        ['Planned off-the-job hours', String(p.plannedOtjHours)],
      ],
      { rowHeaders: true },
    );
    pdf.paragraph(p.working);
    pdf.paragraph(`The rule in force at the start (${p.rulesYear} funding rules): ${p.ruleText}`);
  });
  pdf.section(2, 'Training activities by month', () =>
    pdf.table(
      [
        { title: 'Month', weight: 1 },
        { title: 'Activity', weight: 7 },
        { title: 'KSBs', weight: 3 },
        { title: 'Hours', weight: 1 },
      ],
      p.activities.map((a) => [String(a.month), a.title, a.ksbs.join(', '), String(a.otjHours)]),
    ),
  );
  pdf.section(2, 'Support agreed', () => pdf.paragraphs(p.support, 'None recorded.'));
  pdf.section(2, 'Reasonable adjustments', () => pdf.paragraphs(p.reasonableAdjustments, 'None recorded.'));
  pdf.section(2, 'English', () => pdf.paragraphs(p.englishPlan, '(none written)'));
  pdf.section(2, 'Maths', () => pdf.paragraphs(p.mathsPlan, '(none written)'));
  pdf.section(2, 'Signatures', () => {
    pdf.paragraph(p.apprenticeSignedAt ? `Apprentice: ${p.apprenticeName}, signed ${formatDateTime(p.apprenticeSignedAt)}` : 'Apprentice: not signed');
    pdf.paragraph(p.employerSignedAt ? `Employer: ${p.employerSignedName} (${p.employerName}), signed ${formatDateTime(p.employerSignedAt)}` : 'Employer: not signed');
    pdf.paragraph(p.providerSignedAt ? `Training provider: ${p.providerSignedName}, signed ${formatDateTime(p.providerSignedAt)}` : 'Training provider: not signed');
  });
  return pdf.end((page, of) => `Coder Pathway · generated ${formatDateTime(generatedAt)} · page ${page} of ${of}`);
}
