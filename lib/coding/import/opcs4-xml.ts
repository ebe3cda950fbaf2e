// OPCS-4 "CodesAndTitles" as XML.
//
// What the real file looks like (OPCS411 CodesAndTitles Nov 2025 V1.0.xml): UTF-8, no BOM, LF line
// ends, an XML declaration, then
//   <dsv xmlns="https://www.digital.nhs.uk/opcs/codes">
//     <code CODE="A01.1" TITLE="Hemispherectomy"/>
// one <code> per line with exactly these two attributes, codes dotted, titles with &lt; and &gt; where
// they have < or > ("Radiology of one body area (or < 20 minutes)"). OPCS-4 has no sex, age or usage
// data: usage is 'default' and the rest null. An undotted CODE is read as dotted, as in the TXT edition.

import { isOpcs4Code, normaliseOpcs4Code, quote } from './codes';
import type { FormatResult } from './types';
import { walkReleaseXml } from './xml';

export function parseOpcs4Xml(text: string): FormatResult {
  const result: FormatResult = { entries: [], problems: [], stopped: false, refusal: null };
  const walk = walkReleaseXml(text, 'code', ({ attributes, line }) => {
    const say = (message: string) => result.problems.push({ line, message });
    const raw = attributes.CODE ?? '';
    const code = normaliseOpcs4Code(raw);
    const shaped = isOpcs4Code(code);
    if (!raw) say('<code> has no CODE');
    else if (!shaped) say(`code ${quote(raw)} is not shaped like an OPCS-4 code`);
    const title = attributes.TITLE ?? '';
    if (!title) say(`code ${quote(raw)} has no title (TITLE is empty or missing)`);
    result.entries.push({
      line,
      code: shaped ? code : null,
      imported:
        shaped && title ? { code, title, usage: 'default', modifier: null, sex: null, minAge: null, maxAge: null } : null,
    });
  });
  return { ...result, problems: [...result.problems, ...walk.problems], stopped: walk.stopped, refusal: walk.refusal };
}
