import { describe, expect, it } from 'vitest';
import { Standard } from '@/lib/content/standard';
import file from '@/content/standards/st0535.json';

const copy = () => structuredClone(file) as typeof file;

describe('the standard as content', () => {
  it('holds K1–K29, S1–S25 and B1–B5, 59 in all', () => {
    const s = Standard.parse(file);
    expect(s.ksbs).toHaveLength(59);
    expect(s.ksbs.filter((k) => k.kind === 'K')).toHaveLength(29);
    expect(s.ksbs.filter((k) => k.kind === 'S')).toHaveLength(25);
    expect(s.ksbs.filter((k) => k.kind === 'B')).toHaveLength(5);
    expect(s.ksbs.find((k) => k.code === 'S5')?.text).toBe(
      'Consistently and correctly apply the four-step coding process as set on the NHS Digital website when assigning codes for diagnoses and procedures',
    );
  });

  it('is refused with an item missing', () => {
    const c = copy();
    c.ksbs.splice(10, 1);
    expect(Standard.safeParse(c).success).toBe(false);
  });

  it('is refused with a code given twice', () => {
    const c = copy();
    c.ksbs[1]!.code = 'K1';
    expect(Standard.safeParse(c).error?.issues.some((i) => i.message === 'K1 appears twice')).toBe(true);
  });

  it('is refused when an item’s kind does not match its code', () => {
    const c = copy();
    c.ksbs[0]!.kind = 'S';
    expect(Standard.safeParse(c).success).toBe(false);
  });
});
