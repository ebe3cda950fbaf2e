import { daysInMonth, isoDay } from '@/lib/calendar';
import { isoOfUtcDay } from '@/lib/otj/plan';
import { endDate, startDate, type CalendarEvent } from './events';

/** A month as 'YYYY-MM': the page's ?month= parameter. */
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The month a parameter names, or the month of `today` when it is missing or not a month. */
export function parseMonth(param: string | undefined, today: string): { year: number; month: number } {
  const m = param ? MONTH.exec(param) : null;
  const year = m ? Number(m[1]) : Number(today.slice(0, 4));
  // Years outside what anyone plans in would only make odd links; they fall back to today's month.
  if (m && year >= 1900 && year <= 2199) return { year, month: Number(m[2]) };
  return { year: Number(today.slice(0, 4)), month: Number(today.slice(5, 7)) };
}

export const monthParam = (m: { year: number; month: number }) => `${m.year}-${String(m.month).padStart(2, '0')}`;

export function shiftMonth(m: { year: number; month: number }, by: number) {
  const index = m.year * 12 + (m.month - 1) + by;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

export type DayEntry = { event: CalendarEvent; part: 'all_day' | 'opens' | 'closes' | 'open' };
export type DayCell = { date: string; inMonth: boolean; today: boolean; entries: DayEntry[] };

/** The first and last date shown in a month's grid: whole weeks, Monday to Sunday (the UK week). */
export function gridRange(m: { year: number; month: number }): { from: string; to: string } {
  const first = isoDay(`${monthParam(m)}-01`);
  const last = first + daysInMonth(m.year, m.month - 1) - 1;
  // Day 0 (1 January 1970) was a Thursday: Monday is 0 in this count.
  const weekday = (day: number) => (((day + 3) % 7) + 7) % 7;
  return { from: isoOfUtcDay(first - weekday(first)), to: isoOfUtcDay(last + 6 - weekday(last)) };
}

/**
 * The month as weeks of seven days, each day with the events on it. A paper window shows on the day it
 * opens and the day it closes (a window of weeks would otherwise fill every cell between); a window
 * opening and closing on one day shows once.
 */
export function monthGrid(m: { year: number; month: number }, events: CalendarEvent[], today: string): DayCell[][] {
  const { from, to } = gridRange(m);
  const byDate = new Map<string, DayEntry[]>();
  const add = (date: string, entry: DayEntry) => {
    if (date < from || date > to) return;
    const list = byDate.get(date) ?? [];
    list.push(entry);
    byDate.set(date, list);
  };
  for (const event of events) {
    if (event.when.allDay) add(event.when.date, { event, part: 'all_day' });
    else {
      const opens = startDate(event);
      const closes = endDate(event);
      if (opens === closes) add(opens, { event, part: 'open' });
      else {
        add(opens, { event, part: 'opens' });
        add(closes, { event, part: 'closes' });
      }
    }
  }
  const prefix = monthParam(m);
  const weeks: DayCell[][] = [];
  for (let day = isoDay(from); day <= isoDay(to); day += 7)
    weeks.push(
      Array.from({ length: 7 }, (_, i) => {
        const date = isoOfUtcDay(day + i);
        return { date, inMonth: date.startsWith(prefix), today: date === today, entries: byDate.get(date) ?? [] };
      }),
    );
  return weeks;
}

/**
 * The agenda: events from `today` on, grouped by the date they start (a window already open is listed
 * today, marked by the page as open), in date order.
 */
export function agenda(events: CalendarEvent[], today: string): { date: string; events: CalendarEvent[] }[] {
  const groups = new Map<string, CalendarEvent[]>();
  for (const e of events) {
    if (endDate(e) < today) continue;
    const date = startDate(e) < today ? today : startDate(e);
    const list = groups.get(date) ?? [];
    list.push(e);
    groups.set(date, list);
  }
  return [...groups].sort(([a], [b]) => (a < b ? -1 : 1)).map(([date, list]) => ({ date, events: list }));
}
