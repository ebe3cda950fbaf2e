// ICD-10 5th Edition "CodesAndTitlesAndMetadata" as XML.
//
// What the real file looks like (ICD10_Edition5_CodesAndTitlesAndMetadata_GB_20160401.xml): UTF-8, no
// BOM, LF line ends, an XML declaration, then
//   <DSV xmlns="urn:nhs-org:icd-10" xsi:schemaLocation="urn:nhs-org:icd-10 ./ICD10_Edition5_GB_20160401.xsd" …>
//     <CLASS CODE="S32.50" ALT_CODE="S3250" USAGE="DEFAULT" USAGE_UK="3" DESCRIPTION="Fracture of pubis" MODIFIER_5="closed" />
// one self-closing <CLASS> per line, in classification order (not sorted: the UK's own order). An
// attribute is absent, never empty, when it has no value. The schemaLocation is never fetched. The
// fields are those of the TXT edition; icd10-record.ts says what each one means.

import { readIcd10Record } from './icd10-record';
import type { FormatResult } from './types';
import { walkReleaseXml } from './xml';

export function parseIcd10Xml(text: string): FormatResult {
  const result: FormatResult = { entries: [], problems: [], stopped: false, refusal: null };
  const walk = walkReleaseXml(text, 'CLASS', ({ attributes, line }) => {
    const read = readIcd10Record((name) => attributes[name] ?? '', line);
    result.problems.push(...read.problems);
    result.entries.push({ line, code: read.code, imported: read.imported });
  });
  return { ...result, problems: [...result.problems, ...walk.problems], stopped: walk.stopped, refusal: walk.refusal };
}
