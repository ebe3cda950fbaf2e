import { differenceInCalendarDays, isValid, parseISO } from 'date-fns';

/**
 * Calendar dates as whole day numbers (days since 1 January 1970), for rules applied to every row of
 * a cohort. date-fns builds several Date objects per call, and inside a Next.js server every `new
 * Date` goes through its clock-tracking wrapper, so a thousand rows of date-fns arithmetic cost tens
 * of milliseconds; integers cost next to nothing. The answers are the ones date-fns gives for an ISO
 * date read as local midnight (parseISO) and for differenceInCalendarDays, addWeeks and addMonths.
 */

export const DAY_MS = 86_400_000;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})/;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
export const daysInMonth = (y: number, month0: number) => (month0 === 1 && isLeap(y) ? 29 : MONTH_DAYS[month0]!);

/** The day number of an ISO date ('YYYY-MM-DD', anything after the date ignored); RangeError when it is not one. */
export function isoDay(iso: string): number {
  const m = ISO_DATE.exec(iso);
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]) - 1;
    const d = Number(m[3]);
    // Date.UTC reads years 0–99 as 1900–1999; those go the slow way.
    if (y >= 100 && mo >= 0 && mo <= 11 && d >= 1 && d <= daysInMonth(y, mo)) return Date.UTC(y, mo, d) / DAY_MS;
  }
  const parsed = parseISO(`${iso.slice(0, 10)}T00:00:00Z`);
  if (!isValid(parsed)) throw new RangeError(`not an ISO date: ${iso}`);
  return Math.round(parsed.getTime() / DAY_MS);
}

/** The day number of the calendar date a moment falls on in the server's time zone. */
export function localDay(d: Date): number {
  const y = d.getFullYear();
  return y >= 100 ? Date.UTC(y, d.getMonth(), d.getDate()) / DAY_MS : differenceInCalendarDays(d, new Date(1970, 0, 1));
}

/** Local midnight of a day number, as parseISO gives for that date. */
export function dateOfDay(day: number): Date {
  const u = new Date(day * DAY_MS);
  const local = new Date(0);
  local.setFullYear(u.getUTCFullYear(), u.getUTCMonth(), u.getUTCDate());
  local.setHours(0, 0, 0, 0);
  return local;
}

/** A day number some months later (or earlier), on the same day of the month or the month's last day, as date-fns addMonths. */
export function addMonthsToDay(day: number, months: number): number {
  const u = new Date(day * DAY_MS);
  const total = u.getUTCFullYear() * 12 + u.getUTCMonth() + months;
  const y = Math.floor(total / 12);
  const mo = total - y * 12;
  return new Date(0).setUTCFullYear(y, mo, Math.min(u.getUTCDate(), daysInMonth(y, mo))) / DAY_MS;
}
