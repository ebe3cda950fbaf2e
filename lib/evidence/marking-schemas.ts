import { z } from 'zod';
import { rowVersion } from '@/lib/forms/fields';
import { safeText } from '@/lib/forms/safe-text';

export const KSB_DECISION_LABEL = { met: 'Met', not_met: 'Not yet met' } as const;
export const OUTCOME_LABEL = { accepted: 'Accept', referred: 'Refer back' } as const;

const base = {
  id: z.uuid(),
  rowVersion: rowVersion(),
  outcome: z.enum(['accepted', 'referred'], 'Choose whether to accept the evidence or refer it back.'),
  decisions: z.record(z.string().regex(/^[KSB]\d{1,2}$/), z.enum(['met', 'not_met'], 'Choose met or not yet met.')),
  feedback: safeText({ label: 'feedback', max: 5000, maxMessage: 'Keep the feedback under 5,000 characters.' }),
};

// Referring back without saying why leaves the apprentice guessing, so feedback is required then.
const feedbackWhenReferred = (v: { outcome: string; feedback: string }, ctx: z.RefinementCtx) => {
  if (v.outcome === 'referred' && v.feedback.length < 20)
    ctx.addIssue({ code: 'custom', path: ['feedback'], message: 'Say what the apprentice should change or add (at least 20 characters) before referring it back.' });
};

export const MarkInput = z.object(base).superRefine(feedbackWhenReferred);
export const OverrideInput = z
  .object({ ...base, reason: safeText({ label: 'reason', max: 2000 }).min(10, 'Give the reason for overriding a final decision (at least 10 characters); it is kept in the audit log.') })
  .superRefine(feedbackWhenReferred);

export type MarkInput = z.input<typeof MarkInput>;

/** What is wrong with a set of decisions for the KSBs a version claims, or null when it is complete. */
export function decisionProblem(claimed: string[], decisions: Record<string, 'met' | 'not_met'>, outcome: 'accepted' | 'referred'): string | null {
  const missing = claimed.filter((k) => !decisions[k]);
  if (missing.length) return `Decide every claimed item: ${missing.join(', ')} ${missing.length === 1 ? 'has' : 'have'} no decision yet.`;
  const extra = Object.keys(decisions).filter((k) => !claimed.includes(k));
  if (extra.length) return `${extra.join(', ')} ${extra.length === 1 ? 'is' : 'are'} not claimed by this evidence.`;
  if (outcome === 'accepted' && !claimed.some((k) => decisions[k] === 'met'))
    return 'To accept the evidence, judge at least one item met; otherwise refer it back with feedback.';
  return null;
}
