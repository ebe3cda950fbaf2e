import { z } from 'zod';
import { calendarDate, decimal, PAST_WINDOW, rowVersion } from '@/lib/forms/fields';
import { safeText } from '@/lib/forms/safe-text';
import { formatDate } from '@/lib/format';

// The otj_activity_type enum, with the labels people see.
export const OTJ_ACTIVITY_TYPES = {
  teaching: 'Teaching',
  practical_training: 'Practical training',
  shadowing: 'Shadowing',
  mentoring: 'Mentoring',
  learning_support: 'Learning support',
  writing_assignments: 'Writing assignments',
  other: 'Other',
} as const;
export type OtjActivityType = keyof typeof OTJ_ACTIVITY_TYPES;

export const OTJ_STATUS_LABEL = { logged: 'Awaiting review', accepted: 'Accepted', queried: 'Queried' } as const;
export const OTJ_STATUS_TONE = { logged: 'blue', accepted: 'green', queried: 'yellow' } as const;

export const MAX_HOURS_PER_DAY = 24;

const activityTypes = Object.keys(OTJ_ACTIVITY_TYPES) as [OtjActivityType, ...OtjActivityType[]];

const fields = {
  // Today in the UK, read when the value is checked (a form left open past midnight still works); the
  // data access layer also holds it to the apprenticeship's start.
  activityDate: calendarDate({
    label: 'date of the activity',
    ...PAST_WINDOW,
    tooLate: (today, d) => `The date of the activity (${formatDate(d)}) is in the future: log training once it has happened (today is ${formatDate(today)}).`,
  }),
  // An empty box is "Enter the hours", never zero.
  hours: decimal({
    label: 'hours',
    min: 0.25,
    max: MAX_HOURS_PER_DAY,
    requiredMessage: 'Enter the hours, for example 1.5 for an hour and a half.',
    minMessage: 'Enter at least a quarter of an hour (0.25).',
    maxMessage: `No more than ${MAX_HOURS_PER_DAY} hours can be logged for one day.`,
  }).refine(
    // Not on hours already refused (the field types let later rules run, so every problem shows at once).
    (h) => typeof h !== 'number' || Number.isInteger(Math.round(h * 1e6) / 1e6 * 4),
    'Enter hours in quarter-hour steps: 0.25, 0.5, 0.75, 1, 1.25 …',
  ),
  activityType: z.enum(activityTypes, 'Choose the type of activity.'),
  description: safeText({ label: 'description', max: 2000, maxMessage: 'Keep the description under 2,000 characters.' }).min(
    10,
    'Describe the activity in at least 10 characters: what you did and what you learnt.',
  ),
  ksbs: z
    .array(z.string().regex(/^[KSB]\d{1,2}$/, 'Choose knowledge, skills and behaviours from the standard.'))
    .min(1, 'Choose at least one knowledge, skill or behaviour this training builds.')
    .max(20, 'Choose no more than 20 items.'),
};

export const OtjInput = z.object(fields);
export const OtjUpdate = z.object({ id: z.uuid(), rowVersion: rowVersion(), ...fields });
export const OtjDelete = z.object({ id: z.uuid(), rowVersion: rowVersion() });

export const OtjReview = z
  .object({
    id: z.uuid(),
    rowVersion: rowVersion(),
    decision: z.enum(['accept', 'query'], 'Choose Accept or Query.'),
    comment: safeText({ label: 'comment', max: 1000, maxMessage: 'Keep the comment under 1,000 characters.' }),
  })
  .superRefine((v, ctx) => {
    if (v.decision === 'query' && v.comment.length < 5)
      ctx.addIssue({ code: 'custom', path: ['comment'], message: 'Say what the apprentice should check or change (at least 5 characters).' });
  });

/** Hours as typed (quarter hours) to the whole minutes stored. */
export const toMinutes = (hours: number) => Math.round(hours * 60);
export const toHours = (minutes: number) => minutes / 60;

/** At most this many entries accepted in one go (a page of the log is 25). */
export const MAX_BULK_ACCEPT = 100;

/** The trainer accepts several entries at once, with one comment the apprentice sees on each. */
export const OtjBulkAccept = z.object({
  entries: z
    .array(z.object({ id: z.uuid('This form is out of date: reload the page and try again.'), rowVersion: rowVersion() }), 'Select the entries to accept.')
    .min(1, 'Select at least one entry to accept.')
    .max(MAX_BULK_ACCEPT, `Accept at most ${MAX_BULK_ACCEPT} entries at once.`)
    .refine((list) => new Set(list.map((e) => e.id)).size === list.length, 'An entry was selected twice: reload the page and try again.'),
  comment: safeText({ label: 'comment', max: 1000, maxMessage: 'Keep the comment under 1,000 characters.' }),
});
export type OtjBulkAccept = z.input<typeof OtjBulkAccept>;

/** Days of practice to log as off-the-job training in one step (lib/dal/otj.ts confirmPracticeTime). */
export const PracticeTimeConfirm = z.object({
  dates: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Choose days from the list.'), 'Choose days from the list.').min(1, 'Choose at least one day to log.').max(366),
});
