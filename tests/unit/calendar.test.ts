import { describe, expect, it } from 'vitest';
import { addMonths, differenceInCalendarDays, format, parseISO, startOfQuarter } from 'date-fns';
import { addMonthsToDay, dateOfDay, isoDay, localDay } from '@/lib/calendar';
import { formatDate } from '@/lib/format';

// Every day from 2019 to 2031, month ends, leap days and both clock changes included.
const days: string[] = [];
for (let t = Date.UTC(2019, 0, 1); t < Date.UTC(2031, 0, 1); t += 86_400_000) days.push(new Date(t).toISOString().slice(0, 10));

describe('calendar day numbers give the answers date-fns gives', () => {
  it('reads an ISO date as parseISO does (local midnight), and refuses what parseISO refuses', () => {
    for (const d of days) expect(+dateOfDay(isoDay(d))).toBe(+parseISO(d));
    for (const bad of ['2025-02-29', '2025-13-01', '2025-04-31', 'soon', '']) expect(() => isoDay(bad)).toThrow(RangeError);
    expect(isoDay('2024-02-29T10:00')).toBe(isoDay('2024-02-29'));
  });

  it('counts calendar days between moments as differenceInCalendarDays', () => {
    const start = parseISO('2024-01-01');
    for (let h = 0; h < 24 * 800; h += 7) {
      const at = new Date(Date.UTC(2024, 0, 1) + h * 3_600_000);
      expect(localDay(at) - isoDay('2024-01-01')).toBe(differenceInCalendarDays(at, start));
    }
  });

  it('adds months as addMonths (the month end when the day is missing)', () => {
    for (const d of days.filter((_, i) => i % 3 === 0 || /-(28|29|30|31)$/.test(days[i]!)))
      for (const m of [-3, 1, 8, 12, 23, 45]) expect(+dateOfDay(addMonthsToDay(isoDay(d), m))).toBe(+addMonths(parseISO(d), m));
  });

  it('formats a date and a quarter as date-fns does', () => {
    for (const d of days) {
      const at = parseISO(d);
      expect(formatDate(at)).toBe(format(at, 'd MMM yyyy'));
      expect(`Q${Math.floor(at.getMonth() / 3) + 1} ${at.getFullYear()}`).toBe(format(startOfQuarter(at), 'QQQ yyyy'));
    }
  });
});
