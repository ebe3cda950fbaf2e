import { z } from 'zod';
import { calendarDate, optionalWholeNumber, PAST_WINDOW, rowVersion } from '@/lib/forms/fields';
import { safeText } from '@/lib/forms/safe-text';
import { WITHDRAW_REASONS } from './withdraw-reasons';

/** A break in learning starts: its first day (not before the start: the DAL checks) and why. */
export const BreakStartInput = z.object({
  apprenticeshipId: z.uuid(),
  startDate: calendarDate({ label: 'first day of the break', ...PAST_WINDOW, tooLate: () => 'Record a break from its first day: the first day of the break cannot be in the future.' }),
  reason: safeText({ label: 'reason', max: 2000 }).min(1, 'Say why the apprentice is taking a break in learning.'),
  version: rowVersion(),
});

/** The apprentice returns: the day learning resumes (after the break's first day: the DAL checks). */
export const BreakEndInput = z.object({
  apprenticeshipId: z.uuid(),
  endDate: calendarDate({ label: 'return date', ...PAST_WINDOW, tooLate: () => 'Record the return on or after the day: the return date cannot be in the future.' }),
  version: rowVersion(),
});

const reasonCodes = WITHDRAW_REASONS.map((r) => r.code);

/** Completed or withdrawn, with the actual end date (not in the future) and, for a withdrawal, the ILR reason. */
export const OutcomeInput = z
  .object({
    apprenticeshipId: z.uuid(),
    outcome: z.enum(['completed', 'withdrawn'], { error: 'Choose completed or withdrawn.' }),
    actualEndDate: calendarDate({ label: 'actual end date', ...PAST_WINDOW, tooLate: () => 'The actual end date cannot be in the future.' }),
    withdrawReason: optionalWholeNumber({ label: 'reason for withdrawal', min: 0, max: 99 }),
    version: rowVersion(),
  })
  .superRefine((v, ctx) => {
    if (v.outcome !== 'withdrawn') return;
    if (v.withdrawReason === null || !reasonCodes.includes(v.withdrawReason))
      ctx.addIssue({ code: 'custom', path: ['withdrawReason'], message: 'Choose the reason for the withdrawal from the list.' });
  });
