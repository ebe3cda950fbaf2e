import { isoDay } from '@/lib/calendar';
import { learningDaysBetween, type Break } from '@/lib/funding/breaks';

/**
 * The funding rules' review interval: a progress review at least every `intervalWeeks` weeks of learning after
 * the previous one (or the start, for the first). Days in a break in learning do not count. Pure, so the review
 * page, the list, the PDF and the recording form (before saving) all say the same.
 */
export type ReviewGap = { learningDays: number; late: boolean; since: 'previous' | 'start'; message: string | null };

/** "14 weeks", "12 weeks and 3 days", "1 week and 1 day". */
export function weeksInWords(days: number): string {
  const weeks = Math.floor(days / 7);
  const rest = days % 7;
  const w = `${weeks} week${weeks === 1 ? '' : 's'}`;
  return rest === 0 ? w : `${w} and ${rest} day${rest === 1 ? '' : 's'}`;
}

export function reviewGap(input: { reviewDate: string; previousDate: string | null; startDate: string; breaks: readonly Break[]; intervalWeeks: number }): ReviewGap {
  const from = input.previousDate ?? input.startDate;
  const to = isoDay(input.reviewDate);
  // Breaks are closed when a review is recorded after them; an open one counts up to the review date.
  const learningDays = learningDaysBetween(input.breaks, isoDay(from), to, to);
  const late = learningDays > input.intervalWeeks * 7;
  const since = input.previousDate ? 'previous' : 'start';
  const after = since === 'previous' ? 'the previous review' : 'the start of the apprenticeship';
  const paused = learningDays < to - isoDay(from) ? ' in learning (breaks not counted)' : '';
  return {
    learningDays,
    late,
    since,
    message: late ? `Recorded ${weeksInWords(learningDays)}${paused} after ${after}: more than the ${input.intervalWeeks} weeks the funding rules allow.` : null,
  };
}
