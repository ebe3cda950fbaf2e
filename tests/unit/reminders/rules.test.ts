import { describe, expect, it } from 'vitest';
import { countByRule, dueReminders, isoWeek, workingDaysBetween, type ReminderFacts } from '@/lib/reminders/rules';
import { DEFAULT_REMINDER_SETTINGS as S, readReminderSettings } from '@/lib/reminders/settings';

const apprenticeship = (over: Partial<ReminderFacts['apprenticeships'][number]> = {}): ReminderFacts['apprenticeships'][number] => ({
  id: 'a1',
  apprenticeId: 'sam',
  apprenticeName: 'Sam Whitfield',
  trainerIds: ['patel'],
  employerContactIds: ['manager'],
  startDate: '2026-01-05',
  plannedEndDate: '2027-07-05',
  plannedOtjHours: 0,
  otjMinutes: 0,
  lastReviewDate: '2026-10-01', // next due 24 December 2026 at 12 weeks
  ...over,
});
const facts = (over: Partial<ReminderFacts> = {}): ReminderFacts => ({ apprenticeships: [], unsignedReviews: [], witnessRequests: [], submitted: [], sittings: [], reviewIntervalWeeks: 12, ...over });
const at = (iso: string) => new Date(iso);
const keys = (f: ReminderFacts, now: Date, s = S) => dueReminders(f, s, now).map((r) => `${r.key}>${r.recipients.join(',')}`);

describe('reminder rules', () => {
  it('a review due within the threshold, then overdue, each once per due date, to apprentice, trainer and employer', () => {
    const f = facts({ apprenticeships: [apprenticeship()] });
    expect(keys(f, at('2026-12-16T09:00:00Z'))).toEqual([]); // 8 days ahead
    expect(keys(f, at('2026-12-17T09:00:00Z'))).toEqual(['review-due-soon:a1:2026-12-24>sam', 'review-due-soon:a1:2026-12-24>patel,manager']);
    expect(keys(f, at('2026-12-24T23:00:00Z'))).toEqual(['review-due-soon:a1:2026-12-24>sam', 'review-due-soon:a1:2026-12-24>patel,manager']);
    expect(keys(f, at('2026-12-25T09:00:00Z'))).toEqual(['review-overdue:a1:2026-12-24>sam', 'review-overdue:a1:2026-12-24>patel,manager']);
    // A review recorded moves the due date: the next occurrence has its own key.
    const later = facts({ apprenticeships: [apprenticeship({ lastReviewDate: '2026-12-28' })] });
    expect(keys(later, at('2027-03-16T09:00:00Z'))).toEqual(['review-due-soon:a1:2027-03-22>sam', 'review-due-soon:a1:2027-03-22>patel,manager']);
    // The threshold is a setting.
    expect(keys(f, at('2026-12-10T09:00:00Z'), { ...S, reviewDueDays: 14 })).toHaveLength(2);
  });

  it('a review unsigned after the threshold reminds whoever has not signed', () => {
    const review = { id: 'r1', apprenticeId: 'sam', apprenticeName: 'Sam Whitfield', employerContactIds: ['manager'], reviewDate: '2026-12-01', createdAt: at('2026-12-01T15:00:00Z'), apprenticeSigned: true, employerSigned: false };
    const f = facts({ unsignedReviews: [review] });
    expect(keys(f, at('2026-12-03T20:00:00Z'))).toEqual([]);
    expect(keys(f, at('2026-12-04T08:00:00Z'))).toEqual(['review-unsigned:r1>manager']);
    expect(keys(facts({ unsignedReviews: [{ ...review, apprenticeSigned: false }] }), at('2026-12-04T08:00:00Z'))).toEqual(['review-unsigned:r1>sam', 'review-unsigned:r1>manager']);
  });

  it('a witness request unanswered after the threshold reminds the witness', () => {
    const f = facts({ witnessRequests: [{ id: 'w1', witnessId: 'manager', apprenticeName: 'Sam Whitfield', requestedAt: at('2026-12-01T10:00:00Z') }] });
    expect(keys(f, at('2026-12-05T23:00:00Z'))).toEqual([]);
    expect(keys(f, at('2026-12-06T00:30:00Z'))).toEqual(['witness-unanswered:w1>manager']);
    expect(keys(f, at('2026-12-03T00:30:00Z'), { ...S, witnessUnansweredDays: 2 })).toEqual(['witness-unanswered:w1>manager']);
  });

  it('marking waits in working days (weekdays), once per submission', () => {
    expect(workingDaysBetween('2026-12-04', '2026-12-07')).toBe(1); // Friday to Monday
    expect(workingDaysBetween('2026-12-07', '2026-12-21')).toBe(10);
    const piece = { kind: 'evidence' as const, id: 'e1', occurrence: '2', apprenticeName: 'Sam Whitfield', trainerIds: ['patel'], submittedAt: at('2026-12-07T10:00:00Z'), link: '/evidence/e1' };
    const logs = { ...piece, kind: 'otj' as const, id: 'sam', occurrence: 'o1', link: '/apprenticeships/a1/otj' };
    const f = facts({ submitted: [piece, logs] });
    expect(keys(f, at('2026-12-21T10:00:00Z'))).toEqual([]); // exactly 10 working days
    expect(keys(f, at('2026-12-22T10:00:00Z'))).toEqual(['marking-waiting:evidence:e1:2>patel', 'marking-waiting:otj:sam:o1>patel']);
    expect(dueReminders(f, S, at('2026-12-22T10:00:00Z')).map((r) => r.title)).toEqual([
      'Evidence from Sam Whitfield has waited more than 10 working days for marking',
      'Off-the-job entries from Sam Whitfield have waited more than 10 working days for review',
    ]);
  });

  it('off-the-job hours behind plan remind the apprentice once per ISO week', () => {
    expect(isoWeek('2026-12-07')).toBe('2026-W50');
    expect(isoWeek('2026-12-13')).toBe('2026-W50');
    expect(isoWeek('2027-01-01')).toBe('2026-W53');
    expect(isoWeek('2027-01-04')).toBe('2027-W01');
    const behind = facts({ apprenticeships: [apprenticeship({ plannedOtjHours: 400, otjMinutes: 60 * 100, lastReviewDate: '2026-12-01' })] });
    expect(keys(behind, at('2026-12-07T09:00:00Z'))).toEqual(['otj-behind:a1:2026-W50>sam']);
    expect(keys(behind, at('2026-12-14T09:00:00Z'))).toEqual(['otj-behind:a1:2026-W51>sam']);
    const onPlan = facts({ apprenticeships: [apprenticeship({ plannedOtjHours: 400, otjMinutes: 60 * 300, lastReviewDate: '2026-12-01' })] });
    expect(keys(onPlan, at('2026-12-07T09:00:00Z'))).toEqual([]);
  });

  it("a paper's window opening and, a day before, closing", () => {
    const sitting = { id: 's1', title: 'Mock paper 1', opensAt: at('2026-12-14T09:00:00Z'), closesAt: at('2026-12-18T17:00:00Z'), notStartedIds: ['sam'], notSubmittedIds: ['sam', 'aisha'] };
    const f = facts({ sittings: [sitting] });
    expect(keys(f, at('2026-12-14T08:59:00Z'))).toEqual([]);
    expect(keys(f, at('2026-12-14T09:00:00Z'))).toEqual(['paper-opens:s1>sam']);
    expect(keys(f, at('2026-12-17T17:00:00Z'))).toEqual(['paper-opens:s1>sam', 'paper-closes:s1>sam,aisha']);
    expect(keys(f, at('2026-12-18T17:00:00Z'))).toEqual([]);
  });

  it('counts per rule and reads stored thresholds over the defaults', () => {
    const f = facts({ apprenticeships: [apprenticeship()] });
    expect(countByRule(dueReminders(f, S, at('2026-12-25T09:00:00Z')))).toMatchObject({ 'review-overdue': 3, 'review-due-soon': 0 });
    expect(readReminderSettings({ reviewDueDays: 10 })).toEqual({ ...S, reviewDueDays: 10 });
    expect(readReminderSettings({ reviewDueDays: 0 })).toEqual(S);
    expect(readReminderSettings(null)).toEqual(S);
  });
});
