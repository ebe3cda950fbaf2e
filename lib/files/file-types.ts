import { fileTypeFromBuffer } from 'file-type';
import { FieldError } from '@/lib/errors';
import { safeText } from '@/lib/forms/safe-text';
import { ALLOWED_TYPES, LIMITS_TEXT, MAX_FILE_BYTES, isAllowedMediaType, notAllowedMessage, tooLargeMessage, type AllowedMediaType } from './limits';

export * from './limits';

/**
 * A refusal of an upload, with the HTTP status a route should answer: 413 too large, 415 not an
 * allowed type, 400 anything else (too many files, patient identifiers, an empty file).
 */
export class FileRefused extends FieldError {
  constructor(
    userMessage: string,
    public readonly status: 400 | 413 | 415 = 400,
  ) {
    super('file', userMessage);
  }
}

// A file name is free text like any other (lib/forms/safe-text.ts): no lone surrogates, no NHS number.
const FileNameText = safeText({ label: 'file name', max: 1000, trim: false });

/**
 * The name to keep for a file: the last path segment (a browser may send a full Windows path), without
 * control characters, at most 200 characters, and ending in an extension that matches its content.
 * A name holding an NHS number (in any spelling) or a lone surrogate is refused.
 */
export function cleanFileName(name: string, mediaType?: AllowedMediaType): string {
  let base = (name.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim();
  const checked = FileNameText.safeParse(base);
  if (!checked.success) throw new FileRefused(checked.error.issues[0]?.message ?? 'Rename the file and upload it again.');
  if (!base || base === '.' || base === '..') base = 'file';
  if (base.length > 200) {
    const dot = base.lastIndexOf('.');
    const ext = dot > 0 && base.length - dot <= 10 ? base.slice(dot) : '';
    base = base.slice(0, 200 - ext.length).replace(/[\ud800-\udbff]$/, '') + ext; // never half a surrogate pair
  }
  if (mediaType) {
    const type = ALLOWED_TYPES[mediaType];
    const ext = base.includes('.') ? base.split('.').pop()!.toLowerCase() : '';
    if (!(type.extensions as readonly string[]).includes(ext)) base = `${base}.${type.ext}`;
  }
  return base;
}

/** The file's type from its content, or a refusal naming the allowed types and limits. */
export async function detectFileType(bytes: Uint8Array, fileName: string): Promise<{ mediaType: AllowedMediaType; ext: string }> {
  if (bytes.byteLength > MAX_FILE_BYTES) throw new FileRefused(tooLargeMessage(fileName, bytes.byteLength), 413);
  if (bytes.byteLength === 0) throw new FileRefused(`“${fileName}” is empty. ${LIMITS_TEXT}`);
  const found = await fileTypeFromBuffer(bytes);
  if (!found || !isAllowedMediaType(found.mime)) throw new FileRefused(notAllowedMessage(fileName), 415);
  return { mediaType: found.mime, ext: ALLOWED_TYPES[found.mime].ext };
}
