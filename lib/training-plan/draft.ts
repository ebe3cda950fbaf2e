import type { PlanActivity } from '@/db/schema/funding';
import { describeOtjRule, plannedDurationMonths, plannedEndDate, plannedOtjHours, type OtjRuleKind } from '@/lib/funding/rules';
import type { FundingSettings } from '@/lib/funding/settings';
import { ST0535_TEMPLATE, type TemplateBlock } from './template';

export type DraftInput = {
  /** The apprenticeship's start: the plan's planned start. */
  startDate: string;
  weeklyHours: number;
  /** From the confirmed initial assessment. */
  rpl: { hours: number; months: number; ksbs: readonly string[] };
};

export type PlanDraft = {
  plannedStartDate: string;
  plannedEndDate: string;
  durationMonths: number;
  weeklyHours: number;
  rulesYear: string;
  /** What the rule gives before recognised prior learning. */
  standardOtjHours: number;
  rplHours: number;
  rplMonths: number;
  plannedOtjHours: number;
  activities: PlanActivity[];
  /** How the figures were worked out, for the page and the PDF. */
  working: PlanWorking;
};

export type PlanWorking = { rule: OtjRuleKind; ruleText: string; atFloor: boolean; floor: number; minimumMonths: number; atMinimumDuration: boolean; typicalMonths: number };

/**
 * Spreads whole hours over parts in proportion to their shares so that they add up to `total` exactly
 * (largest remainder; ties to the earlier part, so the result never depends on anything but the input).
 */
export function apportion(total: number, shares: readonly number[]): number[] {
  const sum = shares.reduce((a, b) => a + b, 0);
  if (!shares.length) return [];
  if (sum <= 0) return shares.map((_, i) => (i === 0 ? total : 0));
  const exact = shares.map((s) => (total * s) / sum);
  const out = exact.map(Math.floor);
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => ({ i, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    out[i]! += 1;
    left -= 1;
  }
  return out;
}

/**
 * The activities by month: the template's blocks laid end to end over the months in proportion to their
 * weights, one activity for each month a block runs in, the planned hours spread the same way. KSBs already
 * covered by recognised prior learning are left out; a block left with none is dropped.
 */
export function activitiesByMonth(durationMonths: number, hours: number, rplKsbs: readonly string[], template: readonly TemplateBlock[] = ST0535_TEMPLATE): PlanActivity[] {
  const covered = new Set(rplKsbs);
  const blocks = template.map((b) => ({ ...b, ksbs: b.ksbs.filter((k) => !covered.has(k)) })).filter((b) => b.ksbs.length > 0);
  const months = Math.max(1, durationMonths);
  const total = blocks.reduce((a, b) => a + b.weight, 0);
  const pieces: { month: number; block: (typeof blocks)[number]; share: number }[] = [];
  let at = 0;
  for (const b of blocks) {
    const from = (at / total) * months;
    at += b.weight;
    const to = (at / total) * months;
    const own: typeof pieces = [];
    for (let m = Math.floor(from); m < Math.ceil(to) && m < months; m++) {
      const share = Math.min(to, m + 1) - Math.max(from, m);
      if (share > 1e-9) own.push({ month: m + 1, block: b, share });
    }
    // A sliver of a month (under a tenth) goes to the block's neighbouring piece, unless it is all there is.
    const kept = own.filter((p) => p.share >= 0.1);
    pieces.push(...(kept.length ? kept : own.slice(0, 1)));
  }
  const split = apportion(hours, pieces.map((p) => p.share));
  const seen = new Set<string>();
  return pieces.map((p, i) => {
    const first = !seen.has(p.block.title);
    seen.add(p.block.title);
    return { month: p.month, title: first ? p.block.title : `${p.block.title} (continued)`, ksbs: [...p.block.ksbs], otjHours: split[i]! };
  });
}

/**
 * A first draft of an apprenticeship's training plan: planned start (the apprenticeship's), duration and end
 * (the standard's typical duration less RPL months, never below the minimum), planned off-the-job hours by
 * the rule in force at the start (less RPL hours, never below the floor) and the activities by month.
 */
export function draftPlan(input: DraftInput, s: FundingSettings): PlanDraft {
  const duration = plannedDurationMonths(input.startDate, input.weeklyHours, input.rpl.months, s);
  const end = plannedEndDate(input.startDate, duration.months);
  const hours = plannedOtjHours({ startDate: input.startDate, plannedEndDate: end, weeklyHours: input.weeklyHours, rplHours: input.rpl.hours }, s);
  return {
    plannedStartDate: input.startDate,
    plannedEndDate: end,
    durationMonths: duration.months,
    weeklyHours: input.weeklyHours,
    rulesYear: s.rulesYear,
    standardOtjHours: hours.beforeRpl,
    rplHours: Math.max(0, input.rpl.hours),
    rplMonths: Math.max(0, input.rpl.months),
    plannedOtjHours: hours.hours,
    activities: activitiesByMonth(duration.months, hours.hours, input.rpl.ksbs),
    working: {
      rule: hours.rule,
      ruleText: describeOtjRule(hours.rule, s),
      atFloor: hours.atFloor,
      floor: s.otjFloorHours,
      minimumMonths: duration.minimum,
      atMinimumDuration: duration.atMinimum,
      typicalMonths: s.standardDurationMonths,
    },
  };
}

/** How the planned hours were worked out, in a sentence (the page and the PDF). */
export function describeWorking(p: { standardOtjHours: number; rplHours: number; plannedOtjHours: number }, w: Pick<PlanWorking, 'rule' | 'floor'>): string {
  const less = p.rplHours > 0 ? ` less ${p.rplHours} hours of recognised prior learning` : '';
  const floor = w.rule === 'hours' && p.standardOtjHours - p.rplHours < w.floor ? `, raised to the floor of ${w.floor} hours` : '';
  return `${p.standardOtjHours} hours by the rule${less}${floor}: ${p.plannedOtjHours} planned off-the-job hours.`;
}
