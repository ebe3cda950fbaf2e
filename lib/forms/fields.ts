import { z } from 'zod';
import { addMonthsToDay, daysInMonth, isoDay } from '@/lib/calendar';
import { formatDate } from '@/lib/format';

// THE RULE (issue 14, points 4 and 5): every number and date a person sends is one of these field types,
// never a bare z.coerce.number() / z.number() / z.coerce.date(). z.coerce.number turns '' into 0 (clearing
// a setting saved 0%), '0x10' into 16 and '1e3' into 1000; z.coerce.date takes year 0000 and 9999-12-31
// (a planned end that made one page take two minutes and 168 MB); an unbounded integer reaches PostgreSQL
// as 2^40 and fails there (a 500). Each type here reads only plain decimal digits or a strict ISO date,
// says in words what is wrong, and has a minimum and a maximum. tests/unit/forms/fields-everywhere.test.ts
// fails on a schema in lib/ or app/ that forgets it. Plain functions, no next/*: the browser uses them too.

/** The largest PostgreSQL `integer`: row versions, ids, item numbers never go past it. */
export const INT_MAX = 2_147_483_647;

// Issues raised here let the schema's cross-field rules run too (continue), so every problem shows at
// once; those rules check their fields are there first (a refused field is undefined to them).

/** Issues raised here carry this flag, so the data access layer turns them into a message at the field (parseInput). */
const FIELD = { field: true } as const;
export const isFieldIssue = (issue: { params?: Record<string, unknown> }) => issue.params?.field === true;

/** Schemas built here, kept so a test can tell a field type from a bare number or date. */
const built = new WeakSet<object>();
export const isFieldType = (schema: unknown) => typeof schema === 'object' && schema !== null && built.has(schema);
const mark = <S extends object>(s: S): S => {
  built.add(s);
  return s;
};

const fmt = (n: number) => n.toLocaleString('en-GB', { maximumFractionDigits: 6 });

// ---- numbers --------------------------------------------------------------------------------------

export type NumberOptions = {
  /** What the field is called in messages: "weekly contracted hours". */
  label: string;
  min: number;
  max: number;
  /** Digits allowed after the point (0: a whole number, the default). */
  places?: number;
  /** The message for a value out of range; by default "The X must be between min and max." */
  rangeMessage?: string;
  /** Messages for below the minimum and above the maximum, where one for both would not read well. */
  minMessage?: string;
  maxMessage?: string;
  /** The message for an empty field; by default "Enter the X." */
  requiredMessage?: string;
};

const WHOLE = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/**
 * A number as typed, checked: the number, or what is wrong in words, or 'blank' for an empty field
 * (the caller decides whether that is "required" or an explicit blank). Only plain decimal digits
 * count: '0x10', '1e3', 'Infinity', '16abc' and '1,000' are refused, not read as something else.
 * A JSON number is taken as it is (it has no spelling to misread), if finite.
 */
export function readNumber(raw: unknown, o: NumberOptions): { value: number } | { problem: string } | 'blank' {
  const places = o.places ?? 0;
  const whole = places === 0;
  const asNumber = `Enter the ${o.label} as ${whole ? 'a whole number' : 'a number'}, for example ${whole ? fmt(Math.max(o.min, Math.min(o.max, 12))) : '1.5'}.`;
  let value: number;
  if (raw === undefined || raw === null) return 'blank';
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return { problem: asNumber };
    value = raw;
  } else if (typeof raw === 'string') {
    const s = raw.trim();
    if (s === '') return 'blank';
    // 1000 characters of digits is not a number anyone means; and Number() of it is Infinity.
    if (s.length > 30 || !(whole ? WHOLE : DECIMAL).test(s)) return { problem: whole && DECIMAL.test(s) ? `Enter the ${o.label} as a whole number.` : asNumber };
    value = Number(s);
  } else return { problem: asNumber };
  if (whole && !Number.isInteger(value)) return { problem: `Enter the ${o.label} as a whole number.` };
  const range = o.rangeMessage ?? `The ${o.label} must be between ${fmt(o.min)} and ${fmt(o.max)}.`;
  if (value < o.min) return { problem: o.minMessage ?? range };
  if (value > o.max) return { problem: o.maxMessage ?? range };
  if (!whole && Math.abs(Math.round(value * 10 ** places) - value * 10 ** places) > 1e-6)
    return { problem: `Give the ${o.label} to at most ${places} decimal place${places === 1 ? '' : 's'}.` };
  return { value: value === 0 ? 0 : value }; // never -0
}

// A missing value is read as an empty field ("Enter the X"), not as a wrong type. (.optional(): without it
// zod refuses an absent key as "expected nonoptional" before the field's own message.)
const numberInput = (label: string) =>
  z.custom<string | number | null>((v) => v === null || typeof v === 'string' || typeof v === 'number', { message: `Enter the ${label} as a number.`, params: FIELD }).optional();

function numberField(o: NumberOptions, blank: 'required' | 'null') {
  if (!(o.min <= o.max) || !Number.isFinite(o.min) || !Number.isFinite(o.max)) throw new Error(`number field ${o.label}: min and max must be finite, min ≤ max`);
  return numberInput(o.label).transform((raw, ctx): number | null => {
    const read = readNumber(raw, o);
    if (read === 'blank') {
      if (blank === 'null') return null;
      ctx.addIssue({ code: 'custom', message: o.requiredMessage ?? `Enter the ${o.label}.`, input: raw, params: FIELD, continue: true });
      return z.NEVER;
    }
    if ('problem' in read) {
      ctx.addIssue({ code: 'custom', message: read.problem, input: raw, params: FIELD, continue: true });
      return z.NEVER;
    }
    return read.value;
  });
}

/** A whole number between min and max; an empty field is "Enter the X." (never 0). */
export const wholeNumber = (o: Omit<NumberOptions, 'places'>) => mark(numberField({ ...o, places: 0 }, 'required') as z.ZodType<number, string | number>);
/** A number with at most `places` decimals (2 by default) between min and max; empty is "Enter the X.". */
export const decimal = (o: NumberOptions) => mark(numberField({ places: 2, ...o }, 'required') as z.ZodType<number, string | number>);
/** A whole number that may be left empty: empty is null, an explicit blank, never 0. */
export const optionalWholeNumber = (o: Omit<NumberOptions, 'places'>) => mark(numberField({ ...o, places: 0 }, 'null') as z.ZodType<number | null, string | number | null | undefined>);

/**
 * A row's version as a form sends it back (1 to INT_MAX). A version beyond the column's range can be no
 * row's: "reload", rather than PostgreSQL refusing the query.
 */
export const rowVersion = () =>
  wholeNumber({ label: 'version', min: 1, max: INT_MAX, rangeMessage: 'This form is out of date or was changed by hand: reload the page and try again.', requiredMessage: 'This form is out of date: reload the page and try again.' });

/** An item's place in a list (0 to max, by default the largest PostgreSQL integer). */
export const itemNumber = (label = 'item number', max = INT_MAX) => wholeNumber({ label, min: 0, max, rangeMessage: `There is no ${label} like that in this paper.` });

/** The most pages any list offers: 50 rows a page, half a million rows. */
export const MAX_PAGE = 10_000;

/** A page number from a query string: anything that is not 1 to MAX_PAGE in plain digits is page 1. */
export function pageParam(raw: unknown): number {
  const read = readNumber(Array.isArray(raw) ? raw[0] : raw, { label: 'page', min: 1, max: MAX_PAGE });
  return typeof read === 'object' && 'value' in read ? read.value : 1;
}
/** pageParam as a schema, for a query object. */
export const pageNumber = () => mark(z.unknown().optional().transform(pageParam));

// ---- dates -------------------------------------------------------------------------------------

// London's calendar date: someone working at 00:30 in summer (23:30 UTC) means today, not yesterday.
const londonDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });
/** Today's date in the UK, as 'YYYY-MM-DD'. */
export function ukToday(now: Date = new Date()): string {
  return londonDate.format(now);
}

/** No date anyone types into this service is outside these years; 0000 and 9999 are typing slips. */
const FIRST_YEAR = 1900;
const LAST_YEAR = 2199;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const dayToIso = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);
/** A date in a message, as every page shows dates (formatDate): 7 Dec 2026. */
export const longDate = (iso: string) => formatDate(iso);

/** An offset from today (signed): { years: -10 } is ten years ago, { days: 0 } today. */
export type Offset = { years?: number; months?: number; days?: number };
/** A bound of a date window: a fixed ISO date, or an offset from today. */
export type Bound = string | Offset;

/** The ISO date a bound means on `today`. */
export function boundDate(bound: Bound, today: string): string {
  if (typeof bound === 'string') return bound;
  const day = addMonthsToDay(isoDay(today), 12 * (bound.years ?? 0) + (bound.months ?? 0)) + (bound.days ?? 0);
  return dayToIso(day);
}

/** The ISO date `days` (or months, years) after another. */
export const shiftDate = (iso: string, by: Offset) => boundDate(by, iso);

export type DateOptions = {
  /** What the field is called in messages: "start date". */
  label: string;
  earliest: Bound;
  latest: Bound;
  /** Messages for a date outside the window, given the bound and the date (ISO). */
  tooEarly?: (earliest: string, value: string) => string;
  tooLate?: (latest: string, value: string) => string;
};

/**
 * What is wrong with a date as typed, or null: strictly 'YYYY-MM-DD', a day in the calendar, a plausible
 * year, and within [earliest, latest] on `today` (passed in, so the rule is testable on any day).
 */
export function dateProblem(value: string, o: DateOptions, today: string): string | null {
  const m = ISO_DATE.exec(value);
  if (!m) return `Enter the ${o.label} as a date (YYYY-MM-DD, for example ${today}).`;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12) return `Enter a real ${o.label}: there is no month ${m[2]} (months run from 01 to 12).`;
  if (d < 1 || d > daysInMonth(y, mo - 1)) return `Enter a real ${o.label}: ${MONTH_NAMES[mo - 1]} ${y} has no day ${m[3]}.`;
  if (y < FIRST_YEAR || y > LAST_YEAR) return `Check the year of the ${o.label}: ${m[1]} cannot be right.`;
  const earliest = boundDate(o.earliest, today);
  const latest = boundDate(o.latest, today);
  if (value < earliest) return o.tooEarly?.(earliest, value) ?? `The ${o.label} must be on or after ${longDate(earliest)}.`;
  if (value > latest) return o.tooLate?.(latest, value) ?? `The ${o.label} must be on or before ${longDate(latest)}.`;
  return null;
}

/**
 * A calendar date ('YYYY-MM-DD', as a date input sends it) within a window around today (UK), read when
 * the value is checked (a form left open past midnight still works). `today` is for tests and callers
 * that fix the day; by default the UK's today.
 */
export function calendarDate(o: DateOptions & { today?: () => string }) {
  const today = o.today ?? (() => ukToday());
  return mark(
    z
      .custom<string>((v) => typeof v === 'string', { message: `Enter the ${o.label} as a date.`, params: FIELD })
      .optional()
      .transform((raw, ctx) => {
        if (raw === undefined) {
          ctx.addIssue({ code: 'custom', message: `Enter the ${o.label}.`, input: raw, params: FIELD, continue: true });
          return z.NEVER;
        }
        const value = raw.trim();
        const problem = dateProblem(value, o, today());
        if (problem) {
          ctx.addIssue({ code: 'custom', message: problem, input: raw, params: FIELD, continue: true });
          return z.NEVER;
        }
        return value;
      }),
  ) as z.ZodType<string, string>;
}

/** calendarDate for a filter that may be empty: '' stays ''. */
export function optionalCalendarDate(o: DateOptions & { today?: () => string }) {
  const date = calendarDate(o);
  return mark(z.union([z.literal(''), date]).default(''));
}

// A datetime-local input's value ('2026-12-07T09:30'), seconds optional, and the ISO instant a form
// makes of it in the browser (…Z or …+01:00), so the person's own time zone decides what they meant.
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:\d{2})?$/;

export type DateTimeOptions = {
  label: string;
  /** The window, as offsets from now (or fixed ISO dates). */
  earliest: Bound;
  latest: Bound;
};

/** A moment as typed, checked: the Date, or what is wrong in words. `now` is passed in, so the rule is testable. */
export function readDateTime(raw: unknown, o: DateTimeOptions, now: Date): { value: Date } | { problem: string } {
  let value: Date;
  if (raw instanceof Date) {
    if (Number.isNaN(raw.getTime())) return { problem: `Enter the ${o.label} as a date and time.` };
    value = raw;
  } else if (typeof raw === 'string') {
    const m = ISO_DATE_TIME.exec(raw.trim());
    const example = { problem: `Enter the ${o.label} as a date and a time, for example ${longDate(ukToday(now))} at 09:30.` };
    if (!m) return example;
    const [y, mo, d, h, mi, s] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0)) as [number, number, number, number, number, number];
    if (mo < 1 || mo > 12) return { problem: `Enter a real ${o.label}: there is no month ${m[2]} (months run from 01 to 12).` };
    if (d < 1 || d > daysInMonth(y, mo - 1)) return { problem: `Enter a real ${o.label}: ${MONTH_NAMES[mo - 1]} ${y} has no day ${m[3]}.` };
    if (h > 23 || mi > 59 || s > 59) return { problem: `Enter a real time for the ${o.label}: hours run from 00 to 23 and minutes from 00 to 59.` };
    if (y < FIRST_YEAR || y > LAST_YEAR) return { problem: `Check the year of the ${o.label}: ${m[1]} cannot be right.` };
    const zone = m[8];
    if (zone) {
      const offset = zone === 'Z' ? 0 : (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
      if (Math.abs(offset) > 14 * 60) return example; // no time zone is more than 14 hours from UTC
      value = new Date(Date.UTC(y, mo - 1, d, h, mi, s, Number((m[7] ?? '0').padEnd(3, '0'))) - offset * 60_000);
    } else value = new Date(y, mo - 1, d, h, mi, s); // no zone: the server's local time, as a datetime-local is read
  } else return { problem: `Enter the ${o.label} as a date and time.` };
  const year = value.getUTCFullYear();
  if (year < FIRST_YEAR || year > LAST_YEAR) return { problem: `Check the year of the ${o.label}: ${year} cannot be right.` };
  const today = ukToday(now);
  const earliest = boundDate(o.earliest, today);
  const latest = boundDate(o.latest, today);
  const day = ukToday(value);
  if (day < earliest) return { problem: `The ${o.label} must be on or after ${longDate(earliest)}.` };
  if (day > latest) return { problem: `The ${o.label} must be on or before ${longDate(latest)}.` };
  return { value };
}

/** A date and time (a datetime-local input, the ISO instant made of it, or a Date) within a window around now. */
export function dateTime(o: DateTimeOptions & { now?: () => Date }) {
  const now = o.now ?? (() => new Date());
  return mark(
    z
      .custom<string | Date>((v) => typeof v === 'string' || v instanceof Date, { message: `Enter the ${o.label} as a date and time.`, params: FIELD })
      .optional()
      .transform((raw, ctx) => {
        if (raw === undefined) {
          ctx.addIssue({ code: 'custom', message: `Enter the ${o.label}.`, input: raw, params: FIELD, continue: true });
          return z.NEVER;
        }
        const read = readDateTime(raw, o, now());
        if ('problem' in read) {
          ctx.addIssue({ code: 'custom', message: read.problem, input: raw, params: FIELD, continue: true });
          return z.NEVER;
        }
        return read.value;
      }),
  ) as z.ZodType<Date, string | Date>;
}

// ---- the plausible windows, in one place -----------------------------------------------------------

/** An apprenticeship starts at most this long ago and at most this far ahead. */
export const START_WINDOW = { earliest: { years: -10 }, latest: { years: 1 } } as const satisfies { earliest: Offset; latest: Offset };
/** The longest planned duration: the standard's typical 12–18 months, with room for part-time and breaks. */
export const MAX_DURATION = { years: 6 } as const satisfies Offset;
/** Things that have happened (training, evidence, a review, a signature): not in the future, not before the oldest start. */
export const PAST_WINDOW = { earliest: START_WINDOW.earliest, latest: { days: 0 } } as const satisfies { earliest: Offset; latest: Offset };

/** A window as a date input's min and max on `today`: the browser's picker offers only plausible days (the schema is still the rule). */
export function dateInputBounds(window: { earliest: Bound; latest: Bound }, today: string = ukToday()): { min: string; max: string } {
  return { min: boundDate(window.earliest, today), max: boundDate(window.latest, today) };
}
/** The planned end's window (wide; the duration rule ties it to the start). */
export const PLANNED_END_WINDOW = { earliest: START_WINDOW.earliest, latest: { years: START_WINDOW.latest.years + MAX_DURATION.years } } as const satisfies { earliest: Offset; latest: Offset };
