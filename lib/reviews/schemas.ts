import { z } from 'zod';
import { calendarDate, PAST_WINDOW, rowVersion } from '@/lib/forms/fields';
import { safeText } from '@/lib/forms/safe-text';

const text = (what: string, min: number, max: number, hint: string) =>
  safeText({ label: what, max }).min(min, `Write the ${what} (at least ${min} characters): ${hint}`);

/** What the trainer records; the off-the-job hours are not here: the server fills them in from the log. */
export const ReviewInput = z
  .object({
    apprenticeshipId: z.uuid(),
    reviewDate: calendarDate({
      label: 'review date',
      ...PAST_WINDOW,
      tooLate: () => 'The review date cannot be in the future: record a review once it has taken place.',
    }),
    progressSummary: text('progress since the last review', 20, 5000, 'what the apprentice has done and how well.'),
    ksbsDiscussed: z.array(z.string().regex(/^[KSB]\d{1,2}$/)).min(1, 'Choose at least one knowledge, skill or behaviour you discussed.').max(59),
    targets: text('targets for the next period', 20, 3000, 'what the apprentice will do before the next review.'),
    englishMaths: text('English and maths progress', 10, 2000, 'where English and maths stand and what is planned.'),
    supportDiscussed: text('support discussed', 10, 3000, 'the support in place, including any reasonable adjustments, and whether it is working.'),
    wellbeing: text('wellbeing notes', 5, 2000, 'how the apprentice says they are, and any support agreed.'),
    safeguardingConcern: z.enum(['no', 'yes'], 'Say whether there is a safeguarding concern.'),
    safeguardingNotes: safeText({ label: 'safeguarding notes', max: 3000 }).default(''),
  })
  .refine((r) => r.safeguardingConcern === 'no' || r.safeguardingNotes.length >= 10, {
    path: ['safeguardingNotes'],
    message: 'Describe the concern and what was done about it (at least 10 characters).',
  });

export const ReviewSignInput = z.object({
  id: z.uuid(),
  rowVersion: rowVersion(),
  comment: text('comment', 5, 3000, 'what you think of the progress and the targets.'),
});

const words = (s: string) => s.split(/\s+/).filter(Boolean).length;

/** The trainer's or employer's confirmation of readiness for gateway: a short reason is part of the record. */
export const GatewayConfirmInput = z.object({
  apprenticeshipId: z.uuid(),
  note: safeText({ label: 'note', max: 1000 })
    .refine((s) => words(s) >= 4, 'Write a short note (at least four words): why you judge the apprentice ready for gateway.'),
});
