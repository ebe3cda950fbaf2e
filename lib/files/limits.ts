// Limits and labels for evidence files, shared by the server and the upload control (no server code
// here). The type itself is decided from the bytes (file-types.ts): a name says nothing, an .exe
// renamed to .pdf is still an executable, and a browser's Content-Type is only the name's guess.
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_FILES_PER_EVIDENCE = 5;

export const ALLOWED_TYPES = {
  'application/pdf': { ext: 'pdf', label: 'PDF', extensions: ['pdf'] },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { ext: 'docx', label: 'Word (.docx)', extensions: ['docx'] },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { ext: 'xlsx', label: 'Excel (.xlsx)', extensions: ['xlsx'] },
  'image/png': { ext: 'png', label: 'PNG', extensions: ['png'] },
  'image/jpeg': { ext: 'jpg', label: 'JPEG', extensions: ['jpg', 'jpeg'] },
} as const;

export type AllowedMediaType = keyof typeof ALLOWED_TYPES;

export const isAllowedMediaType = (t: string): t is AllowedMediaType => Object.hasOwn(ALLOWED_TYPES, t);

/** Shown as a hint beside the upload control and in every refusal. */
export const LIMITS_TEXT = `Files may be up to ${MAX_FILE_BYTES / 1024 / 1024} MB each, ${MAX_FILES_PER_EVIDENCE} per piece of evidence.`;
export const ALLOWED_TEXT = 'PDF, Word (.docx), Excel (.xlsx), PNG or JPEG';

/** PDFs and images may be shown in the page; anything else is only ever downloaded. */
export const isPreviewable = (mediaType: string) => mediaType === 'application/pdf' || mediaType === 'image/png' || mediaType === 'image/jpeg';

/** "2.4 MB", "830 kB", "12 bytes": as people read sizes (1 MB = 1024 × 1024 bytes, as the limit). */
export function formatFileSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} kB`;
  return `${bytes} byte${bytes === 1 ? '' : 's'}`;
}

export const notAllowedMessage = (fileName: string) => `“${fileName}” is not a ${ALLOWED_TEXT} file. ${LIMITS_TEXT}`;
export const tooLargeMessage = (fileName: string, bytes?: number) =>
  `“${fileName}”${bytes ? ` (${formatFileSize(bytes)})` : ''} is too large. ${LIMITS_TEXT}`;
export const tooManyMessage = () => `This piece of evidence already has ${MAX_FILES_PER_EVIDENCE} files. Remove one before adding another. ${LIMITS_TEXT}`;


/**
 * How far the server goes in reading what is inside an uploaded file (issue 14, point 1: a 398 KB DOCX
 * whose text expanded to 100 MB froze the server for 36 s). Word and Excel files are zips of XML parts;
 * PDFs hold compressed streams. The reading happens in a worker thread (lib/files/inspect/), never on
 * the thread that answers requests, and stops at the first limit it meets.
 */
export const INSPECTION_LIMITS = {
  /** Parts in one zip. Word writes 15–40, Excel about 10 plus 2 a sheet (Apache POI's default is 1,000 too). */
  maxZipEntries: 1000,
  /** All the parts read from one Word or Excel file, unpacked: a 2,000-page document's XML is about 25 MB. */
  maxUnpackedBytes: 25 * 1024 * 1024,
  /** A part over `ratioGraceBytes` unpacked may expand at most this many times (real XML: 5–30; a bomb: ~1,000). */
  maxRatio: 100,
  ratioGraceBytes: 1024 * 1024,
  /** A file inside a file (a workbook in a Word document) is read; one inside that too; no deeper. */
  maxDepth: 2,
  /** PDF: one stream unpacked (a page's drawing, a font), and all of them together; pictures are not unpacked. */
  maxPdfStreamBytes: 25 * 1024 * 1024,
  maxPdfUnpackedBytes: 100 * 1024 * 1024,
  /** The worker is stopped after this long, and when its JavaScript heap passes memoryMb. */
  timeoutMs: 20_000,
  memoryMb: 384,
  /** Files read at once; more wait their turn (the server has two cores). */
  concurrent: 2,
} as const;

export type InspectionLimits = { [K in keyof typeof INSPECTION_LIMITS]: number };
