import { describe, expect, it } from 'vitest';
import { ksbsExpectedBy, movedPlannedEnd, otjExpectedBy, reviewDue, type LearningSchedule } from '@/lib/funding/schedule';
import { isoOfUtcDay } from '@/lib/otj/plan';

const straight: LearningSchedule = { startDate: '2026-01-01', plannedEndDate: '2027-01-01', plannedOtjHours: 365, plan: null, breaks: [] };
const withBreak: LearningSchedule = { ...straight, breaks: [{ startDate: '2026-03-01', endDate: '2026-04-01' }] };
// A three-month plan: 10, 0 and 20 hours; 5 KSBs in month 1, 5 more in month 3.
const planned: LearningSchedule = {
  startDate: '2026-01-01',
  plannedEndDate: '2026-04-01',
  plannedOtjHours: 30,
  plan: { version: 1, durationMonths: 3, monthlyHours: [10, 0, 20], ksbsByMonth: [5, 5, 10] },
  breaks: [],
};

describe('the learning schedule', () => {
  it('without a signed plan, expects hours on a straight line', () => {
    expect(otjExpectedBy(straight, '2026-07-02')).toBeCloseTo(182, 0);
  });

  it('pauses the off-the-job expectation during a break and moves the planned end', () => {
    expect(otjExpectedBy(withBreak, '2026-03-01')).toBe(otjExpectedBy(withBreak, '2026-03-31'));
    expect(otjExpectedBy(withBreak, '2026-04-11')).toBe(otjExpectedBy(straight, '2026-03-11'));
    expect(movedPlannedEnd(withBreak, '2026-06-01')).toBe('2027-02-01');
    expect(movedPlannedEnd(straight, '2026-06-01')).toBe('2027-01-01');
  });

  it('follows the signed plan month by month, not a straight line', () => {
    expect(otjExpectedBy(planned, '2026-02-01')).toBe(10);
    expect(otjExpectedBy(planned, '2026-03-01')).toBe(10);
    expect(otjExpectedBy(planned, '2026-03-17')).toBe(Math.round((10 + (20 * 16) / 31) * 100) / 100);
    expect(otjExpectedBy(planned, '2026-05-01')).toBe(30);
    expect(ksbsExpectedBy(planned, '2026-02-01')).toBe(5);
    expect(ksbsExpectedBy(planned, '2026-03-01')).toBe(5);
    expect(ksbsExpectedBy(planned, '2026-04-01')).toBe(10);
  });

  it('moves the review due date by the break days and says it is paused during one', () => {
    const after = reviewDue(withBreak, '2026-02-01', 12, '2026-05-01');
    expect(isoOfUtcDay(after.day)).toBe('2026-05-27');
    expect(after.paused).toBe(false);
    const during = reviewDue({ ...straight, breaks: [{ startDate: '2026-03-01', endDate: null }] }, '2026-02-01', 12, '2026-03-05');
    expect(during.paused).toBe(true);
    expect(isoOfUtcDay(during.day)).toBe('2026-05-01');
  });
});
