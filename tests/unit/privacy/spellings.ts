import fc from 'fast-check';

// Ways a person (or a tool, or an attacker) can write an NHS number, for property tests of the guard:
// issue 14 found 141 of 191 such spellings accepted. Shared by the unit and integration tests.

/** The check digit for nine digits, or null when none exists (the sum leaves 10). */
export function checkDigit(first9: string): number | null {
  const sum = [...first9].reduce((s, d, i) => s + Number(d) * (10 - i), 0);
  const check = 11 - (sum % 11);
  return check === 10 ? null : check === 11 ? 0 : check;
}

/** Ten ASCII digits passing Modulus 11. */
export const validNhsNumber = fc
  .stringMatching(/^\d{9}$/)
  .filter((d) => checkDigit(d) !== null)
  .map((d) => `${d}${checkDigit(d)}`);

/** The same nine digits with a wrong check digit: never an NHS number. */
export const failingTwin = (n: string, shift: number) => `${n.slice(0, 9)}${(Number(n[9]) + 1 + (shift % 9)) % 10}`;

// Each writes one ASCII digit 0–9 in another way. Digits of one number may mix them.
const fromZero = (zero: number) => (d: number) => String.fromCodePoint(zero + d);
export const DIGIT_STYLES: Record<string, (d: number) => string> = {
  ascii: (d) => String(d),
  fullWidth: fromZero(0xff10),
  arabicIndic: fromZero(0x0660),
  extendedArabicIndic: fromZero(0x06f0),
  devanagari: fromZero(0x0966),
  bengali: fromZero(0x09e6),
  thai: fromZero(0x0e50),
  tibetan: fromZero(0x0f20),
  myanmar: fromZero(0x1040),
  mathBold: fromZero(0x1d7ce),
  mathDoubleStruck: fromZero(0x1d7d8),
  mathMonospace: fromZero(0x1d7f6),
  superscript: (d) => '⁰¹²³⁴⁵⁶⁷⁸⁹'[d]!,
  subscript: fromZero(0x2080),
  circled: (d) => (d === 0 ? '⓪' : String.fromCodePoint(0x2460 + d - 1)),
  keycap: (d) => `${d}\ufe0f\u20e3`,
  segmented: fromZero(0x1fbf0),
};

/** Between groups: any run of these (spaces of every kind, line breaks, dashes, dots, slashes, underscores). */
export const SEPARATORS = [
  ' ', '\u00a0', '\u202f', '\u2007', '\u2009', '\u200a', '\u2002', '\u3000', '\t', '\n', '\r\n', '\u2028',
  '-', '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2212', '\ufe63', '\uff0d',
  '.', '\uff0e', '/', '\uff0f', '_', '(', ')', ' - ', ' / ',
];

/** Inside a group, between two digits: invisible, so the digits still read as one run. */
export const INVISIBLES = ['\u200b', '\u200c', '\u200d', '\u2060', '\u00ad', '\ufeff', '\u200e', '\u200f', '\u034f', '\u180e', '\u{e0020}'];

/** Every grouping of ten digits: 3-3-4, 4-3-3, 10, 2-2-2-2-2, one at a time, and random ones. */
const grouping: fc.Arbitrary<number[]> = fc.oneof(
  fc.constantFrom<number[]>([3, 3, 4], [4, 3, 3], [10], [2, 2, 2, 2, 2], [1, 1, 1, 1, 1, 1, 1, 1, 1, 1], [3, 7], [5, 5]),
  fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 9, maxLength: 9 }).map((cuts) => {
    const marks = [...new Set(cuts)].sort((a, b) => a - b);
    const sizes: number[] = [];
    let at = 0;
    for (const m of [...marks, 10]) {
      sizes.push(m - at);
      at = m;
    }
    return sizes;
  }),
);

export type Spelling = { text: string; digits: string };

/** One way of writing `digits` (ten ASCII digits): any styles, grouping, separators and invisibles. */
export const spellingOf = (digits: string) =>
  fc
    .record({
      sizes: grouping,
      styles: fc.oneof(
        fc.constantFrom(...Object.keys(DIGIT_STYLES)).map((s) => Array<string>(10).fill(s)), // one style throughout
        fc.array(fc.constantFrom(...Object.keys(DIGIT_STYLES)), { minLength: 10, maxLength: 10 }), // mixed
      ),
      seps: fc.array(fc.array(fc.constantFrom(...SEPARATORS), { minLength: 1, maxLength: 2 }), { minLength: 9, maxLength: 9 }),
      invisibles: fc.array(fc.option(fc.constantFrom(...INVISIBLES), { freq: 3 }), { minLength: 10, maxLength: 10 }),
    })
    .map(({ sizes, styles, seps, invisibles }): Spelling => {
      let text = '';
      let i = 0;
      sizes.forEach((size, g) => {
        if (g > 0) text += seps[g - 1]!.join('');
        for (let k = 0; k < size; k++, i++) {
          if (k > 0 && invisibles[i]) text += invisibles[i];
          text += DIGIT_STYLES[styles[i]!]!(Number(digits[i]));
        }
      });
      return { text, digits };
    });

/** Words around the number, none of them digits (a digit beside it would make a longer number). */
export const context = fc.record({
  before: fc.constantFrom('', 'Patient ', 'NHS no: ', 'NHS#', 'pt ', 'Ref (', '“'),
  after: fc.constantFrom('', ' seen today.', ')', '.', ' — discharged', '”'),
});

/** A valid NHS number, spelled some way, in some words. */
export const spelledNhsNumber = fc
  .tuple(validNhsNumber, context)
  .chain(([n, ctx]) => spellingOf(n).map((s) => ({ ...s, text: `${ctx.before}${s.text}${ctx.after}` })));

/** The same, written with a wrong check digit: the guard must let it through. */
export const spelledFailingNumber = fc
  .tuple(validNhsNumber, fc.nat(), context)
  .chain(([n, shift, ctx]) => spellingOf(failingTwin(n, shift)).map((s) => ({ ...s, text: `${ctx.before}${s.text}${ctx.after}` })));
