import { describe, expect, it } from 'vitest';
import { minutesWithExtraTime } from '@/lib/assessments/deadline';
import { paperPageTitle, questionToOpen } from '@/lib/assessments/reopen';

const at = (iso: string) => new Date(iso);

describe('questionToOpen', () => {
  const saved = [
    { index: 0, savedAt: at('2026-03-02T10:00:00Z') },
    { index: 4, savedAt: at('2026-03-02T10:20:00Z') },
    { index: 2, savedAt: at('2026-03-02T10:10:00Z') },
    { index: 7, savedAt: null },
  ];

  it('opens the question the address names (1-based)', () => {
    expect(questionToOpen('3', 10, saved)).toBe(2);
    expect(questionToOpen('1', 10, saved)).toBe(0);
    expect(questionToOpen('10', 10, saved)).toBe(9);
    expect(questionToOpen(['6', '2'], 10, saved)).toBe(5);
  });

  it('ignores an address it cannot use and opens where an answer was saved last', () => {
    for (const q of [undefined, '', '0', '11', '-1', '2.5', ' 3', 'three', '1e1', '00000003'])
      expect(questionToOpen(q, 10, saved), String(q)).toBe(4);
  });

  it('breaks a tie on the save time towards the later question, and skips saves outside the paper', () => {
    const same = at('2026-03-02T10:00:00Z');
    expect(questionToOpen(undefined, 10, [{ index: 3, savedAt: same }, { index: 6, savedAt: same }, { index: 1, savedAt: same }])).toBe(6);
    expect(questionToOpen(undefined, 5, [{ index: 9, savedAt: at('2026-03-02T11:00:00Z') }, { index: 2, savedAt: same }])).toBe(2);
  });

  it('opens the first question when nothing was saved, and copes with an empty paper', () => {
    expect(questionToOpen(undefined, 10, [])).toBe(0);
    expect(questionToOpen(undefined, 10, [{ index: 3, savedAt: null }])).toBe(0);
    expect(questionToOpen('1', 0, [])).toBe(0);
  });
});

describe('paperPageTitle', () => {
  it('names the paper and the question', () => {
    expect(paperPageTitle('Mock NCCQ theory paper', 2, 40)).toBe('Mock NCCQ theory paper — question 3 of 40');
  });
});

describe('minutesWithExtraTime', () => {
  it('adds extra time and rounds up to a whole minute', () => {
    expect(minutesWithExtraTime(180, 0)).toBe(180);
    expect(minutesWithExtraTime(180, 25)).toBe(225);
    expect(minutesWithExtraTime(50, 15)).toBe(58); // 57.5
    expect(minutesWithExtraTime(60, 10)).toBe(66); // not 67 from floating-point noise
  });
});
