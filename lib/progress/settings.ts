import { z } from 'zod';

/** The four figures of the NHS clinical coding audit (DOMAIN.md §3). */
export const AUDIT_FIGURES = ['pd', 'sd', 'pp', 'sp'] as const;
export type AuditFigure = (typeof AUDIT_FIGURES)[number];
export const AUDIT_FIGURE_LABEL: Record<AuditFigure, string> = {
  pd: 'Primary diagnosis',
  sd: 'Secondary diagnoses',
  pp: 'Primary procedure',
  sp: 'Secondary procedures',
};

const Percent = z.number().min(0).max(100);
const Levels = z.object({ pd: Percent, sd: Percent, pp: Percent, sp: Percent });

/**
 * Thresholds and intervals that drive readiness, RAG and reviews. The official DSPT attainment wording
 * is unconfirmed (DOMAIN.md §3), so these are settings an administrator can change; the defaults are
 * the IG Toolkit levels 2 and 3 and the NCCQ theory pass mark.
 */
export const ProgressSettings = z.object({
  attainment: z.object({ first: Levels, second: Levels }),
  theoryPassMark: Percent,
  readinessWindowCases: z.number().int().min(5).max(200),
  theoryWindowQuestions: z.number().int().min(10).max(500),
  minCasesForForecast: z.number().int().min(3).max(100),
  reviewIntervalWeeks: z.number().int().min(4).max(26),
  inactivityWeeks: z.number().int().min(1).max(26),
});
export type ProgressSettings = z.infer<typeof ProgressSettings>;

export const DEFAULT_PROGRESS_SETTINGS: ProgressSettings = {
  attainment: { first: { pd: 90, sd: 80, pp: 90, sp: 80 }, second: { pd: 95, sd: 90, pp: 95, sp: 90 } },
  theoryPassMark: 70,
  readinessWindowCases: 20,
  theoryWindowQuestions: 60,
  minCasesForForecast: 10,
  reviewIntervalWeeks: 12,
  inactivityWeeks: 4,
};
