// What a reader sees, for finding numbers however they are written (issue 14, point 2: 141 of 191
// spellings of a valid NHS number got through a guard that knew only ASCII digits grouped 3-3-4).
//
// One pass over the text, one code point at a time (linear; no regular expression over the whole text):
// - Unicode NFKC of each code point: full-width ９, mathematical 𝟗, circled ⑨, superscript ⁹ → 9;
//   ⑩ → "10", ⒐ → "9.". (Per code point: composition across characters never makes or removes a digit.)
// - decimal digits of any script (\p{Nd}) → ASCII 0–9: Arabic-Indic ٩, Devanagari ९, Bengali ৯ …;
// - invisible characters removed: format characters (\p{Cf}: zero-width space, joiner and non-joiner,
//   soft hyphen, word joiner, BOM, direction marks, tags), other default-ignorable code points
//   (variation selectors, Hangul fillers) and combining marks (the keycap in 9️⃣).
// Every character given back carries the span of the code point it came from, so a caller can show
// the text as it was typed.

export type NormalisedKind = 'digit' | 'separator' | 'other';

/**
 * Called once per visible character, in order: its kind, the character (a digit is '0'–'9'), and its
 * source span. Returning true stops the walk.
 */
export type Visit = (kind: NormalisedKind, ch: string, start: number, end: number) => boolean | void;

const INVISIBLE = /^[\p{Cf}\p{M}\p{Default_Ignorable_Code_Point}]$/u;
const DECIMAL_DIGIT = /^\p{Nd}$/u;
// Between the digits of one number: any white space or line break (every Unicode space, no-break
// included), any dash or hyphen, the minus sign, control characters, and . / \ _ ( ). Not a comma:
// lists of numbers ("12, 15, 9, 20") are common in free text and would pass the check by chance.
const SEPARATOR = /^[\s\p{Z}\p{Pd}\p{Cc}\u2212./\\_()]$/u;

/**
 * The values of a decimal digit of any script. Unicode assigns \p{Nd} only in contiguous runs of ten,
 * 0 to 9 (a stability policy), so the value is the count of \p{Nd} code points just before it, mod 10.
 */
function digitValue(cp: number): number {
  let k = 0;
  while (cp - k - 1 >= 0 && DECIMAL_DIGIT.test(String.fromCodePoint(cp - k - 1))) k++;
  return k % 10;
}

// What one code point becomes, worked out once per distinct code point (the text itself is read once):
// a digit 0–9, a separator, other, invisible, or (rare: ⑩, ⒐, ½) several characters.
const OTHER = 10;
const SEP = 11;
const INVIS = 12;
const SEVERAL = 13;
type Part = { kind: NormalisedKind | 'invisible'; ch: string };
const bmp = new Uint8Array(0x10000); // 0 = not yet worked out, else code + 1
const astral = new Map<number, number>();
const several = new Map<number, Part[]>();

function classifyOne(ch: string): Part {
  const c = ch.codePointAt(0)!;
  if (c >= 0x30 && c <= 0x39) return { kind: 'digit', ch };
  if (INVISIBLE.test(ch)) return { kind: 'invisible', ch };
  if (DECIMAL_DIGIT.test(ch)) return { kind: 'digit', ch: String(digitValue(c)) };
  if (SEPARATOR.test(ch)) return { kind: 'separator', ch };
  return { kind: 'other', ch };
}

function codeOf(cp: number): number {
  const cached = cp < 0x10000 ? bmp[cp]! - 1 : (astral.get(cp) ?? -1);
  if (cached >= 0) return cached;
  // Lone surrogates stay themselves (other); NFKC of one code point, then each character it gives.
  const parts = [...String.fromCodePoint(cp).normalize('NFKC')].map(classifyOne);
  let code: number;
  if (parts.length === 1) {
    const [p] = parts as [Part];
    code = p.kind === 'digit' ? Number(p.ch) : p.kind === 'separator' ? SEP : p.kind === 'invisible' ? INVIS : OTHER;
  } else {
    code = SEVERAL;
    several.set(cp, parts);
  }
  if (cp < 0x10000) bmp[cp] = code + 1;
  else astral.set(cp, code);
  return code;
}

const DIGITS = '0123456789';

/**
 * Visits every visible character of `text` after normalisation (see the top of this file). Invisible
 * characters are not visited, but `onInvisible` is told their span (a match can then include them).
 * A lone surrogate is 'other'. `ch` is the digit, or '' for a separator or other character (read it
 * from the span; not copied, for speed) unless it came from NFKC of a wider character (⒐ gives '.').
 */
export function visitNormalised(text: string, visit: Visit, onInvisible?: (start: number, end: number) => void): void {
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    const end = i + (cp > 0xffff ? 2 : 1);
    const code = codeOf(cp);
    let stop: boolean | void = false;
    if (code < 10) stop = visit('digit', DIGITS[code]!, i, end);
    else if (code === SEP) stop = visit('separator', '', i, end);
    else if (code === OTHER) stop = visit('other', '', i, end);
    else if (code === INVIS) onInvisible?.(i, end);
    else
      for (const part of several.get(cp)!) {
        if (part.kind === 'invisible') onInvisible?.(i, end);
        else if ((stop = visit(part.kind, part.ch, i, end))) break;
      }
    if (stop) return;
    i = end;
  }
}

/** The text as the matcher reads it: NFKC, ASCII digits, invisible characters gone (for tests and logs). */
export function normaliseForMatching(text: string): string {
  const out: string[] = [];
  visitNormalised(text, (_kind, ch, start, end) => {
    out.push(ch || text.slice(start, end).normalize('NFKC'));
  });
  return out.join('');
}
