// Which of the four release formats a file is, from its content only: a trust renames files when it
// unpacks a TRUD zip, and a name proves nothing about what is inside.
//
// - XML: the first element under the root is <CLASS> (ICD-10) or <code> (OPCS-4); element names are
//   case-sensitive, so WHO's ClaML (<Class>) is not mistaken for either. With no code elements at all,
//   the root's namespace (urn:nhs-org:icd-10, …digital.nhs.uk/opcs…) still names the release.
// - ICD-10 TXT: the first line is the header, starting with CODE and naming DESCRIPTION or ALT_CODE.
// - OPCS-4 TXT: no header, so most of the first 20 lines must be a code-like value, a tab and a title,
//   and nothing more (an ICD-10 line without its header has twelve columns). A few faulty lines still
//   detect, so their problems are reported by line instead of the whole file being called unknown.

import { splitLines, usedColumns } from './text';
import type { ReleaseFormat } from './types';

export type Detection = { format: ReleaseFormat; reason: null } | { format: null; reason: string };

const HEAD = 64 * 1024;
const SAMPLE_LINES = 20;

export function detectFormat(text: string): ReleaseFormat | null {
  return detect(text).format;
}

export function detect(text: string): Detection {
  const head = text.replace(/^\uFEFF/, '').slice(0, HEAD).trimStart();
  if (!head) return { format: null, reason: 'the file is empty' };

  if (head.startsWith('<')) {
    const names = [...head.replace(/<!--[\s\S]*?-->/g, '').matchAll(/<([A-Za-z_][\w:.-]*)/g)]
      .slice(0, 3)
      .map((m) => m[1]);
    const first = names.find((n) => n === 'CLASS' || n === 'code');
    if (first === 'CLASS') return { format: 'icd10-xml', reason: null };
    if (first === 'code') return { format: 'opcs4-xml', reason: null };
    if (names.length === 1 && /urn:nhs-org:icd-10/.test(head)) return { format: 'icd10-xml', reason: null };
    if (names.length === 1 && /digital\.nhs\.uk\/opcs/i.test(head)) return { format: 'opcs4-xml', reason: null };
    return {
      format: null,
      reason: `the XML has no <CLASS> (ICD-10) or <code> (OPCS-4) elements${names[0] ? ` (its root is <${names[0]}>)` : ''}`,
    };
  }

  const lines = splitLines(head)
    .filter((l) => l.trim() !== '')
    .slice(0, SAMPLE_LINES)
    .map((l) => l.split('\t').map((f) => f.trim()));
  const header = (lines[0] ?? []).map((f) => f.toUpperCase());
  if (header[0] === 'CODE' && (header.includes('DESCRIPTION') || header.includes('ALT_CODE')))
    return { format: 'icd10-txt', reason: null };

  const codeAndTitle = lines.filter((f) => usedColumns(f) === 2 && /^[A-Z]\d{2}\.?\d?$/i.test(f[0] ?? '')).length;
  if (codeAndTitle > 0 && codeAndTitle * 2 >= lines.length) return { format: 'opcs4-txt', reason: null };

  return {
    format: null,
    reason:
      'expected the ICD-10 header line (CODE, ALT_CODE, USAGE, …), lines of an OPCS-4 code and its title separated by a tab, or the XML of either',
  };
}
