import { DAY_MS, isoDay } from '@/lib/calendar';

/**
 * The off-the-job plan: an apprenticeship's planned off-the-job hours spread evenly, day by day,
 * over its planned duration (start date to planned end date). Pure arithmetic, no database.
 *
 * Every date is an ISO calendar date ('YYYY-MM-DD') turned into a whole UTC day number, so the
 * answers are the same whatever the server's or the browser's time zone (no drift at the clock change).
 */
export type OtjPlan = { startDate: string; plannedEndDate: string; plannedOtjHours: number };

/** Whole days since 1 January 1970 (UTC) of an ISO date. */
export const utcDay = isoDay;

/** The ISO date of a UTC day number. */
export function isoOfUtcDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

// Today's date in the UK, as 'YYYY-MM-DD' (defined with the date field types).
export { ukToday } from '@/lib/forms/fields';

/** Days in the planned duration (at least 1, so a plan ending on its start day is all due on that day). */
export function plannedDays(plan: OtjPlan): number {
  return Math.max(1, utcDay(plan.plannedEndDate) - utcDay(plan.startDate));
}

/** One week's share of the plan, in hours. */
export function weeklyShare(plan: OtjPlan): number {
  return (Math.max(0, plan.plannedOtjHours) * 7) / plannedDays(plan);
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * Hours the plan expects by `asOf`: 0 on the start date, growing by the same share each day, the
 * whole total on the planned end date; clamped to 0..plannedOtjHours and rounded to the hundredth
 * (rounding keeps it monotonic).
 */
export function plannedHoursToDate(plan: OtjPlan, asOf: string): number {
  const total = Math.max(0, plan.plannedOtjHours);
  const elapsed = utcDay(asOf) - utcDay(plan.startDate);
  const fraction = Math.min(1, Math.max(0, elapsed / plannedDays(plan)));
  return round2(total * fraction);
}

/**
 * The hours expected by a date. The straight line over the plan's dates unless the caller passes the learning
 * schedule's (lib/funding/schedule.ts otjExpectedBy: the signed plan month by month, breaks pausing it).
 */
export type PlannedAt = (asOf: string) => number;

export type OtjProgress = {
  plannedToDate: number;
  logged: number;
  /** logged − planned: negative when behind the plan, positive when ahead. */
  difference: number;
  hoursBehind: number;
  hoursAhead: number;
  weeklyShare: number;
  behind: boolean;
};

/**
 * Where the apprentice stands against the plan on `asOf`.
 *
 * The rule for "behind" (one function, so other views such as a RAG rating reuse it): the hours
 * counted are below the plan to date by MORE than one week's share of the plan. A week's grace
 * means a missed day-release session or a week not yet written up does not raise a flag, while
 * a shortfall that lasts does. Before the start date nothing is planned, so nobody is behind.
 */
export function otjProgress(plan: OtjPlan, loggedHours: number, asOf: string, plannedAt: PlannedAt = (d) => plannedHoursToDate(plan, d)): OtjProgress {
  const plannedToDate = plannedAt(asOf);
  const logged = round2(loggedHours);
  const difference = round2(logged - plannedToDate);
  const share = weeklyShare(plan);
  return {
    plannedToDate,
    logged,
    difference,
    hoursBehind: Math.max(0, -difference),
    hoursAhead: Math.max(0, difference),
    weeklyShare: round2(share),
    behind: isBehindPlan(plannedToDate, logged, share),
  };
}

/** The rule itself: behind when the shortfall is more than one week's share of the plan. */
export function isBehindPlan(plannedToDate: number, loggedHours: number, weeklyShareHours: number): boolean {
  return plannedToDate - loggedHours > weeklyShareHours + 1e-9;
}

export type OtjSeriesPoint = {
  /** Week number from the start (0 = the start date). */
  week: number;
  date: string;
  planned: number;
  /** Cumulative hours logged by this date; null for weeks after `asOf`. */
  logged: number | null;
};

/**
 * The most points a series has: a six-year plan (the longest the forms accept) is 313 weeks, shown week by
 * week. A longer plan (a record stored before the dates were checked, say a planned end of 9999-12-31)
 * is shown every few weeks instead, so the chart and its table stay this size: one point a week for
 * 8,000 years made the apprenticeship page take two minutes and 168 MB (issue 14).
 */
export const MAX_SERIES_POINTS = 320;

/**
 * Cumulative logged hours against the plan, one point a week from the start date to the planned
 * end date (the last point is the end date itself), or one every few weeks when that would be more
 * than MAX_SERIES_POINTS. Logged hours are given per date (any grouping); hours dated before the start
 * count from week 0. A point whose step contains `asOf` shows the hours logged up to `asOf`; later
 * points have no logged figure yet.
 */
export function weeklySeries(
  plan: OtjPlan,
  hoursByDate: { date: string; hours: number }[],
  asOf: string,
  plannedAt: PlannedAt = (d) => plannedHoursToDate(plan, d),
): OtjSeriesPoint[] {
  const start = utcDay(plan.startDate);
  const end = start + plannedDays(plan);
  const today = utcDay(asOf);
  const weeksInPlan = Math.ceil((end - start) / 7);
  const step = Math.max(1, Math.ceil(weeksInPlan / (MAX_SERIES_POINTS - 1)));
  const days = hoursByDate.map((h) => ({ day: utcDay(h.date), hours: h.hours })).sort((a, b) => a.day - b.day);
  const points: OtjSeriesPoint[] = [];
  let i = 0;
  let cumulative = 0;
  for (let week = 0; ; week += step) {
    const day = Math.min(end, start + week * 7);
    // The last point (the planned end) also holds hours logged after it, by an apprentice running over.
    const upTo = day >= end ? today : Math.min(day, today);
    while (i < days.length && days[i]!.day <= upTo) cumulative += days[i++]!.hours;
    const date = isoOfUtcDay(day);
    points.push({ week, date, planned: plannedAt(date), logged: day - 7 * step < today ? round2(cumulative) : null });
    if (day >= end) break;
  }
  return points;
}

/** Hours as people write them: 2.5 → "2.5", 12 → "12", 0.25 → "0.25". */
export function formatHours(hours: number): string {
  return (Math.round(hours * 100) / 100).toLocaleString('en-GB', { maximumFractionDigits: 2 });
}
