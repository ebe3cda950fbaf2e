// ICD-10 5th Edition "CodesAndTitlesAndMetadata" as tab-separated text.
//
// What we know of the format: its first line names the columns, CODE ALT_CODE USAGE USAGE_UK DESCRIPTION
// MODIFIER_4 MODIFIER_5 QUALIFIERS GENDER_MASK MIN_AGE MAX_AGE TREE_DESCRIPTION (every published loader
// reads it with a header and picks CODE and DESCRIPTION by name), one code per line after it, an empty
// column where the XML has no attribute. The fields are those of the XML edition (see icd10-record.ts).
// We did not see a real TXT file, so its encoding and line endings are not known: parse-release.ts
// accepts UTF-8 with or without a BOM, or windows-1252, and text.ts accepts CRLF, LF or CR.
//
// Columns are found by name, not position, so a release that reorders or adds columns still reads;
// only CODE, USAGE and DESCRIPTION must be there.

import { isIcd10Code } from './codes';
import { readIcd10Record } from './icd10-record';
import { tabLines, usedColumns } from './text';
import type { FormatResult } from './types';

const REQUIRED = ['CODE', 'USAGE', 'DESCRIPTION'];

export function parseIcd10Txt(text: string): FormatResult {
  const [header, ...rows] = tabLines(text);
  const result: FormatResult = { entries: [], problems: [], stopped: false, refusal: null };
  if (!header) return { ...result, stopped: true, problems: [{ line: 0, message: 'the file is empty' }] };

  const names = header.fields.map((f) => f.toUpperCase());
  const missing = REQUIRED.filter((name) => !names.includes(name));
  if (missing.length) {
    const list = missing.join(', ');
    result.problems.push({ line: header.line, message: `the header line has no ${list} column${missing.length > 1 ? 's' : ''}` });
    return { ...result, stopped: true };
  }
  const width = usedColumns(header.fields);

  for (const { line, fields } of rows) {
    const used = usedColumns(fields);
    if (used > width) {
      // Most likely a tab inside a title: every later column would be read shifted, so say only this.
      const raw = (fields[names.indexOf('CODE')] ?? '').toUpperCase();
      result.problems.push({ line, message: `the line has ${used} columns; the header has ${width}` });
      result.entries.push({ line, code: isIcd10Code(raw) ? raw : null, imported: null });
      continue;
    }
    const field = (name: string) => {
      const i = names.indexOf(name);
      return i < 0 ? '' : (fields[i] ?? '');
    };
    const read = readIcd10Record(field, line);
    result.problems.push(...read.problems);
    result.entries.push({ line, code: read.code, imported: read.imported });
  }
  return result;
}
