import PDFDocument from 'pdfkit';
import { footerOnEveryPage } from './page-numbers';

/**
 * A tagged A4 PDF (issue 18, point 4): screen readers get the structure (headings, paragraphs, lists,
 * tables with header cells) in the order it is drawn, the language (en-GB) and the title, which the
 * viewer shows in its window title instead of the file name. Rules, shading, repeated table headers and
 * the page footer are marked as artifacts, so they are not read out. Nothing is cut short: long text
 * wraps, and a table row that would not fit on any page is laid out cell below cell instead.
 *
 * Text is drawn inside structure closures: pdfkit runs each closure at once (its parent is attached to
 * the tree from the start), marks what it draws with the element, and carries the marking over when
 * the text runs onto a new page.
 */

export type Column = { title: string; /** Share of the page width, against the other columns. */ weight: number };

const FONT = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const TEXT = 9.5;
const CELL = 8.5;
const PAD = 4;
const GREY = '#425563';
const HEADING_SIZE = { 1: 17, 2: 12.5, 3: 11, 4: 10 } as const;

export type TaggedPdf = ReturnType<typeof taggedPdf>;

export function taggedPdf(options: { title: string; subject?: string; margin?: number }) {
  const margin = options.margin ?? 45;
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: margin, bottom: margin + 16, left: margin, right: margin },
    bufferPages: true,
    tagged: true,
    lang: 'en-GB',
    displayTitle: true,
    pdfVersion: '1.7',
    info: { Title: options.title, Author: 'Coder Pathway', ...(options.subject ? { Subject: options.subject } : {}) },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const width = doc.page.width - 2 * margin;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const root = doc.struct('Document');
  doc.addStructure(root);
  let parent = root;

  /** Decoration (rules, shading): drawn outside every structure element, as an artifact. */
  const artifact = (draw: () => void) => {
    doc.markContent('Artifact', { type: 'Layout' });
    draw();
    doc.endMarkedContent();
  };
  /** An element of `type` whose content is what `draw` puts on the page. */
  const element = (type: string, draw: () => void) => parent.add(doc.struct(type, {}, draw));

  const heading = (level: 1 | 2 | 3 | 4, text: string) => {
    // Kept with what follows: a heading is not left alone at the foot of a page.
    if (doc.y > bottom() - 70) doc.addPage();
    if (level > 1 && doc.y > doc.page.margins.top) doc.moveDown(level === 2 ? 0.9 : 0.6);
    element(`H${level}`, () => {
      doc.font(BOLD).fontSize(HEADING_SIZE[level]).fillColor('black').text(text, margin, doc.y, { width });
    });
    doc.moveDown(0.3);
  };

  const paragraph = (text: string, style: { size?: number; color?: string; bold?: boolean } = {}) => {
    element('P', () => {
      doc
        .font(style.bold ? BOLD : FONT)
        .fontSize(style.size ?? TEXT)
        .fillColor(style.color ?? 'black')
        .text(text, margin, doc.y, { width });
    });
    doc.fillColor('black').moveDown(0.4);
  };

  /** Free text as typed: a paragraph per block, lines inside a block kept. */
  const paragraphs = (text: string, empty: string) => {
    const blocks = text
      .trim()
      .split(/\r?\n\s*\r?\n/)
      .map((b) => b.trim())
      .filter(Boolean);
    if (!blocks.length) paragraph(empty, { color: GREY });
    for (const b of blocks) paragraph(b);
  };

  /** A bulleted list: L > LI > Lbl (the bullet) + LBody (the text). */
  const list = (items: string[]) => {
    const list = doc.struct('L');
    parent.add(list);
    doc.font(FONT).fontSize(TEXT);
    for (const item of items) {
      if (doc.y + doc.currentLineHeight(true) > bottom()) doc.addPage();
      const y = doc.y;
      const li = doc.struct('LI');
      list.add(li);
      li.add(doc.struct('Lbl', {}, () => doc.font(FONT).fontSize(TEXT).text('•', margin + 4, y, { width: 10, lineBreak: false })));
      li.add(doc.struct('LBody', {}, () => doc.font(FONT).fontSize(TEXT).text(item, margin + 16, y, { width: width - 16 })));
      li.end();
      doc.moveDown(0.15);
    }
    list.end();
    doc.x = margin;
    doc.moveDown(0.2);
  };

  /**
   * A table: the first row holds the column headers (TH, scope Column); with `rowHeaders` the first cell
   * of each row is a TH of scope Row (for label/value tables). On each new page the header row is drawn
   * again for the eye, as an artifact: the tree has it once.
   */
  const table = (columns: Column[], rows: string[][], opts: { rowHeaders?: boolean; header?: boolean } = {}) => {
    const showHeader = opts.header ?? true;
    const total = columns.reduce((s, c) => s + c.weight, 0);
    const widths = columns.map((c) => (c.weight / total) * width);
    const xs = widths.map((_, i) => margin + widths.slice(0, i).reduce((s, w) => s + w, 0));
    const titles = columns.map((c) => c.title);
    const heightOf = (cells: string[], bold: (i: number) => boolean) =>
      Math.max(...cells.map((c, i) => doc.font(bold(i) ? BOLD : FONT).fontSize(CELL).heightOfString(c || ' ', { width: widths[i]! - 2 * PAD }))) + 2 * PAD;
    const drawCell = (text: string, i: number, top: number, bold: boolean) => doc.font(bold ? BOLD : FONT).fontSize(CELL).fillColor('black').text(text, xs[i]! + PAD, top + PAD, { width: widths[i]! - 2 * PAD });
    const rule = (y: number) => doc.moveTo(margin, y).lineTo(margin + width, y).lineWidth(0.5).strokeColor('#aeb7bd').stroke();
    const shade = (top: number, h: number) => doc.rect(margin, top, width, h).fill('#e8edee').fillColor('black');

    const tableEl = doc.struct('Table');
    parent.add(tableEl);
    const headerRow = (tagged: boolean) => {
      const h = heightOf(titles, () => true);
      const top = doc.y;
      artifact(() => shade(top, h));
      if (tagged) {
        const tr = doc.struct('TR');
        tableEl.add(tr);
        titles.forEach((t, i) => tr.add(doc.struct('TH', { scope: 'Column' } as PDFKit.Mixins.StructureElementOptions, () => drawCell(t, i, top, true))));
        tr.end();
      } else artifact(() => titles.forEach((t, i) => drawCell(t, i, top, true)));
      artifact(() => rule(top + h));
      doc.y = top + h;
    };
    if (showHeader) {
      if (doc.y + heightOf(titles, () => true) + 2 * doc.currentLineHeight(true) > bottom()) doc.addPage();
      headerRow(true);
    }
    const isHeader = (i: number) => !!opts.rowHeaders && i === 0;
    for (const cells of rows) {
      const h = heightOf(cells, isHeader);
      const tr = doc.struct('TR');
      tableEl.add(tr);
      const cellEl = (i: number, draw: () => void) =>
        tr.add(isHeader(i) ? doc.struct('TH', { scope: 'Row' } as PDFKit.Mixins.StructureElementOptions, draw) : doc.struct('TD', {}, draw));
      if (h > doc.page.height - doc.page.margins.top - doc.page.margins.bottom) {
        // Taller than a page: each cell in turn, full width, running on over the page break.
        cells.forEach((c, i) =>
          cellEl(i, () => {
            doc.font(BOLD).fontSize(CELL).text(`${titles[i]}:`, margin + PAD, doc.y + PAD, { width: width - 2 * PAD });
            doc.font(isHeader(i) ? BOLD : FONT).text(c, { width: width - 2 * PAD });
          }),
        );
        artifact(() => rule(doc.y + PAD));
        doc.y += PAD;
      } else {
        if (doc.y + h > bottom()) {
          doc.addPage();
          if (showHeader) headerRow(false);
        }
        const top = doc.y;
        cells.forEach((c, i) => cellEl(i, () => drawCell(c, i, top, isHeader(i))));
        artifact(() => rule(top + h));
        doc.y = top + h;
      }
      tr.end();
    }
    tableEl.end();
    doc.x = margin;
    doc.moveDown(0.6);
  };

  /** Groups what `body` adds under a heading into one section (Sect). */
  const section = (level: 2 | 3 | 4, title: string, body: () => void) => {
    const sect = doc.struct('Sect');
    parent.add(sect);
    const outer = parent;
    parent = sect;
    heading(level, title);
    body();
    parent = outer;
    sect.end();
  };

  /** Adds the footer (an artifact of type Pagination) to every page and finishes the file. */
  const end = (footer: (page: number, of: number) => string): Promise<Buffer> => {
    root.end();
    footerOnEveryPage(doc, footer, margin);
    doc.end();
    return done;
  };

  return { doc, width, margin, heading, paragraph, paragraphs, list, table, section, end, GREY };
}
