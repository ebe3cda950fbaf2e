import { z } from 'zod';

const base = {
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'id must be kebab-case'),
  stem: z.string().trim().min(10),
  explanation: z.string().trim().min(20, 'explain the answer'),
  ksbs: z.array(z.string().regex(/^[KS]\d+$/, 'questions test K or S items')).min(1),
};

const options = z.array(z.string().trim().min(1)).min(3).max(6);

export const Question = z.discriminatedUnion('type', [
  z
    .object({ ...base, type: z.literal('single'), options, answer: z.array(z.number().int().min(0).max(5)).length(1, 'a single-answer question has one answer') })
    .refine((q) => q.answer.every((a) => a < q.options.length), { message: 'answer index out of range', path: ['answer'] }),
  z
    .object({ ...base, type: z.literal('multiple'), options, answer: z.array(z.number().int().min(0).max(5)).min(2, 'a multiple-answer question has two or more answers') })
    .refine((q) => q.answer.every((a) => a < q.options.length) && new Set(q.answer).size === q.answer.length, { message: 'answer indices out of range or repeated', path: ['answer'] }),
  z.object({ ...base, type: z.literal('code'), classification: z.enum(['icd10', 'opcs4']), answer: z.array(z.string()).min(1) }),
]);

export const QuestionFile = z.object({ topic: z.string().min(3), questions: z.array(Question).min(1) });
export type Question = z.infer<typeof Question>;
