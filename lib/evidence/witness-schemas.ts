import { z } from 'zod';
import { isoDate } from '@/lib/admin/schemas';

export const WITNESS_STATUS_LABEL = { requested: 'Waiting for signature', signed: 'Signed' } as const;

export const WitnessRequestInput = z.object({
  evidenceId: z.uuid(),
  witnessId: z.uuid('Choose who to ask.'),
  message: z
    .string()
    .trim()
    .min(10, 'Write a short message (at least 10 characters): what you would like them to confirm.')
    .max(1000, 'Keep the message under 1,000 characters.'),
});

const today = () => new Date().toISOString().slice(0, 10);

export const WitnessSignInput = z.object({
  id: z.uuid(),
  rowVersion: z.coerce.number().int().min(1),
  statement: z
    .string()
    .trim()
    .min(30, 'Write your statement (at least 30 characters): what you saw the apprentice do, and how well.')
    .max(5000, 'Keep the statement under 5,000 characters.'),
  signedName: z.string().trim().min(2, 'Enter your full name.').max(200, 'Keep your name under 200 characters.'),
  signedJobTitle: z.string().trim().min(2, 'Enter your job title.').max(200, 'Keep the job title under 200 characters.'),
  signedOn: isoDate('date of signing').refine((d) => d <= today(), 'The date of signing cannot be in the future.'),
});
