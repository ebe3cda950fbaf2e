import { describe, expect, it } from 'vitest';
import { FileRefused } from '@/lib/files/file-types';
import { refuseUnsafeFileContent } from '@/lib/files/text';
import { makeDocx, makeJpeg, makePdf, makePng, makeWorkbook, makeWordFile, w } from '../../fixtures/files';

const PDF = 'application/pdf';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const refusal = (p: Promise<void>) =>
  p.then(
    () => null,
    (e: unknown) => {
      expect(e).toBeInstanceOf(FileRefused);
      return e as FileRefused;
    },
  );

// Through the worker thread, as uploads are checked (lib/files/inspect/run.ts).
describe('NHS numbers in the text of uploaded files', () => {
  it('refuses a PDF with a valid NHS number, saying what and on which page', async () => {
    const pdf = await makePdf(['Coding audit of twenty episodes.', 'Episode 7: patient 943 476 5919 was coded twice.']);
    const e = await refusal(refuseUnsafeFileContent(pdf, PDF, 'audit.pdf'));
    expect(e?.status).toBe(400);
    expect(e?.userMessage).toBe('“audit.pdf” (page 2) contains “943 476 5919”, which looks like an NHS number. Remove it from the file and upload it again.');
  });

  it('refuses a Word document with a valid NHS number written without spaces', async () => {
    const docx = await makeDocx(['My reflection.', 'The patient (NHS 9434765919) needed a query.']);
    expect((await refusal(refuseUnsafeFileContent(docx, DOCX, 'reflection.docx')))?.userMessage).toContain('“reflection.docx” contains “9434765919”');
  });

  it('refuses a number in a Word header and in an Excel cell, saying where', async () => {
    const docx = makeWordFile({ header: w.p('Patient 943 476 5919') });
    expect((await refusal(refuseUnsafeFileContent(docx, DOCX, 'reflection.docx')))?.userMessage).toBe(
      '“reflection.docx” contains “943 476 5919” in a header, which looks like an NHS number. Remove it from the file and upload it again.',
    );
    const xlsx = makeWorkbook({ sheets: [{ name: 'Audit', rows: [['Episode', 'NHS number'], ['7', '943 476 5919']] }] });
    expect((await refusal(refuseUnsafeFileContent(xlsx, XLSX, 'audit.xlsx')))?.userMessage).toBe(
      '“audit.xlsx” contains “943 476 5919” on the sheet “Audit”, which looks like an NHS number. Remove it from the file and upload it again.',
    );
  });

  it('accepts files whose ten-digit numbers fail the check digit, and plain pictures', async () => {
    await expect(refuseUnsafeFileContent(await makePdf(['Reference 943 476 5918, batch 1234567890.']), PDF, 'a.pdf')).resolves.toBeUndefined();
    await expect(refuseUnsafeFileContent(await makeDocx(['Order 9434765918.']), DOCX, 'b.docx')).resolves.toBeUndefined();
    await expect(refuseUnsafeFileContent(makeWorkbook({ sheets: [{ name: 'Audit', rows: [['943 476 5918', { n: '1234567890' }]] }] }), XLSX, 'c.xlsx')).resolves.toBeUndefined();
    await expect(refuseUnsafeFileContent(makePng(), 'image/png', 'd.png')).resolves.toBeUndefined();
    await expect(refuseUnsafeFileContent(makeJpeg(), 'image/jpeg', 'e.jpg')).resolves.toBeUndefined();
  });

  it('refuses a PDF it cannot read, as it could not be checked', async () => {
    const broken = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(200, 0x41)]);
    expect((await refusal(refuseUnsafeFileContent(broken, PDF, 'broken.pdf')))?.userMessage).toContain('could not be read');
    const notAZip = Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(200, 0x41)]);
    expect((await refusal(refuseUnsafeFileContent(notAZip, DOCX, 'broken.docx')))?.userMessage).toContain('could not be read');
  });
});
