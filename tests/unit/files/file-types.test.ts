import { describe, expect, it } from 'vitest';
import { FileRefused, MAX_FILE_BYTES, cleanFileName, detectFileType, formatFileSize } from '@/lib/files/file-types';
import { makeDocx, makeExe, makeJpeg, makePdf, makePng, makeXlsx, makeZip } from '../../fixtures/files';

const refusal = async (bytes: Uint8Array, name: string) => {
  const e = await detectFileType(bytes, name).then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(FileRefused);
  return e as FileRefused;
};

describe('file type detection', () => {
  it('recognises PDF, DOCX, XLSX, PNG and JPEG by their content', async () => {
    expect((await detectFileType(await makePdf(['Audit notes']), 'x')).mediaType).toBe('application/pdf');
    expect((await detectFileType(await makeDocx(['Reflection']), 'x')).mediaType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect((await detectFileType(await makeXlsx(), 'x')).mediaType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect((await detectFileType(makePng(), 'x')).mediaType).toBe('image/png');
    expect((await detectFileType(makeJpeg(), 'x')).mediaType).toBe('image/jpeg');
  });

  it('refuses a renamed executable, naming the file, the allowed types and the limits (415)', async () => {
    const e = await refusal(makeExe(), 'setup.pdf');
    expect(e.status).toBe(415);
    expect(e.field).toBe('file');
    expect(e.userMessage).toBe('“setup.pdf” is not a PDF, Word (.docx), Excel (.xlsx), PNG or JPEG file. Files may be up to 10 MB each, 5 per piece of evidence.');
  });

  it('refuses plain text, a plain zip and an old Word (.doc) file whatever their names', async () => {
    expect((await refusal(Buffer.from('Just some notes about coding.\n'), 'notes.pdf')).status).toBe(415);
    expect((await refusal(await makeZip(), 'bundle.docx')).status).toBe(415);
    // An OLE2 compound file (the old .doc, .xls) starts D0 CF 11 E0.
    const doc = Buffer.alloc(1024);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(doc);
    expect((await refusal(doc, 'old.doc')).userMessage).toContain('“old.doc” is not a PDF');
  });

  it('refuses an empty file and one over 10 MB (413) before reading it', async () => {
    expect((await refusal(new Uint8Array(0), 'empty.pdf')).userMessage).toContain('is empty');
    const big = await refusal(new Uint8Array(MAX_FILE_BYTES + 1), 'big.pdf');
    expect(big.status).toBe(413);
    expect(big.userMessage).toContain('Files may be up to 10 MB each');
    // Exactly 10 MB is allowed: the limit is inclusive.
    const edge = Buffer.alloc(MAX_FILE_BYTES);
    makePng().copy(edge);
    expect((await detectFileType(edge, 'edge.png')).mediaType).toBe('image/png');
  });
});

describe('file names', () => {
  it('keeps the last path segment, drops control characters and matches the extension to the content', () => {
    expect(cleanFileName('C:\\Users\\sam\\audit.pdf', 'application/pdf')).toBe('audit.pdf');
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('photo\u0000.png', 'image/png')).toBe('photo.png');
    expect(cleanFileName('photo.JPEG', 'image/jpeg')).toBe('photo.JPEG');
    expect(cleanFileName('scan.pdf', 'image/png')).toBe('scan.pdf.png');
    expect(cleanFileName('..')).toBe('file');
    expect(cleanFileName(`${'a'.repeat(300)}.docx`).length).toBe(200);
    expect(cleanFileName(`${'a'.repeat(300)}.docx`).endsWith('.docx')).toBe(true);
  });

  it('formats sizes as people read them', () => {
    expect(formatFileSize(10 * 1024 * 1024)).toBe('10.0 MB');
    expect(formatFileSize(2048)).toBe('2 kB');
    expect(formatFileSize(1)).toBe('1 byte');
  });
});
