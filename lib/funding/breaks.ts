import { isoDay } from '@/lib/calendar';

/**
 * Breaks in learning as day arithmetic (lib/calendar.ts day numbers). A break covers the days from its start
 * date up to, not including, its end date (the day learning resumes). A break still going on covers every day
 * up to and including `asOf`; after that nobody knows when it ends, so dates worked out beyond it are the
 * earliest they can be, and the caller says they are paused.
 */
export type Break = { startDate: string; endDate: string | null };

type Span = { from: number; to: number };

function spans(breaks: readonly Break[], asOfDay: number): Span[] {
  return breaks
    .map((b) => ({ from: isoDay(b.startDate), to: b.endDate ? isoDay(b.endDate) : Math.max(isoDay(b.startDate), asOfDay + 1) }))
    .filter((s) => s.to > s.from)
    .sort((a, b) => a.from - b.from);
}

/** Days from `fromDay` (included) to `toDay` (not included) that fall in a break. */
export function breakDaysBetween(breaks: readonly Break[], fromDay: number, toDay: number, asOfDay: number): number {
  let days = 0;
  let covered = fromDay;
  for (const s of spans(breaks, asOfDay)) {
    const from = Math.max(s.from, covered);
    const to = Math.min(s.to, toDay);
    if (to > from) {
      days += to - from;
      covered = to;
    }
  }
  return days;
}

/** Days in learning from `fromDay` to `toDay`: the calendar days less those in a break (0 when toDay is not later). */
export function learningDaysBetween(breaks: readonly Break[], fromDay: number, toDay: number, asOfDay: number): number {
  return Math.max(0, toDay - fromDay - breakDaysBetween(breaks, fromDay, toDay, asOfDay));
}

/**
 * The calendar day on which `days` days in learning have passed since `fromDay`, skipping the days in a break:
 * the day a plan date, a due date or a planned end moves to.
 */
export function addLearningDays(breaks: readonly Break[], fromDay: number, days: number, asOfDay: number): number {
  let day = fromDay + days;
  for (const s of spans(breaks, asOfDay)) {
    if (s.from >= day) break;
    if (s.to <= fromDay) continue;
    day += s.to - Math.max(s.from, fromDay);
  }
  return day;
}

/**
 * Where the plan's clock stands on `asOfDay`: the start plus the days in learning so far. On the start date it
 * is the start; during a break it stands still at the day the break began.
 */
export function planClockDay(breaks: readonly Break[], startDay: number, asOfDay: number): number {
  return startDay + learningDaysBetween(breaks, startDay, asOfDay, asOfDay);
}

/** The break going on on `asOfDay`, if any. */
export function breakOn(breaks: readonly Break[], asOfDay: number): Break | undefined {
  return breaks.find((b) => isoDay(b.startDate) <= asOfDay && (b.endDate === null || isoDay(b.endDate) > asOfDay));
}
