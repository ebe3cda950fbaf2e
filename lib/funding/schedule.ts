import { addMonthsToDay, isoDay } from '@/lib/calendar';
import { isoOfUtcDay, plannedHoursToDate } from '@/lib/otj/plan';
import { expectedKsbs } from '@/lib/progress/schedule';
import { addLearningDays, breakOn, planClockDay, type Break } from './breaks';

/**
 * What an apprenticeship is expected to have done by a date: the signed training plan in force when there is
 * one (its hours month by month, the KSBs in the order it teaches them), otherwise a straight line over the
 * apprenticeship's dates; with breaks in learning pausing the clock. One module, so the off-the-job page, the
 * progress figures, reminders, tasks, the calendar and the reviews all agree.
 */
export type LearningSchedule = {
  startDate: string;
  plannedEndDate: string;
  plannedOtjHours: number;
  /** The signed plan in force: its months' planned hours and the KSBs covered by the end of each month. */
  plan: { version: number; durationMonths: number; monthlyHours: number[]; ksbsByMonth: number[] } | null;
  breaks: Break[];
};

const round2 = (n: number) => Math.round(n * 100) / 100;

/** The day the plan's clock shows on `asOf` (breaks stop it). */
export function planClock(s: LearningSchedule, asOf: string): string {
  const asOfDay = isoDay(asOf);
  return isoOfUtcDay(planClockDay(s.breaks, isoDay(s.startDate), asOfDay));
}

/**
 * Month by month: how far through month m the plan's clock is, as the cumulative figure of `perMonth`
 * (the total of the months before, plus this month's share of the days gone).
 */
function cumulativeByMonth(startDay: number, clockDay: number, perMonth: readonly number[], cumulative: boolean): number {
  let before = 0;
  for (let m = 0; m < perMonth.length; m++) {
    const from = addMonthsToDay(startDay, m);
    const to = addMonthsToDay(startDay, m + 1);
    const value = cumulative ? perMonth[m]! - (m > 0 ? perMonth[m - 1]! : 0) : perMonth[m]!;
    if (clockDay < to) return before + (clockDay <= from ? 0 : (value * (clockDay - from)) / (to - from));
    before += value;
  }
  return before;
}

/** Off-the-job hours expected by `asOf`. */
export function otjExpectedBy(s: LearningSchedule, asOf: string): number {
  const clock = planClock(s, asOf);
  if (s.plan) {
    const start = isoDay(s.startDate);
    const total = s.plan.monthlyHours.reduce((a, b) => a + b, 0);
    return round2(Math.min(total, Math.max(0, cumulativeByMonth(start, isoDay(clock), s.plan.monthlyHours, false))));
  }
  return plannedHoursToDate({ startDate: s.startDate, plannedEndDate: s.plannedEndDate, plannedOtjHours: s.plannedOtjHours }, clock);
}

/** KSBs expected to be met by `asOf` (a fraction; callers round as they show it). */
export function ksbsExpectedBy(s: LearningSchedule, asOf: string, total = 59): number {
  const clock = planClock(s, asOf);
  if (s.plan) return Math.min(total, cumulativeByMonth(isoDay(s.startDate), isoDay(clock), s.plan.ksbsByMonth, true));
  // expectedKsbs reads `today` as a local calendar day; the clock is an ISO date, read at local noon.
  return expectedKsbs(s.startDate, s.plannedEndDate, new Date(`${clock}T12:00:00`), total);
}

/** The planned end, moved on by the days spent in breaks (an open break moves it a day for each day so far). */
export function movedPlannedEnd(s: LearningSchedule, asOf: string): string {
  const start = isoDay(s.startDate);
  return isoOfUtcDay(addLearningDays(s.breaks, start, isoDay(s.plannedEndDate) - start, isoDay(asOf)));
}

/**
 * When the next progress review is due: `intervalWeeks` of learning after the last review (or the start),
 * the days in a break not counted. `paused` when a break is going on on `asOf` (the date is the earliest).
 */
export function reviewDue(s: LearningSchedule, lastReviewDate: string | null, intervalWeeks: number, asOf: string): { day: number; paused: boolean } {
  const asOfDay = isoDay(asOf);
  const day = addLearningDays(s.breaks, isoDay(lastReviewDate ?? s.startDate), 7 * intervalWeeks, asOfDay);
  return { day, paused: Boolean(breakOn(s.breaks, asOfDay)) };
}

/** Whether a break is going on on `asOf`, and since when. */
export function onBreak(s: LearningSchedule, asOf: string): Break | undefined {
  return breakOn(s.breaks, isoDay(asOf));
}
