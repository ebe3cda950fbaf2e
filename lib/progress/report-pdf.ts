import PDFDocument from 'pdfkit';
import { formatDate } from '@/lib/format';
import { footerOnEveryPage } from '@/lib/pdf/page-numbers';
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

const MARGIN = 40;
const STATE = { met: 'Met', submitted: 'Submitted', practised: 'Practised', not_started: 'Not started' } as Record<string, string>;
const pct = (v: number | null) => (v === null ? '-' : `${Math.round(v)}%`);
const short = (t: string, max = 95) => (t.length <= max ? t : `${t.slice(0, max - 1).replace(/\s+\S*$/, '')}...`);

/**
 * An apprentice's progress report on A4: RAG and its reasons, coverage, readiness and theory, the
 * off-the-job summary, the KSB map, the gateway checklist and the latest review. Built in memory
 * (a few pages). Helvetica has no ✓, so states are words.
 */
export async function progressReportPdf(r: ReportInput): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margins: { top: MARGIN, bottom: MARGIN + 16, left: MARGIN, right: MARGIN }, bufferPages: true, info: { Title: `Progress report: ${r.apprenticeName}`, Author: 'Coder Pathway' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - 2 * MARGIN;
  const heading = (text: string) => {
    if (doc.y > doc.page.height - 140) doc.addPage();
    doc.moveDown(0.8).font('Helvetica-Bold').fontSize(12).text(text, MARGIN).moveDown(0.3).font('Helvetica').fontSize(9.5);
  };
  const table = (columns: { title: string; width: number }[], rows: string[][]) => {
    const row = (cells: string[], bold: boolean) => {
      doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8.5);
      const h = Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: columns[i]!.width - 6 }))) + 6;
      if (doc.y + h > doc.page.height - doc.page.margins.bottom) doc.addPage();
      const top = doc.y;
      let x = MARGIN;
      if (bold) doc.rect(MARGIN, top, width, h).fill('#e8edee').fillColor('black');
      cells.forEach((c, i) => {
        doc.text(c, x + 3, top + 3, { width: columns[i]!.width - 6 });
        x += columns[i]!.width;
      });
      doc.moveTo(MARGIN, top + h).lineTo(MARGIN + width, top + h).lineWidth(0.5).strokeColor('#d8dde0').stroke().strokeColor('black');
      doc.y = top + h;
    };
    row(columns.map((c) => c.title), true);
    rows.forEach((cells) => row(cells, false));
    doc.x = MARGIN;
  };

  doc.font('Helvetica-Bold').fontSize(16).text(`Progress report: ${r.apprenticeName}`);
  doc.font('Helvetica').fontSize(10).text(`${r.employerName} - Clinical coder ST0535 - started ${formatDate(r.startDate)}, planned end ${formatDate(r.plannedEndDate)}`);
  doc.text(`Generated ${formatDate(r.generatedAt)}.`);

  heading('Summary');
  doc.text(`RAG: ${r.rag.rag.toUpperCase()}${r.rag.reasons.length ? ` - ${r.rag.reasons.map((x) => x.text).join('; ')}` : ' - on track'}`);
  doc.text(`KSBs met: ${r.coverage.met} of 59 (expected by now, pro rata: ${Math.round(r.coverage.expected)}).`);
  doc.text(`Off-the-job hours: ${r.otj.logged.toFixed(2)} logged against ${r.otj.planned.toFixed(2)} planned to date.`);

  heading(`NCCQ readiness (latest ${r.cases} coded cases)`);
  const s = r.settings;
  table(
    [{ title: 'Audit figure', width: 170 }, { title: 'Latest', width: 70 }, { title: 'Codes right', width: 100 }, { title: 'First level', width: 85 }, { title: 'Second level', width: width - 425 }],
    AUDIT_FIGURES.map((f) => [AUDIT_FIGURE_LABEL[f], pct(r.figures[f].percent), `${r.figures[f].correct} of ${r.figures[f].of}`, `${s.attainment.first[f]}%`, `${s.attainment.second[f]}%`]),
  );
  doc.moveDown(0.3).text(`Standing: ${r.level.replace(/_/g, ' ')}. Theory: ${r.theory.right} right of the latest ${r.theory.answered} answers (${pct(r.theory.percent)}); pass mark ${s.theoryPassMark}%.`);

  heading('Gateway checklist');
  table(
    [{ title: 'Line', width: 170 }, { title: 'Met?', width: 45 }, { title: 'Evidence', width: 160 }, { title: 'Missing', width: width - 375 }],
    r.gateway.lines.map((l) => [l.label, l.met ? 'Yes' : 'No', l.evidence, l.missing ?? '']),
  );

  heading('Latest progress review');
  if (r.latestReview) {
    doc.text(`Review of ${formatDate(r.latestReview.reviewDate)} (${r.latestReview.signed}).`);
    doc.text(`Progress: ${r.latestReview.progressSummary}`);
    doc.text(`Targets: ${r.latestReview.targets}`);
  } else doc.text('No progress review recorded yet.');

  heading('KSB map');
  table(
    [{ title: 'KSB', width: 38 }, { title: 'What it is', width: 330 }, { title: 'State', width: 75 }, { title: 'Practice accuracy', width: width - 443 }],
    r.ksbMap.map((k) => [k.code, short(k.text), STATE[k.state] ?? k.state, k.accuracy === null ? '' : pct(k.accuracy)]),
  );

  footerOnEveryPage(doc, (page, of) => `Coder Pathway - progress report of ${r.apprenticeName} - page ${page} of ${of}`, MARGIN);
  doc.end();
  return done;
}
