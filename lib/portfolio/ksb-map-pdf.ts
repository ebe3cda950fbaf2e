import PDFDocument from 'pdfkit';
import { footerOnEveryPage } from '@/lib/pdf/page-numbers';
import { formatDate } from '@/lib/format';
import type { KsbMapRow } from './ksb-map';

const MARGIN = 40;
const COLUMNS = [
  { title: 'KSB', width: 38 },
  { title: 'What it is', width: 230 },
  { title: 'Met?', width: 42 },
  { title: 'Evidence', width: 205 },
];
const PAD = 4;

/** Short enough to keep the table readable; the CSV has the full text. */
export const shortText = (text: string, max = 140) => (text.length <= max ? text : `${text.slice(0, max - 1).replace(/\s+\S*$/, '')}…`);

/**
 * The KSB map as a printable A4 table: code, short text, met or not, and the evidence claiming it (✓ marks
 * the pieces that judged it met). The header names the apprentice, the standard and the date; every
 * page is numbered. Small (59 rows), so built in memory.
 */
export async function ksbMapPdf(rows: KsbMapRow[], header: { apprenticeName: string; standardReference: string; standardTitle: string; generatedAt: Date }): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN + 16, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: { Title: `KSB map: ${header.apprenticeName}`, Author: 'Coder Pathway', Subject: `${header.standardReference} knowledge, skills and behaviours` },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const met = rows.filter((r) => r.met).length;
  doc.font('Helvetica-Bold').fontSize(16).text(`KSB map: ${header.apprenticeName}`);
  doc.font('Helvetica').fontSize(10).text(`${header.standardTitle} (${header.standardReference})`);
  doc.text(`Generated ${formatDate(header.generatedAt)}. Met: ${met} of ${rows.length}.`);
  doc.moveDown();

  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const drawRow = (cells: string[], bold: boolean) => {
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8.5);
    const height = Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: COLUMNS[i]!.width - 2 * PAD }))) + 2 * PAD;
    if (doc.y + height > bottom()) {
      doc.addPage();
      if (!bold) drawRow(COLUMNS.map((c) => c.title), true);
      doc.font('Helvetica').fontSize(8.5);
    }
    const top = doc.y;
    let x = MARGIN;
    if (bold) doc.rect(MARGIN, top, COLUMNS.reduce((s, c) => s + c.width, 0), height).fill('#e8edee').fillColor('black');
    cells.forEach((cell, i) => {
      doc.text(cell, x + PAD, top + PAD, { width: COLUMNS[i]!.width - 2 * PAD });
      x += COLUMNS[i]!.width;
    });
    doc
      .moveTo(MARGIN, top + height)
      .lineTo(x, top + height)
      .lineWidth(0.5)
      .strokeColor('#aeb7bd')
      .stroke();
    doc.x = MARGIN;
    doc.y = top + height;
  };

  drawRow(COLUMNS.map((c) => c.title), true);
  for (const r of rows)
    drawRow([r.code, shortText(r.text), r.met ? 'Met' : 'Not yet', r.evidence.length ? r.evidence.map((e) => `${e.met ? '[met] ' : ''}${e.title}`).join('\n') : '-'], false);

  footerOnEveryPage(doc, (page, of) => `${header.apprenticeName}, KSB map, ${header.standardReference}. Page ${page} of ${of}`, MARGIN);
  doc.end();
  return done;
}
