import type { Field, FindingType } from '@/lib/coding/mark';
import { CONVENTIONS } from '@/lib/content/case';

/** The conventions a weak spot is reported under: the names (and labels) case content tags its cases with. */
export type Convention = 'sequencing' | 'fourth_character' | 'dagger_asterisk' | 'site_laterality' | 'approach' | 'omitted_secondary';
export const conventionLabel = (c: Convention) => CONVENTIONS[c];

/**
 * Which convention a marker finding shows a weakness in, or null (a wrong code outright is not a
 * convention). OPCS-4 Z codes carry site and laterality, Y codes the method or approach.
 */
export function conventionOf(f: { type: FindingType; field: Field; expected?: string | null }): Convention | null {
  const chapter = f.expected?.[0];
  const procedure = f.field === 'primaryProcedure' || f.field === 'secondaryProcedures';
  if (procedure && chapter === 'Z' && (f.type === 'omitted_code' || f.type === 'supplementary_position' || f.type === 'incorrect_code')) return 'site_laterality';
  if (procedure && chapter === 'Y' && (f.type === 'omitted_code' || f.type === 'supplementary_position' || f.type === 'incorrect_code')) return 'approach';
  switch (f.type) {
    case 'sequencing':
      return 'sequencing';
    case 'fourth_character':
    case 'incomplete_code':
      return 'fourth_character';
    case 'asterisk_primary':
    case 'dagger_asterisk_order':
      return 'dagger_asterisk';
    case 'omitted_code':
      return f.field === 'secondaryDiagnoses' || f.field === 'secondaryProcedures' ? 'omitted_secondary' : null;
    default:
      return null;
  }
}
