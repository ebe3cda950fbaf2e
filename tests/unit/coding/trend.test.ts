import { describe, expect, it } from 'vitest';
import { rollingAccuracy, type AttemptFigures } from '@/lib/coding/trend';

const attempt = (pd: [number, number] | null, sd: [number, number] | null): AttemptFigures => ({
  createdAt: new Date('2026-11-01'),
  pdCorrect: pd?.[0] ?? null,
  pdOf: pd?.[1] ?? null,
  sdCorrect: sd?.[0] ?? null,
  sdOf: sd?.[1] ?? null,
  ppCorrect: null,
  ppOf: null,
  spCorrect: null,
  spOf: null,
});

describe('accuracy over time', () => {
  it('sums correct over audited across the window, as the audit does', () => {
    const t = rollingAccuracy([attempt([1, 1], [1, 4]), attempt([0, 1], [3, 3])], 10);
    expect(t.primaryDiagnosis.map((p) => p.value)).toEqual([1, 0.5]);
    expect(t.secondaryDiagnoses.map((p) => p.value)).toEqual([0.25, 4 / 7]); // not the mean of 25% and 100%
  });

  it('forgets attempts older than the window', () => {
    const t = rollingAccuracy([attempt([0, 1], null), attempt([1, 1], null), attempt([1, 1], null)], 2);
    expect(t.primaryDiagnosis.map((p) => p.value)).toEqual([0, 0.5, 1]);
  });

  it('has no value where nothing was audited', () => {
    expect(rollingAccuracy([attempt([1, 1], null)]).primaryProcedure[0]?.value).toBeNull();
  });
});
