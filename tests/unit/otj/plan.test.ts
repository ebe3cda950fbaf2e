import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isBehindPlan, isoOfUtcDay, otjProgress, plannedDays, plannedHoursToDate, ukToday, utcDay, weeklySeries, weeklyShare, type OtjPlan } from '@/lib/otj/plan';

// 364 days = 52 weeks exactly, so a week's share is a round 6 hours.
const plan: OtjPlan = { startDate: '2025-09-01', plannedEndDate: '2026-08-31', plannedOtjHours: 312 };

// Plans of 1 day to 5 years starting in 2020–2030, with 0–1,000 planned hours.
const plans = fc
  .record({ start: fc.integer({ min: utcDay('2020-01-01'), max: utcDay('2030-12-31') }), length: fc.integer({ min: 1, max: 1826 }), hours: fc.integer({ min: 0, max: 1000 }) })
  .map(({ start, length, hours }) => ({ startDate: isoOfUtcDay(start), plannedEndDate: isoOfUtcDay(start + length), plannedOtjHours: hours }));
const offset = fc.integer({ min: -400, max: 2300 });
const dayOf = (p: OtjPlan, days: number) => isoOfUtcDay(utcDay(p.startDate) + days);

describe('the off-the-job plan', () => {
  it('spreads the planned hours evenly over the planned duration', () => {
    expect(plannedDays(plan)).toBe(364);
    expect(weeklyShare(plan)).toBe(6);
    expect(plannedHoursToDate(plan, '2025-09-01')).toBe(0);
    expect(plannedHoursToDate(plan, '2025-09-08')).toBe(6);
    expect(plannedHoursToDate(plan, '2025-09-04')).toBe(2.57); // 3/7 of a week, to the hundredth
    expect(plannedHoursToDate(plan, '2026-03-02')).toBe(156); // 26 weeks: half way
    expect(plannedHoursToDate(plan, '2026-08-31')).toBe(312);
  });

  it('plans nothing before the start and no more than the total after the planned end', () => {
    expect(plannedHoursToDate(plan, '2025-01-01')).toBe(0);
    expect(plannedHoursToDate(plan, '2027-06-01')).toBe(312);
  });

  it('counts days in UTC, so the clock change does not move a day (BST ends 26 Oct 2025)', () => {
    expect(utcDay('2025-10-27') - utcDay('2025-10-26')).toBe(1);
    expect(plannedHoursToDate(plan, '2025-10-27')).toBe(48); // 8 weeks
    expect(isoOfUtcDay(utcDay('2026-03-29'))).toBe('2026-03-29');
  });

  it('gives the same answers in any time zone of the process', () => {
    const before = process.env.TZ;
    const answers = (['UTC', 'Europe/London', 'America/Los_Angeles', 'Pacific/Auckland'] as const).map((tz) => {
      process.env.TZ = tz;
      return JSON.stringify([plannedHoursToDate(plan, '2025-10-27'), utcDay('2026-03-29'), weeklySeries(plan, [{ date: '2025-10-26', hours: 3 }], '2025-11-05').slice(7, 11)]);
    });
    process.env.TZ = before;
    expect(new Set(answers).size).toBe(1);
  });

  it("reads today's date on the UK calendar, not UTC's", () => {
    expect(ukToday(new Date('2026-07-01T23:30:00Z'))).toBe('2026-07-02'); // 00:30 BST
    expect(ukToday(new Date('2026-12-01T23:30:00Z'))).toBe('2026-12-01'); // GMT
  });

  it('flags behind only when the shortfall is more than one week’s share', () => {
    // 10 weeks in: 60 hours planned, a week's share is 6.
    expect(otjProgress(plan, 54, '2025-11-10')).toMatchObject({ plannedToDate: 60, logged: 54, difference: -6, hoursBehind: 6, behind: false });
    expect(otjProgress(plan, 53.75, '2025-11-10')).toMatchObject({ hoursBehind: 6.25, behind: true });
    expect(otjProgress(plan, 70, '2025-11-10')).toMatchObject({ hoursAhead: 10, hoursBehind: 0, behind: false });
    expect(otjProgress(plan, 0, '2025-08-01').behind).toBe(false); // before the start
    expect(isBehindPlan(12.5, 0, 6)).toBe(true);
    expect(isBehindPlan(6, 0, 6)).toBe(false);
  });

  it('builds a weekly cumulative series from the start to the planned end, with logged hours up to today', () => {
    const series = weeklySeries(
      plan,
      [
        { date: '2025-09-02', hours: 6 },
        { date: '2025-09-09', hours: 4.5 },
        { date: '2025-09-10', hours: 1.5 },
        { date: '2025-09-16', hours: 6 }, // after today: not counted yet
      ],
      '2025-09-12',
    );
    expect(series).toHaveLength(53);
    expect(series.slice(0, 4)).toEqual([
      { week: 0, date: '2025-09-01', planned: 0, logged: 0 },
      { week: 1, date: '2025-09-08', planned: 6, logged: 6 },
      { week: 2, date: '2025-09-15', planned: 12, logged: 12 }, // the week holding today: logged up to today
      { week: 3, date: '2025-09-22', planned: 18, logged: null },
    ]);
    expect(series.at(-1)).toEqual({ week: 52, date: '2026-08-31', planned: 312, logged: null });
  });

  it('ends the series on the planned end date even when the duration is not whole weeks', () => {
    const p = { startDate: '2026-01-05', plannedEndDate: '2026-01-22', plannedOtjHours: 17 };
    expect(weeklySeries(p, [], '2026-03-01').map((s) => [s.date, s.planned])).toEqual([
      ['2026-01-05', 0],
      ['2026-01-12', 7],
      ['2026-01-19', 14],
      ['2026-01-22', 17],
    ]);
  });

  describe('properties', () => {
    it('planned hours to date never fall as the date moves on', () => {
      fc.assert(fc.property(plans, offset, offset, (p, a, b) => plannedHoursToDate(p, dayOf(p, Math.min(a, b))) <= plannedHoursToDate(p, dayOf(p, Math.max(a, b)))));
    });

    it('planned hours to date stay between 0 and the planned total', () => {
      fc.assert(
        fc.property(plans, offset, (p, d) => {
          const h = plannedHoursToDate(p, dayOf(p, d));
          return h >= 0 && h <= p.plannedOtjHours;
        }),
      );
    });

    it('planned hours to date are 0 on the start date and the whole total on the planned end date and after', () => {
      fc.assert(
        fc.property(plans, fc.nat(400), (p, after) => {
          expect(plannedHoursToDate(p, p.startDate)).toBe(0);
          expect(plannedHoursToDate(p, p.plannedEndDate)).toBe(p.plannedOtjHours);
          expect(plannedHoursToDate(p, dayOf(p, plannedDays(p) + after))).toBe(p.plannedOtjHours);
        }),
      );
    });

    it('hours behind and ahead are the two sides of the difference, and behind means more than a week short', () => {
      fc.assert(
        fc.property(plans, offset, fc.integer({ min: 0, max: 4000 }), (p, d, quarters) => {
          const r = otjProgress(p, quarters / 4, dayOf(p, d));
          expect(r.hoursBehind === 0 || r.hoursAhead === 0).toBe(true);
          expect(Math.abs(r.hoursAhead - r.hoursBehind - r.difference)).toBeLessThan(1e-9);
          expect(r.behind).toBe(r.plannedToDate - r.logged > weeklyShare(p) + 1e-9);
          if (r.logged >= r.plannedToDate) expect(r.behind).toBe(false);
        }),
      );
    });

    it('the weekly series runs from the start to the planned end, both lines never falling, logged equal to all hours up to today', () => {
      const entries = fc.array(fc.record({ d: fc.integer({ min: -30, max: 2000 }), q: fc.integer({ min: 1, max: 96 }) }), { maxLength: 60 });
      fc.assert(
        fc.property(plans, offset, entries, (p, today, es) => {
          const hoursByDate = es.map((e) => ({ date: dayOf(p, e.d), hours: e.q / 4 }));
          const s = weeklySeries(p, hoursByDate, dayOf(p, today));
          expect(s[0]!.date).toBe(p.startDate);
          expect(s.at(-1)!.date).toBe(p.plannedEndDate);
          expect(s.at(-1)!.planned).toBe(p.plannedOtjHours);
          for (let i = 1; i < s.length; i++) {
            expect(s[i]!.planned).toBeGreaterThanOrEqual(s[i - 1]!.planned);
            if (s[i]!.logged !== null) expect(s[i]!.logged!).toBeGreaterThanOrEqual(s[i - 1]!.logged ?? 0);
          }
          const shown = s.filter((x) => x.logged !== null);
          // A gap never opens: once logged stops, it does not start again.
          expect(s.slice(0, shown.length)).toEqual(shown);
          const lastShown = shown.at(-1);
          // The last logged figure is the week holding today, or the planned end (with any later hours).
          if (lastShown) {
            const upToToday = es.filter((e) => e.d <= today).reduce((sum, e) => sum + e.q / 4, 0);
            expect(lastShown.logged).toBeCloseTo(upToToday, 6);
          }
        }),
      );
    });
  });
});
