import { addDays, differenceInCalendarDays } from 'date-fns';
import { localDay } from '@/lib/calendar';

export type Forecast =
  | { kind: 'met' }
  | { kind: 'not_enough_data'; cases: number; needed: number }
  | { kind: 'not_improving' }
  | { kind: 'date'; date: Date; perWeek: number };

type Point = { at: Date; percent: number };

const MAX_DAYS_AHEAD = 3 * 365;

/** The least-squares line through the points, in percentage points per day from the first point's day. */
function line(points: Point[]): { slope: number; intercept: number; t0: Date } | null {
  const t0 = points[0]!.at;
  // differenceInCalendarDays for each of a few hundred points, without its Date objects.
  const day0 = localDay(t0);
  const xs = points.map((p) => localDay(p.at) - day0);
  const n = points.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = points.reduce((a, p) => a + p.percent, 0) / n;
  let sxy = 0;
  let sxx = 0;
  points.forEach((p, i) => {
    sxy += (xs[i]! - mx) * (p.percent - my);
    sxx += (xs[i]! - mx) ** 2;
  });
  // All points on one day: no time trend to extend.
  if (sxx === 0) return null;
  const slope = sxy / sxx;
  return { slope, intercept: my - slope * mx, t0 };
}

/**
 * When a rolling figure will reach a threshold, from a least-squares line through its points over
 * time. Under `minPoints` points there is not enough data; a flat or falling line never reaches
 * it; a date more than three years away is treated as not improving (the trend says little then).
 */
export function forecastThreshold(points: Point[], threshold: number, today: Date, minPoints: number): Forecast {
  if (points.length < minPoints) return { kind: 'not_enough_data', cases: points.length, needed: minPoints };
  if (points[points.length - 1]!.percent >= threshold) return { kind: 'met' };
  const fit = line(points);
  if (!fit || fit.slope <= 0) return { kind: 'not_improving' };
  const dayReached = Math.ceil((threshold - fit.intercept) / fit.slope);
  // A barely rising line reaches the threshold in centuries (or overflows): that is not improving.
  if (!Number.isFinite(dayReached) || dayReached - differenceInCalendarDays(today, fit.t0) > MAX_DAYS_AHEAD) return { kind: 'not_improving' };
  const date = addDays(fit.t0, dayReached);
  const fromToday = differenceInCalendarDays(date, today);
  // The line may say "already" while the latest rolling figure is still below: then soon, not past.
  return { kind: 'date', date: fromToday < 1 ? addDays(today, 1) : date, perWeek: fit.slope * 7 };
}

/** Whether a rolling figure is falling: the line through its latest points drops by more than a point a month. */
export function isFalling(points: Point[], minPoints: number): boolean {
  if (points.length < minPoints) return false;
  const fit = line(points.slice(-minPoints));
  return fit !== null && fit.slope * 30 < -1;
}
