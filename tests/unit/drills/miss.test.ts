import { describe, expect, it } from 'vitest';
import { drillMissReason } from '@/lib/drills/miss';
import type { MarkResult } from '@/lib/coding/mark';

const figures = (correct: number, of: number): Pick<MarkResult, 'primaryDiagnosis' | 'secondaryDiagnoses' | 'primaryProcedure' | 'secondaryProcedures'> => ({
  primaryDiagnosis: { correct: Math.min(correct, 1), of: 1 },
  secondaryDiagnoses: of > 1 ? { correct: Math.max(correct - 1, 0), of: of - 1 } : null,
  primaryProcedure: null,
  secondaryProcedures: null,
});

describe('why an attempt becomes a drill', () => {
  it('names the first convention its findings show', () => {
    const r: MarkResult = { ...figures(2, 3), findings: [{ type: 'sequencing', field: 'primaryDiagnosis', expected: 'K35.8', given: 'I10', message: '' }] };
    expect(drillMissReason(r, ['K4'])).toBe('sequencing');
  });

  it('names the case’s first KSB when the figures are low without a convention finding', () => {
    const r: MarkResult = { ...figures(1, 4), findings: [{ type: 'incorrect_code', field: 'secondaryDiagnoses', expected: 'I10', given: 'I11', message: '' }] };
    expect(drillMissReason(r, ['K4', 'S3'])).toBe('K4');
  });

  it('is no miss when the figures are good and no convention is wrong', () => {
    expect(drillMissReason({ ...figures(3, 3), findings: [] }, ['K4'])).toBeNull();
    expect(drillMissReason({ ...figures(3, 4), findings: [{ type: 'incorrect_code', field: 'secondaryDiagnoses', expected: 'I10', given: 'I11', message: '' }] }, ['K4'])).toBeNull();
  });
});
