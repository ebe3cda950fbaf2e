import { describe, expect, it } from 'vitest';
import { FileRefused } from '@/lib/files/file-types';
import { extractFileText, refuseFilePatientIdentifiers } from '@/lib/files/text';
import { makeDocx, makePdf, makePng } from '../../fixtures/files';

const PDF = 'application/pdf';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

describe('NHS numbers in the text of uploaded files', () => {
  it('reads the text of each page of a PDF and of a Word document', async () => {
    const pdf = await extractFileText(await makePdf(['First page about coding.', 'Second page about audit.']), PDF);
    expect(pdf?.pages).toHaveLength(2);
    expect(pdf?.pages[1]).toContain('Second page about audit.');
    const docx = await extractFileText(await makeDocx(['A reflection.', 'Another paragraph.']), DOCX);
    expect(docx?.pages.join('\n')).toContain('Another paragraph.');
    expect(await extractFileText(makePng(), 'image/png')).toBeNull();
  });

  it('refuses a PDF with a valid NHS number, saying what and on which page', async () => {
    const pdf = await makePdf(['Coding audit of twenty episodes.', 'Episode 7: patient 943 476 5919 was coded twice.']);
    const e = await refuseFilePatientIdentifiers(pdf, PDF, 'audit.pdf').catch((err: unknown) => err);
    expect(e).toBeInstanceOf(FileRefused);
    expect((e as FileRefused).userMessage).toBe(
      '“audit.pdf” (page 2) contains “943 476 5919”, which looks like an NHS number. Remove it from the file and upload it again.',
    );
  });

  it('refuses a Word document with a valid NHS number written without spaces', async () => {
    const docx = await makeDocx(['My reflection.', 'The patient (NHS 9434765919) needed a query.']);
    await expect(refuseFilePatientIdentifiers(docx, DOCX, 'reflection.docx')).rejects.toMatchObject({
      userMessage: expect.stringContaining('“reflection.docx” contains “9434765919”'),
    });
  });

  it('accepts files whose ten-digit numbers fail the check digit', async () => {
    await expect(refuseFilePatientIdentifiers(await makePdf(['Reference 943 476 5918, batch 1234567890.']), PDF, 'a.pdf')).resolves.toBeUndefined();
    await expect(refuseFilePatientIdentifiers(await makeDocx(['Order 9434765918.']), DOCX, 'b.docx')).resolves.toBeUndefined();
  });

  it('refuses a PDF it cannot read, as it could not be checked', async () => {
    const broken = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(200, 0x41)]);
    await expect(refuseFilePatientIdentifiers(broken, PDF, 'broken.pdf')).rejects.toMatchObject({ userMessage: expect.stringContaining('could not be read') });
  });
});
