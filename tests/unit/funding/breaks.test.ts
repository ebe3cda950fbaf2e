import { describe, expect, it } from 'vitest';
import { isoDay } from '@/lib/calendar';
import { addLearningDays, breakDaysBetween, breakOn, learningDaysBetween, planClockDay } from '@/lib/funding/breaks';
import { isoOfUtcDay } from '@/lib/otj/plan';

const d = isoDay;
const iso = isoOfUtcDay;
// A break from 1 March to 1 April 2026 (learning resumes on 1 April): 31 days.
const march = [{ startDate: '2026-03-01', endDate: '2026-04-01' }];

describe('break-in-learning date arithmetic', () => {
  it('counts the days of a break between two dates, the end date (the return) not included', () => {
    expect(breakDaysBetween(march, d('2026-01-01'), d('2026-12-31'), d('2026-12-31'))).toBe(31);
    expect(breakDaysBetween(march, d('2026-03-15'), d('2026-12-31'), d('2026-12-31'))).toBe(17);
    expect(breakDaysBetween(march, d('2026-01-01'), d('2026-03-10'), d('2026-12-31'))).toBe(9);
    expect(learningDaysBetween(march, d('2026-02-01'), d('2026-04-02'), d('2026-12-31'))).toBe(60 - 31);
  });

  it('moves a date by the break days it has to pass', () => {
    // 90 days from 1 February is 2 May; with March off it is 2 June.
    expect(iso(addLearningDays([], d('2026-02-01'), 90, d('2026-12-31')))).toBe('2026-05-02');
    expect(iso(addLearningDays(march, d('2026-02-01'), 90, d('2026-12-31')))).toBe('2026-06-02');
    // A break after the date makes no difference; one before the starting day neither.
    expect(iso(addLearningDays(march, d('2026-04-10'), 10, d('2026-12-31')))).toBe('2026-04-20');
    expect(iso(addLearningDays(march, d('2026-01-01'), 10, d('2026-12-31')))).toBe('2026-01-11');
  });

  it('counts a break that starts before the starting day only from that day', () => {
    expect(iso(addLearningDays(march, d('2026-03-20'), 5, d('2026-12-31')))).toBe('2026-04-06');
  });

  it('adds two breaks in turn, whatever order they are given in', () => {
    const two = [
      { startDate: '2026-06-01', endDate: '2026-06-11' },
      { startDate: '2026-03-01', endDate: '2026-04-01' },
    ];
    expect(iso(addLearningDays(two, d('2026-02-01'), 150, d('2026-12-31')))).toBe(iso(d('2026-02-01') + 150 + 31 + 10));
  });

  it('treats an open break as running to the day asked about, and the clock as stopped at its start', () => {
    const open = [{ startDate: '2026-03-01', endDate: null }];
    expect(breakDaysBetween(open, d('2026-01-01'), d('2026-12-31'), d('2026-03-10'))).toBe(10);
    expect(iso(planClockDay(open, d('2026-01-01'), d('2026-03-10')))).toBe('2026-03-01');
    expect(iso(planClockDay(open, d('2026-01-01'), d('2026-02-10')))).toBe('2026-02-10');
    expect(breakOn(open, d('2026-03-10'))).toEqual(open[0]);
    expect(breakOn(march, d('2026-04-01'))).toBeUndefined();
  });
});
