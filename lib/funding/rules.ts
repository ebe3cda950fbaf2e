import { addMonthsToDay, isoDay } from '@/lib/calendar';
import { isoOfUtcDay } from '@/lib/otj/plan';
import type { FundingSettings } from './settings';

/**
 * Which off-the-job rule an apprenticeship falls under, by its start date (the rules in force at the start
 * stay with it):
 *   hours      – starts from `hoursRuleFrom` (1 August 2025): the standard's published hours, less RPL, never
 *                below the funding floor;
 *   six_hours  – starts from `sixHourRuleFrom` (1 August 2022): 6 hours a week for full-time apprentices, 20%
 *                of contracted hours for part-time, over the working weeks;
 *   percent    – earlier starts: 20% of contracted hours (counted up to full time) over the working weeks.
 */
export type OtjRuleKind = 'hours' | 'six_hours' | 'percent';

export function otjRuleFor(startDate: string, s: FundingSettings): OtjRuleKind {
  if (startDate >= s.hoursRuleFrom) return 'hours';
  if (startDate >= s.sixHourRuleFrom) return 'six_hours';
  return 'percent';
}

export const OTJ_RULE_LABEL: Record<OtjRuleKind, string> = {
  hours: 'hours rule (starts from 1 August 2025)',
  six_hours: 'six hours a week (starts from 1 August 2022)',
  percent: '20% of working hours (starts before 1 August 2022)',
};

/** A sentence naming the rule with the dates from the settings, for pages and the plan PDF. */
export function describeOtjRule(kind: OtjRuleKind, s: FundingSettings): string {
  const from = (iso: string) => new Date(`${iso}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  if (kind === 'hours') return `Starts from ${from(s.hoursRuleFrom)}: the standard's published minimum of ${s.standardOtjHours} off-the-job hours, less recognised prior learning, never below ${s.otjFloorHours} hours (${s.rulesYear} rules).`;
  if (kind === 'six_hours')
    return `Starts from ${from(s.sixHourRuleFrom)} to before ${from(s.hoursRuleFrom)}: ${s.fullTimeOtjHoursPerWeek} hours a week for ${s.fullTimeWeeklyHours} or more contracted hours, ${s.otjPercent}% of contracted hours below that, over the working weeks.`;
  return `Starts before ${from(s.sixHourRuleFrom)}: ${s.otjPercent}% of contracted hours (counted up to ${s.fullTimeWeeklyHours} a week) over the working weeks.`;
}

export type PlannedHoursInput = { startDate: string; plannedEndDate: string; weeklyHours: number; rplHours: number };
export type PlannedHours = {
  rule: OtjRuleKind;
  /** The planned off-the-job hours, whole hours. */
  hours: number;
  /** What the rule gives before recognised prior learning. */
  beforeRpl: number;
  /** True when the floor raised the figure (hours rule only). */
  atFloor: boolean;
};

/** Working weeks between two dates: calendar weeks less statutory leave pro rata. */
export function workingWeeks(startDate: string, plannedEndDate: string, s: FundingSettings): number {
  const days = Math.max(0, isoDay(plannedEndDate) - isoDay(startDate));
  return days / 7 - (s.statutoryLeaveWeeks * days) / 365.25;
}

/**
 * Planned off-the-job hours by the rule in force at the start. Recognised prior learning comes off what the
 * rule gives; under the hours rule the result is never below the funding floor.
 */
export function plannedOtjHours(i: PlannedHoursInput, s: FundingSettings): PlannedHours {
  const rule = otjRuleFor(i.startDate, s);
  const rpl = Math.max(0, i.rplHours);
  if (rule === 'hours') {
    const beforeRpl = s.standardOtjHours;
    const less = beforeRpl - rpl;
    return { rule, hours: Math.max(s.otjFloorHours, less), beforeRpl, atFloor: less < s.otjFloorHours };
  }
  const weeks = workingWeeks(i.startDate, i.plannedEndDate, s);
  const perWeek =
    rule === 'six_hours' && i.weeklyHours >= s.fullTimeWeeklyHours
      ? s.fullTimeOtjHoursPerWeek
      : (Math.min(i.weeklyHours, s.fullTimeWeeklyHours) * s.otjPercent) / 100;
  const beforeRpl = Math.round(weeks * perWeek);
  return { rule, hours: Math.max(0, beforeRpl - rpl), beforeRpl, atFloor: false };
}

/**
 * The planned duration in months: the standard's typical duration less what recognised prior learning covers,
 * never below the minimum duration of the rule in force at the start (for earlier starts, extended pro rata
 * below full time, as those rules did).
 */
export function plannedDurationMonths(startDate: string, weeklyHours: number, rplMonths: number, s: FundingSettings): { months: number; minimum: number; atMinimum: boolean } {
  const minimum = minimumDurationMonths(startDate, weeklyHours, s);
  const less = s.standardDurationMonths - Math.max(0, rplMonths);
  return { months: Math.max(minimum, less), minimum, atMinimum: less < minimum };
}

/** The minimum duration in months for a start date and weekly hours. */
export function minimumDurationMonths(startDate: string, weeklyHours: number, s: FundingSettings): number {
  if (otjRuleFor(startDate, s) === 'hours') return s.minimumDurationMonths;
  const base = s.minimumDurationMonthsBefore;
  return weeklyHours < s.fullTimeWeeklyHours && weeklyHours > 0 ? Math.ceil((base * s.fullTimeWeeklyHours) / weeklyHours) : base;
}

/** The planned end date: the start plus the planned duration in months (the same day of the month, or its last day). */
export function plannedEndDate(startDate: string, months: number): string {
  return isoOfUtcDay(addMonthsToDay(isoDay(startDate), months));
}
