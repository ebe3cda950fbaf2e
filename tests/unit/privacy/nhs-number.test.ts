import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MAX_MATCHES, findNhsNumbers, isValidNhsNumber } from '@/lib/privacy/nhs-number';
import { normaliseForMatching } from '@/lib/privacy/normalise';
import { DIGIT_STYLES, INVISIBLES, SEPARATORS, spelledFailingNumber, spelledNhsNumber } from './spellings';

// 943 476 5919 is the NHS Data Dictionary's published example; the others are built to pass or fail.
describe('the NHS number check', () => {
  it.each(['9434765919', '4010232137', '0000000000'])('accepts %s, whose check digit is right', (n) => {
    expect(isValidNhsNumber(n)).toBe(true);
  });

  it.each(['9434765918', '1234567890', '123456789', '94347659190', '943476591A'])('refuses %s', (n) => {
    expect(isValidNhsNumber(n)).toBe(false);
  });

  it('refuses every number whose check digit would be 10', () => {
    // 000000006: 6 × 2 = 12, 12 mod 11 = 1, 11 − 1 = 10: no tenth digit can make it valid.
    for (let d = 0; d <= 9; d++) expect(isValidNhsNumber(`000000006${d}`)).toBe(false);
  });
});

describe('the normaliser', () => {
  it('turns digits of every script and style into ASCII and drops what cannot be seen', () => {
    for (const [style, write] of Object.entries(DIGIT_STYLES)) {
      const written = [...'0123456789'].map((d) => write(Number(d))).join('');
      expect(normaliseForMatching(written), style).toBe('0123456789');
    }
    expect(normaliseForMatching(`9${INVISIBLES.join('')}4`)).toBe('94');
    expect(normaliseForMatching('⑩ ⒐')).toBe('10 9.');
  });
});

describe('finding NHS numbers', () => {
  it('finds one written alone, with spaces or with dashes, and says where and what', () => {
    expect(findNhsNumbers('NHS no 9434765919.')).toEqual([{ text: '9434765919', index: 7, digits: '9434765919' }]);
    expect(findNhsNumbers('pt 943 476 5919 seen')).toEqual([{ text: '943 476 5919', index: 3, digits: '9434765919' }]);
    expect(findNhsNumbers('943-476-5919')).toHaveLength(1);
  });

  // Each of these was accepted before issue 14 (the guard knew only ASCII 3-3-4 with one space or dash).
  it.each([
    ['mixed separators', '943 476-5919'],
    ['4-3-3', '9434 765 919'],
    ['pairs', '94 34 76 59 19'],
    ['one digit at a time', '9 4 3 4 7 6 5 9 1 9'],
    ['a digit per line, as a PDF draws it', '9\n4\n3\n4\n7\n6\n5\n9\n1\n9'],
    ['table cells', '943\t476\t5919'],
    ['a run of separators', '943 - 476 - 5919'],
    ['dots', '943.476.5919'],
    ['slashes', '943/476/5919'],
    ['underscores', '943_476_5919'],
    ['no-break spaces', '943\u00a0476\u202f5919'],
    ['an ideographic space', '943\u3000476\u30005919'],
    ['an en dash and a minus sign', '943–476−5919'],
    ['full-width digits', '９４３ ４７６ ５９１９'],
    ['Arabic-Indic digits', '٩٤٣٤٧٦٥٩١٩'],
    ['Devanagari digits', '९४३ ४७६ ५९१९'],
    ['mathematical bold digits', '𝟗𝟒𝟑𝟒𝟕𝟔𝟓𝟗𝟏𝟗'],
    ['circled digits', '⑨④③④⑦⑥⑤⑨①⑨'],
    ['superscript digits', '⁹⁴³⁴⁷⁶⁵⁹¹⁹'],
    ['keycaps', '9️⃣4️⃣3️⃣4️⃣7️⃣6️⃣5️⃣9️⃣1️⃣9️⃣'],
    ['zero-width spaces', '9\u200b4\u200b3\u200b4765919'],
    ['a soft hyphen and a word joiner', '943\u00ad476\u20605919'],
    ['a zero-width joiner and non-joiner', '943\u200d476\u200c5919'],
    ['a byte-order mark', '\ufeff943\ufeff4765919'],
    ['mixed scripts', '9٤३ 4７6 𝟓9１९'],
    ['after a stray digit', 'bed 1 943 476 5919'],
  ])('finds one written with %s', (_what, text) => {
    const [found] = findNhsNumbers(text);
    expect(found?.digits).toBe('9434765919');
    expect(text.slice(found!.index, found!.index + found!.text.length)).toBe(found!.text);
  });

  it('shows the whole keycap, not half of it', () => {
    expect(findNhsNumbers('x 9️⃣4️⃣3️⃣4️⃣7️⃣6️⃣5️⃣9️⃣1️⃣9️⃣ y')[0]!.text).toBe('9️⃣4️⃣3️⃣4️⃣7️⃣6️⃣5️⃣9️⃣1️⃣9️⃣');
  });

  it('ignores longer runs of digits, words between digits and numbers that fail the check', () => {
    expect(findNhsNumbers('19434765919')).toEqual([]);
    expect(findNhsNumbers('94347659191')).toEqual([]);
    expect(findNhsNumbers('943 476 and 5919')).toEqual([]);
    expect(findNhsNumbers('Hosp no. 9434765918, tel 01632 960123')).toEqual([]);
    expect(findNhsNumbers('BP 120/80, HR 72, RR 16, SpO2 98%, temp 37.2')).toEqual([]);
    expect(findNhsNumbers('Scores 9, 4, 3, 4, 7, 6, 5, 9, 1, 9')).toEqual([]); // a list, not a number
  });

  it('finds every valid number however it is spelled (property)', () => {
    fc.assert(
      fc.property(spelledNhsNumber, ({ text, digits }) => {
        const found = findNhsNumbers(text);
        expect(found.map((f) => f.digits)).toContain(digits);
        for (const f of found) expect(text.slice(f.index, f.index + f.text.length)).toBe(f.text);
      }),
      { numRuns: 2000 },
    );
  }, 60_000);

  it('finds nothing when the same digits fail Modulus 11, however they are spelled (property)', () => {
    fc.assert(
      fc.property(spelledFailingNumber, ({ text }) => {
        expect(findNhsNumbers(text)).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  }, 60_000);

  it('reads a megabyte of digits and separators in linear time, and reports at most MAX_MATCHES', () => {
    for (const unit of ['0 ', '9434765919 ', '1\u200b', '٠-', '9'.repeat(5000) + ' ']) {
      const text = unit.repeat(Math.ceil(1_000_000 / unit.length));
      const started = performance.now();
      const found = findNhsNumbers(text);
      expect(performance.now() - started, JSON.stringify(unit.slice(0, 12))).toBeLessThan(3000);
      expect(found.length).toBeLessThanOrEqual(MAX_MATCHES);
    }
    // Every separator the normaliser knows, between single zeros (0000000000 passes the check).
    expect(findNhsNumbers(SEPARATORS.map((s) => `0${s}`).join('')).length).toBeGreaterThan(0);
  }, 60_000);
});
