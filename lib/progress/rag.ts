export type Rag = 'red' | 'amber' | 'green';

export type RagInputs = {
  /** Off-the-job hours behind the plan to date (negative when ahead), and one week's share of the plan. */
  otjHoursBehind: number;
  otjWeeklyShare: number;
  /** KSBs met, and the number expected by now pro rata. */
  ksbsMet: number;
  ksbsExpected: number;
  /** Days since the apprentice last did anything here (coding, questions, evidence, off-the-job log); null if never. */
  daysSinceActivity: number | null;
  daysInLearning: number;
  /** Days a progress review is overdue (0 or less: not overdue). */
  reviewDaysOverdue: number;
  /** Coding accuracy (all four figures together) in the latest half of the readiness window and the half before, when it fell by more than 5 points; else null. */
  accuracyFall: { previous: number; latest: number; cases: number } | null;
  inactivityWeeks: number;
};

export type RagResult = { rag: Rag; reasons: { rag: Exclude<Rag, 'green'>; text: string }[] };

const hours = (h: number) => `${Number.isInteger(h) ? h : h.toFixed(1)} ${h === 1 ? 'hour' : 'hours'}`;

/**
 * Green, amber or red, with the reasons (worst first). The rules:
 * - off-the-job behind plan by more than one week's share: amber; by more than four weeks' share: red;
 * - KSBs met behind the pro-rata expectation by more than 5: amber; by more than 15: red;
 * - no activity for the inactivity period (4 weeks by default): red (not in the first weeks of learning);
 * - progress review overdue: amber; overdue by more than four weeks: red;
 * - coding accuracy falling (the latest half of the readiness window over 5 points below the half before): amber.
 * Green when none applies.
 */
export function ragStatus(i: RagInputs): RagResult {
  const reasons: RagResult['reasons'] = [];
  const behind = Math.round(i.otjHoursBehind * 4) / 4;
  // Said as a coding manager would: the number first, then what it is short of.
  const weeks = i.otjWeeklyShare > 0 ? Math.round(behind / i.otjWeeklyShare) : 0;
  const otjText = `off-the-job training ${hours(behind)} behind plan (about ${weeks} ${weeks === 1 ? 'week’s' : 'weeks’'} worth)`;
  if (i.otjWeeklyShare > 0 && behind > 4 * i.otjWeeklyShare) reasons.push({ rag: 'red', text: otjText });
  else if (i.otjWeeklyShare > 0 && behind > i.otjWeeklyShare) reasons.push({ rag: 'amber', text: otjText });

  const gap = Math.floor(i.ksbsExpected - i.ksbsMet);
  const ksbText = `${i.ksbsMet} of the ${Math.floor(i.ksbsExpected)} KSBs expected by now evidenced (${gap} short)`;
  if (gap > 15) reasons.push({ rag: 'red', text: ksbText });
  else if (gap > 5) reasons.push({ rag: 'amber', text: ksbText });

  const quietDays = i.inactivityWeeks * 7;
  if (i.daysInLearning >= quietDays && (i.daysSinceActivity === null || i.daysSinceActivity >= quietDays))
    reasons.push({ rag: 'red', text: i.daysSinceActivity === null ? 'no activity yet' : `no activity for ${Math.floor(i.daysSinceActivity / 7)} weeks` });

  if (i.reviewDaysOverdue > 28) reasons.push({ rag: 'red', text: `progress review ${Math.floor(i.reviewDaysOverdue / 7)} weeks overdue` });
  else if (i.reviewDaysOverdue > 0) reasons.push({ rag: 'amber', text: `progress review overdue by ${i.reviewDaysOverdue} ${i.reviewDaysOverdue === 1 ? 'day' : 'days'}` });

  if (i.accuracyFall)
    reasons.push({
      rag: 'amber',
      text: `coding accuracy down from ${Math.round(i.accuracyFall.previous)}% to ${Math.round(i.accuracyFall.latest)}% over the latest ${i.accuracyFall.cases} cases`,
    });

  reasons.sort((a, b) => (a.rag === b.rag ? 0 : a.rag === 'red' ? -1 : 1));
  return { rag: reasons[0]?.rag ?? 'green', reasons };
}
