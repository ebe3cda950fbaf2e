import { formatDate } from '@/lib/format';
import { taggedPdf } from '@/lib/pdf/tagged';
import type { GatewayLine } from '@/lib/progress/gateway';

export type GatewaySummaryInput = {
  apprenticeName: string;
  employerName: string;
  standard: { reference: string; title: string };
  startDate: string;
  plannedEndDate: string;
  generatedAt: Date;
  /** English and maths as the gateway checklist states them (e.g. "English achieved; maths exempt"). */
  englishMaths: string;
  otj: { logged: number; planned: number };
  /** Every KSB of the standard in order, with the accepted evidence judged to meet it. */
  ksbs: { code: string; text: string; evidence: { title: string; date: string }[] }[];
  mocks: { title: string; grade: string; percent: number; at: Date }[];
  checklist: GatewayLine[];
};

const hours = (n: number) => (Math.round(n * 4) / 4).toFixed(2);

/**
 * The summary at the front of a gateway pack, for the end-point assessment organisation: who, which
 * standard, the dates, English and maths, off-the-job hours logged against the plan, the KSB map with the
 * accepted evidence behind each KSB, the mock results and the gateway checklist as confirmed. Tagged like
 * the progress report (lib/pdf/tagged.ts); built in memory (a few pages).
 */
export async function gatewaySummaryPdf(r: GatewaySummaryInput): Promise<Buffer> {
  const title = `Gateway summary: ${r.apprenticeName}`;
  const pdf = taggedPdf({ title, subject: `${r.standard.title} (${r.standard.reference}): gateway summary`, margin: 40 });
  pdf.heading(1, title);
  pdf.paragraph(`${r.standard.title} (${r.standard.reference}). Generated ${formatDate(r.generatedAt)}.`, { size: 10 });

  pdf.section(2, 'Apprenticeship', () => {
    pdf.list([
      `Apprentice: ${r.apprenticeName}`,
      `Employer: ${r.employerName}`,
      `Start date: ${formatDate(r.startDate)}`,
      `Planned end date: ${formatDate(r.plannedEndDate)}`,
      `English and maths: ${r.englishMaths}`,
      `Off-the-job hours: ${hours(r.otj.logged)} logged against ${hours(r.otj.planned)} planned to date`,
    ]);
  });

  pdf.section(2, 'Gateway checklist', () => {
    pdf.table(
      [
        { title: 'Line', weight: 170 },
        { title: 'Met?', weight: 45 },
        { title: 'Evidence', weight: 300 },
      ],
      r.checklist.map((l) => [l.label, l.met ? 'Yes' : 'No', l.evidence]),
      { rowHeaders: true },
    );
  });

  pdf.section(2, 'Mock assessment results', () => {
    if (r.mocks.length === 0) pdf.paragraph('No mock assessment graded.');
    else
      pdf.table(
        [
          { title: 'Assessment', weight: 250 },
          { title: 'Grade', weight: 80 },
          { title: 'Mark', weight: 60 },
          { title: 'Date', weight: 90 },
        ],
        r.mocks.map((m) => [m.title, m.grade, `${m.percent.toFixed(0)}%`, formatDate(m.at)]),
        { rowHeaders: true },
      );
  });

  pdf.section(2, 'KSB map with the accepted evidence', () => {
    pdf.table(
      [
        { title: 'KSB', weight: 38 },
        { title: 'What it is', weight: 250 },
        { title: 'Accepted evidence meeting it', weight: 225 },
      ],
      r.ksbs.map((k) => [k.code, k.text, k.evidence.length ? k.evidence.map((e) => `${e.title} (${formatDate(e.date)})`).join('; ') : 'None accepted']),
      { rowHeaders: true },
    );
  });

  return pdf.end((page, of) => `Coder Pathway - gateway summary of ${r.apprenticeName} - page ${page} of ${of}`);
}
