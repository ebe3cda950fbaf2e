import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { gatewayChecklist, type GatewayInputs } from '@/lib/progress/gateway';
import { ragStatus, type RagInputs } from '@/lib/progress/rag';
import { expectedKsbs, minimumLearningEnd, nextReviewDue } from '@/lib/progress/schedule';

const calm: RagInputs = { otjHoursBehind: 0, otjWeeklyShare: 6, ksbsMet: 30, ksbsExpected: 30, daysSinceActivity: 2, daysInLearning: 300, reviewDaysOverdue: 0, accuracyFall: null, inactivityWeeks: 4 };

describe('ragStatus', () => {
  it('is green when no rule applies', () => expect(ragStatus(calm)).toEqual({ rag: 'green', reasons: [] }));
  it('says why, worst first', () => {
    const r = ragStatus({ ...calm, otjHoursBehind: 31, reviewDaysOverdue: 3 });
    expect(r.rag).toBe('red');
    expect(r.reasons.map((x) => `${x.rag}: ${x.text}`)).toEqual(['red: off-the-job training 31 hours behind plan (about 5 weeks’ worth)', 'amber: progress review overdue by 3 days']);
  });
  it('turns amber, then red, as off-the-job hours fall behind', () => {
    expect(ragStatus({ ...calm, otjHoursBehind: 6 }).rag).toBe('green');
    expect(ragStatus({ ...calm, otjHoursBehind: 7 }).rag).toBe('amber');
    expect(ragStatus({ ...calm, otjHoursBehind: 25 }).rag).toBe('red');
  });
  it('says an amber reason in figures a coding manager reads: KSBs short of expected, accuracy from and to', () => {
    expect(ragStatus({ ...calm, ksbsMet: 41, ksbsExpected: 48.6 })).toEqual({ rag: 'amber', reasons: [{ rag: 'amber', text: '41 of the 48 KSBs expected by now evidenced (7 short)' }] });
    expect(ragStatus({ ...calm, accuracyFall: { previous: 91.7, latest: 84.2, cases: 20 } }).reasons).toEqual([
      { rag: 'amber', text: 'coding accuracy down from 92% to 84% over the latest 20 cases' },
    ]);
    expect(ragStatus({ ...calm, otjHoursBehind: 7 }).reasons[0]?.text).toBe('off-the-job training 7 hours behind plan (about 1 week’s worth)');
  });
  it('flags four weeks without activity, but not in the first four weeks', () => {
    expect(ragStatus({ ...calm, daysSinceActivity: 29 }).reasons[0]?.text).toBe('no activity for 4 weeks');
    expect(ragStatus({ ...calm, daysSinceActivity: null, daysInLearning: 10 }).rag).toBe('green');
  });
  it('only ever gets worse as more goes wrong (property)', () => {
    const rank = { green: 0, amber: 1, red: 2 } as const;
    fc.assert(
      fc.property(fc.double({ min: 0, max: 100, noNaN: true }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 60 }), (behind, gap, overdue) => {
        const base = ragStatus({ ...calm, otjHoursBehind: behind, ksbsMet: 59 - gap, ksbsExpected: 59, reviewDaysOverdue: overdue });
        const worse = ragStatus({ ...calm, otjHoursBehind: behind + 30, ksbsMet: 59 - gap, ksbsExpected: 59, reviewDaysOverdue: overdue + 30 });
        expect(rank[worse.rag]).toBeGreaterThanOrEqual(rank[base.rag]);
      }),
    );
  });
});

describe('schedule', () => {
  it('expects KSBs pro rata to days in learning, within 0 and 59', () => {
    expect(expectedKsbs('2026-01-01', '2027-01-01', new Date('2026-07-02T12:00:00Z'))).toBeCloseTo(29.5, 0);
    expect(expectedKsbs('2026-01-01', '2027-01-01', new Date('2025-06-01'))).toBe(0);
    expect(expectedKsbs('2026-01-01', '2027-01-01', new Date('2028-01-01'))).toBe(59);
  });
  it('knows the minimum time in learning by start date and hours', () => {
    expect(minimumLearningEnd('2025-07-31', 37.5).months).toBe(12);
    expect(minimumLearningEnd('2025-03-01', 22.5).months).toBe(16); // 12 × 30 / 22.5
    expect(minimumLearningEnd('2025-08-01', 22.5).months).toBe(8);
  });
  it('puts the next review the interval after the last one, or after the start', () => {
    expect(nextReviewDue('2026-01-05', null, 12).toISOString().slice(0, 10)).toBe('2026-03-30');
    expect(nextReviewDue('2026-01-05', '2026-04-01', 12).toISOString().slice(0, 10)).toBe('2026-06-24');
  });
});

describe('gatewayChecklist', () => {
  const ready: GatewayInputs = {
    ksbsMet: 59,
    ksbsMissing: [],
    otjLogged: 420,
    otjPlannedToDate: 418,
    english: 'achieved',
    maths: 'exempt',
    startDate: '2025-09-01',
    weeklyHours: 37.5,
    today: new Date('2026-11-29'),
    readiness: 'first',
    confirmations: [
      { role: 'apprentice', name: 'Sam Whitfield', at: new Date('2026-11-19') },
      { role: 'trainer', name: 'Priya Patel', at: new Date('2026-11-20') },
      { role: 'employer', name: 'Helen Birch', at: new Date('2026-11-21') },
    ],
    mocks: [
      { kind: 'nccq_practical', title: 'Mock NCCQ practical paper', grade: 'fail', percent: 84, at: new Date('2026-11-10') },
      { kind: 'epa_practice', title: 'Practice end-point assessment', grade: 'pass', percent: 71.5, at: new Date('2026-11-12') },
    ],
  };
  it('is ready when every line is met', () => expect(gatewayChecklist(ready).ready).toBe(true));
  it('says what is missing on each line that is not met', () => {
    const c = gatewayChecklist({ ...ready, ksbsMet: 57, ksbsMissing: ['S18', 'B2'], maths: 'in_progress', today: new Date('2026-04-01'), confirmations: ready.confirmations.slice(1, 2) });
    expect(c.ready).toBe(false);
    const missing = Object.fromEntries(c.lines.map((l) => [l.key, l.missing]));
    expect(missing).toMatchObject({ ksbs: 'Not yet met: S18, B2', 'english-maths': 'maths at Level 2', time: 'Not before 1 May 2026', confirmed: 'Waiting for the apprentice and the employer', otj: null });
  });
  it('needs the apprentice, the trainer and the employer to confirm', () => {
    const line = (roles: string[]) => gatewayChecklist({ ...ready, confirmations: ready.confirmations.filter((c) => roles.includes(c.role)) }).lines.find((l) => l.key === 'confirmed')!;
    expect(line(['apprentice', 'trainer', 'employer'])).toMatchObject({ met: true, label: 'Apprentice, trainer and employer confirm readiness for gateway', missing: null });
    expect(line(['trainer', 'employer'])).toMatchObject({ met: false, missing: 'Waiting for the apprentice' });
    expect(line([])).toMatchObject({ met: false, evidence: 'Not confirmed yet', missing: 'Waiting for the apprentice, the trainer and the employer' });
  });
  it('needs the latest practice EPA passed; a failed mock NCCQ does not hold it back', () => {
    const line = (mocks: GatewayInputs['mocks']) => gatewayChecklist({ ...ready, mocks }).lines.find((l) => l.key === 'mock')!;
    expect(line(ready.mocks)).toMatchObject({ met: true, missing: null });
    expect(line(ready.mocks).evidence).toContain('Mock NCCQ practical paper: fail (84%) on 10 Nov 2026');
    expect(line([])).toMatchObject({ met: false, evidence: 'No mock assessment graded yet', missing: 'Sit a practice end-point assessment (Mock assessments)' });
    const failed = line([{ ...ready.mocks[1]!, grade: 'fail', percent: 52 }]);
    expect(failed.met).toBe(false);
    expect(failed.missing).toMatch(/did not pass/);
    expect(gatewayChecklist({ ...ready, mocks: [] }).ready).toBe(false);
  });
});
