import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApprenticeInput, CohortInput, OrganisationInput, UserInput } from '@/lib/admin/schemas';

const errors = (r: { success: boolean; error?: z.ZodError }): Record<string, string[] | undefined> => (r.error ? z.flattenError(r.error).fieldErrors : {});
const apprentice = {
  name: 'Jo Example',
  email: 'jo@trust.example',
  temporaryPassword: 'a-temporary-password',
  employerId: '3f1b7c1e-8d2a-4c1e-9a57-5b9f1c2d3e4f',
  cohortId: '',
  startDate: '2026-03-02',
  plannedEndDate: '2027-09-01',
  weeklyHours: '37.5',
  plannedOtjHours: '300',
  englishStatus: 'required',
  mathsStatus: 'achieved',
};

describe('admin form schemas', () => {
  it('accept a good apprentice, turning an empty cohort into none and text numbers into numbers', () => {
    const r = ApprenticeInput.safeParse(apprentice);
    expect(r.success).toBe(true);
    expect(r.data).toMatchObject({ cohortId: null, weeklyHours: 37.5, plannedOtjHours: 300 });
  });

  it('put each problem on its own field', () => {
    const r = ApprenticeInput.safeParse({ ...apprentice, email: 'not-an-email', plannedEndDate: '2026-01-01', weeklyHours: '5' });
    expect(Object.keys(errors(r)).sort()).toEqual(['email', 'plannedEndDate', 'weeklyHours']);
    expect(errors(r).plannedEndDate?.[0]).toBe('The planned end date must be after the start date.');
    expect(errors(r).weeklyHours?.[0]).toBe('Apprentices are contracted for at least 16 hours a week.');
  });

  it('refuse a bad email address', () => {
    expect(errors(ApprenticeInput.safeParse({ ...apprentice, email: 'jo@' })).email?.[0]).toBe('Enter an email address like name@trust.nhs.uk.');
    expect(errors(ApprenticeInput.safeParse({ ...apprentice, email: '  ' })).email?.[0]).toBe('Enter an email address.');
  });

  it('want the planned end date after the start date, not on it', () => {
    expect(errors(ApprenticeInput.safeParse({ ...apprentice, plannedEndDate: apprentice.startDate })).plannedEndDate).toEqual(['The planned end date must be after the start date.']);
    expect(ApprenticeInput.safeParse({ ...apprentice, plannedEndDate: '2026-03-03' }).success).toBe(true);
  });

  it('keep weekly hours between 16 and 48', () => {
    const hours = (weeklyHours: string) => errors(ApprenticeInput.safeParse({ ...apprentice, weeklyHours })).weeklyHours?.[0];
    expect(hours('15.9')).toMatch(/at least 16/);
    expect(hours('16')).toBeUndefined();
    expect(hours('48')).toBeUndefined();
    expect(hours('48.5')).toMatch(/above 48/);
    expect(hours('lots')).toMatch(/as a number/);
  });

  it('refuse a date that does not exist', () => {
    expect(errors(CohortInput.safeParse({ name: 'Feb', startDate: '2026-02-30' })).startDate?.[0]).toMatch(/real/);
    expect(errors(CohortInput.safeParse({ name: 'Feb', startDate: '02/03/2026' })).startDate?.[0]).toMatch(/YYYY-MM-DD/);
  });

  it('check an ODS code and upper-case it', () => {
    expect(OrganisationInput.parse({ name: 'A Trust', kind: 'employer', odsCode: 'rxx' }).odsCode).toBe('RXX');
    expect(OrganisationInput.parse({ name: 'A Trust', kind: 'employer', odsCode: '' }).odsCode).toBe('');
    for (const odsCode of ['R-X', 'RX', 'RXXXXXX'])
      expect(errors(OrganisationInput.safeParse({ name: 'A Trust', kind: 'employer', odsCode })).odsCode?.[0]).toMatch(/3 to 6 letters and digits/);
  });

  it('need a temporary password of 12 or more characters for a new user', () => {
    const r = UserInput.safeParse({ name: 'Pat', email: 'pat@x.example', role: 'trainer', organisationId: '', temporaryPassword: 'short' });
    expect(errors(r).temporaryPassword?.[0]).toMatch(/12/);
  });
});
