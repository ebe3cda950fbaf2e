import { z } from 'zod';
import { rowVersion } from '@/lib/forms/fields';
import { safeText } from '@/lib/forms/safe-text';
import { activeSecondsField } from '@/lib/practice/active-seconds-field';

/** The five things a trainer judges in a written query (issue 19, point 2), in the order the form shows them. */
export const QUERY_CRITERIA = {
  non_leading: { label: 'Non-leading', hint: 'Does not suggest the answer; offers the possibilities neutrally, including "other" and "unable to determine".' },
  one_question: { label: 'One question', hint: 'Asks one thing, so that the answer is clear.' },
  cites_documentation: { label: 'Cites the documentation', hint: 'Says where in the notes the gap is: the document, section or date.' },
  names_what_changes: { label: 'Names what the answer changes', hint: 'Says why it matters to the coding.' },
  professional_tone: { label: 'Professional tone', hint: 'Polite, neutral, right for a senior clinician.' },
} as const;
export type QueryCriterion = keyof typeof QUERY_CRITERIA;
export const CRITERIA_IDS = Object.keys(QUERY_CRITERIA) as QueryCriterion[];
/** Every attempt is also judged on its decision: was a query needed? */
export const DECISION_CRITERION = 'decision_correct';

const yesNo = (message: string) => z.enum(['yes', 'no'], message);

/**
 * The apprentice's answer: is a query needed; if so to whom and what; and why, always. activeSeconds is the
 * browser's count of active time (components/practice/use-active-time.ts); the server caps it.
 */
export const QueryAttemptInput = z
  .object({
    scenarioId: z.string().regex(/^[a-z0-9-]{1,120}$/, 'This scenario cannot be found: reload the page.'),
    queryNeeded: yesNo('Say whether a query to the consultant is needed.'),
    addressedTo: safeText({ label: 'name of the person the query is to', max: 200 }),
    queryText: safeText({ label: 'query', max: 4000 }),
    reasoning: safeText({ label: 'reasoning', max: 4000 }).refine((v) => v.length > 0, 'Say why you decided this.'),
    activeSeconds: activeSecondsField(), // counted in the browser; recordPracticeTime caps it
  })
  .superRefine((v, ctx) => {
    if (v.queryNeeded !== 'yes') return;
    if (!v.addressedTo) ctx.addIssue({ code: 'custom', path: ['addressedTo'], message: 'Say who the query is to (the responsible consultant).' });
    if (!v.queryText) ctx.addIssue({ code: 'custom', path: ['queryText'], message: 'Write the query you would send.' });
  });
export type QueryAttemptValues = z.input<typeof QueryAttemptInput>;

const judged = z.enum(['met', 'not_met', 'na']);
/**
 * The trainer's marking. The decision is always judged. Each of the five criteria is judged met or not met
 * when the apprentice wrote a query; with no query written they are "not applicable" (the DAL checks which).
 */
export const QueryMarkInput = z.object({
  id: z.uuid('This form is out of date: reload the page and try again.'),
  rowVersion: rowVersion(),
  decision: yesNo('Say whether the decision (query or no query) was right.'),
  criteria: z.object(Object.fromEntries(CRITERIA_IDS.map((c) => [c, z.union([judged, z.literal('')])])) as Record<QueryCriterion, z.ZodUnion<[typeof judged, z.ZodLiteral<''>]>>),
  comments: z.object(Object.fromEntries(CRITERIA_IDS.map((c) => [c, safeText({ label: 'comment', max: 1000 })])) as Record<QueryCriterion, ReturnType<typeof safeText>>),
  feedback: safeText({ label: 'feedback', max: 4000 }).refine((v) => v.length > 0, 'Write your feedback to the apprentice.'),
});
export type QueryMarkValues = z.input<typeof QueryMarkInput>;

/** How many of the five criteria a marked rubric meets, or null when no query was written (decision only). */
export function criteriaMet(rubric: Record<string, { met: boolean }> | null): { met: number; of: number } | null {
  if (!rubric) return null;
  const judgedOnes = CRITERIA_IDS.filter((c) => rubric[c]);
  return judgedOnes.length ? { met: judgedOnes.filter((c) => rubric[c]!.met).length, of: CRITERIA_IDS.length } : null;
}
