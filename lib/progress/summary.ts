import { addMonthsToDay, dateOfDay, isoDay, localDay } from '@/lib/calendar';
import { plannedHoursToDate, weeklyShare } from '@/lib/otj/plan';
import { ksbsExpectedBy, movedPlannedEnd, onBreak, otjExpectedBy, reviewDue, type LearningSchedule } from '@/lib/funding/schedule';
import { gatewayChecklist, type GatewayInputs } from './gateway';
import { ragStatus } from './rag';
import { attainmentLevel, theoryScoreOf, type FigureTotals } from './readiness';
import { expectedKsbs, minimumLearningEndDay, nextReviewDueDay } from './schedule';
import { AUDIT_FIGURES, type ProgressSettings } from './settings';

/** What SQL gives for one apprenticeship (lib/dal/progress.ts): sums and dates, no judgements. */
export type ProgressFacts = {
  startDate: string;
  plannedEndDate: string;
  weeklyHours: number;
  plannedOtjHours: number;
  englishStatus: 'required' | 'in_progress' | 'achieved' | 'exempt' | 'not_required';
  mathsStatus: 'required' | 'in_progress' | 'achieved' | 'exempt' | 'not_required';
  ksbsMet: number;
  /** The latest cases in the readiness window: count and each figure's sums. */
  window: { cases: number; pdC: number; pdO: number; sdC: number; sdO: number; ppC: number; ppO: number; spC: number; spO: number };
  /** All four figures together: the latest half of the window and the half before it. */
  halves: { latestC: number; latestO: number; previousC: number; previousO: number };
  theory: { answered: number; right: number };
  otjMinutes: number;
  lastActivity: Date | null;
  lastReviewDate: string | null;
  confirmations: { role: 'apprentice' | 'trainer' | 'employer'; name: string; at: Date }[];
  /** issue 20: the learning schedule (signed plan in force, breaks), loaded set-based (lib/dal/schedules.ts). */
  schedule?: LearningSchedule;
};

const pct = (c: number, o: number) => (o ? (100 * c) / o : null);

/**
 * A falling trend in the cohort view: the latest half of the window more than 5 points below the half before,
 * with both percentages and the cases they cover (the window), for the reason's words; null when not falling.
 */
export function accuracyFall(h: ProgressFacts['halves'], halfSize: number): { previous: number; latest: number; cases: number } | null {
  const latest = pct(h.latestC, h.latestO);
  const previous = pct(h.previousC, h.previousO);
  return latest !== null && previous !== null && h.previousO > 0 && halfSize > 0 && latest < previous - 5 ? { previous, latest, cases: 2 * halfSize } : null;
}

/**
 * The judgements for one apprenticeship: readiness, theory, off-the-job against plan, RAG, review due,
 * gateway. Run for every row of a cohort, so its date arithmetic is in day numbers (lib/calendar.ts).
 */
export function summarise(f: ProgressFacts, settings: ProgressSettings, today: Date) {
  const totals = Object.fromEntries(
    AUDIT_FIGURES.map((k) => [k, { correct: f.window[`${k}C`], of: f.window[`${k}O`], percent: pct(f.window[`${k}C`], f.window[`${k}O`]) }]),
  ) as FigureTotals;
  const level = attainmentLevel(totals, f.window.cases, settings);
  const theory = theoryScoreOf(f.theory.answered, f.theory.right, settings);
  const asOf = today.toISOString().slice(0, 10);
  const sched = f.schedule;
  // issue 20: with a schedule, the signed plan and breaks drive the expectations; during a break they are paused.
  const paused = sched ? Boolean(onBreak(sched, asOf)) : false;
  const plannedEnd = sched ? movedPlannedEnd(sched, asOf) : f.plannedEndDate;
  const plan = { startDate: f.startDate, plannedEndDate: plannedEnd, plannedOtjHours: sched?.plannedOtjHours ?? f.plannedOtjHours };
  const otjPlanned = sched ? otjExpectedBy(sched, asOf) : plannedHoursToDate(plan, asOf);
  const otjLogged = f.otjMinutes / 60;
  const ksbsExpected = sched ? ksbsExpectedBy(sched, asOf) : expectedKsbs(f.startDate, f.plannedEndDate, today);
  const todayDay = localDay(today);
  const reviewDueDay = sched ? reviewDue(sched, f.lastReviewDate, settings.reviewIntervalWeeks, asOf).day : nextReviewDueDay(f.startDate, f.lastReviewDate, settings.reviewIntervalWeeks);
  const rag = ragStatus({
    otjHoursBehind: paused ? 0 : otjPlanned - otjLogged,
    otjWeeklyShare: weeklyShare(plan),
    ksbsMet: f.ksbsMet,
    ksbsExpected,
    daysSinceActivity: f.lastActivity ? todayDay - localDay(f.lastActivity) : null,
    daysInLearning: todayDay - isoDay(f.startDate),
    reviewDaysOverdue: paused ? Math.min(0, todayDay - reviewDueDay) : todayDay - reviewDueDay,
    accuracyFall: accuracyFall(f.halves, Math.floor(settings.readinessWindowCases / 2)),
    inactivityWeeks: settings.inactivityWeeks,
  });
  // Gateway is planned for the end of learning, three months before the planned end (the usual EPA
  // period), and never before the minimum time in learning.
  const projectedGateway = dateOfDay(Math.max(addMonthsToDay(isoDay(plannedEnd), -3), minimumLearningEndDay(f.startDate, f.weeklyHours).day));
  return {
    /** issue 20: the break in learning going on (its first day), and the planned end moved by breaks. */
    breakSince: sched ? (onBreak(sched, asOf)?.startDate ?? null) : null,
    movedPlannedEnd: plannedEnd,
    projectedGateway,
    figures: totals,
    cases: f.window.cases,
    level,
    theory,
    otj: { logged: otjLogged, planned: otjPlanned, percentOfPlan: otjPlanned > 0 ? (100 * otjLogged) / otjPlanned : null },
    coverage: { met: f.ksbsMet, expected: ksbsExpected },
    reviewDue: dateOfDay(reviewDueDay),
    rag,
  };
}

/** The gateway checklist for one apprentice (the picture needs it; the cohort table does not). */
export function gatewayFor(f: ProgressFacts, summary: ReturnType<typeof summarise>, today: Date, missingKsbs: string[], mocks: GatewayInputs['mocks']) {
  return gatewayChecklist({
    ksbsMet: f.ksbsMet,
    ksbsMissing: missingKsbs,
    otjLogged: summary.otj.logged,
    otjPlannedToDate: summary.otj.planned,
    english: f.englishStatus,
    maths: f.mathsStatus,
    startDate: f.startDate,
    weeklyHours: f.weeklyHours,
    today,
    readiness: summary.level,
    confirmations: f.confirmations,
    mocks,
  });
}
