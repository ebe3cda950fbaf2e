import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { z } from 'zod';
import {
  boundDate,
  calendarDate,
  dateProblem,
  dateTime,
  decimal,
  INT_MAX,
  itemNumber,
  MAX_PAGE,
  optionalWholeNumber,
  pageNumber,
  pageParam,
  readDateTime,
  readNumber,
  rowVersion,
  ukToday,
  wholeNumber,
} from '@/lib/forms/fields';
import { ApprenticeInput, CohortInput, durationProblem } from '@/lib/admin/schemas';
import { AnswerInput, SittingInput } from '@/lib/assessments/schemas';
import { ProgressSettingsForm, toForm, DEFAULT_PROGRESS_SETTINGS } from '@/lib/progress/settings';
import { parseInput } from '@/lib/forms/parse-input';
import { FieldError } from '@/lib/errors';

// Every "today" here is fixed, so nothing depends on the day the tests run.
const TODAY = '2026-12-07';
const NOW = new Date('2026-12-07T10:00:00Z');
const messages = (r: { success: boolean; error?: z.ZodError }) => (r.error ? r.error.issues.map((i) => i.message) : []);

describe('a whole number', () => {
  const n = wholeNumber({ label: 'number of cases', min: 5, max: 200 });

  it('reads plain decimal digits, with surrounding spaces, and JSON numbers', () => {
    expect(n.parse('20')).toBe(20);
    expect(n.parse(' 20 ')).toBe(20);
    expect(n.parse('+20')).toBe(20);
    expect(n.parse('005')).toBe(5);
    expect(n.parse(200)).toBe(200);
  });

  it('asks for the number when the field is empty, never reading it as 0', () => {
    for (const blank of ['', '   ', undefined, null]) expect(messages(n.safeParse(blank)), String(blank)).toEqual(['Enter the number of cases.']);
    expect(readNumber(' ', { label: 'number of cases', min: 5, max: 200 })).toBe('blank');
    // A key missing from the form is the same as an empty field.
    expect(messages(z.object({ cases: n }).safeParse({}))).toEqual(['Enter the number of cases.']);
    expect(messages(z.object({ day: calendarDate({ label: 'start date', earliest: '2000-01-01', latest: '2100-01-01' }) }).safeParse({}))).toEqual(['Enter the start date.']);
    expect(z.object({ page: pageNumber() }).parse({})).toEqual({ page: 1 });
  });

  it.each(['0x10', '0b1', '0o7', '1e3', '1E3', 'Infinity', '-Infinity', 'NaN', '16abc', '1,000', '1_000', '١٢', '12.5', '½'])('refuses %j', (typed) => {
    const r = n.safeParse(typed);
    expect(r.success).toBe(false);
    expect(messages(r)[0]).toMatch(/^Enter the number of cases as a whole number/);
  });

  it('refuses a number outside its range, saying the range', () => {
    expect(messages(n.safeParse('4'))).toEqual(['The number of cases must be between 5 and 200.']);
    expect(messages(n.safeParse('201'))).toEqual(['The number of cases must be between 5 and 200.']);
    expect(messages(n.safeParse(Number.MAX_VALUE))).toEqual(['The number of cases must be between 5 and 200.']);
    expect(messages(n.safeParse('9'.repeat(400)))[0]).toMatch(/as a whole number/);
  });

  it('refuses what is not a number or text', () => {
    for (const v of [true, {}, [], [20], NaN, Infinity]) expect(n.safeParse(v).success, JSON.stringify(v)).toBe(false);
  });

  it('marks its refusals, so the data access layer turns them into a message at the field', () => {
    const Form = z.object({ cases: n });
    expect(() => parseInput(Form, { cases: '0x10' })).toThrow(FieldError);
    try {
      parseInput(Form, { cases: '' });
    } catch (e) {
      expect(e).toBeInstanceOf(FieldError);
      expect((e as FieldError).field).toBe('cases');
      expect((e as FieldError).userMessage).toBe('Enter the number of cases.');
    }
  });

  it('takes exactly the whole numbers in range, however written (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1000, max: 1000 }), fc.constantFrom('', ' ', '0', '00'), (v, pad) => {
        const typed = v < 0 ? `-${pad.trim()}${-v}` : `${pad}${v}`;
        const r = n.safeParse(typed);
        expect(r.success).toBe(v >= 5 && v <= 200);
        if (r.success) expect(r.data).toBe(v);
      }),
    );
  });

  it('never reads anything but plain digits as a number (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), (typed) => {
        const r = n.safeParse(typed);
        if (r.success) expect(typed.trim()).toMatch(/^\+?\d+$/);
      }),
      { numRuns: 500 },
    );
  });
});

describe('a decimal', () => {
  const percent = decimal({ label: 'pass mark', min: 0, max: 100 });
  it('reads decimals to its places and refuses more', () => {
    expect(percent.parse('70.5')).toBe(70.5);
    expect(percent.parse('.5')).toBe(0.5);
    expect(percent.parse('0')).toBe(0);
    expect(percent.parse('-0')).toBe(0);
    expect(Object.is(percent.parse('-0'), -0)).toBe(false);
    expect(messages(percent.safeParse('70.125'))).toEqual(['Give the pass mark to at most 2 decimal places.']);
    expect(messages(percent.safeParse(''))).toEqual(['Enter the pass mark.']);
    expect(messages(percent.safeParse('1e2'))[0]).toMatch(/^Enter the pass mark as a number/);
    expect(messages(percent.safeParse('100.01'))).toEqual(['The pass mark must be between 0 and 100.']);
  });
});

describe('an optional whole number', () => {
  it('gives an explicit blank (null) for an empty field, never 0', () => {
    const n = optionalWholeNumber({ label: 'cap', min: 1, max: 10 });
    expect(n.parse('')).toBeNull();
    expect(n.parse(undefined)).toBeNull();
    expect(n.parse('3')).toBe(3);
    expect(n.safeParse('0').success).toBe(false);
  });
});

describe('bounded integers for row versions, ids and item numbers', () => {
  it('keeps a row version within a PostgreSQL integer, with a message rather than a database error', () => {
    expect(rowVersion().parse('1')).toBe(1);
    expect(rowVersion().parse(INT_MAX)).toBe(INT_MAX);
    for (const v of [2 ** 40, INT_MAX + 1, '1099511627776', 0, -1]) expect(messages(rowVersion().safeParse(v))[0], String(v)).toMatch(/reload the page/);
  });

  it('refuses an answer item number of 2^40 with a message', () => {
    const r = AnswerInput.safeParse({ kind: 'coding', item: 2 ** 40, seq: 1, flagged: false, answer: { diagnoses: [], procedures: [] } });
    expect(r.success).toBe(false);
    expect(messages(r)).toContain('There is no question like that in this paper.');
    expect(itemNumber('question', 9).safeParse(10).success).toBe(false);
  });

  it('reads a page from a query string, anything odd being page 1', () => {
    expect(pageParam('3')).toBe(3);
    expect(pageParam(['4', '5'])).toBe(4);
    for (const v of [undefined, '', '0', '-2', '0x10', '1e3', 'abc', String(2 ** 40), String(MAX_PAGE + 1)]) expect(pageParam(v), String(v)).toBe(1);
  });
});

describe('a calendar date', () => {
  const window = { label: 'start date', earliest: { years: -10 }, latest: { years: 1 } };

  it('takes a real date within its window', () => {
    expect(dateProblem('2026-12-07', window, TODAY)).toBeNull();
    expect(dateProblem('2016-12-07', window, TODAY)).toBeNull();
    expect(dateProblem('2027-12-07', window, TODAY)).toBeNull();
    expect(dateProblem('2024-02-29', window, TODAY)).toBeNull();
  });

  it.each([
    ['2026-13-01', 'Enter a real start date: there is no month 13 (months run from 01 to 12).'],
    ['2026-00-10', 'Enter a real start date: there is no month 00 (months run from 01 to 12).'],
    ['2026-02-29', 'Enter a real start date: February 2026 has no day 29.'],
    ['2026-04-31', 'Enter a real start date: April 2026 has no day 31.'],
    ['0000-01-01', 'Check the year of the start date: 0000 cannot be right.'],
    ['9999-12-31', 'Check the year of the start date: 9999 cannot be right.'],
    ['2207-01-01', 'Check the year of the start date: 2207 cannot be right.'],
    ['2016-12-06', 'The start date must be on or after 7 Dec 2016.'],
    ['2027-12-08', 'The start date must be on or before 7 Dec 2027.'],
    ['07/12/2026', 'Enter the start date as a date (YYYY-MM-DD, for example 2026-12-07).'],
    ['2026-12-7', 'Enter the start date as a date (YYYY-MM-DD, for example 2026-12-07).'],
    ['+02026-12-07', 'Enter the start date as a date (YYYY-MM-DD, for example 2026-12-07).'],
    ['2026-12-07T00:00', 'Enter the start date as a date (YYYY-MM-DD, for example 2026-12-07).'],
  ])('refuses %s: %s', (value, message) => {
    expect(dateProblem(value, window, TODAY)).toBe(message);
  });

  it('reads the window from the today it is given', () => {
    const d = calendarDate({ ...window, today: () => '2030-06-15' });
    expect(d.safeParse('2021-01-01').success).toBe(true);
    expect(messages(d.safeParse('2020-06-14'))).toEqual(['The start date must be on or after 15 Jun 2020.']);
    expect(boundDate({ years: -10 }, '2024-02-29')).toBe('2014-02-28');
    expect(boundDate({ days: 1 }, '2026-12-31')).toBe('2027-01-01');
  });

  it('refuses anything that is not a real date in the window (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }), (y, m, d) => {
        const iso = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
        const real = m >= 1 && m <= 12 && d >= 1 && !Number.isNaN(Date.parse(`${iso}T00:00:00Z`)) && new Date(`${iso}T00:00:00Z`).getUTCDate() === d;
        const ok = dateProblem(iso, window, TODAY) === null;
        expect(ok).toBe(real && iso >= '2016-12-07' && iso <= '2027-12-07');
      }),
      { numRuns: 2000 },
    );
  });
});

describe('an apprenticeship’s dates', () => {
  const today = ukToday(); // the schema's own today: these dates are relative to it
  const shift = (years: number, days = 0) => boundDate({ years, days }, today);
  const apprentice = (startDate: string, plannedEndDate: string) => ({
    name: 'Jo Example', email: 'jo@trust.example', temporaryPassword: 'a-temporary-password', employerId: '3f1b7c1e-8d2a-4c1e-9a57-5b9f1c2d3e4f',
    cohortId: '', startDate, plannedEndDate, weeklyHours: '37.5', plannedOtjHours: '300', englishStatus: 'required', mathsStatus: 'achieved',
  });
  const errorsAt = (r: { error?: z.ZodError }, field: string) => (r.error?.issues ?? []).filter((i) => i.path[0] === field).map((i) => i.message);

  it('refuses a planned end of 9999-12-31, 2207 or more than six years after the start', () => {
    expect(errorsAt(ApprenticeInput.safeParse(apprentice(today, '9999-12-31')), 'plannedEndDate')).toEqual(['Check the year of the planned end date: 9999 cannot be right.']);
    expect(errorsAt(ApprenticeInput.safeParse(apprentice(today, '2207-01-01')), 'plannedEndDate')).toEqual(['Check the year of the planned end date: 2207 cannot be right.']);
    expect(errorsAt(ApprenticeInput.safeParse(apprentice(shift(-1), shift(5, 1))), 'plannedEndDate')[0]).toMatch(/^The planned end date must be within 6 years of the start/);
    expect(ApprenticeInput.safeParse(apprentice(shift(-1), shift(5))).success).toBe(true);
  });

  it('refuses a start more than ten years ago or more than a year ahead', () => {
    expect(errorsAt(ApprenticeInput.safeParse(apprentice(shift(-10, -1), shift(-9))), 'startDate')[0]).toMatch(/^The start date must be on or after/);
    expect(errorsAt(ApprenticeInput.safeParse(apprentice(shift(1, 1), shift(2))), 'startDate')[0]).toMatch(/^The start date must be on or before/);
    expect(errorsAt(CohortInput.safeParse({ name: 'Old', startDate: '0000-01-01' }), 'startDate')).toEqual(['Check the year of the cohort start date: 0000 cannot be right.']);
  });

  it('says what is wrong with a duration (pure)', () => {
    expect(durationProblem('2026-03-02', '2026-03-02')).toBe('The planned end date must be after the start date.');
    expect(durationProblem('2026-03-02', '2032-03-02')).toBeNull();
    expect(durationProblem('2026-03-02', '2032-03-03')).toBe('The planned end date must be within 6 years of the start (by 2 Mar 2032).');
  });
});

describe('a date and time', () => {
  const window = { label: 'opening date and time', earliest: { days: -7 }, latest: { years: 2 } };

  it('reads a datetime-local value and the ISO instant a browser makes of it', () => {
    expect(readDateTime('2026-12-08T09:30:00.000Z', window, NOW)).toEqual({ value: new Date('2026-12-08T09:30:00.000Z') });
    expect(readDateTime('2026-12-08T09:30+01:00', window, NOW)).toEqual({ value: new Date('2026-12-08T08:30:00.000Z') });
    expect(readDateTime('2026-12-08T09:30', window, NOW)).toEqual({ value: new Date(2026, 11, 8, 9, 30) });
    expect(readDateTime(new Date('2026-12-08T09:30:00Z'), window, NOW)).toEqual({ value: new Date('2026-12-08T09:30:00Z') });
  });

  it.each([
    ['2026-13-01T09:00', 'Enter a real opening date and time: there is no month 13 (months run from 01 to 12).'],
    ['2026-12-08T24:00', 'Enter a real time for the opening date and time: hours run from 00 to 23 and minutes from 00 to 59.'],
    ['2026-12-08T09:60', 'Enter a real time for the opening date and time: hours run from 00 to 23 and minutes from 00 to 59.'],
    ['2026-12-08T99:99', 'Enter a real time for the opening date and time: hours run from 00 to 23 and minutes from 00 to 59.'],
    ['0000-01-01T00:00', 'Check the year of the opening date and time: 0000 cannot be right.'],
    ['9999-12-31T23:59', 'Check the year of the opening date and time: 9999 cannot be right.'],
    ['2026-11-29T09:00Z', 'The opening date and time must be on or after 30 Nov 2026.'],
    ['2028-12-08T09:00Z', 'The opening date and time must be on or before 7 Dec 2028.'],
    ['2026-12-08T09:00+15:00', 'Enter the opening date and time as a date and a time, for example 7 Dec 2026 at 09:30.'],
    ['tomorrow', 'Enter the opening date and time as a date and a time, for example 7 Dec 2026 at 09:30.'],
  ])('refuses %s', (typed, message) => {
    expect(readDateTime(typed, window, NOW)).toEqual({ problem: message });
  });

  it('refuses an invalid Date and what is not a date', () => {
    expect(dateTime({ ...window, now: () => NOW }).safeParse(new Date(NaN)).success).toBe(false);
    expect(dateTime({ ...window, now: () => NOW }).safeParse(1_765_000_000_000).success).toBe(false);
  });

  it('keeps a sitting window in the future few years, closing after it opens and at most three months long', () => {
    const at = (days: number) => new Date(Date.now() + days * 86_400_000);
    const sitting = (opensAt: unknown, closesAt: unknown) => SittingInput.safeParse({ blueprintKey: 'paper', apprenticeIds: ['3f1b7c1e-8d2a-4c1e-9a57-5b9f1c2d3e4f'], opensAt, closesAt });
    expect(sitting(at(1), at(8)).success).toBe(true);
    expect(messages(sitting(at(8), at(1)))).toEqual(['The window must close after it opens.']);
    expect(messages(sitting(at(1), at(100)))).toEqual(['Keep the window to at most 3 months: schedule another sitting for a later group.']);
    expect(messages(sitting('9999-12-31T09:00', at(1)))).toEqual(['Check the year of the opening date and time: 9999 cannot be right.']);
    expect(messages(sitting(at(1), '2026-12-08T25:00'))[0]).toMatch(/^Enter a real time for the closing date and time/);
  });
});

describe('the settings form', () => {
  it('asks for a percentage that was cleared instead of saving 0%', () => {
    const values = { ...toForm(DEFAULT_PROGRESS_SETTINGS), pd1: '' };
    const r = ProgressSettingsForm.safeParse(values);
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['pd1', 'Enter the first-level primary diagnosis.']]);
  });

  it('asks for a cleared whole number, and refuses 0x10', () => {
    expect(messages(ProgressSettingsForm.safeParse({ ...toForm(DEFAULT_PROGRESS_SETTINGS), reviewIntervalWeeks: '' }))).toEqual(['Enter the review interval.']);
    expect(messages(ProgressSettingsForm.safeParse({ ...toForm(DEFAULT_PROGRESS_SETTINGS), reviewIntervalWeeks: '0x10' }))[0]).toMatch(/^Enter the review interval as a whole number/);
  });
});
