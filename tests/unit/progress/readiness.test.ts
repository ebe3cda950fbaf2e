import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { attainmentLevel, rollingSeries, sumFigures, theoryScore, type AttemptFigures } from '@/lib/progress/readiness';
import { DEFAULT_PROGRESS_SETTINGS as S } from '@/lib/progress/settings';
import { conventionOf } from '@/lib/progress/weak-spots';

const attempt = (pd: [number, number], sd: [number, number], pp: [number, number], sp: [number, number]): AttemptFigures => ({
  pdCorrect: pd[0], pdOf: pd[1], sdCorrect: sd[0], sdOf: sd[1], ppCorrect: pp[0], ppOf: pp[1], spCorrect: sp[0], spOf: sp[1],
});

describe('sumFigures', () => {
  it('sums correct over audited, as the audit does, not the mean of percentages', () => {
    // 1/1 and 0/9 secondary codes: 10%, where the mean of per-episode percentages would say 50%.
    const t = sumFigures([attempt([1, 1], [1, 1], [0, 0], [0, 0]), attempt([1, 1], [0, 9], [1, 1], [0, 2])]);
    expect(t.sd).toEqual({ correct: 1, of: 10, percent: 10 });
    expect(t.pp.percent).toBe(100);
    expect(t.sp).toEqual({ correct: 0, of: 2, percent: 0 });
  });

  it('leaves a figure with nothing audited empty rather than 0% or 100%', () => {
    expect(sumFigures([attempt([1, 1], [0, 0], [0, 0], [0, 0])]).pp.percent).toBeNull();
  });

  it('never gives a percent outside 0 to 100 (property)', () => {
    const pair = fc.nat(20).chain((of) => fc.tuple(fc.nat(of), fc.constant(of)));
    fc.assert(
      fc.property(fc.array(fc.tuple(pair, pair, pair, pair).map(([a, b, c, d]) => attempt(a, b, c, d)), { maxLength: 40 }), (xs) => {
        for (const f of Object.values(sumFigures(xs))) {
          if (f.percent === null) continue;
          expect(f.percent).toBeGreaterThanOrEqual(0);
          expect(f.percent).toBeLessThanOrEqual(100);
        }
      }),
    );
  });
});

describe('attainmentLevel', () => {
  const many = (a: AttemptFigures, n = 20) => Array.from({ length: n }, () => a);
  it('says not enough data under the window of cases', () => {
    expect(attainmentLevel(sumFigures(many(attempt([1, 1], [1, 1], [1, 1], [1, 1]), 19)), 19, S)).toBe('not_enough_data');
  });
  it('places figures at the second level, the first, or below', () => {
    expect(attainmentLevel(sumFigures(many(attempt([1, 1], [9, 10], [1, 1], [9, 10]))), 20, S)).toBe('second');
    // 85% secondary: above the first level (80) but below the second (90).
    const first = [...many(attempt([1, 1], [17, 20], [1, 1], [17, 20]), 20)];
    expect(attainmentLevel(sumFigures(first), 20, S)).toBe('first');
    // Primary diagnosis at 85%: below the first level's 90.
    const below = [...many(attempt([1, 1], [1, 1], [1, 1], [1, 1]), 17), ...many(attempt([0, 1], [1, 1], [1, 1], [1, 1]), 3)];
    expect(attainmentLevel(sumFigures(below), 20, S)).toBe('below');
  });
  it('uses changed thresholds', () => {
    const strict = { ...S, attainment: { first: { pd: 100, sd: 100, pp: 100, sp: 100 }, second: { pd: 100, sd: 100, pp: 100, sp: 100 } } };
    expect(attainmentLevel(sumFigures(many(attempt([1, 1], [9, 10], [1, 1], [9, 10]))), 20, strict)).toBe('below');
  });
});

describe('theoryScore', () => {
  it('scores the latest answers in the window against the pass mark', () => {
    const answers = [...Array(42).fill(true), ...Array(18).fill(false), ...Array(30).fill(false)];
    expect(theoryScore(answers, S)).toEqual({ answered: 60, right: 42, percent: 70, passes: true });
    expect(theoryScore(answers.slice(0, 50), S).passes).toBe(false); // fewer than 60 answered
  });
});

describe('rollingSeries', () => {
  it('sums over the window ending at each attempt', () => {
    const at = (d: number) => new Date(Date.UTC(2026, 0, d));
    const xs = [attempt([0, 1], [0, 0], [0, 0], [0, 0]), attempt([1, 1], [0, 0], [0, 0], [0, 0]), attempt([1, 1], [0, 0], [0, 0], [0, 0])].map((a, i) => ({ ...a, at: at(i + 1) }));
    expect(rollingSeries(xs, 'pd', 2).map((p) => p.percent)).toEqual([0, 50, 100]);
    expect(rollingSeries(xs, 'sd', 2)).toEqual([]); // nothing audited
  });
});

describe('conventionOf', () => {
  it('groups marker findings by the convention they show', () => {
    expect(conventionOf({ type: 'omitted_code', field: 'secondaryProcedures', expected: 'Z94.2' })).toBe('site_laterality');
    expect(conventionOf({ type: 'supplementary_position', field: 'secondaryProcedures', expected: 'Y75.2' })).toBe('approach');
    expect(conventionOf({ type: 'omitted_code', field: 'secondaryDiagnoses', expected: 'E11.9' })).toBe('omitted_secondary');
    expect(conventionOf({ type: 'omitted_code', field: 'primaryDiagnosis', expected: 'K35.8' })).toBeNull();
    expect(conventionOf({ type: 'dagger_asterisk_order', field: 'secondaryDiagnoses' })).toBe('dagger_asterisk');
    expect(conventionOf({ type: 'incorrect_code', field: 'primaryDiagnosis', expected: 'K35.8' })).toBeNull();
  });
});
