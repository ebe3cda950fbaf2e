// Reads an official NHS TRUD classification release file (ICD-10 5th Edition CodesAndTitlesAndMetadata,
// OPCS-4 CodesAndTitles; TXT or XML) into plain code rows, or says line by line what is wrong with it.
// Pure: no I/O, no database. A caller uploads the file, passes its bytes here and stores the result.
//
// All or nothing: one bad line and nothing is imported. A classification with a missing parent or a
// wrong sex limit would mark apprentices' work against the wrong answer, so a file is fixed and
// uploaded again rather than imported in part.

import { checkWholeFile } from './codes';
import { detect } from './detect';
import { parseIcd10Txt } from './icd10-txt';
import { parseIcd10Xml } from './icd10-xml';
import { MAX_BYTES, MAX_LINES, MAX_PROBLEMS } from './limits';
import { parseOpcs4Txt } from './opcs4-txt';
import { parseOpcs4Xml } from './opcs4-xml';
import { countLines } from './text';
import type { FormatResult, ImportedCode, ImportProblem, ParsedRelease, ReleaseFormat } from './types';

export type { ImportedCode, ImportProblem, ParsedRelease, ReleaseFormat } from './types';
export { detectFormat } from './detect';
export { MAX_BYTES, MAX_LINES, MAX_PROBLEMS } from './limits';

export type ParseResult =
  | { ok: true; release: ParsedRelease }
  | { ok: false; format: ReleaseFormat | null; problems: ImportProblem[] };

const PARSERS: Record<ReleaseFormat, (text: string) => FormatResult> = {
  'icd10-txt': parseIcd10Txt,
  'icd10-xml': parseIcd10Xml,
  'opcs4-txt': parseOpcs4Txt,
  'opcs4-xml': parseOpcs4Xml,
};

export function parseRelease(content: string | Uint8Array): ParseResult {
  const bytes = typeof content === 'string' ? utf8Length(content) : content.byteLength;
  if (bytes > MAX_BYTES)
    return refuse(null, `the file is ${megabytes(bytes)}; the limit is ${megabytes(MAX_BYTES)}`);

  const text = typeof content === 'string' ? content.replace(/^\uFEFF/, '') : decode(content);
  // No release file holds a NUL or another control character (XML forbids them too), and PostgreSQL
  // refuses a NUL in text: the import answered 500. Say where it is instead (issue 14, point 5).
  const control = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.exec(text);
  if (control)
    return {
      ok: false,
      format: null,
      problems: [{ line: countLines(text.slice(0, control.index + 1)), message: `a control character (U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}) that no release file holds; the file may be damaged` }],
    };

  const detection = detect(text);
  const format = detection.format;
  const lines = countLines(text);
  if (lines > MAX_LINES)
    return refuse(format, `the file has ${lines.toLocaleString('en-GB')} lines; the limit is ${MAX_LINES.toLocaleString('en-GB')}`);
  if (format === null)
    return refuse(null, `not an ICD-10 5th Edition or OPCS-4 release file: ${detection.reason}`);

  const read = PARSERS[format](text);
  if (read.refusal) return { ok: false, format, problems: [read.refusal] };

  const problems = [...read.problems, ...checkWholeFile(read.entries)];
  if (!read.stopped && read.entries.length === 0) problems.push({ line: 0, message: 'the file has no codes' });
  if (problems.length) return { ok: false, format, problems: capped(problems) };

  // No problems means every entry was imported; the filter only satisfies the type.
  const codes = read.entries.map((e) => e.imported).filter((c): c is ImportedCode => c !== null);
  return { ok: true, release: { scheme: format.startsWith('icd10') ? 'icd10' : 'opcs4', format, codes } };
}

/** A problem as one line of a report: `line 14: code "S3X.5" is not shaped like an ICD-10 code`. */
export function describeProblem(p: ImportProblem): string {
  return p.line > 0 ? `line ${p.line}: ${p.message}` : p.message;
}

function refuse(format: ReleaseFormat | null, message: string): ParseResult {
  return { ok: false, format, problems: [{ line: 0, message }] };
}

/** In file order (whole-file problems first), the first MAX_PROBLEMS and a count of the rest. */
function capped(problems: ImportProblem[]): ImportProblem[] {
  const sorted = problems.map((p, i) => ({ p, i })).sort((a, b) => a.p.line - b.p.line || a.i - b.i).map(({ p }) => p);
  if (sorted.length <= MAX_PROBLEMS) return sorted;
  const rest = sorted.length - MAX_PROBLEMS;
  return [...sorted.slice(0, MAX_PROBLEMS), { line: 0, message: `… and ${rest.toLocaleString('en-GB')} more` }];
}

/**
 * UTF-8 first (the BOM, if any, dropped). A file that is not valid UTF-8 was most likely saved by
 * Excel or an older Windows tool as windows-1252, where é in "Ménière's disease" is one byte. A file
 * with a UTF-16 BOM is Excel's "Unicode text".
 */
function decode(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
    return new TextDecoder('windows-1252').decode(bom ? bytes.subarray(3) : bytes);
  }
}

/** The size of a string once saved as UTF-8, without building the bytes. */
function utf8Length(s: string): number {
  if (s.length * 3 <= MAX_BYTES) return s.length; // cannot be over the limit; the exact size is not needed
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
