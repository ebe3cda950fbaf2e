
/**
 * Writes a footer line on every buffered page (the document needs `bufferPages: true`). The text sits
 * inside the bottom margin, which is lifted while it is written: left as it is, pdfkit would start a
 * new page for it. In a tagged document the line is a pagination artifact: a screen reader does not
 * read "page 3 of 5" in the middle of the text.
 */
export function footerOnEveryPage(doc: PDFKit.PDFDocument, line: (page: number, of: number) => string, margin: number) {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const keep = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.markContent('Artifact', { type: 'Pagination' });
    doc
      .font('Helvetica')
      .fontSize(8)
      .fillColor('#425563')
      .text(line(i - range.start + 1, range.count), margin, doc.page.height - margin + 5, { width: doc.page.width - 2 * margin, align: 'center' });
    doc.endMarkedContent();
    doc.page.margins.bottom = keep;
  }
}
