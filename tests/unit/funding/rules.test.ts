import { describe, expect, it } from 'vitest';
import { minimumDurationMonths, otjRuleFor, plannedDurationMonths, plannedEndDate, plannedOtjHours, workingWeeks } from '@/lib/funding/rules';
import { DEFAULT_FUNDING_SETTINGS as s, FundingSettings, readFundingSettings } from '@/lib/funding/settings';

describe('which off-the-job rule a start date falls under', () => {
  it('puts starts from 1 August 2025 under the hours rule, from 1 August 2022 under six hours a week, earlier under the percentage', () => {
    expect(otjRuleFor('2025-08-01', s)).toBe('hours');
    expect(otjRuleFor('2025-07-31', s)).toBe('six_hours');
    expect(otjRuleFor('2022-08-01', s)).toBe('six_hours');
    expect(otjRuleFor('2022-07-31', s)).toBe('percent');
  });
  it('moves with the settings when next year’s rules change the date', () => {
    expect(otjRuleFor('2026-01-05', { ...s, hoursRuleFrom: '2026-08-01' })).toBe('six_hours');
  });
});

describe('planned off-the-job hours', () => {
  const start = { startDate: '2025-09-01', plannedEndDate: '2027-03-01', weeklyHours: 37.5 };
  it('takes the standard’s published minimum less recognised prior learning', () => {
    expect(plannedOtjHours({ ...start, rplHours: 0 }, s)).toEqual({ rule: 'hours', hours: 419, beforeRpl: 419, atFloor: false });
    expect(plannedOtjHours({ ...start, rplHours: 60 }, s).hours).toBe(359);
  });
  it('never goes below the funding floor, and says when the floor decided it', () => {
    expect(plannedOtjHours({ ...start, rplHours: 300 }, s)).toEqual({ rule: 'hours', hours: 187, beforeRpl: 419, atFloor: true });
    expect(plannedOtjHours({ ...start, rplHours: 232 }, s)).toMatchObject({ hours: 187, atFloor: false });
  });
  it('does not depend on weekly hours under the hours rule (no part-time pro rata)', () => {
    expect(plannedOtjHours({ ...start, weeklyHours: 16, rplHours: 0 }, s).hours).toBe(419);
  });
  it('gives six hours a week over the working weeks to a full-time 2022–25 start, and 20% of hours part-time', () => {
    const dates = { startDate: '2024-09-02', plannedEndDate: '2026-03-02' };
    const weeks = workingWeeks(dates.startDate, dates.plannedEndDate, s);
    expect(plannedOtjHours({ ...dates, weeklyHours: 37.5, rplHours: 0 }, s).hours).toBe(Math.round(weeks * 6));
    expect(plannedOtjHours({ ...dates, weeklyHours: 20, rplHours: 0 }, s).hours).toBe(Math.round(weeks * 4));
    expect(plannedOtjHours({ ...dates, weeklyHours: 37.5, rplHours: 50 }, s).hours).toBe(Math.round(weeks * 6) - 50);
  });
  it('gives 20% of hours, counted up to 30 a week, to an earlier start, with no floor', () => {
    const dates = { startDate: '2021-09-01', plannedEndDate: '2022-09-01' };
    const weeks = workingWeeks(dates.startDate, dates.plannedEndDate, s);
    expect(plannedOtjHours({ ...dates, weeklyHours: 37.5, rplHours: 0 }, s).hours).toBe(Math.round(weeks * 6));
    expect(plannedOtjHours({ ...dates, weeklyHours: 37.5, rplHours: 10_000 }, s).hours).toBe(0);
  });
});

describe('planned duration', () => {
  it('takes recognised prior learning off the typical 18 months, never below the 8-month minimum', () => {
    expect(plannedDurationMonths('2025-09-01', 37.5, 0, s)).toEqual({ months: 18, minimum: 8, atMinimum: false });
    expect(plannedDurationMonths('2025-09-01', 37.5, 3, s).months).toBe(15);
    expect(plannedDurationMonths('2025-09-01', 16, 12, s)).toEqual({ months: 8, minimum: 8, atMinimum: true });
  });
  it('keeps the 12-month minimum, extended below 30 hours, for earlier starts', () => {
    expect(minimumDurationMonths('2024-09-02', 37.5, s)).toBe(12);
    expect(minimumDurationMonths('2024-09-02', 20, s)).toBe(18);
  });
  it('ends the plan the same day of the month, or the month’s last day', () => {
    expect(plannedEndDate('2025-09-01', 18)).toBe('2027-03-01');
    expect(plannedEndDate('2025-08-31', 6)).toBe('2026-02-28');
  });
});

describe('funding settings as stored', () => {
  it('reads a stored row over the defaults, and falls back to them when it does not parse', () => {
    expect(readFundingSettings({ standardOtjHours: 500 }).standardOtjHours).toBe(500);
    expect(readFundingSettings({ standardOtjHours: 'lots' })).toEqual(s);
    expect(readFundingSettings(null)).toEqual(s);
    expect(FundingSettings.safeParse(s).success).toBe(true);
  });
});
