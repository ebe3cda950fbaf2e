import { describe, expect, it } from 'vitest';
import { contentDisposition, fileResponseHeaders } from '@/lib/files/http';

describe('serving evidence files', () => {
  it('names the file for download in ASCII and, exactly, in UTF-8', () => {
    expect(contentDisposition('attachment', 'audit.pdf')).toBe(`attachment; filename="audit.pdf"; filename*=UTF-8''audit.pdf`);
    expect(contentDisposition('attachment', 'Évaluation "final"; v2.pdf')).toBe(
      `attachment; filename="_valuation _final__ v2.pdf"; filename*=UTF-8''%C3%89valuation%20%22final%22%3B%20v2.pdf`,
    );
  });

  it('downloads by default, previews only PDFs and images inline, and never lets the browser sniff', () => {
    const pdf = { fileName: 'a.pdf', mediaType: 'application/pdf', sizeBytes: 10 };
    const docx = { fileName: 'b.docx', mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', sizeBytes: 10 };
    const png = { fileName: 'c.png', mediaType: 'image/png', sizeBytes: 10 };

    const download = fileResponseHeaders(pdf, false);
    expect(download.get('content-disposition')).toMatch(/^attachment; /);
    expect(download.get('x-frame-options')).toBe('DENY');
    expect(download.get('content-security-policy')).toContain("frame-ancestors 'none'");

    // A Word file asked for inline is still an attachment.
    expect(fileResponseHeaders(docx, true).get('content-disposition')).toMatch(/^attachment; /);

    const image = fileResponseHeaders(png, true);
    expect(image.get('content-disposition')).toMatch(/^inline; /);
    expect(image.get('content-security-policy')).toMatch(/^sandbox; /);
    expect(image.get('x-frame-options')).toBe('SAMEORIGIN');

    const pdfPreview = fileResponseHeaders(pdf, true);
    expect(pdfPreview.get('content-disposition')).toMatch(/^inline; /);
    expect(pdfPreview.get('content-security-policy')).toBe("frame-ancestors 'self'");

    for (const h of [download, image, pdfPreview]) {
      expect(h.get('x-content-type-options')).toBe('nosniff');
      expect(h.get('cache-control')).toBe('private, no-store');
    }
  });
});
