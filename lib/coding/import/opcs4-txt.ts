// OPCS-4 "CodesAndTitles" as tab-separated text: CODE<TAB>TITLE, no header, one code per line.
//
// What we know of the format: the XML edition of OPCS-4.11 (OPCS411 CodesAndTitles Nov 2025 V1.0.xml,
// 12,122 codes: 1,665 three-character, 10,457 four-character) writes codes dotted (A01.1) and every
// four-character code's category is present. Published loaders read the TXT editions ("OPCS410
// CodesAndTitles Nov 2022 V1.0.txt") as two columns with no header. We did not see a TXT file, and
// whether it writes A011 or A01.1 is not known, so both are read and stored dotted as the UK writes
// them. OPCS-4 has no sex, age or usage data: usage is 'default' and the rest null.

import { isOpcs4Code, normaliseOpcs4Code, quote } from './codes';
import { tabLines, usedColumns } from './text';
import type { FormatResult } from './types';

export function parseOpcs4Txt(text: string): FormatResult {
  const result: FormatResult = { entries: [], problems: [], stopped: false, refusal: null };
  for (const { line, fields } of tabLines(text)) {
    const say = (message: string) => result.problems.push({ line, message });
    const raw = fields[0] ?? '';
    const code = normaliseOpcs4Code(raw);
    const shaped = isOpcs4Code(code);
    const used = usedColumns(fields);
    if (fields.length < 2) {
      say(`the line has no tab between the code and the title: ${quote(raw)}`);
      result.entries.push({ line, code: shaped ? code : null, imported: null });
      continue;
    }
    if (used > 2) {
      say(`the line has ${used} columns; an OPCS-4 line has two, the code and the title`);
      result.entries.push({ line, code: shaped ? code : null, imported: null });
      continue;
    }
    if (!shaped) say(raw ? `code ${quote(raw)} is not shaped like an OPCS-4 code` : 'the code is empty');
    const title = fields[1] ?? '';
    if (!title) say(`code ${quote(raw)} has no title`);
    result.entries.push({
      line,
      code: shaped ? code : null,
      imported:
        shaped && title ? { code, title, usage: 'default', modifier: null, sex: null, minAge: null, maxAge: null } : null,
    });
  }
  return result;
}
