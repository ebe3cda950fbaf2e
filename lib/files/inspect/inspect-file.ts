// Everything an uploaded file is checked for once its type is known (file-types.ts): it can be read
// within the limits (INSPECTION_LIMITS), a PDF carries no active content and is not encrypted, and no
// part of it holds an NHS number. Runs in a worker thread (worker.ts); plain functions, so tests can
// call it directly too.
import { findNhsNumbers } from '@/lib/privacy/nhs-number';
import { INSPECTION_LIMITS, type InspectionLimits } from '../limits';
import { inspectJpeg, inspectPng } from './image';
import { inspectOfficeFile } from './ooxml';
import { inspectPdfContent } from './pdf';
import { scanPdf } from './pdf-syntax';
import { Budget, Refused, type Check, type Inspection } from './types';

/** A match as a message shows it: invisible characters dropped, white space as one space, at most 40 characters. */
export function shown(text: string): string {
  const s = text
    .replace(/[\p{Cf}\p{Cc}\u00ad]/gu, (c) => (/\s/.test(c) ? ' ' : ''))
    .replace(/\s+/g, ' ')
    .trim();
  return s.length > 40 ? `${s.slice(0, 39)}…` : s;
}

/** Throws Refused at the first NHS number in `text` (any spelling the matcher knows). */
export const checkNhsNumbers: Check = (text, where) => {
  if (!text) return;
  const [found] = findNhsNumbers(text);
  if (found) throw new Refused({ reason: 'nhs-number', shown: shown(found.text), where });
};

export async function inspectFile(bytes: Uint8Array, mediaType: string, limits: InspectionLimits = INSPECTION_LIMITS): Promise<Inspection> {
  const budget = new Budget(limits);
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  try {
    switch (mediaType) {
      case 'application/pdf': {
        const scan = scanPdf(buffer, budget);
        if (scan.encrypted) throw new Refused({ reason: 'encrypted' });
        if (scan.active.size) throw new Refused({ reason: 'active-content', found: [...scan.active] });
        await inspectPdfContent(buffer, checkNhsNumbers);
        break;
      }
      case 'application/vnd.openxmlformats-officedocument.wordprocessingml.document':
      case 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet':
        await inspectOfficeFile(buffer, budget, checkNhsNumbers);
        break;
      case 'image/png':
        inspectPng(buffer, budget, checkNhsNumbers);
        break;
      case 'image/jpeg':
        await inspectJpeg(buffer, checkNhsNumbers);
        break;
    }
    return { ok: true };
  } catch (e) {
    if (e instanceof Refused) return { ok: false, refusal: e.refusal };
    // Anything else is a file the readers could not make sense of: it could not be checked.
    return { ok: false, refusal: { reason: 'unreadable' } };
  }
}
