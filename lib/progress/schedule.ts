import { addMonths, addWeeks, differenceInCalendarDays, parseISO } from 'date-fns';

const day = (iso: string) => parseISO(iso);

/**
 * KSBs an apprentice should have met by `today`, pro rata to days in learning over the planned
 * duration (never below 0 or above the total).
 */
export function expectedKsbs(startDate: string, plannedEndDate: string, today: Date, total = 59): number {
  const span = differenceInCalendarDays(day(plannedEndDate), day(startDate));
  if (span <= 0) return total;
  const done = Math.min(Math.max(differenceInCalendarDays(today, day(startDate)), 0), span);
  return (total * done) / span;
}

/** When the next progress review is due: the interval after the last one, or after the start. */
export function nextReviewDue(startDate: string, lastReviewDate: string | null, intervalWeeks: number): Date {
  return addWeeks(day(lastReviewDate ?? startDate), intervalWeeks);
}

export const RULE_CHANGE = '2025-08-01';

/**
 * The minimum time in learning before gateway (DOMAIN.md §5): 12 months for starts before
 * 1 August 2025, extended to 12×30/weekly hours months for fewer than 30 hours a week; 8 months
 * for starts from then, with no part-time extension.
 */
export function minimumLearningEnd(startDate: string, weeklyHours: number): { months: number; date: Date } {
  if (startDate >= RULE_CHANGE) return { months: 8, date: addMonths(day(startDate), 8) };
  const months = weeklyHours < 30 ? Math.ceil((12 * 30) / weeklyHours) : 12;
  return { months, date: addMonths(day(startDate), months) };
}
