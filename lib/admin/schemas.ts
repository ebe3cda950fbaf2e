import { z } from 'zod';
import { calendarDate, decimal, longDate, MAX_DURATION, optionalCalendarDate, pageNumber, PLANNED_END_WINDOW, rowVersion, shiftDate, START_WINDOW, wholeNumber } from '@/lib/forms/fields';
import { safeText, searchText } from '@/lib/forms/safe-text';

// The same schemas check a form in the browser (a courtesy) and on the server (the rule).

const name = (what: string) => safeText({ label: what, max: 200 }).min(2, `Enter the ${what} (at least 2 characters).`);
export const email = safeText({ label: 'email address', max: 320, maxMessage: 'That email address is too long.' })
  .min(1, 'Enter an email address.')
  .pipe(z.email('Enter an email address like name@trust.nhs.uk.'));
const uuid = (what: string) => z.uuid(`Choose ${what}.`);
const optionalUuid = z.union([z.uuid(), z.literal('')]).transform((v) => (v === '' ? null : v));
const version = rowVersion();

export const ORGANISATION_KINDS = ['employer', 'training_provider'] as const;
export const ROLE_OPTIONS = ['apprentice', 'trainer', 'employer', 'admin'] as const;
export const APPRENTICESHIP_STATUSES = ['active', 'break_in_learning', 'withdrawn', 'completed'] as const;
export const FUNCTIONAL_SKILL_STATUSES = ['required', 'in_progress', 'achieved', 'exempt', 'not_required'] as const;

export const OrganisationInput = z.object({
  name: name('organisation name'),
  kind: z.enum(ORGANISATION_KINDS, 'Choose employer or training provider.'),
  odsCode: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^([A-Z0-9]{3,6})?$/, 'An ODS code is 3 to 6 letters and digits, e.g. RXX.')
    .default(''),
});
export const OrganisationUpdate = OrganisationInput.extend({ id: z.uuid(), version });

export const temporaryPassword = z
  .string() // not free text: a password, hashed and never stored or shown
  .min(12, 'Use at least 12 characters.')
  .max(200, 'Use at most 200 characters.');

export const UserInput = z.object({
  name: name('full name'),
  email,
  role: z.enum(ROLE_OPTIONS, 'Choose a role.'),
  organisationId: optionalUuid,
  temporaryPassword,
});
export const UserUpdate = z.object({
  id: z.uuid(),
  version,
  name: name('full name'),
  email,
  role: z.enum(ROLE_OPTIONS, 'Choose a role.'),
  organisationId: optionalUuid,
  // Empty: keep the current password.
  temporaryPassword: z.union([temporaryPassword, z.literal('')]).default(''),
});

export const CohortInput = z.object({
  name: name('cohort name'),
  // A cohort starts with its apprentices: the same window as an apprenticeship's start.
  startDate: calendarDate({ label: 'cohort start date', ...START_WINDOW }),
});
export const CohortUpdate = CohortInput.extend({ id: z.uuid(), version });

export const WEEKLY_HOURS = { min: 16, max: 48 } as const;
export const weeklyHours = decimal({
  label: 'weekly contracted hours',
  ...WEEKLY_HOURS,
  minMessage: 'Apprentices are contracted for at least 16 hours a week.',
  maxMessage: 'Weekly hours above 48 break the Working Time Regulations default.',
});
export const PLANNED_OTJ_HOURS = { min: 0, max: 2000 } as const;

export const startDate = (label: string) => calendarDate({ label, ...START_WINDOW });
// The planned end's own window is wide; endAfterStart holds it to the start date.
export const plannedEndDate = (label: string) => calendarDate({ label, ...PLANNED_END_WINDOW });

const apprenticeshipFields = {
  employerId: uuid('the employer'),
  cohortId: optionalUuid,
  startDate: startDate('start date'),
  plannedEndDate: plannedEndDate('planned end date'),
  weeklyHours,
  plannedOtjHours: wholeNumber({ label: 'planned off-the-job hours', ...PLANNED_OTJ_HOURS }),
  englishStatus: z.enum(FUNCTIONAL_SKILL_STATUSES),
  mathsStatus: z.enum(FUNCTIONAL_SKILL_STATUSES),
};

/** What is wrong with a planned end for a start (both already real dates), or null: after the start, at most MAX_DURATION later. */
export function durationProblem(startDate: string, plannedEndDate: string): string | null {
  if (plannedEndDate <= startDate) return 'The planned end date must be after the start date.';
  const latest = shiftDate(startDate, MAX_DURATION);
  if (plannedEndDate > latest) return `The planned end date must be within ${MAX_DURATION.years} years of the start (by ${longDate(latest)}).`;
  return null;
}

const endAfterStart = <T extends { startDate: string; plannedEndDate: string }>(v: T, ctx: z.RefinementCtx) => {
  if (typeof v.startDate !== 'string' || typeof v.plannedEndDate !== 'string') return; // a date refused already has its message
  const problem = durationProblem(v.startDate, v.plannedEndDate);
  if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['plannedEndDate'] });
};

/** A new apprentice: the person and their apprenticeship, created together. */
export const ApprenticeInput = z
  .object({ name: name('full name'), email, temporaryPassword, ...apprenticeshipFields })
  .superRefine(endAfterStart);

export const ApprenticeshipUpdate = z
  .object({ id: z.uuid(), version, ...apprenticeshipFields, status: z.enum(APPRENTICESHIP_STATUSES) })
  .superRefine(endAfterStart);

export const AssignmentInput = z.object({ trainerId: uuid('a trainer'), apprenticeshipId: z.uuid() });

export const AuditFilter = z.object({
  actor: searchText(200).default(''),
  entity: searchText(100).default(''),
  // The log holds nothing before the service existed, nor anything from tomorrow.
  from: optionalCalendarDate({ label: 'from date', earliest: '2000-01-01', latest: { years: 1 } }),
  to: optionalCalendarDate({ label: 'to date', earliest: '2000-01-01', latest: { years: 1 } }),
  page: pageNumber(),
});

export type OrganisationInput = z.input<typeof OrganisationInput>;
export type UserInput = z.input<typeof UserInput>;
export type CohortInput = z.input<typeof CohortInput>;
export type ApprenticeInput = z.input<typeof ApprenticeInput>;
