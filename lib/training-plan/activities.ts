import type { PlanActivity } from '@/db/schema/funding';

export type { PlanActivity };

/**
 * Planned off-the-job hours in each month of a training plan (index 0 is month 1), from its activities.
 * Activities dated after the last month count in the last month, so the months always add up to the plan.
 */
export function monthlyOtjHours(activities: readonly PlanActivity[], durationMonths: number): number[] {
  const months = Array.from({ length: Math.max(1, durationMonths) }, () => 0);
  for (const a of activities) {
    const i = Math.min(months.length, Math.max(1, Math.trunc(a.month))) - 1;
    months[i]! += Math.max(0, a.otjHours);
  }
  return months;
}

/**
 * How many distinct KSBs the plan has covered by the end of each month (index 0 is month 1): the KSB
 * expectation follows the order the plan teaches them in, not a straight line.
 */
export function ksbsPlannedByMonth(activities: readonly PlanActivity[], durationMonths: number): number[] {
  const n = Math.max(1, durationMonths);
  const firstMonth = new Map<string, number>();
  for (const a of activities) {
    const m = Math.min(n, Math.max(1, Math.trunc(a.month)));
    for (const k of a.ksbs) firstMonth.set(k, Math.min(firstMonth.get(k) ?? Infinity, m));
  }
  const newIn = Array.from({ length: n }, () => 0);
  for (const m of firstMonth.values()) newIn[m - 1]! += 1;
  let total = 0;
  return newIn.map((c) => (total += c));
}
