import { z } from 'zod';
import { calendarDate, decimal, PLANNED_END_WINDOW, rowVersion, START_WINDOW, wholeNumber } from '@/lib/forms/fields';
import { safeText } from '@/lib/forms/safe-text';

/** The most activities a plan holds: a few a month over six years. */
export const MAX_ACTIVITIES = 300;
const KSB = /^[KSB]\d{1,2}$/;

/** KSB codes as typed in one cell ("K1, S3 B2"): upper-cased, split on commas or spaces, each a code of the standard's form. */
const ksbCodes = safeText({ label: 'KSBs', max: 400 })
  .transform((s) => [...new Set(s.toUpperCase().split(/[\s,;]+/).filter(Boolean))])
  .refine((codes) => codes.every((c) => KSB.test(c)), 'Write KSB codes such as K1, S3, B2, separated by commas.');

export const PlanActivityInput = z.object({
  month: wholeNumber({ label: 'month', min: 1, max: 72 }),
  title: safeText({ label: 'activity', max: 300 }).min(3, 'Say what the activity is (at least 3 characters).'),
  ksbs: ksbCodes,
  otjHours: wholeNumber({ label: 'off-the-job hours', min: 0, max: 5000 }),
});

const longText = (label: string, max: number) => safeText({ label, max });

/** The trainer's edit of a draft version (one nobody has signed yet). */
export const PlanEditInput = z
  .object({
    id: z.uuid(),
    rowVersion: rowVersion(),
    plannedStartDate: calendarDate({ label: 'planned start date', ...START_WINDOW }),
    plannedEndDate: calendarDate({ label: 'planned end date', ...PLANNED_END_WINDOW }),
    weeklyHours: decimal({ label: 'weekly contracted hours', min: 1, max: 60, places: 1 }),
    plannedOtjHours: wholeNumber({ label: 'planned off-the-job hours', min: 0, max: 5000 }),
    activities: z.array(PlanActivityInput).min(1, 'Plan at least one activity.').max(MAX_ACTIVITIES, `Keep the plan to ${MAX_ACTIVITIES} activities.`),
    support: longText('support agreed', 4000),
    reasonableAdjustments: longText('reasonable adjustments', 4000),
    englishPlan: longText('English plan', 2000).min(5, 'Say how English will be met (at least 5 characters), or that it already is.'),
    mathsPlan: longText('maths plan', 2000).min(5, 'Say how maths will be met (at least 5 characters), or that it already is.'),
  })
  .refine((p) => p.plannedEndDate > p.plannedStartDate, { path: ['plannedEndDate'], message: 'The planned end date must be after the planned start date.' });

export const PlanDraftInput = z.object({ apprenticeshipId: z.uuid() });

/** A signature: the signer types their name. */
export const PlanSignInput = z.object({
  id: z.uuid(),
  rowVersion: rowVersion(),
  signedName: safeText({ label: 'name', max: 200 }).min(2, 'Type your full name to sign.'),
});

/** "Change the plan": a new version, with why. */
export const PlanChangeInput = z.object({
  id: z.uuid(),
  rowVersion: rowVersion(),
  changeSummary: safeText({ label: 'summary of the change', max: 2000 }).min(10, 'Say what changes and why (at least 10 characters).'),
});
