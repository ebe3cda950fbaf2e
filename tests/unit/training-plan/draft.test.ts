import { describe, expect, it } from 'vitest';
import standard from '@/content/standards/st0535.json';
import { DEFAULT_FUNDING_SETTINGS as S } from '@/lib/funding/settings';
import { activitiesByMonth, apportion, describeWorking, draftPlan } from '@/lib/training-plan/draft';
import { ST0535_TEMPLATE } from '@/lib/training-plan/template';

const ALL = (standard as { ksbs: { code: string }[] }).ksbs.map((k) => k.code);
const none = { hours: 0, months: 0, ksbs: [] as string[] };
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const covered = (p: { activities: { ksbs: string[] }[] }) => new Set(p.activities.flatMap((a) => a.ksbs));

describe('the ST0535 curriculum template', () => {
  it('names only real KSBs of the standard, and covers all 59', () => {
    expect(ALL).toHaveLength(59);
    const codes = new Set(ST0535_TEMPLATE.flatMap((b) => b.ksbs));
    for (const c of codes) expect(ALL).toContain(c);
    expect([...codes].sort()).toEqual([...ALL].sort());
  });
});

describe('apportion', () => {
  it('spreads whole hours in proportion so that they add up exactly', () => {
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(sum(apportion(419, [0.3, 1, 0.7, 1, 1, 0.2]))).toBe(419);
  });
});

describe('draftPlan', () => {
  it('plans a start under the hours rule: the published hours over the typical duration, every KSB covered', () => {
    const p = draftPlan({ startDate: '2025-09-01', weeklyHours: 37.5, rpl: none }, S);
    expect(p).toMatchObject({ plannedStartDate: '2025-09-01', durationMonths: 18, plannedEndDate: '2027-03-01', plannedOtjHours: 419, standardOtjHours: 419, rulesYear: '2025-26' });
    expect(sum(p.activities.map((a) => a.otjHours))).toBe(419);
    expect([...covered(p)].sort()).toEqual([...ALL].sort());
    expect(p.working.rule).toBe('hours');
  });

  it('uses every month from the first to the last, in order', () => {
    const p = draftPlan({ startDate: '2025-09-01', weeklyHours: 37.5, rpl: none }, S);
    const months = p.activities.map((a) => a.month);
    expect(months).toEqual([...months].sort((a, b) => a - b));
    expect(new Set(months)).toEqual(new Set(Array.from({ length: 18 }, (_, i) => i + 1)));
    expect(p.activities[0]!.title).toMatch(/^Induction/);
    expect(p.activities.at(-1)!.title).toMatch(/end-point assessment/);
  });

  it('takes recognised prior learning off the hours and the months, and leaves the KSBs it covers out', () => {
    const rplKsbs = ['K1', 'K2', 'S1', 'S6', 'K24'];
    const p = draftPlan({ startDate: '2025-09-01', weeklyHours: 37.5, rpl: { hours: 60, months: 3, ksbs: rplKsbs } }, S);
    expect(p).toMatchObject({ plannedOtjHours: 359, durationMonths: 15, plannedEndDate: '2026-12-01', rplHours: 60, rplMonths: 3 });
    expect(sum(p.activities.map((a) => a.otjHours))).toBe(359);
    const c = covered(p);
    for (const k of rplKsbs) expect(c.has(k)).toBe(false);
    expect([...c].sort()).toEqual(ALL.filter((k) => !rplKsbs.includes(k)).sort());
    // The anatomy block is all RPL: dropped.
    expect(p.activities.some((a) => a.title.startsWith('Anatomy'))).toBe(false);
    expect(Math.max(...p.activities.map((a) => a.month))).toBe(15);
  });

  it('never plans fewer hours than the floor, nor fewer months than the minimum', () => {
    const p = draftPlan({ startDate: '2025-09-01', weeklyHours: 37.5, rpl: { hours: 400, months: 15, ksbs: [] } }, S);
    expect(p.plannedOtjHours).toBe(S.otjFloorHours);
    expect(p.working.atFloor).toBe(true);
    expect(p.durationMonths).toBe(S.minimumDurationMonths);
    expect(p.working.atMinimumDuration).toBe(true);
    expect(sum(p.activities.map((a) => a.otjHours))).toBe(S.otjFloorHours);
    expect(describeWorking(p, p.working)).toBe('419 hours by the rule less 400 hours of recognised prior learning, raised to the floor of 187 hours: 187 planned off-the-job hours.');
  });

  it('follows the settings: a changed published minimum changes the plan', () => {
    const p = draftPlan({ startDate: '2025-09-01', weeklyHours: 30, rpl: none }, { ...S, standardOtjHours: 500 });
    expect(p.plannedOtjHours).toBe(500);
    expect(sum(p.activities.map((a) => a.otjHours))).toBe(500);
  });

  it('plans an earlier start by the rule it started under', () => {
    const p = draftPlan({ startDate: '2024-09-02', weeklyHours: 37.5, rpl: none }, S);
    expect(p.working.rule).toBe('six_hours');
    expect(p.plannedOtjHours).toBe(p.standardOtjHours);
    expect(sum(p.activities.map((a) => a.otjHours))).toBe(p.plannedOtjHours);
  });

  it('covers every KSB however short the plan', () => {
    for (const months of [1, 2, 8, 36]) {
      const acts = activitiesByMonth(months, 200, []);
      expect([...new Set(acts.flatMap((a) => a.ksbs))].sort()).toEqual([...ALL].sort());
      expect(sum(acts.map((a) => a.otjHours))).toBe(200);
      expect(Math.max(...acts.map((a) => a.month))).toBe(months);
    }
  });
});
