import { z } from 'zod';
import { calendarDate, PAST_WINDOW, rowVersion } from '@/lib/forms/fields';
import { safeText } from '@/lib/forms/safe-text';

export const WITNESS_STATUS_LABEL = { requested: 'Waiting for signature', signed: 'Signed' } as const;

export const WitnessRequestInput = z.object({
  evidenceId: z.uuid(),
  witnessId: z.uuid('Choose who to ask.'),
  message: safeText({ label: 'message', max: 1000, maxMessage: 'Keep the message under 1,000 characters.' }).min(
    10,
    'Write a short message (at least 10 characters): what you would like them to confirm.',
  ),
});

export const WitnessSignInput = z.object({
  id: z.uuid(),
  rowVersion: rowVersion(),
  statement: safeText({ label: 'statement', max: 5000, maxMessage: 'Keep the statement under 5,000 characters.' }).min(
    30,
    'Write your statement (at least 30 characters): what you saw the apprentice do, and how well.',
  ),
  signedName: safeText({ label: 'name', max: 200, maxMessage: 'Keep your name under 200 characters.' }).min(2, 'Enter your full name.'),
  signedJobTitle: safeText({ label: 'job title', max: 200, maxMessage: 'Keep the job title under 200 characters.' }).min(2, 'Enter your job title.'),
  signedOn: calendarDate({ label: 'date of signing', ...PAST_WINDOW, tooLate: () => 'The date of signing cannot be in the future.' }),
});
