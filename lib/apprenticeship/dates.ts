import { differenceInCalendarDays, parseISO } from 'date-fns';

/** Whole days from the start date to `today` (0 before the start). */
export function daysInLearning(startDate: string, today: Date = new Date()): number {
  return Math.max(0, differenceInCalendarDays(today, parseISO(startDate)));
}

// Statutory leave (5.6 weeks a year) is not expected to hold off-the-job training.
const LEAVE_WEEKS_PER_YEAR = 5.6;
// Funding floor for starts from 1 August 2025 (DOMAIN.md §5).
const OTJ_FLOOR_FROM_AUG_2025 = 187;

/**
 * A starting figure for planned off-the-job hours when none is given (the CSV import):
 * 6 hours a week for full-time apprentices (30+ hours), pro rata below, over the planned
 * duration less statutory leave; at least 187 hours for starts from 1 August 2025.
 * The provider's training plan figure replaces it.
 */
export function defaultPlannedOtjHours(startDate: string, plannedEndDate: string, weeklyHours: number): number {
  const days = differenceInCalendarDays(parseISO(plannedEndDate), parseISO(startDate));
  if (days <= 0) return 0;
  const years = days / 365.25;
  const workingWeeks = days / 7 - LEAVE_WEEKS_PER_YEAR * years;
  const perWeek = 6 * Math.min(1, weeklyHours / 30);
  const hours = Math.round(workingWeeks * perWeek);
  return startDate >= '2025-08-01' ? Math.max(OTJ_FLOOR_FROM_AUG_2025, hours) : hours;
}
