import { z } from 'zod';
import { dateTime, INT_MAX, itemNumber, rowVersion, wholeNumber } from '@/lib/forms/fields';
import { safeText } from '@/lib/forms/safe-text';

// The forms and requests of mock assessments, shared by the browser (a courtesy check) and the data layer.

const blueprintKey = safeText({ label: 'paper', max: 120, trim: false });
export const StartInput = z.union([z.object({ blueprintKey: blueprintKey.min(1) }), z.object({ sittingId: z.uuid() })]);

/**
 * Starting a timed paper from the browser: only from its confirmation page, which says how long it lasts
 * and sends `confirm: 'yes'`. Without it nothing starts (a stale form, a crafted post).
 */
export const StartRequest = z
  .object({ confirm: z.literal('yes', { error: 'Read how long the paper lasts, then press “Start the paper” to begin.' }) })
  .and(StartInput);

// An item's place in a paper: no blueprint draws more than 10 sections of 200 (lib/content/assessment.ts).
export const MAX_ITEMS = 2000;
const item = itemNumber('question', MAX_ITEMS - 1);
// The browser's change counter: milliseconds since 1970 of the change (a bigint column), so within JavaScript's safe integers.
const seq = wholeNumber({ label: 'change number', min: 1, max: Number.MAX_SAFE_INTEGER });
const choice = wholeNumber({ label: 'choice', min: 0, max: 9 });

const CodeList = z.array(safeText({ label: 'code', max: 20 }).min(1)).max(30);
export const AnswerInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('coding'), item, seq, flagged: z.boolean(), answer: z.object({ diagnoses: CodeList, procedures: CodeList }) }),
  z.object({ kind: z.literal('theory'), item, seq, flagged: z.boolean(), answer: z.union([z.array(choice).max(10), safeText({ label: 'code', max: 20 })]) }),
  z.object({ kind: z.literal('written'), item, seq, flagged: z.boolean(), answer: z.object({ text: safeText({ label: 'answer', max: 20_000, maxMessage: 'Keep a written answer under 20,000 characters.', trim: false }) }) }),
]);

/** The longest window a sitting may be open. */
export const MAX_WINDOW_MONTHS = 3;

export const SittingInput = z
  .object({
    blueprintKey: blueprintKey.min(1, 'Choose a paper.'),
    cohortId: z.union([z.uuid(), z.literal('')]).default(''),
    apprenticeIds: z.array(z.uuid()).max(500).default([]),
    // A window may have opened a little while ago (scheduled late), and is planned at most two years ahead.
    opensAt: dateTime({ label: 'opening date and time', earliest: { days: -7 }, latest: { years: 2 } }),
    closesAt: dateTime({ label: 'closing date and time', earliest: { days: -7 }, latest: { years: 2, months: MAX_WINDOW_MONTHS } }),
  })
  // Only between two moments read (a refused one already has its message).
  .refine((s) => !(s.opensAt instanceof Date && s.closesAt instanceof Date) || s.closesAt > s.opensAt, { message: 'The window must close after it opens.', path: ['closesAt'] })
  .refine((s) => !(s.opensAt instanceof Date && s.closesAt instanceof Date) || !(s.closesAt > s.opensAt) || s.closesAt.getTime() - s.opensAt.getTime() <= MAX_WINDOW_MONTHS * 31 * 86_400_000, {
    message: `Keep the window to at most ${MAX_WINDOW_MONTHS} months: schedule another sitting for a later group.`,
    path: ['closesAt'],
  })
  .refine((s) => s.cohortId || s.apprenticeIds.length, { message: 'Choose a cohort or at least one apprentice.', path: ['apprenticeIds'] });

export const WrittenMarkInput = z.object({
  attemptId: z.uuid(),
  item,
  // A blank box is a missing mark, not a zero. No rubric criterion is worth more than 20 (lib/content/assessment.ts); the DAL holds each to its own.
  criteria: z.array(wholeNumber({ label: 'mark', min: 0, max: 20, requiredMessage: 'Give a mark for each criterion.', rangeMessage: 'Give each criterion a mark from 0 up to what it is worth.' })).min(1).max(10),
  feedback: safeText({ label: 'feedback', max: 5000 }).min(5, 'Tell the apprentice why, in a sentence or two.'),
  reason: safeText({ label: 'reason', max: 1000 }).default(''),
  // The standing mark the trainer saw (0 for none): a mark made meanwhile by someone else is not overwritten.
  basedOn: wholeNumber({ label: 'standing mark', min: 0, max: INT_MAX, rangeMessage: 'This form is out of date: reload the page and try again.' }).default(0),
});

export const ExtraTimeInput = z.object({
  apprenticeshipId: z.uuid(),
  percent: wholeNumber({ label: 'extra time', min: 0, max: 100, requiredMessage: 'Give a whole percentage, 0 for none.', rangeMessage: 'Give a whole percentage from 0 (none) to 100.' }),
  version: rowVersion(),
});
