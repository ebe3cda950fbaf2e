import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { findNhsNumbers, isValidNhsNumber } from '@/lib/privacy/nhs-number';

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

  it('finds one written alone, with spaces or with dashes, and says where', () => {
    expect(findNhsNumbers('NHS no 9434765919.')).toEqual([{ text: '9434765919', index: 7 }]);
    expect(findNhsNumbers('pt 943 476 5919 seen')).toEqual([{ text: '943 476 5919', index: 3 }]);
    expect(findNhsNumbers('943-476-5919')).toHaveLength(1);
  });

  it('ignores mixed separators, longer runs and numbers that fail the check', () => {
    expect(findNhsNumbers('943 476-5919')).toEqual([]);
    expect(findNhsNumbers('19434765919')).toEqual([]);
    expect(findNhsNumbers('Hosp no. 9434765918, tel 01632 960123')).toEqual([]);
  });

  it('finds every valid number however it is grouped (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{9}$/), fc.constantFrom('', ' ', '-'), (first9, sep) => {
        const sum = [...first9].reduce((s, d, i) => s + Number(d) * (10 - i), 0);
        const check = 11 - (sum % 11);
        fc.pre(check !== 10);
        const n = `${first9}${check === 11 ? 0 : check}`;
        const written = `${n.slice(0, 3)}${sep}${n.slice(3, 6)}${sep}${n.slice(6)}`;
        expect(findNhsNumbers(`ref ${written} end`)).toHaveLength(1);
      }),
    );
  });
});
