import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays } from 'date-fns';
import { forecastThreshold, isFalling } from '@/lib/progress/forecast';

const start = new Date(Date.UTC(2026, 0, 1));
const series = (values: number[], everyDays = 7) => values.map((percent, i) => ({ at: addDays(start, i * everyDays), percent }));

describe('forecastThreshold', () => {
  it('says not enough data under the minimum number of cases', () => {
    expect(forecastThreshold(series([50, 60, 70]), 90, start, 10)).toEqual({ kind: 'not_enough_data', cases: 3, needed: 10 });
  });
  it('says met when the latest figure is at the threshold', () => {
    expect(forecastThreshold(series([80, 85, 88, 90, 91, 92, 93, 94, 95, 96]), 90, start, 10)).toEqual({ kind: 'met' });
  });
  it('extends a straight rise to the day it crosses', () => {
    // One point a week, rising 2 points a week from 60: 90 is reached at week 15, day 105.
    const f = forecastThreshold(series(Array.from({ length: 10 }, (_, i) => 60 + 2 * i)), 90, addDays(start, 63), 10);
    expect(f).toMatchObject({ kind: 'date', perWeek: 2 });
    expect(f.kind === 'date' && f.date.toISOString().slice(0, 10)).toBe(addDays(start, 105).toISOString().slice(0, 10));
  });
  it('never forecasts from a flat or falling trend', () => {
    expect(forecastThreshold(series(Array(12).fill(70)), 90, start, 10)).toEqual({ kind: 'not_improving' });
    expect(forecastThreshold(series(Array.from({ length: 12 }, (_, i) => 80 - i)), 90, start, 10)).toEqual({ kind: 'not_improving' });
  });
  it('never forecasts a date in the past, and the date moves later as the threshold rises (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 89, noNaN: true }), { minLength: 10, maxLength: 40 }), fc.integer({ min: 0, max: 400 }), (values, todayOffset) => {
        const points = series(values);
        const today = addDays(start, todayOffset);
        const a = forecastThreshold(points, 90, today, 10);
        const b = forecastThreshold(points, 95, today, 10);
        if (a.kind === 'date') expect(a.date.getTime()).toBeGreaterThan(today.getTime());
        if (a.kind === 'date' && b.kind === 'date') expect(b.date.getTime()).toBeGreaterThanOrEqual(a.date.getTime());
      }),
    );
  });
});

describe('isFalling', () => {
  it('sees a drop of more than a point a month in the latest cases', () => {
    expect(isFalling(series(Array.from({ length: 10 }, (_, i) => 95 - i)), 10)).toBe(true);
    expect(isFalling(series(Array.from({ length: 10 }, (_, i) => 85 + i)), 10)).toBe(false);
    expect(isFalling(series([90, 80]), 10)).toBe(false);
  });
});
