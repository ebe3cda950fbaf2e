import { lookup, type Classification } from '@/lib/coding/classification';

export type GradableQuestion =
  | { type: 'single' | 'multiple'; answer: number[] }
  | { type: 'code'; classification: 'icd10' | 'opcs4'; answer: string[] };

/**
 * Whether an answer is right. Single: the one right option. Multiple: exactly the right options,
 * no more and no fewer. Code: any accepted code, typed as coders type (k358 is K35.8).
 */
export function grade(q: GradableQuestion, given: number[] | string, c: Classification): boolean {
  if (q.type === 'code') {
    if (typeof given !== 'string') return false;
    const l = lookup(c, q.classification, given);
    return l.status === 'ok' && q.answer.includes(l.code);
  }
  if (!Array.isArray(given)) return false;
  const chosen = new Set(given);
  return chosen.size === q.answer.length && q.answer.every((a) => chosen.has(a));
}
