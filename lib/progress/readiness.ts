import { AUDIT_FIGURES, type AuditFigure, type ProgressSettings } from './settings';

/** One marked coding attempt's four audit figures: codes correct of codes expected, per figure. */
export type AttemptFigures = Record<`${AuditFigure}Correct` | `${AuditFigure}Of`, number | null>;

export type FigureTotals = Record<AuditFigure, { correct: number; of: number; percent: number | null }>;

/**
 * The audit's way of combining episodes: sum correct over sum audited for each figure (not the mean of
 * per-episode percentages, which would give a one-code episode the weight of a ten-code one).
 */
export function sumFigures(attempts: AttemptFigures[]): FigureTotals {
  const totals = {} as FigureTotals;
  for (const f of AUDIT_FIGURES) {
    let correct = 0;
    let of = 0;
    for (const a of attempts) {
      correct += a[`${f}Correct`] ?? 0;
      of += a[`${f}Of`] ?? 0;
    }
    totals[f] = { correct, of, percent: of ? (100 * correct) / of : null };
  }
  return totals;
}

export type AttainmentLevel = 'second' | 'first' | 'below' | 'not_enough_data';

/**
 * Where the figures stand against the two attainment levels. A figure with nothing audited (no
 * procedures in any case, say) does not hold the apprentice back; fewer cases than the window is
 * "not enough data", because a handful of easy cases says little.
 */
export function attainmentLevel(totals: FigureTotals, cases: number, settings: ProgressSettings): AttainmentLevel {
  if (cases < settings.readinessWindowCases) return 'not_enough_data';
  const meets = (level: 'first' | 'second') => AUDIT_FIGURES.every((f) => totals[f].percent === null || totals[f].percent! >= settings.attainment[level][f]);
  if (meets('second')) return 'second';
  if (meets('first')) return 'first';
  return 'below';
}

/** The theory score over the latest answers: percent correct, and whether it reaches the pass mark. */
export function theoryScore(correct: boolean[], settings: ProgressSettings) {
  const window = correct.slice(0, settings.theoryWindowQuestions);
  return theoryScoreOf(window.length, window.filter(Boolean).length, settings);
}

/** theoryScore from counts already taken over the latest answers (SQL counts them for a cohort). */
export function theoryScoreOf(answered: number, right: number, settings: ProgressSettings) {
  const n = Math.min(answered, settings.theoryWindowQuestions);
  const r = Math.min(right, n);
  const percent = n ? (100 * r) / n : null;
  return { answered: n, right: r, percent, passes: percent !== null && n >= settings.theoryWindowQuestions && percent >= settings.theoryPassMark };
}

/**
 * The rolling figure after each attempt, oldest first: at attempt i, the sum over the `window`
 * attempts ending there. The trend chart and the forecast read this series.
 */
export function rollingSeries(attemptsOldestFirst: (AttemptFigures & { at: Date })[], figure: AuditFigure, window: number): { at: Date; percent: number }[] {
  const out: { at: Date; percent: number }[] = [];
  let correct = 0;
  let of = 0;
  attemptsOldestFirst.forEach((a, i) => {
    correct += a[`${figure}Correct`] ?? 0;
    of += a[`${figure}Of`] ?? 0;
    const leaving = attemptsOldestFirst[i - window];
    if (leaving) {
      correct -= leaving[`${figure}Correct`] ?? 0;
      of -= leaving[`${figure}Of`] ?? 0;
    }
    if (of > 0) out.push({ at: a.at, percent: (100 * correct) / of });
  });
  return out;
}
