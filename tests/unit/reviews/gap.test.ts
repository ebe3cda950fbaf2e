import { describe, expect, it } from 'vitest';
import { reviewGap, weeksInWords } from '@/lib/reviews/gap';

const base = { startDate: '2026-01-05', breaks: [], intervalWeeks: 12 };

describe('the review interval rule', () => {
  it('allows exactly 12 weeks after the previous review, flags a day more', () => {
    expect(reviewGap({ ...base, previousDate: '2026-02-02', reviewDate: '2026-04-27' })).toEqual({ learningDays: 84, late: false, since: 'previous', message: null });
    const late = reviewGap({ ...base, previousDate: '2026-02-02', reviewDate: '2026-04-28' });
    expect(late.late).toBe(true);
    expect(late.message).toBe('Recorded 12 weeks and 1 day after the previous review: more than the 12 weeks the funding rules allow.');
  });

  it('counts a first review from the start', () => {
    const r = reviewGap({ ...base, previousDate: null, reviewDate: '2026-04-13' });
    expect(r).toMatchObject({ learningDays: 98, late: true, since: 'start' });
    expect(r.message).toBe('Recorded 14 weeks after the start of the apprenticeship: more than the 12 weeks the funding rules allow.');
  });

  it('leaves out the days in a break in learning', () => {
    // 16 calendar weeks, of which a 4-week break: 12 weeks in learning, on time.
    const withBreak = { ...base, breaks: [{ startDate: '2026-03-02', endDate: '2026-03-30' }] };
    expect(reviewGap({ ...withBreak, previousDate: '2026-02-02', reviewDate: '2026-05-25' })).toMatchObject({ learningDays: 84, late: false });
    // Two weeks more: 14 weeks in learning, late, and the message says breaks were not counted.
    const r = reviewGap({ ...withBreak, previousDate: '2026-02-02', reviewDate: '2026-06-08' });
    expect(r).toMatchObject({ learningDays: 98, late: true });
    expect(r.message).toBe('Recorded 14 weeks in learning (breaks not counted) after the previous review: more than the 12 weeks the funding rules allow.');
    // Without the break the same dates are 18 weeks.
    expect(reviewGap({ ...base, previousDate: '2026-02-02', reviewDate: '2026-06-08' }).learningDays).toBe(126);
  });

  it('ignores a break before the previous review, and counts an open break up to the review date', () => {
    const before = [{ startDate: '2026-01-12', endDate: '2026-01-26' }];
    expect(reviewGap({ ...base, breaks: before, previousDate: '2026-02-02', reviewDate: '2026-04-28' }).learningDays).toBe(85);
    const open = [{ startDate: '2026-04-20', endDate: null }];
    expect(reviewGap({ ...base, breaks: open, previousDate: '2026-02-02', reviewDate: '2026-05-04' })).toMatchObject({ learningDays: 77, late: false });
  });

  it('follows the interval setting', () => {
    expect(reviewGap({ ...base, intervalWeeks: 8, previousDate: '2026-02-02', reviewDate: '2026-04-06' }).message).toBe(
      'Recorded 9 weeks after the previous review: more than the 8 weeks the funding rules allow.',
    );
  });

  it('puts weeks in words', () => {
    expect([0, 1, 7, 8, 14, 86].map(weeksInWords)).toEqual(['0 weeks', '0 weeks and 1 day', '1 week', '1 week and 1 day', '2 weeks', '12 weeks and 2 days']);
  });
});
