import type { FIGURE_LABEL } from './format';

export type FigureKey = keyof typeof FIGURE_LABEL;
export type AttemptFigures = Record<`${'pd' | 'sd' | 'pp' | 'sp'}${'Correct' | 'Of'}`, number | null> & { createdAt: Date };

const KEYS: Record<FigureKey, 'pd' | 'sd' | 'pp' | 'sp'> = {
  primaryDiagnosis: 'pd',
  secondaryDiagnoses: 'sd',
  primaryProcedure: 'pp',
  secondaryProcedures: 'sp',
};

export type TrendPoint = { attempt: number; at: Date; value: number | null };

/**
 * Accuracy after each attempt over the last `window` attempts, per audit figure, as the audit
 * sums it: correct codes over audited codes (not an average of percentages). Attempts oldest first.
 */
export function rollingAccuracy(attempts: AttemptFigures[], window = 10): Record<FigureKey, TrendPoint[]> {
  const out = {} as Record<FigureKey, TrendPoint[]>;
  for (const [figure, k] of Object.entries(KEYS) as [FigureKey, 'pd' | 'sd' | 'pp' | 'sp'][]) {
    out[figure] = attempts.map((a, i) => {
      let correct = 0;
      let of = 0;
      for (const b of attempts.slice(Math.max(0, i - window + 1), i + 1)) {
        correct += b[`${k}Correct`] ?? 0;
        of += b[`${k}Of`] ?? 0;
      }
      return { attempt: i + 1, at: a.createdAt, value: of ? correct / of : null };
    });
  }
  return out;
}
