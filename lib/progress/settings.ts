import { z } from 'zod';
import { decimal, wholeNumber } from '@/lib/forms/fields';

/** The four figures of the NHS clinical coding audit (DOMAIN.md §3). */
export const AUDIT_FIGURES = ['pd', 'sd', 'pp', 'sp'] as const;
export type AuditFigure = (typeof AUDIT_FIGURES)[number];
export const AUDIT_FIGURE_LABEL: Record<AuditFigure, string> = {
  pd: 'Primary diagnosis',
  sd: 'Secondary diagnoses',
  pp: 'Primary procedure',
  sp: 'Secondary procedures',
};

/** The bounds of each whole-number setting, for the schema and the inputs' min and max. */
export const SETTING_RANGES = {
  readinessWindowCases: [5, 200],
  theoryWindowQuestions: [10, 500],
  minCasesForForecast: [3, 100],
  reviewIntervalWeeks: [4, 26],
  inactivityWeeks: [1, 26],
} as const;
const wholeField = (label: string, [min, max]: readonly [number, number]) => wholeNumber({ label, min, max });

// The stored settings (JSON in the settings table) are read with the same field types as the form.
const Percent = decimal({ label: 'percentage', min: 0, max: 100 });
const Levels = z.object({ pd: Percent, sd: Percent, pp: Percent, sp: Percent });

/**
 * Thresholds and intervals that drive readiness, RAG and reviews. The official DSPT attainment wording
 * is unconfirmed (DOMAIN.md §3), so these are settings an administrator can change; the defaults are
 * the IG Toolkit levels 2 and 3 and the NCCQ theory pass mark.
 */
export const ProgressSettings = z.object({
  attainment: z.object({ first: Levels, second: Levels }),
  theoryPassMark: Percent,
  readinessWindowCases: wholeField('readinessWindowCases', SETTING_RANGES.readinessWindowCases),
  theoryWindowQuestions: wholeField('theoryWindowQuestions', SETTING_RANGES.theoryWindowQuestions),
  minCasesForForecast: wholeField('minCasesForForecast', SETTING_RANGES.minCasesForForecast),
  reviewIntervalWeeks: wholeField('reviewIntervalWeeks', SETTING_RANGES.reviewIntervalWeeks),
  inactivityWeeks: wholeField('inactivityWeeks', SETTING_RANGES.inactivityWeeks),
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

// An emptied box is "Enter the …", shown beside it, never a silent 0 (clearing the primary-diagnosis
// level once saved 0%: issue 14).
const percentField = (label: string) => decimal({ label, min: 0, max: 100, rangeMessage: `The ${label} is a percentage: 0 to 100.` });
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
    readinessWindowCases: wholeField('number of cases', SETTING_RANGES.readinessWindowCases),
    theoryWindowQuestions: wholeField('number of answers', SETTING_RANGES.theoryWindowQuestions),
    minCasesForForecast: wholeField('cases needed for a forecast', SETTING_RANGES.minCasesForForecast),
    reviewIntervalWeeks: wholeField('review interval', SETTING_RANGES.reviewIntervalWeeks),
    inactivityWeeks: wholeField('inactivity period', SETTING_RANGES.inactivityWeeks),
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
