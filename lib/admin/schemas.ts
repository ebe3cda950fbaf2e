import { z } from 'zod';
import { isValid, parseISO } from 'date-fns';
import { safeText, searchText } from '@/lib/forms/safe-text';

// The same schemas check a form in the browser (a courtesy) and on the server (the rule).

const name = (what: string) => safeText({ label: what, max: 200 }).min(2, `Enter the ${what} (at least 2 characters).`);
export const email = safeText({ label: 'email address', max: 320, maxMessage: 'That email address is too long.' })
  .min(1, 'Enter an email address.')
  .pipe(z.email('Enter an email address like name@trust.nhs.uk.'));
export const isoDate = (what: string) =>
  z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `Enter the ${what} as a date (YYYY-MM-DD).`)
    .refine((s) => isValid(parseISO(s)), `Enter a real ${what}.`);
const uuid = (what: string) => z.uuid(`Choose ${what}.`);
const optionalUuid = z.union([z.uuid(), z.literal('')]).transform((v) => (v === '' ? null : v));
const version = z.coerce.number().int().min(1);

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
  startDate: isoDate('cohort start date'),
});
export const CohortUpdate = CohortInput.extend({ id: z.uuid(), version });

const hours = z.coerce
  .number('Enter the weekly contracted hours as a number.')
  .min(16, 'Apprentices are contracted for at least 16 hours a week.')
  .max(48, 'Weekly hours above 48 break the Working Time Regulations default.');

const apprenticeshipFields = {
  employerId: uuid('the employer'),
  cohortId: optionalUuid,
  startDate: isoDate('start date'),
  plannedEndDate: isoDate('planned end date'),
  weeklyHours: hours,
  plannedOtjHours: z.coerce.number('Enter the planned off-the-job hours.').int('Use whole hours.').min(0).max(2000),
  englishStatus: z.enum(FUNCTIONAL_SKILL_STATUSES),
  mathsStatus: z.enum(FUNCTIONAL_SKILL_STATUSES),
};

const endAfterStart = <T extends { startDate: string; plannedEndDate: string }>(v: T, ctx: z.RefinementCtx) => {
  if (v.plannedEndDate <= v.startDate)
    ctx.addIssue({ code: 'custom', message: 'The planned end date must be after the start date.', path: ['plannedEndDate'] });
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
  from: z.union([isoDate('from date'), z.literal('')]).default(''),
  to: z.union([isoDate('to date'), z.literal('')]).default(''),
  page: z.coerce.number().int().min(1).default(1),
});

export type OrganisationInput = z.input<typeof OrganisationInput>;
export type UserInput = z.input<typeof UserInput>;
export type CohortInput = z.input<typeof CohortInput>;
export type ApprenticeInput = z.input<typeof ApprenticeInput>;
