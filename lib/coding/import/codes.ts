// Code shapes and the whole-file checks every format shares (duplicates, missing parents).

import type { ImportProblem, ReadEntry } from './types';

// ICD-10 5th Edition writes codes dotted (CODE="S32.50"; the undotted form is ALT_CODE). A fourth
// character is a digit; a fifth is a digit after a digit (S32.50) or after the filler X when the UK
// subdivides an undivided category (the real file has M45.X0–M45.X9, T08.X0, T08.X1, T10.X0, T12.X0
// under M45, T08, T10 and T12, whose ALT_CODEs are M45X, T08X, …).
const ICD10 = /^[A-Z]\d{2}(?:\.(?:\d{1,2}|X\d))?$/;

// OPCS-4: a letter, two digits, an optional fourth digit. OPCS-4 has no chapter I (the 4.11 file uses
// every other letter, O included), so an I code is a sign of an ICD-10 list loaded as OPCS-4.
const OPCS4 = /^[A-HJ-Z]\d{2}(?:\.\d)?$/;

export function isIcd10Code(code: string): boolean {
  return ICD10.test(code);
}

/** OPCS-4 files may write A011 or A01.1; the UK writes A01.1. */
export function normaliseOpcs4Code(raw: string): string {
  const code = raw.trim().toUpperCase();
  return /^[A-Z]\d{3}$/.test(code) ? `${code.slice(0, 3)}.${code.slice(3)}` : code;
}

export function isOpcs4Code(code: string): boolean {
  return OPCS4.test(code);
}

/** The code one level up, or null for a three-character category. M45.X0 hangs off M45 (X is only a filler). */
export function parentOf(code: string): string | null {
  if (code.length <= 3) return null;
  if (code.length === 5) return code.slice(0, 3); // A00.0 → A00
  if (code[4] === 'X') return code.slice(0, 3); // M45.X0 → M45
  return code.slice(0, 5); // S32.50 → S32.5
}

/** Quote a value from the file for a message, shortened so one long line cannot flood the report. */
export function quote(value: string): string {
  const shown = value.length > 60 ? `${value.slice(0, 57)}…` : value;
  return JSON.stringify(shown);
}

/**
 * Duplicates (reported on the later line) and children whose parent is missing (reported on the
 * child's line). Codes from lines with other problems still count as present, so one fault is
 * reported once.
 */
export function checkWholeFile(entries: ReadEntry[]): ImportProblem[] {
  const problems: ImportProblem[] = [];
  const firstLine = new Map<string, number>();
  for (const e of entries) {
    if (e.code === null) continue;
    const first = firstLine.get(e.code);
    if (first === undefined) firstLine.set(e.code, e.line);
    else problems.push({ line: e.line, message: `code ${quote(e.code)} appears again (first on line ${first})` });
  }
  for (const e of entries) {
    if (e.code === null) continue;
    const parent = parentOf(e.code);
    if (parent !== null && !firstLine.has(parent))
      problems.push({ line: e.line, message: `code ${quote(e.code)} has no parent: ${quote(parent)} is not in the file` });
  }
  return problems;
}
