import { describe, expect, it } from 'vitest';
import { codingScore, gradeFor, gradePaper } from '@/lib/assessments/grade';
import { blueprint, section } from './fixtures';

const b = { pass: 70, distinction: 85 };

describe('gradeFor', () => {
  it('includes each boundary: at the pass mark passes, at the distinction mark earns it', () => {
    expect(gradeFor(69.99, b)).toBe('fail');
    expect(gradeFor(70, b)).toBe('pass');
    expect(gradeFor(84.99, b)).toBe('pass');
    expect(gradeFor(85, b)).toBe('distinction');
    expect(gradeFor(100, b)).toBe('distinction');
    expect(gradeFor(0, b)).toBe('fail');
  });

  it('compares on 2 dp, so floating-point noise below a boundary does not fail', () => {
    const ninety = (0.1 * 90 + 0.2 * 90) / (0.1 + 0.2); // a weighted mean of two 90s: 89.99999999999999
    expect(ninety).toBeLessThan(90);
    expect(gradeFor(ninety, { pass: 90, distinction: 95 })).toBe('pass');
    expect(gradeFor(89.994, { pass: 90, distinction: 95 })).toBe('fail');
  });
});

describe('codingScore', () => {
  it('sums correct over audited per figure, as the audit does, and totals all four', () => {
    const s = codingScore([
      { pdCorrect: 1, pdOf: 1, sdCorrect: 1, sdOf: 1, ppCorrect: 0, ppOf: 0, spCorrect: 0, spOf: 0 },
      { pdCorrect: 0, pdOf: 1, sdCorrect: 2, sdOf: 9, ppCorrect: 1, ppOf: 1, spCorrect: null, spOf: null },
    ]);
    expect(s.pd).toEqual({ correct: 1, of: 2, percent: 50 });
    expect(s.sd.percent).toBeCloseTo(30);
    expect(s.sp.percent).toBeNull(); // nothing audited: not 0%, not 100%
    expect([s.correct, s.outOf]).toEqual([5, 13]);
  });
});

describe('gradePaper', () => {
  const bp = blueprint(
    [
      section({ id: 'cases', kind: 'coding', draw: 5, weight: 3, boundaries: { pass: 90, distinction: 95 } }),
      section({ id: 'theory', kind: 'theory', draw: 10, weight: 1 }),
      section({ id: 'written', kind: 'written', draw: 2, weight: 1 }),
    ],
    { boundaries: b },
  );

  it('weights the section percents: 3 × 80 + 1 × 100 + 1 × 50 over 5 is 78', () => {
    const r = gradePaper(bp, [
      { sectionId: 'cases', score: 40, outOf: 50, pending: false },
      { sectionId: 'theory', score: 10, outOf: 10, pending: false },
      { sectionId: 'written', score: 5, outOf: 10, pending: false },
    ]);
    expect(r.percent).toBe(78);
    expect(r.grade).toBe('pass');
    expect(r.pending).toBe(false);
    expect(r.sections.map((s) => [s.sectionId, s.percent, s.grade])).toEqual([
      ['cases', 80, 'fail'], // its own boundaries: 90 to pass
      ['theory', 100, 'distinction'],
      ['written', 50, 'fail'],
    ]);
    expect(r.sections[0]!.title).toBe('Section cases');
  });

  it('leaves the paper ungraded while written answers wait for a trainer', () => {
    const r = gradePaper(bp, [
      { sectionId: 'cases', score: 50, outOf: 50, pending: false },
      { sectionId: 'theory', score: 10, outOf: 10, pending: false },
      { sectionId: 'written', score: 3, outOf: 10, pending: true },
    ]);
    expect(r.pending).toBe(true);
    expect([r.percent, r.grade]).toEqual([null, null]);
    expect(r.sections[2]).toMatchObject({ pending: true, percent: null, grade: null, score: 3 });
    expect(r.sections[0]!.grade).toBe('distinction');
  });

  it('leaves out of the mean a section with nothing to mark, sharing its weight', () => {
    const r = gradePaper(bp, [
      { sectionId: 'cases', score: 0, outOf: 0, pending: false },
      { sectionId: 'theory', score: 9, outOf: 10, pending: false },
      { sectionId: 'written', score: 7, outOf: 10, pending: false },
    ]);
    expect(r.sections[0]).toMatchObject({ percent: null, grade: null });
    expect(r.percent).toBe(80);
    expect(gradePaper(bp, bp.sections.map((s) => ({ sectionId: s.id, score: 0, outOf: 0, pending: false }))).percent).toBeNull();
  });

  it('refuses results that do not fit the blueprint', () => {
    const ok = { score: 1, outOf: 1, pending: false };
    expect(() => gradePaper(bp, [{ sectionId: 'cases', ...ok }, { sectionId: 'theory', ...ok }])).toThrow('no result for section "written"');
    expect(() => gradePaper(bp, ['cases', 'theory', 'written', 'extra'].map((sectionId) => ({ sectionId, ...ok })))).toThrow('no section "extra"');
    expect(() => gradePaper(bp, ['cases', 'theory', 'written'].map((sectionId) => ({ sectionId, score: 2, outOf: 1, pending: false })))).toThrow('scored 2 out of 1');
  });
});
