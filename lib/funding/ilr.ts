import { isoDay } from '@/lib/calendar';
import type { Break } from './breaks';
import { otjRuleFor } from './rules';
import { movedPlannedEnd } from './schedule';
import type { FundingSettings } from './settings';
import { WITHDRAW_REASONS } from './withdraw-reasons';

/**
 * Learner-record (ILR) figures for an apprenticeship (issue 20 point 5): one row per apprenticeship with the
 * fields a provider returns for its programme aim, under the field names of the ILR specification 2025-26.
 *
 * The specification's names (Learner and LearningDelivery entities):
 *   LearnRefNumber  – the provider's learner reference. Ours is the apprenticeship's id (a UUID, 36 characters);
 *                     the ILR allows 12 characters, so the data officer maps it to their MIS reference.
 *   ULN             – the unique learner number. We do not hold one: the column is there and empty.
 *   LearnStartDate, LearnPlanEndDate, LearnActEndDate, PHours (planned off-the-job hours), OTJActHours (actual
 *   off-the-job hours, returned at the end, also on withdrawal), CompStatus, WithdrawReason, Outcome.
 * Ours, not the specification's (documented in the page beside the download):
 *   LearnPlanEndDateAfterBreaks – the planned end moved on by the days spent in breaks in learning;
 *   BreakStartDate1, BreakEndDate1, … – each break's start and the day learning resumed.
 *
 * Why LearnPlanEndDate is the original planned end: the ILR never changes the planned end of the aim a
 * learner started on. A break closes that aim (CompStatus 6, LearnActEndDate the day before the break) and the
 * return is recorded as a restart, a new aim with its own LearnStartDate and a new planned end. We give one row
 * per apprenticeship, so the original planned end (of the signed plan in force, else the apprenticeship's) is
 * LearnPlanEndDate, and the breaks and the moved planned end are in our own columns, from which the data officer
 * keys the restart.
 *
 * Dates are ISO (YYYY-MM-DD), as the ILR XML has them. Hours are whole numbers, as PHours and OTJActHours are.
 */

export type IlrStatus = 'active' | 'break_in_learning' | 'withdrawn' | 'completed';

export type IlrSource = {
  id: string;
  startDate: string;
  plannedEndDate: string;
  plannedOtjHours: number;
  status: IlrStatus;
  actualEndDate: string | null;
  actualOtjHours: number | null;
  withdrawReason: number | null;
  /** The training plan in force: the latest version signed by all three, if any. */
  plan: { plannedEndDate: string; plannedOtjHours: number } | null;
  breaks: Break[];
};

/** ILR CompStatus codes. */
export const COMP_STATUS: Record<IlrStatus, number> = { active: 1, completed: 2, withdrawn: 3, break_in_learning: 6 };

/**
 * ILR Outcome, where our data decides it: a withdrawal is 3 (no achievement); a completion is 8 (learning
 * activities complete, outcome not yet known), since we do not hold the end-point assessment's result and
 * the achievement (1) is recorded once it is known. Continuing learners and breaks have none.
 */
export const OUTCOME: Partial<Record<IlrStatus, number>> = { withdrawn: 3, completed: 8 };

export type IlrRow = {
  LearnRefNumber: string;
  ULN: string;
  LearnStartDate: string;
  LearnPlanEndDate: string;
  LearnActEndDate: string;
  PHours: number;
  OTJActHours: number | null;
  CompStatus: number;
  WithdrawReason: number | null;
  Outcome: number | null;
  LearnPlanEndDateAfterBreaks: string;
  breaks: Break[];
};

export type IlrProblem = { field: string; problem: string };

const byStart = (breaks: readonly Break[]) => [...breaks].sort((a, b) => (a.startDate < b.startDate ? -1 : a.startDate > b.startDate ? 1 : 0));

/** The row for one apprenticeship. `asOf` matters only for a break still going on (it moves the planned end a day a day). */
export function ilrRow(s: IlrSource, asOf: string): IlrRow {
  const plannedEndDate = s.plan?.plannedEndDate ?? s.plannedEndDate;
  const plannedOtjHours = s.plan?.plannedOtjHours ?? s.plannedOtjHours;
  const breaks = byStart(s.breaks);
  return {
    LearnRefNumber: s.id,
    ULN: '',
    LearnStartDate: s.startDate,
    LearnPlanEndDate: plannedEndDate,
    LearnActEndDate: s.actualEndDate ?? '',
    PHours: Math.round(plannedOtjHours),
    OTJActHours: s.actualOtjHours === null ? null : Math.round(s.actualOtjHours),
    CompStatus: COMP_STATUS[s.status],
    WithdrawReason: s.status === 'withdrawn' ? s.withdrawReason : null,
    Outcome: OUTCOME[s.status] ?? null,
    LearnPlanEndDateAfterBreaks:
      breaks.length === 0 || isoDay(plannedEndDate) <= isoDay(s.startDate)
        ? plannedEndDate
        : movedPlannedEnd({ startDate: s.startDate, plannedEndDate, plannedOtjHours, plan: null, breaks }, asOf),
    breaks,
  };
}

const ENDED: readonly IlrStatus[] = ['completed', 'withdrawn'];
const STATUS_WORDS: Record<IlrStatus, string> = { active: 'continuing', break_in_learning: 'on a break in learning', withdrawn: 'withdrawn', completed: 'completed' };

/**
 * What the ILR's validation (or a funding audit) would reject in a row, field by field. A row with any problem
 * is not exported: it is listed for the data officer to put right.
 */
export function ilrProblems(s: IlrSource, row: IlrRow, settings: FundingSettings): IlrProblem[] {
  const problems: IlrProblem[] = [];
  const add = (field: string, problem: string) => problems.push({ field, problem });
  const ended = ENDED.includes(s.status);

  if (row.LearnPlanEndDate <= row.LearnStartDate) add('LearnPlanEndDate', `The planned end (${row.LearnPlanEndDate}) is not after the start (${row.LearnStartDate}).`);
  if (s.actualEndDate && s.actualEndDate < s.startDate) add('LearnActEndDate', `The actual end (${s.actualEndDate}) is before the start (${s.startDate}).`);
  if (s.actualEndDate && !ended) add('LearnActEndDate', `An actual end date is recorded but the apprenticeship is ${STATUS_WORDS[s.status]}, not completed or withdrawn.`);
  if (ended && !s.actualEndDate) add('LearnActEndDate', `The apprenticeship is ${STATUS_WORDS[s.status]} but has no actual end date.`);
  if (s.status === 'withdrawn' && s.withdrawReason === null) add('WithdrawReason', 'The apprenticeship is withdrawn but has no withdrawal reason.');
  if (s.status === 'withdrawn' && s.withdrawReason !== null && !WITHDRAW_REASONS.some((r) => r.code === s.withdrawReason))
    add('WithdrawReason', `${s.withdrawReason} is not a WithdrawReason code this export knows (${WITHDRAW_REASONS.map((r) => r.code).join(', ')}).`);
  if (s.status !== 'withdrawn' && s.withdrawReason !== null) add('WithdrawReason', `A withdrawal reason is recorded but the apprenticeship is ${STATUS_WORDS[s.status]}.`);
  if (otjRuleFor(s.startDate, settings) === 'hours' && row.PHours < settings.otjFloorHours)
    add('PHours', `The planned off-the-job hours (${row.PHours}) are below the funding floor of ${settings.otjFloorHours} hours for starts from ${settings.hoursRuleFrom}.`);
  if (ended && s.actualOtjHours === null) add('OTJActHours', `The apprenticeship is ${STATUS_WORDS[s.status]} but its actual off-the-job hours are not recorded.`);

  const breaks = row.breaks;
  const open = breaks.filter((b) => b.endDate === null);
  if (s.status === 'completed' && open.length > 0) add('BreakEndDate', `A break in learning from ${open[0]!.startDate} has no return date, but the apprenticeship is completed.`);
  if (s.status === 'break_in_learning' && open.length === 0) add('CompStatus', 'The apprenticeship is on a break in learning, but no break without a return date is recorded.');
  for (const b of breaks) if (b.startDate < s.startDate) add('BreakStartDate', `A break in learning starts (${b.startDate}) before the start (${s.startDate}).`);
  for (let i = 1; i < breaks.length; i++) {
    const before = breaks[i - 1]!;
    const b = breaks[i]!;
    if (before.endDate === null || b.startDate < before.endDate)
      add('BreakStartDate', `The break from ${b.startDate} overlaps the break from ${before.startDate}${before.endDate ? ` (to ${before.endDate})` : ' (no return date)'}.`);
  }
  return problems;
}

/** How many break columns the file needs: the most breaks of any row, at least one pair so the header is stable. */
export const breakColumns = (rows: readonly IlrRow[]) => Math.max(1, ...rows.map((r) => r.breaks.length));

export const ILR_FIELDS = ['LearnRefNumber', 'ULN', 'LearnStartDate', 'LearnPlanEndDate', 'LearnActEndDate', 'PHours', 'OTJActHours', 'CompStatus', 'WithdrawReason', 'Outcome', 'LearnPlanEndDateAfterBreaks'] as const;

/** The CSV header and cells (lib/csv.ts writes them). */
export function ilrTable(rows: readonly IlrRow[]): { fields: string[]; data: (string | number)[][] } {
  const n = breakColumns(rows);
  const fields = [...ILR_FIELDS, ...Array.from({ length: n }, (_, i) => [`BreakStartDate${i + 1}`, `BreakEndDate${i + 1}`]).flat()];
  const cell = (v: string | number | null) => (v === null ? '' : v);
  const data = rows.map((r) => [
    ...ILR_FIELDS.map((f) => cell(r[f])),
    ...Array.from({ length: n }, (_, i) => [r.breaks[i]?.startDate ?? '', r.breaks[i]?.endDate ?? '']).flat(),
  ]);
  return { fields, data };
}
