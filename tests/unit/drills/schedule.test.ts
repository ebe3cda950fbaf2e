import { describe, expect, it } from 'vitest';
import { cardFromRow, review, rowFromCard, type DrillCardRow } from '@/lib/drills/schedule';

const DAY = 86_400_000;
const start = new Date('2026-03-02T09:30:00Z');
const daysUntilDue = (row: DrillCardRow, now: Date) => (row.due.getTime() - now.getTime()) / DAY;

/** Reviews a card at each due date in turn (the apprentice comes back when it is due), returning each interval in days. */
function run(outcomes: boolean[]) {
  let row: DrillCardRow | null = null;
  let now = start;
  const intervals: number[] = [];
  for (const correct of outcomes) {
    row = review(row, correct, now);
    intervals.push(daysUntilDue(row, now));
    now = row.due;
  }
  return intervals;
}

describe('drill schedule (ts-fsrs)', () => {
  it('brings a first miss back one day later, not minutes later', () => {
    const row = review(null, false, start);
    expect(row.due.toISOString()).toBe('2026-03-03T09:30:00.000Z');
    expect(row.lastReview?.toISOString()).toBe(start.toISOString());
    expect(row.reps).toBe(1);
  });

  it('lengthens the interval with each success after a miss', () => {
    const intervals = run([false, true, true, true, true]);
    expect(intervals[0]).toBe(1);
    for (let i = 1; i < intervals.length; i++) expect(intervals[i]).toBeGreaterThan(intervals[i - 1]!);
    expect(intervals).toEqual([1, 2, 6, 17, 44]);
  });

  it('brings a later miss back to one day, then lengthens again', () => {
    const intervals = run([false, true, true, true, false, true, true]);
    expect(intervals[4]).toBe(1);
    expect(intervals[5]).toBeGreaterThan(1);
    expect(intervals[6]).toBeGreaterThan(intervals[5]!);
    expect(intervals).toEqual([1, 2, 6, 17, 1, 4, 7]);
  });

  it('keeps a miss at one day even when missed again the same day', () => {
    const first = review(null, false, start);
    const later = new Date(start.getTime() + 3 * 3_600_000);
    const again = review(first, false, later);
    expect(daysUntilDue(again, later)).toBe(1);
    expect(again.lapses).toBeGreaterThanOrEqual(first.lapses);
  });

  it('is deterministic and round-trips through the row', () => {
    expect(run([false, true, true, false, true])).toEqual(run([false, true, true, false, true]));
    const row = review(review(null, false, start), true, new Date(start.getTime() + DAY));
    expect(rowFromCard(cardFromRow(row))).toEqual(row);
  });
});
