import { describe, expect, it } from 'vitest';
import type { TrainingPlanVersion } from '@/lib/dal/training-plans';
import { DEFAULT_FUNDING_SETTINGS as S } from '@/lib/funding/settings';
import { describeOtjRule } from '@/lib/funding/rules';
import { draftPlan, describeWorking } from '@/lib/training-plan/draft';
import { trainingPlanPdf } from '@/lib/training-plan/plan-pdf';
import { readTaggedPdf } from '../../support/tagged-pdf';

const d = draftPlan({ startDate: '2026-03-02', weeklyHours: 30, rpl: { hours: 40, months: 2, ksbs: ['K1'] } }, S);
const at = new Date('2026-03-02T14:00:00Z');
const plan: TrainingPlanVersion = {
  id: '00000000-0000-4000-8000-000000000001',
  apprenticeshipId: '00000000-0000-4000-8000-000000000002',
  version: 2,
  plannedStartDate: d.plannedStartDate,
  plannedEndDate: d.plannedEndDate,
  durationMonths: d.durationMonths,
  weeklyHours: d.weeklyHours,
  rulesYear: d.rulesYear,
  standardOtjHours: d.standardOtjHours,
  rplHours: d.rplHours,
  rplMonths: d.rplMonths,
  plannedOtjHours: d.plannedOtjHours,
  activities: d.activities,
  support: 'A mentor in the coding team.',
  reasonableAdjustments: '',
  englishPlan: 'Level 2 achieved.',
  mathsPlan: 'Level 2 achieved.',
  changeSummary: 'Weekly hours reduced to 30.',
  createdBy: '00000000-0000-4000-8000-000000000003',
  createdAt: at,
  apprenticeSignedAt: at,
  employerSignerId: null,
  employerSignedName: 'Helen Birch',
  employerSignedAt: at,
  providerSignerId: null,
  providerSignedName: 'Priya Patel',
  providerSignedAt: at,
  supersededAt: null,
  rowVersion: 4,
  apprenticeName: 'Ellie Brooks',
  employerName: 'Ashwell Vale Hospitals NHS Trust',
  createdByName: 'Priya Patel',
  final: true,
  awaiting: [],
  ruleText: describeOtjRule('hours', S),
  working: describeWorking(d, d.working),
  ksbTotal: 59,
};

describe('the training plan PDF', () => {
  it('is tagged and holds the figures, how they were worked out, the rule, every activity and the three signatures', async () => {
    const r = await readTaggedPdf(await trainingPlanPdf(plan, new Date('2026-03-03T10:00:00Z')));
    expect(r).toMatchObject({ marked: true, lang: 'en-GB', title: 'Training plan: Ellie Brooks, version 2', untagged: [] });
    const text = r.text.replace(/\s+/g, ' ');
    expect(text).toContain('419 hours by the rule less 40 hours of recognised prior learning: 379 planned off-the-job hours.');
    expect(text).toContain("the standard's published minimum of 419 off-the-job hours");
    expect(text).toContain('Weekly hours reduced to 30.');
    for (const a of d.activities) expect(text).toContain(a.title);
    expect(text).toMatch(/Employer: Helen Birch \(Ashwell Vale Hospitals NHS Trust\), signed/);
    expect(text).toMatch(/Training provider: Priya Patel, signed/);
  });
});
