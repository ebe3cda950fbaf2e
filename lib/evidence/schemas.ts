import { z } from 'zod';
import { calendarDate, PAST_WINDOW, rowVersion } from '@/lib/forms/fields';
import { safeText } from '@/lib/forms/safe-text';

export const EVIDENCE_TYPES = {
  work_product: 'Work product',
  reflective_account: 'Reflective account',
  witness_testimony: 'Witness testimony',
  observation_record: 'Observation record',
  professional_discussion_record: 'Professional discussion record',
  certificate: 'Certificate',
  other: 'Other',
} as const;

export const EVIDENCE_STATUS_LABEL = { draft: 'Draft', submitted: 'Submitted', referred: 'Referred back', accepted: 'Accepted' } as const;

const fields = {
  title: safeText({ label: 'title', max: 200, maxMessage: 'Keep the title under 200 characters.' }).min(3, 'Give the evidence a title (at least 3 characters).'),
  type: z.enum(Object.keys(EVIDENCE_TYPES) as [keyof typeof EVIDENCE_TYPES, ...(keyof typeof EVIDENCE_TYPES)[]], 'Choose the type of evidence.'),
  activityDate: calendarDate({ label: 'date of the activity', ...PAST_WINDOW, tooLate: () => 'The date of the activity cannot be in the future.' }),
  account: safeText({ label: 'account', max: 20000, maxMessage: 'Keep the account under 20,000 characters.' }),
  ksbs: z.array(z.string().regex(/^[KSB]\d{1,2}$/)).max(59),
};

export const EvidenceInput = z.object(fields);
export const EvidenceUpdate = z.object({ id: z.uuid(), rowVersion: rowVersion(), ...fields });

// Submitting asks for more than saving a draft: an account and at least one KSB.
export const EvidenceForSubmission = EvidenceInput.extend({
  account: fields.account.min(50, 'Write an account of at least 50 characters: what you did, and what it shows.'),
  ksbs: fields.ksbs.min(1, 'Choose at least one knowledge, skill or behaviour this evidence shows.'),
});

/** A KSB whose practice record becomes a draft piece of evidence (lib/dal/evidence.ts createEvidenceFromPractice). */
export const PracticeEvidenceInput = z.object({ ksb: z.string().regex(/^[KSB]\d{1,2}$/, 'Choose an item of the standard.') });
