import { addMonthsToDay, dateOfDay, isoDay, localDay } from '@/lib/calendar';

/**
 * KSBs an apprentice should have met by `today`, pro rata to days in learning over the planned
 * duration (never below 0 or above the total).
 */
export function expectedKsbs(startDate: string, plannedEndDate: string, today: Date, total = 59): number {
  const start = isoDay(startDate);
  const span = isoDay(plannedEndDate) - start;
  if (span <= 0) return total;
  const done = Math.min(Math.max(localDay(today) - start, 0), span);
  return (total * done) / span;
}

/** When the next progress review is due: the interval after the last one, or after the start. */
export function nextReviewDue(startDate: string, lastReviewDate: string | null, intervalWeeks: number): Date {
  return dateOfDay(nextReviewDueDay(startDate, lastReviewDate, intervalWeeks));
}

/** nextReviewDue as a day number (lib/calendar.ts), for the rules applied to every row of a cohort. */
export function nextReviewDueDay(startDate: string, lastReviewDate: string | null, intervalWeeks: number): number {
  return isoDay(lastReviewDate ?? startDate) + 7 * intervalWeeks;
}

export const RULE_CHANGE = '2025-08-01';

/**
 * The minimum time in learning before gateway (DOMAIN.md §5): 12 months for starts before
 * 1 August 2025, extended to 12×30/weekly hours months for fewer than 30 hours a week; 8 months
 * for starts from then, with no part-time extension.
 */
export function minimumLearningEnd(startDate: string, weeklyHours: number): { months: number; date: Date } {
  const { months, day } = minimumLearningEndDay(startDate, weeklyHours);
  return { months, date: dateOfDay(day) };
}

/** minimumLearningEnd as a day number (lib/calendar.ts). */
export function minimumLearningEndDay(startDate: string, weeklyHours: number): { months: number; day: number } {
  const months = startDate >= RULE_CHANGE ? 8 : weeklyHours < 30 ? Math.ceil((12 * 30) / weeklyHours) : 12;
  return { months, day: addMonthsToDay(isoDay(startDate), months) };
}
