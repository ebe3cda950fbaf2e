import { describe, expect, it } from 'vitest';
import { otjRuleSummary } from '@/lib/funding/rule-summary';
import { DEFAULT_FUNDING_SETTINGS as S } from '@/lib/funding/settings';
import type { LearningSchedule } from '@/lib/funding/schedule';
import { WITHDRAW_REASONS, withdrawReasonLabel } from '@/lib/funding/withdraw-reasons';
import { OutcomeInput } from '@/lib/funding/schemas';
import { dueReminders, type ReminderFacts } from '@/lib/reminders/rules';
import { DEFAULT_REMINDER_SETTINGS } from '@/lib/reminders/settings';
import { reviewDue } from '@/lib/tasks/rules';
import { buildCalendarEvents } from '@/lib/calendar-events/events';

// issue 20 point 3: the rule in force at the start, the withdrawal reasons, and expectations paused by a break.
const schedule = (breaks: LearningSchedule['breaks']): LearningSchedule => ({ startDate: '2026-01-05', plannedEndDate: '2027-07-05', plannedOtjHours: 400, plan: null, breaks });

describe('the rule in force at the start', () => {
  it('hours rule: X of Y planned hours; earlier starts: the weekly figure they started under', () => {
    expect(otjRuleSummary('2025-09-01', 37.5, 300, 120.5, S)).toMatchObject({ kind: 'hours', figure: '120.5 of 300 planned hours' });
    expect(otjRuleSummary('2024-09-01', 37.5, 300, 0, S)).toMatchObject({ kind: 'six_hours', figure: expect.stringContaining('6 hours a week') });
    expect(otjRuleSummary('2024-09-01', 22.5, 300, 0, S).figure).toBe('20% of 22.5 contracted hours: 4.5 hours a week');
    expect(otjRuleSummary('2021-09-01', 37.5, 300, 0, S)).toMatchObject({ kind: 'percent', figure: '20% of 30 contracted hours: 6 hours a week' });
  });
});

describe('withdrawal reasons', () => {
  it('are distinct ILR codes, with other and not known', () => {
    const codes = WITHDRAW_REASONS.map((r) => r.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes).toEqual(expect.arrayContaining([2, 3, 7, 29, 40, 41, 42, 43, 44, 45, 46, 97, 98]));
    expect(withdrawReasonLabel(98)).toBe('Reason not known');
  });
  it('a withdrawal needs a reason from the list beside its field; a completion does not', () => {
    const base = { apprenticeshipId: '7d3c4a38-8a6c-4b59-9d0e-3f3a2f0c1e11', actualEndDate: '2025-01-15', version: 1 };
    const w = OutcomeInput.safeParse({ ...base, outcome: 'withdrawn', withdrawReason: '' });
    expect(w.success).toBe(false);
    expect(w.error?.issues.map((i) => i.path.join('.'))).toEqual(['withdrawReason']);
    expect(OutcomeInput.safeParse({ ...base, outcome: 'withdrawn', withdrawReason: '99' }).success).toBe(false);
    expect(OutcomeInput.safeParse({ ...base, outcome: 'withdrawn', withdrawReason: '43' }).success).toBe(true);
    expect(OutcomeInput.safeParse({ ...base, outcome: 'completed', withdrawReason: '' }).success).toBe(true);
  });
});

describe('a break pauses what is due', () => {
  const onBreak = schedule([{ startDate: '2026-03-02', endDate: null }]);
  const returned = schedule([{ startDate: '2026-03-02', endDate: '2026-04-06' }]);

  it('tasks: no review due or overdue during a break; after it, the date moves by the days in the break', () => {
    expect(reviewDue('2026-01-05', null, 12, '2026-05-01')).toMatchObject({ due: '2026-03-30', overdue: true });
    expect(reviewDue('2026-01-05', null, 12, '2026-05-01', onBreak)).toMatchObject({ overdue: false, soon: false });
    expect(reviewDue('2026-01-05', null, 12, '2026-05-01', returned)).toMatchObject({ due: '2026-05-04', overdue: false, soon: true });
  });

  it('reminders: none about reviews or off-the-job hours during a break', () => {
    const a = { id: 'a1', apprenticeId: 'sam', apprenticeName: 'Sam', trainerIds: ['patel'], employerContactIds: ['m'], startDate: '2026-01-05', plannedEndDate: '2027-07-05', plannedOtjHours: 400, otjMinutes: 0, lastReviewDate: null };
    const f = (x: Partial<ReminderFacts['apprenticeships'][number]>): ReminderFacts => ({ apprenticeships: [{ ...a, ...x }], unsignedReviews: [], witnessRequests: [], submitted: [], sittings: [], reviewIntervalWeeks: 12 });
    const now = new Date('2026-05-01T09:00:00Z');
    expect(dueReminders(f({}), DEFAULT_REMINDER_SETTINGS, now).map((r) => r.rule)).toEqual(expect.arrayContaining(['review-overdue', 'otj-behind']));
    expect(dueReminders(f({ schedule: onBreak }), DEFAULT_REMINDER_SETTINGS, now)).toEqual([]);
  });

  it('the calendar shows the moved planned end and no review due during a break', () => {
    const events = buildCalendarEvents({
      role: 'trainer',
      today: '2026-05-01',
      apprenticeships: [{ id: 'a1', apprenticeName: 'Sam', startDate: '2026-01-05', plannedEndDate: '2027-07-05', lastReviewDate: null, schedule: returned }],
      reviews: [],
      sittings: [],
      witness: [],
      reviewIntervalWeeks: 12,
      witnessUnansweredDays: 5,
    } as unknown as Parameters<typeof buildCalendarEvents>[0]);
    expect(events.find((e) => e.kind === 'planned_end')?.when).toMatchObject({ date: '2027-08-09' });
    expect(events.find((e) => e.kind === 'review_due')?.when).toMatchObject({ date: '2026-05-04' });
    const paused = buildCalendarEvents({
      role: 'trainer',
      today: '2026-05-01',
      apprenticeships: [{ id: 'a1', apprenticeName: 'Sam', startDate: '2026-01-05', plannedEndDate: '2027-07-05', lastReviewDate: null, schedule: onBreak }],
      reviews: [],
      sittings: [],
      witness: [],
      reviewIntervalWeeks: 12,
      witnessUnansweredDays: 5,
    } as unknown as Parameters<typeof buildCalendarEvents>[0]);
    expect(paused.some((e) => e.kind === 'review_due')).toBe(false);
  });
});
