import { formatDate } from '@/lib/format';
import { taggedPdf } from '@/lib/pdf/tagged';
import type { GatewayLine } from './gateway';
import type { RagResult } from './rag';
import { AUDIT_FIGURES, AUDIT_FIGURE_LABEL, type ProgressSettings } from './settings';
import type { FigureTotals } from './readiness';

export type ReportInput = {
  apprenticeName: string;
  employerName: string;
  startDate: string;
  plannedEndDate: string;
  generatedAt: Date;
  settings: ProgressSettings;
  rag: RagResult;
  coverage: { met: number; expected: number };
  level: string;
  cases: number;
  figures: FigureTotals;
  theory: { answered: number; right: number; percent: number | null };
  otj: { logged: number; planned: number };
  ksbMap: { code: string; text: string; state: string; accuracy: number | null }[];
  gateway: { lines: GatewayLine[]; ready: boolean };
  latestReview: { reviewDate: string; progressSummary: string; targets: string; signed: string } | null;
};

const STATE = { met: 'Met', submitted: 'Submitted', practised: 'Practised', not_started: 'Not started' } as Record<string, string>;
const pct = (v: number | null) => (v === null ? '-' : `${Math.round(v)}%`);

/**
 * An apprentice's progress report on A4, tagged for screen readers (lib/pdf/tagged.ts): RAG and its
 * reasons, coverage, readiness and theory, the off-the-job summary, the gateway checklist, the latest
 * review and the KSB map with each KSB's full text. Built in memory (a few pages). Helvetica has no ✓,
 * so states are words.
 */
export async function progressReportPdf(r: ReportInput): Promise<Buffer> {
  const title = `Progress report: ${r.apprenticeName}`;
  const pdf = taggedPdf({ title, subject: 'Clinical coder apprenticeship (ST0535): progress report', margin: 40 });

  pdf.heading(1, title);
  pdf.paragraph(`${r.employerName} - Clinical coder ST0535 - started ${formatDate(r.startDate)}, planned end ${formatDate(r.plannedEndDate)}. Generated ${formatDate(r.generatedAt)}.`, { size: 10 });

  pdf.section(2, 'Summary', () => {
    pdf.list([
      `RAG: ${r.rag.rag.toUpperCase()}${r.rag.reasons.length ? ` - ${r.rag.reasons.map((x) => x.text).join('; ')}` : ' - on track'}`,
      `KSBs met: ${r.coverage.met} of 59 (expected by now, pro rata: ${Math.round(r.coverage.expected)}).`,
      `Off-the-job hours: ${r.otj.logged.toFixed(2)} logged against ${r.otj.planned.toFixed(2)} planned to date.`,
    ]);
  });

  const s = r.settings;
  pdf.section(2, `NCCQ readiness (latest ${r.cases} coded cases)`, () => {
    pdf.table(
      [
        { title: 'Audit figure', weight: 170 },
        { title: 'Latest', weight: 70 },
        { title: 'Codes right', weight: 100 },
        { title: 'First level', weight: 85 },
        { title: 'Second level', weight: 90 },
      ],
      AUDIT_FIGURES.map((f) => [AUDIT_FIGURE_LABEL[f], pct(r.figures[f].percent), `${r.figures[f].correct} of ${r.figures[f].of}`, `${s.attainment.first[f]}%`, `${s.attainment.second[f]}%`]),
      { rowHeaders: true },
    );
    pdf.paragraph(`Standing: ${r.level.replace(/_/g, ' ')}. Theory: ${r.theory.right} right of the latest ${r.theory.answered} answers (${pct(r.theory.percent)}); pass mark ${s.theoryPassMark}%.`);
  });

  pdf.section(2, 'Gateway checklist', () => {
    pdf.table(
      [
        { title: 'Line', weight: 170 },
        { title: 'Met?', weight: 45 },
        { title: 'Evidence', weight: 160 },
        { title: 'Missing', weight: 140 },
      ],
      r.gateway.lines.map((l) => [l.label, l.met ? 'Yes' : 'No', l.evidence, l.missing ?? '']),
      { rowHeaders: true },
    );
  });

  pdf.section(2, 'Latest progress review', () => {
    if (r.latestReview) {
      pdf.paragraph(`Review of ${formatDate(r.latestReview.reviewDate)} (${r.latestReview.signed}).`);
      pdf.paragraph(`Progress: ${r.latestReview.progressSummary}`);
      pdf.paragraph(`Targets: ${r.latestReview.targets}`);
    } else pdf.paragraph('No progress review recorded yet.');
  });

  pdf.section(2, 'KSB map', () => {
    pdf.table(
      [
        { title: 'KSB', weight: 38 },
        { title: 'What it is', weight: 330 },
        { title: 'State', weight: 70 },
        { title: 'Practice accuracy', weight: 75 },
      ],
      r.ksbMap.map((k) => [k.code, k.text, STATE[k.state] ?? k.state, k.accuracy === null ? '' : pct(k.accuracy)]),
      { rowHeaders: true },
    );
  });

  return pdf.end((page, of) => `Coder Pathway - progress report of ${r.apprenticeName} - page ${page} of ${of}`);
}
