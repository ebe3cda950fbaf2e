import { z } from 'zod';
import { calendarDate, decimal, wholeNumber } from '@/lib/forms/fields';
import { safeText } from '@/lib/forms/safe-text';

/**
 * The apprenticeship funding rules' numbers (issue 20). They change each August, so every one is a setting an
 * administrator can change (stored as the `funding` row of the settings table); these defaults are the
 * 2025-26 rules (DOMAIN.md §5). ST0535's published off-the-job minimum is not in any source this repo holds:
 * the default is 6 hours a week over the standard's typical 18 months less 5.6 weeks' statutory leave a year
 * (the rule it replaced), to be replaced by the figure published for the standard.
 */
export const FUNDING_RANGES = {
  standardOtjHours: [0, 5000],
  otjFloorHours: [0, 5000],
  standardDurationMonths: [1, 72],
  minimumDurationMonths: [1, 72],
  minimumDurationMonthsBefore: [1, 72],
  fullTimeWeeklyHours: [1, 60],
  gatewayLinkDays: [1, 365],
} as const;
const whole = (label: string, [min, max]: readonly [number, number]) => wholeNumber({ label, min, max });
const isoDate = (label: string) => calendarDate({ label, earliest: '2000-01-01', latest: '2100-12-31' });

export const FundingSettings = z.object({
  /** The funding year whose rules these are, shown beside every figure worked out from them. */
  rulesYear: safeText({ label: 'funding year', max: 20, maxMessage: 'Keep the funding year short, for example 2025-26.' }).min(1, 'Enter the funding year, for example 2025-26.'),
  /** Starts on or after this date take the hours rule: a published number of hours per standard. */
  hoursRuleFrom: isoDate('date the hours rule starts'),
  /** The standard's published minimum off-the-job hours (hours rule). */
  standardOtjHours: whole('published minimum off-the-job hours', FUNDING_RANGES.standardOtjHours),
  /** The funding floor: planned off-the-job hours are never below it (hours rule). */
  otjFloorHours: whole('off-the-job funding floor', FUNDING_RANGES.otjFloorHours),
  /** The standard's typical duration, in months, before recognised prior learning. */
  standardDurationMonths: whole('typical duration', FUNDING_RANGES.standardDurationMonths),
  /** The minimum duration in months (hours rule); no part-time extension. */
  minimumDurationMonths: whole('minimum duration', FUNDING_RANGES.minimumDurationMonths),
  /** Starts on or after this date (and before the hours rule) take the six-hours-a-week rule. */
  sixHourRuleFrom: isoDate('date the six-hours rule starts'),
  /** Full-time is this many contracted hours a week or more (six-hours rule; the percentage base is capped at it). */
  fullTimeWeeklyHours: whole('full-time weekly hours', FUNDING_RANGES.fullTimeWeeklyHours),
  /** Off-the-job hours a week for full-time apprentices (six-hours rule). */
  fullTimeOtjHoursPerWeek: decimal({ label: 'off-the-job hours a week for full-time apprentices', min: 0, max: 40 }),
  /** Off-the-job share of contracted hours for part-time apprentices (six-hours rule) and for every start before it. */
  otjPercent: decimal({ label: 'off-the-job percentage', min: 0, max: 100 }),
  /** Minimum duration in months for starts before the hours rule (extended pro rata below full time). */
  minimumDurationMonthsBefore: whole('minimum duration before the hours rule', FUNDING_RANGES.minimumDurationMonthsBefore),
  /** Statutory leave, in weeks a year, when off-the-job hours are worked out from working weeks. */
  statutoryLeaveWeeks: decimal({ label: 'statutory leave in weeks a year', min: 0, max: 12 }),
  /** How long a gateway pack link for the assessment organisation lasts, in days, unless the trainer says otherwise. */
  gatewayLinkDays: whole('days a gateway pack link lasts', FUNDING_RANGES.gatewayLinkDays),
});
export type FundingSettings = z.output<typeof FundingSettings>;

export const DEFAULT_FUNDING_SETTINGS: FundingSettings = {
  rulesYear: '2025-26',
  hoursRuleFrom: '2025-08-01',
  standardOtjHours: 419,
  otjFloorHours: 187,
  standardDurationMonths: 18,
  minimumDurationMonths: 8,
  sixHourRuleFrom: '2022-08-01',
  fullTimeWeeklyHours: 30,
  fullTimeOtjHoursPerWeek: 6,
  otjPercent: 20,
  minimumDurationMonthsBefore: 12,
  statutoryLeaveWeeks: 5.6,
  gatewayLinkDays: 30,
};

/** The stored row read over the defaults: a missing or unreadable key keeps its default. */
export function readFundingSettings(stored: unknown): FundingSettings {
  if (!stored || typeof stored !== 'object') return DEFAULT_FUNDING_SETTINGS;
  const parsed = FundingSettings.safeParse({ ...DEFAULT_FUNDING_SETTINGS, ...(stored as object) });
  return parsed.success ? parsed.data : DEFAULT_FUNDING_SETTINGS;
}
