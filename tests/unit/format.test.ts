import { describe, expect, it } from 'vitest';
import { formatDate, formatDateLong, formatDateTime, formatMonth, formatTime } from '@/lib/format';

// One style for dates everywhere: day, short month, full year ('7 Dec 2026'); the helpers for a time alone,
// a day's heading and a month keep that order and that spelling of the month.
describe('date formats', () => {
  it('formats a time of day in UK time, whatever the server zone', () => {
    expect(formatTime(new Date('2026-12-07T09:05:00Z'))).toBe('09:05'); // GMT
    expect(formatTime(new Date('2026-07-07T09:05:00Z'))).toBe('10:05'); // BST
    expect(formatTime(new Date('2026-03-29T00:59:00Z'))).toBe('00:59'); // just before the clocks go forward
    expect(formatTime(new Date('2026-03-29T01:00:00Z'))).toBe('02:00'); // just after
  });

  it('agrees with formatDateTime on the time it shows', () => {
    const at = new Date('2026-07-07T22:30:00Z');
    expect(formatDateTime(at)).toContain(formatTime(at));
    expect(formatDateTime(at)).toContain('7 Jul 2026');
  });

  it('names a calendar day with its weekday, then formatDate', () => {
    expect(formatDateLong('2026-12-07')).toBe('Monday 7 Dec 2026');
    expect(formatDateLong('2027-02-28')).toBe('Sunday 28 Feb 2027');
    expect(formatDateLong('2028-02-29')).toBe('Tuesday 29 Feb 2028');
    for (const iso of ['2026-01-01', '2026-03-29', '2026-10-25', '2031-12-31']) expect(formatDateLong(iso).endsWith(formatDate(iso))).toBe(true);
  });

  it('names a month with the same short month and the full year (never "Dec 26", which reads as a day)', () => {
    expect(formatMonth('2026-12-01')).toBe('Dec 2026');
    expect(formatMonth('2027-01-15')).toBe('Jan 2027');
    expect(formatMonth(new Date(2026, 5, 30))).toBe('Jun 2026');
  });
});
