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

const percentField = (label: string) => z.coerce.number(`Enter the ${label} as a number.`).min(0, `The ${label} is a percentage: 0 to 100.`).max(100, `The ${label} is a percentage: 0 to 100.`);
const wholeField = (label: string, min: number, max: number) =>
  z.coerce.number(`Enter the ${label} as a whole number.`).int(`Enter the ${label} as a whole number.`).min(min, `The ${label} must be between ${min} and ${max}.`).max(max, `The ${label} must be between ${min} and ${max}.`);

/** The settings form, one field per number; the second level may not be below the first. */
export const ProgressSettingsForm = z
  .object({
    pd1: percentField('first-level primary diagnosis'),
    sd1: percentField('first-level secondary diagnoses'),
    pp1: percentField('first-level primary procedure'),
    sp1: percentField('first-level secondary procedures'),
    pd2: percentField('second-level primary diagnosis'),
    sd2: percentField('second-level secondary diagnoses'),
    pp2: percentField('second-level primary procedure'),
    sp2: percentField('second-level secondary procedures'),
    theoryPassMark: percentField('theory pass mark'),
    readinessWindowCases: wholeField('number of cases', 5, 200),
    theoryWindowQuestions: wholeField('number of answers', 10, 500),
    minCasesForForecast: wholeField('cases needed for a forecast', 3, 100),
    reviewIntervalWeeks: wholeField('review interval', 4, 26),
    inactivityWeeks: wholeField('inactivity period', 1, 26),
  })
  .superRefine((v, ctx) => {
    for (const f of AUDIT_FIGURES)
      // Only between two valid percentages: an out-of-range first level already has its own message.
      if (v[`${f}1`] <= 100 && v[`${f}2`] < v[`${f}1`]) ctx.addIssue({ code: 'custom', path: [`${f}2`], message: `The second level cannot be below the first (${v[`${f}1`]}%).` });
  });
export type ProgressSettingsForm = z.input<typeof ProgressSettingsForm>;

export const toSettings = (v: z.output<typeof ProgressSettingsForm>): ProgressSettings => ({
  attainment: { first: { pd: v.pd1, sd: v.sd1, pp: v.pp1, sp: v.sp1 }, second: { pd: v.pd2, sd: v.sd2, pp: v.pp2, sp: v.sp2 } },
  theoryPassMark: v.theoryPassMark,
  readinessWindowCases: v.readinessWindowCases,
  theoryWindowQuestions: v.theoryWindowQuestions,
  minCasesForForecast: v.minCasesForForecast,
  reviewIntervalWeeks: v.reviewIntervalWeeks,
  inactivityWeeks: v.inactivityWeeks,
});
export const toForm = (s: ProgressSettings) => ({
  pd1: s.attainment.first.pd, sd1: s.attainment.first.sd, pp1: s.attainment.first.pp, sp1: s.attainment.first.sp,
  pd2: s.attainment.second.pd, sd2: s.attainment.second.sd, pp2: s.attainment.second.pp, sp2: s.attainment.second.sp,
  theoryPassMark: s.theoryPassMark,
  readinessWindowCases: s.readinessWindowCases,
  theoryWindowQuestions: s.theoryWindowQuestions,
  minCasesForForecast: s.minCasesForForecast,
  reviewIntervalWeeks: s.reviewIntervalWeeks,
  inactivityWeeks: s.inactivityWeeks,
});
