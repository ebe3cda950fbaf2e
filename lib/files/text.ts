import 'server-only';
import { FileRefused } from './file-types';
import { refusalMessage } from './inspect/messages';
import { inspectInWorker } from './inspect/run';

/**
 * Refuses a file that cannot be read within the limits (a "zip bomb": 413), a PDF with active content
 * or encryption, and any file holding something that passes as an NHS number in any of its parts,
 * saying what was found and where. A file whose content cannot be read is refused too: it could not be
 * checked. (A scanned PDF or a photo has no text layer; it passes, as there is nothing to read without
 * OCR.) The reading happens in a worker thread (inspect/run.ts): the server keeps answering meanwhile.
 */
export async function refuseUnsafeFileContent(bytes: Uint8Array, mediaType: string, fileName: string): Promise<void> {
  const result = await inspectInWorker(bytes, mediaType);
  if (result.ok) return;
  const { refusal } = result;
  const status = refusal.reason === 'too-big' ? 413 : 400;
  throw new FileRefused(refusalMessage(refusal, fileName), status);
}
