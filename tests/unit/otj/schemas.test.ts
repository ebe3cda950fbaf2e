import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MAX_BULK_ACCEPT, OtjBulkAccept, OtjInput, OtjReview, toMinutes } from '@/lib/otj/schemas';
import { isoOfUtcDay, ukToday, utcDay } from '@/lib/otj/plan';

const valid = { activityDate: '2026-01-13', hours: '2.5', activityType: 'teaching', description: 'Day release: the four-step coding process.', ksbs: ['K4'] };
const errors = (input: unknown) => {
  const r = OtjInput.safeParse(input);
  return r.success ? {} : z.flattenError(r.error).fieldErrors;
};

describe('the off-the-job entry schema', () => {
  it('accepts an entry as typed in the form and turns hours into minutes', () => {
    const data = OtjInput.parse(valid);
    expect(data.hours).toBe(2.5);
    expect(toMinutes(data.hours)).toBe(150);
  });

  it('takes hours in quarter-hour steps from 0.25 to 24', () => {
    for (const h of ['0.25', '0.5', '1.75', '24', 7.5]) expect(errors({ ...valid, hours: h })).toEqual({});
    expect(errors({ ...valid, hours: '0' }).hours).toEqual(['Enter at least a quarter of an hour (0.25).']);
    expect(errors({ ...valid, hours: '24.25' }).hours).toEqual(['No more than 24 hours can be logged for one day.']);
    expect(errors({ ...valid, hours: '1.1' }).hours?.[0]).toMatch(/quarter-hour steps/);
    // An emptied box asks for the hours; it is never read as 0 (issue 14).
    expect(errors({ ...valid, hours: '' }).hours).toEqual(['Enter the hours, for example 1.5 for an hour and a half.']);
    for (const h of ['0x1', '1e1', 'Infinity', '2abc', '1,5']) expect(errors({ ...valid, hours: h }).hours?.[0], h).toMatch(/Enter the hours as a number/);
    expect(errors({ ...valid, hours: 'two' }).hours?.[0]).toMatch(/Enter the hours as a number/);
  });

  it('refuses a date in the future, saying the date and today', () => {
    const tomorrow = isoOfUtcDay(utcDay(ukToday()) + 1);
    expect(errors({ ...valid, activityDate: ukToday() })).toEqual({});
    expect(errors({ ...valid, activityDate: tomorrow }).activityDate?.[0]).toMatch(/^The date of the activity \(\d{1,2} \w{3} \d{4}\) is in the future: .*today is \d{1,2} \w{3} \d{4}/);
    expect(errors({ ...valid, activityDate: '2026-02-30' }).activityDate?.[0]).toBe('Enter a real date of the activity: February 2026 has no day 30.');
    expect(errors({ ...valid, activityDate: '2026-13-01' }).activityDate?.[0]).toBe('Enter a real date of the activity: there is no month 13 (months run from 01 to 12).');
  });

  it('asks for a type, a description of at least 10 characters, and at least one KSB', () => {
    expect(Object.keys(errors({ ...valid, activityType: 'lunch', description: 'Coding', ksbs: [] })).sort()).toEqual(['activityType', 'description', 'ksbs']);
    expect(errors({ ...valid, description: 'x'.repeat(2001) }).description).toEqual(['Keep the description under 2,000 characters.']);
  });

  it('asks the trainer for a comment when querying, not when accepting', () => {
    const review = { id: '0b4f0c5e-3d57-4a8f-9a55-1c1d6c4f2a10', rowVersion: 1, comment: '' };
    expect(OtjReview.safeParse({ ...review, decision: 'accept' }).success).toBe(true);
    const r = OtjReview.safeParse({ ...review, decision: 'query' });
    expect(r.success ? null : z.flattenError(r.error).fieldErrors.comment?.[0]).toMatch(/Say what the apprentice should check/);
  });
});

describe('accepting several off-the-job entries at once', () => {
  const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  const bulkErrors = (input: unknown) => {
    const r = OtjBulkAccept.safeParse(input);
    return r.success ? {} : z.flattenError(r.error).fieldErrors;
  };

  it('takes entries with their row versions and an optional comment', () => {
    expect(OtjBulkAccept.safeParse({ entries: [{ id: id(1), rowVersion: '2' }, { id: id(2), rowVersion: 1 }], comment: '' }).success).toBe(true);
  });

  it('asks for at least one entry, beside the selection', () => {
    expect(bulkErrors({ entries: [], comment: 'Good week.' }).entries).toEqual(['Select at least one entry to accept.']);
  });

  it('refuses an entry selected twice and more than the limit', () => {
    expect(bulkErrors({ entries: [{ id: id(1), rowVersion: 1 }, { id: id(1), rowVersion: 1 }], comment: '' }).entries?.[0]).toMatch(/selected twice/);
    const many = Array.from({ length: MAX_BULK_ACCEPT + 1 }, (_, i) => ({ id: id(i), rowVersion: 1 }));
    expect(bulkErrors({ entries: many, comment: '' }).entries).toEqual([`Accept at most ${MAX_BULK_ACCEPT} entries at once.`]);
  });

  it('refuses an NHS number in the comment, beside the comment', () => {
    expect(bulkErrors({ entries: [{ id: id(1), rowVersion: 1 }], comment: 'Patient 943 476 5919 coded.' }).comment?.[0]).toMatch(/NHS number/);
  });
});
