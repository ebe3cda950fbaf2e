// The shapes parseRelease returns. They live here so each format's parser can use them without
// importing the entry point; parse-release.ts re-exports them as the public interface.

export type ImportedCode = {
  code: string; // dotted, as the UK writes it: A00.0, S32.50, I10 (the undivided category without the filler X), A01.1
  title: string;
  usage: 'default' | 'dagger' | 'asterisk';
  modifier: string | null; // the UK 4th/5th character meaning (MODIFIER_4/MODIFIER_5), e.g. 'closed', 'Residential institution'
  sex: 'male' | 'female' | null; // from GENDER_MASK; null = either
  minAge: number | null; // in whole years (the ICD-10 file already gives whole years: see icd10-record.ts)
  maxAge: number | null;
};
export type ReleaseFormat = 'icd10-txt' | 'icd10-xml' | 'opcs4-txt' | 'opcs4-xml';
export type ParsedRelease = { scheme: 'icd10' | 'opcs4'; format: ReleaseFormat; codes: ImportedCode[] };
export type ImportProblem = { line: number; message: string }; // 1-based line in the file; 0 for a whole-file problem

/**
 * One code line (or element) as a format parser read it, before the checks that need the whole file.
 * `code` is the normalised code when it is well shaped (even if the line has other problems), so a
 * child is not also blamed for a parent whose title was missing; `imported` is set only when the line
 * itself had no problem.
 */
export type ReadEntry = { line: number; code: string | null; imported: ImportedCode | null };

/**
 * What a format parser hands back to parse-release.ts. `stopped` means reading ended early (the XML
 * broke off, the header was unusable), so whole-file checks such as "no codes" would only add noise;
 * `refusal` is a whole-file refusal (too many elements) that replaces every other problem.
 */
export type FormatResult = {
  entries: ReadEntry[];
  problems: ImportProblem[];
  stopped: boolean;
  refusal: ImportProblem | null;
};
