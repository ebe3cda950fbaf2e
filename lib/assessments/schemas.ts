import { z } from 'zod';
import { safeText } from '@/lib/forms/safe-text';

// The forms and requests of mock assessments, shared by the browser (a courtesy check) and the data layer.

const blueprintKey = safeText({ label: 'paper', max: 120, trim: false });
export const StartInput = z.union([z.object({ blueprintKey: blueprintKey.min(1) }), z.object({ sittingId: z.uuid() })]);

const CodeList = z.array(safeText({ label: 'code', max: 20 }).min(1)).max(30);
export const AnswerInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('coding'), item: z.number().int().min(0), seq: z.number().int().positive(), flagged: z.boolean(), answer: z.object({ diagnoses: CodeList, procedures: CodeList }) }),
  z.object({ kind: z.literal('theory'), item: z.number().int().min(0), seq: z.number().int().positive(), flagged: z.boolean(), answer: z.union([z.array(z.number().int().min(0).max(9)).max(10), safeText({ label: 'code', max: 20 })]) }),
  z.object({ kind: z.literal('written'), item: z.number().int().min(0), seq: z.number().int().positive(), flagged: z.boolean(), answer: z.object({ text: safeText({ label: 'answer', max: 20_000, maxMessage: 'Keep a written answer under 20,000 characters.', trim: false }) }) }),
]);

export const SittingInput = z
  .object({
    blueprintKey: blueprintKey.min(1, 'Choose a paper.'),
    cohortId: z.union([z.uuid(), z.literal('')]).default(''),
    apprenticeIds: z.array(z.uuid()).max(500).default([]),
    opensAt: z.coerce.date({ error: 'Give the date and time the window opens.' }),
    closesAt: z.coerce.date({ error: 'Give the date and time the window closes.' }),
  })
  .refine((s) => s.closesAt > s.opensAt, { message: 'The window must close after it opens.', path: ['closesAt'] })
  .refine((s) => s.cohortId || s.apprenticeIds.length, { message: 'Choose a cohort or at least one apprentice.', path: ['apprenticeIds'] });

export const WrittenMarkInput = z.object({
  attemptId: z.uuid(),
  item: z.coerce.number().int().min(0),
  // A blank box is a missing mark, not a zero.
  criteria: z.array(z.preprocess((v) => (v === '' || v === null ? undefined : v), z.coerce.number({ error: 'Give a mark for each criterion.' }).int('Marks are whole numbers.').min(0, 'Marks cannot be negative.'))).min(1),
  feedback: safeText({ label: 'feedback', max: 5000 }).min(5, 'Tell the apprentice why, in a sentence or two.'),
  reason: safeText({ label: 'reason', max: 1000 }).default(''),
  // The standing mark the trainer saw (0 for none): a mark made meanwhile by someone else is not overwritten.
  basedOn: z.coerce.number().int().min(0).default(0),
});

export const ExtraTimeInput = z.object({
  apprenticeshipId: z.uuid(),
  percent: z.coerce.number({ error: 'Give a whole percentage, 0 for none.' }).int('Give a whole percentage.').min(0, 'Give 0 or more.').max(100, 'At most 100% extra time.'),
  version: z.coerce.number().int().min(1),
});
