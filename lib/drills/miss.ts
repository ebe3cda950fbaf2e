import type { MarkResult } from '@/lib/coding/mark';
import { conventionOf } from '@/lib/progress/weak-spots';

/** Below this share of the four figures together an attempt is a miss for the drills, whatever the findings. */
const LOW_FIGURES = 0.5;

/** Why an attempt makes its case a drill: the first convention its findings show, else the case's first KSB when its figures are low; null when it went well. */
export function drillMissReason(result: MarkResult, ksbs: readonly string[]): string | null {
  for (const f of result.findings) {
    const c = conventionOf(f);
    if (c) return c;
  }
  const figures = [result.primaryDiagnosis, result.secondaryDiagnoses, result.primaryProcedure, result.secondaryProcedures].filter((f) => f !== null && f !== undefined);
  const of = figures.reduce((s, f) => s + f!.of, 0);
  const correct = figures.reduce((s, f) => s + f!.correct, 0);
  return of > 0 && correct / of < LOW_FIGURES ? (ksbs[0] ?? 'S4') : null;
}
