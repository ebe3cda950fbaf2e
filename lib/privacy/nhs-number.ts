// NHS numbers: 10 digits whose last is a Modulus 11 check digit (NHS Data Dictionary, "NHS NUMBER").
// Used to refuse anything that looks like a real patient identifier: in content, in every free-text
// field (lib/forms/safe-text.ts), in file names and in the text of uploaded files.
import { visitNormalised } from './normalise';

/** Whether 10 digits pass the Modulus 11 check: weights 10…2, check = 11 − (sum mod 11), 11 → 0, 10 → invalid. */
export function isValidNhsNumber(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === Number(digits[9]);
}

/** Where a number was found: the text exactly as written (`text === original.slice(index, index + text.length)`) and its ten digits. */
export type NhsNumberMatch = { text: string; index: number; digits: string };

/** Enough for any caller (they show the first); a text of ten thousand zeros must not make ten thousand matches. */
export const MAX_MATCHES = 100;

type Group = { digits: string; start: number; end: number };

/**
 * Every way `text` writes ten digits that pass the check digit, however it is spelled (see
 * ./normalise.ts): digits of any script, full-width or styled, with invisible characters between them,
 * in groups of any size (3-3-4, 4-3-3, 2-2-2-2-2, one digit at a time, or none) separated by any run
 * of spaces, line breaks, dashes, dots, slashes, underscores or brackets.
 *
 * A group is a run of digits with nothing between them; a number is one or more whole consecutive
 * groups holding ten digits in all. So a longer run of digits (a phone number, 19434765919) is not
 * one, while "1 943 476 5919" holds one. Linear in the length of the text; at most MAX_MATCHES.
 *
 * Decision (2026-12-07, issue 14): any grouping and any run of separators, because a PDF that draws
 * each digit on its own, or a table of cells, writes a number that way. The cost: about one in eleven
 * runs of ten single digits or small numbers separated only by spaces, dots or dashes passes the check
 * by chance and is refused too ("9 4 3 4 7 6 5 9 1 9" is indistinguishable from a list of scores).
 * Words between the numbers, or a colon or a letter, end the run. The content and demo data hold none.
 */
export function findNhsNumbers(text: string, limit = MAX_MATCHES): NhsNumberMatch[] {
  const found: NhsNumberMatch[] = [];
  // The groups of the current chain (groups joined only by separators), newest last, at most ten:
  // a window of ten digits spans at most ten groups.
  let chain: Group[] = [];
  let open: Group | null = null; // the group being read

  const close = () => {
    if (!open) return;
    const g = open;
    open = null;
    if (g.digits.length > 10) {
      chain = []; // too long to be part of any number, and no number spans it
      return;
    }
    chain.push(g);
    if (chain.length > 10) chain.shift();
    let count = 0;
    let k = chain.length - 1;
    while (k >= 0 && count < 10) count += chain[k--]!.digits.length;
    if (count !== 10) return;
    const first = k + 1;
    let digits = '';
    for (let j = first; j < chain.length; j++) digits += chain[j]!.digits;
    if (isValidNhsNumber(digits)) found.push({ text: text.slice(chain[first]!.start, g.end), index: chain[first]!.start, digits });
  };

  visitNormalised(
    text,
    (kind, ch, start, end) => {
      if (kind === 'digit') {
        if (!open) open = { digits: '', start, end };
        // Past eleven digits a group is simply "too long": keep no more.
        if (open.digits.length <= 10) open.digits += ch;
        open.end = end;
        return false;
      }
      close();
      if (kind === 'other' && chain.length) chain = [];
      return found.length >= limit; // enough: stop reading
    },
    (_start, end) => {
      // Invisible characters inside or just after a group belong to it (a keycap 9️⃣ is not cut in half).
      if (open) open.end = end;
    },
  );
  close();
  return found.slice(0, limit);
}

/** A match as a message shows it: white space collapsed, at most 40 characters. */
export function showMatch(m: Pick<NhsNumberMatch, 'text'>): string {
  const shown = m.text.replace(/\s+/g, ' ');
  return shown.length > 40 ? `${shown.slice(0, 39)}…` : shown;
}
