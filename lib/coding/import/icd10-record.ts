// One ICD-10 5th Edition record (a TXT line or an XML <CLASS> element: the two carry the same fields)
// turned into an ImportedCode, with every field checked.
//
// What the fields mean, learned from the TRUD file ICD10_Edition5_CodesAndTitlesAndMetadata_GB_20160401.xml
// (17,934 codes; read to learn the format, not copied):
// - CODE is dotted (A00.0, S32.50, M45.X0); ALT_CODE is the same without the dot, and a three-character
//   category with no subdivisions carries the filler X (CODE="I10" ALT_CODE="I10X"; N40/N40X, G01/G01X).
//   CODE never has the filler on its own, so ImportedCode.code is CODE as given. We check ALT_CODE
//   against CODE because a mismatch means the columns are out of step.
// - USAGE is DEFAULT (17,008), ASTERISK (816) or DAGGER (110); it is what ImportedCode.usage carries.
// - USAGE_UK is a number the UK adds: 3 = an ordinary code; 0 = a default code that may not be the
//   primary diagnosis (all of V, W, X, Y and Z: external causes and factors); 2 = asterisk (always
//   with USAGE=ASTERISK); 1 = dagger whose asterisk is named in QUALIFIERS (all 73 have QUALIFIERS,
//   ^-separated: "M07.0^M07.00^…"); 4 = dagger with no asterisk named (A17, E10.2). We only check it
//   is one of 0–4: the mapping is our reading of the data, not a published rule.
// - GENDER_MASK is empty, 1 or 2, and 1 means FEMALE: O80.0, A34 (obstetrical tetanus), C51 (vulva)
//   carry 1; N40 (prostate), B26.0 (mumps orchitis), C61 carry 2. This is the reverse of the NHS Data
//   Dictionary's person gender code (1 = male), so it is easy to get wrong. Only 1 and 2 occur; any
//   other value is refused rather than guessed (it may be a bitmask where 3 means either).
// - MIN_AGE / MAX_AGE are whole years as plain integers: 15–45 on obstetric codes (O80.0, Z37.0),
//   MAX_AGE 1 on perinatal codes (P00–P96, A33 tetanus neonatorum), MIN_AGE 1–5 on dental codes
//   (K02.3, K01.0). No unit suffix or days appear, so no conversion is made. Whether a bound is
//   inclusive is not stated in the file.
// - MODIFIER_4 is on four-character codes only (W01.1 "Residential institution", E10.2 "With renal
//   complications"), MODIFIER_5 on five-character codes only (S32.50 "closed"); DESCRIPTION is then
//   the parent's title, unchanged. No code has both.
// - QUALIFIERS and TREE_DESCRIPTION are not part of ImportedCode and are not checked.

import { isIcd10Code, quote } from './codes';
import type { ImportedCode, ImportProblem } from './types';

const USAGES = { DEFAULT: 'default', DAGGER: 'dagger', ASTERISK: 'asterisk' } as const;
const USAGE_UK = new Set(['0', '1', '2', '3', '4']);
const GENDER = { '1': 'female', '2': 'male' } as const;

/** A field's value, or '' when the column is empty or the attribute absent. */
export type Fields = (name: string) => string;

export type Icd10Read = { code: string | null; imported: ImportedCode | null; problems: ImportProblem[] };

export function readIcd10Record(field: Fields, line: number): Icd10Read {
  const problems: ImportProblem[] = [];
  const say = (message: string) => problems.push({ line, message });

  const rawCode = field('CODE');
  const code = rawCode.toUpperCase();
  let goodCode: string | null = code;
  if (!rawCode) {
    say('the code is empty (CODE)');
    goodCode = null;
  } else if (!isIcd10Code(code)) {
    say(`code ${quote(rawCode)} is not shaped like an ICD-10 code`);
    goodCode = null;
  }

  const alt = field('ALT_CODE').toUpperCase();
  if (goodCode && alt) {
    const plain = goodCode.replace('.', '');
    const ok = alt === plain || (goodCode.length === 3 && alt === `${goodCode}X`);
    if (!ok) say(`ALT_CODE ${quote(alt)} does not match code ${quote(goodCode)}`);
  }

  const title = field('DESCRIPTION');
  if (!title) say(`code ${quote(rawCode)} has no title (DESCRIPTION is empty)`);

  const rawUsage = field('USAGE');
  const usage = USAGES[rawUsage.toUpperCase() as keyof typeof USAGES];
  if (!usage) say(`USAGE ${quote(rawUsage)} is not DEFAULT, DAGGER or ASTERISK`);

  const usageUk = field('USAGE_UK');
  if (usageUk && !USAGE_UK.has(usageUk)) say(`USAGE_UK ${quote(usageUk)} is not one of 0, 1, 2, 3 or 4`);

  const mod4 = field('MODIFIER_4');
  const mod5 = field('MODIFIER_5');
  if (goodCode && mod4 && goodCode.length !== 5)
    say(`MODIFIER_4 ${quote(mod4)} is given on ${quote(goodCode)}, which is not a four-character code`);
  if (goodCode && mod5 && goodCode.length !== 6)
    say(`MODIFIER_5 ${quote(mod5)} is given on ${quote(goodCode)}, which is not a five-character code`);

  const mask = field('GENDER_MASK');
  const sex = mask ? GENDER[mask as keyof typeof GENDER] : null;
  if (sex === undefined) say(`GENDER_MASK ${quote(mask)} is not 1 (female) or 2 (male)`);

  const minAge = readAge(field('MIN_AGE'), 'MIN_AGE', say);
  const maxAge = readAge(field('MAX_AGE'), 'MAX_AGE', say);
  if (typeof minAge === 'number' && typeof maxAge === 'number' && minAge > maxAge)
    say(`MIN_AGE ${minAge} is greater than MAX_AGE ${maxAge}`);

  if (problems.length || !goodCode || !usage || sex === undefined || minAge === undefined || maxAge === undefined)
    return { code: goodCode, imported: null, problems };
  return {
    code: goodCode,
    imported: { code: goodCode, title, usage, modifier: mod5 || mod4 || null, sex, minAge, maxAge },
    problems,
  };
}

/** null when empty; undefined (after saying why) when it is not a whole number of years. */
function readAge(raw: string, name: string, say: (m: string) => void): number | null | undefined {
  if (!raw) return null;
  if (!/^\d{1,3}$/.test(raw)) {
    say(`${name} ${quote(raw)} is not a whole number of years`);
    return undefined;
  }
  return Number(raw);
}
