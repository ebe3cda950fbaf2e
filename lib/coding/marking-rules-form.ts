import { z } from 'zod';
import type { MarkingRules } from './mark';

/** The marking-rules form on /admin/settings: one choice per rule no public source settles. */
export const MarkingRulesForm = z.object({
  unnecessary: z.enum(['lowers', 'reported'], 'Choose how an unnecessary secondary code is marked.'),
  swap: z.enum(['primary', 'both'], 'Choose what a swapped primary and secondary costs.'),
  conventions: z.enum(['reported', 'scored'], 'Choose how a convention position error is marked.'),
});
export type MarkingRulesForm = z.input<typeof MarkingRulesForm>;

export const rulesFromForm = (v: z.output<typeof MarkingRulesForm>): MarkingRules => ({
  unnecessaryLowersSecondary: v.unnecessary === 'lowers',
  swapCostsSecondary: v.swap === 'both',
  conventionErrors: v.conventions,
});
export const formFromRules = (r: MarkingRules): z.output<typeof MarkingRulesForm> => ({
  unnecessary: r.unnecessaryLowersSecondary ? 'lowers' : 'reported',
  swap: r.swapCostsSecondary ? 'both' : 'primary',
  conventions: r.conventionErrors,
});
