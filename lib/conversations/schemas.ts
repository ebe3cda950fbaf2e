import { z } from 'zod';
import { rowVersion } from '@/lib/forms/fields';
import { safeText } from '@/lib/forms/safe-text';
import { MESSAGE_MAX } from './rules';

const body = safeText({ label: 'message', max: MESSAGE_MAX }).min(1, 'Enter your message.');

/** A new message. `subjectId` is the record's id, or the apprenticeship's for a direct thread (with `trainerId`). */
export const PostMessageInput = z.object({
  subjectType: z.enum(['evidence', 'review', 'attempt', 'direct']),
  subjectId: z.uuid(),
  trainerId: z.uuid().optional(),
  body,
});

/** A change to one's own message within the edit window; `version` is the one the author saw. */
export const EditMessageInput = z.object({
  messageId: z.uuid(),
  version: rowVersion(),
  body,
});
