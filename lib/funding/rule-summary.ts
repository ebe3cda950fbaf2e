import { formatHours } from '@/lib/otj/plan';
import { describeOtjRule, otjRuleFor, type OtjRuleKind } from './rules';
import type { FundingSettings } from './settings';

export type OtjRuleSummary = { kind: OtjRuleKind; description: string; figure: string };

/**
 * The off-the-job rule in force at the start, in words, and the figure the apprentice is measured by:
 * under the hours rule "X of Y planned hours" (Y the plan in force's planned hours, or the apprenticeship's);
 * earlier starts the weekly figure they started under.
 */
export function otjRuleSummary(startDate: string, weeklyHours: number, plannedHours: number, countedHours: number, s: FundingSettings): OtjRuleSummary {
  const kind = otjRuleFor(startDate, s);
  const description = describeOtjRule(kind, s);
  if (kind === 'hours') return { kind, description, figure: `${formatHours(countedHours)} of ${formatHours(plannedHours)} planned hours` };
  const fullTime = weeklyHours >= s.fullTimeWeeklyHours;
  if (kind === 'six_hours' && fullTime)
    return { kind, description, figure: `${formatHours(s.fullTimeOtjHoursPerWeek)} hours a week (full time: ${formatHours(weeklyHours)} contracted hours a week)` };
  const base = Math.min(weeklyHours, s.fullTimeWeeklyHours);
  return {
    kind,
    description,
    figure: `${formatHours(s.otjPercent)}% of ${formatHours(base)} contracted hours: ${formatHours((base * s.otjPercent) / 100)} hours a week`,
  };
}
