import 'server-only';
import { findNhsNumbers } from '@/lib/privacy/nhs-number';
import { FileRefused } from './file-types';

/** The text of each page of a PDF, or of a DOCX as one "page" (Word's pages exist only when laid out). */
export async function extractFileText(bytes: Uint8Array, mediaType: string): Promise<{ pages: string[]; paged: boolean } | null> {
  if (mediaType === 'application/pdf') {
    const { extractText, getDocumentProxy } = await import('unpdf');
    // pdf.js takes over (detaches) the buffer it is given: give it a copy.
    // No eval (font programs), no console chatter about damaged files.
    const pdf = await getDocumentProxy(new Uint8Array(bytes), { isEvalSupported: false, verbosity: 0 });
    try {
      const { text } = await extractText(pdf, { mergePages: false });
      return { pages: text, paged: true };
    } finally {
      await pdf.destroy();
    }
  }
  if (mediaType === 'application/vnd.openxmlformats-officedocument.wordprocessingml.document') {
    const mammoth = (await import('mammoth')).default;
    const { value } = await mammoth.extractRawText({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
    return { pages: [value], paged: false };
  }
  return null;
}

/**
 * Refuses a PDF or DOCX whose text holds something that passes as an NHS number, saying what was
 * found and where. A file whose text cannot be read is refused too: it could not be checked.
 * (A scanned PDF has no text layer; it passes, as there is nothing to read without OCR.)
 */
export async function refuseFilePatientIdentifiers(bytes: Uint8Array, mediaType: string, fileName: string): Promise<void> {
  let text: Awaited<ReturnType<typeof extractFileText>>;
  try {
    text = await extractFileText(bytes, mediaType);
  } catch {
    throw new FileRefused(
      `“${fileName}” could not be read to check it for patient identifiers: it may be damaged or protected by a password. Save it again without a password and upload it again.`,
    );
  }
  if (!text) return;
  for (const [i, page] of text.pages.entries()) {
    const [found] = findNhsNumbers(page);
    if (found)
      throw new FileRefused(
        `“${fileName}”${text.paged ? ` (page ${i + 1})` : ''} contains “${found.text}”, which looks like an NHS number. Remove it from the file and upload it again.`,
      );
  }
}
