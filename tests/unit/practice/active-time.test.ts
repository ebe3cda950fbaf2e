import { describe, expect, it } from 'vitest';
import { codingTrend, hasPractice, practiceRecordAccount, type PracticeFacts } from '@/lib/practice/record';
import { activeSecondsOf, CAP_SECONDS, countedSeconds, IDLE_AFTER_S, quarterHoursOf } from '@/lib/practice/active-time';
import { describePractice, practiceDays } from '@/lib/practice/otj-offer';

const at = (s: number) => 1_800_000_000_000 + s * 1000;

describe('active practice time', () => {
  it('counts the gaps between moments of activity, each at most the idle limit', () => {
    expect(activeSecondsOf([at(0), at(10), at(40)])).toBe(40);
    // Twenty minutes away after 30 s of work: only the idle limit of the gap counts.
    expect(activeSecondsOf([at(0), at(30), at(30 + 20 * 60), at(30 + 20 * 60 + 15)])).toBe(30 + IDLE_AFTER_S + 15);
    expect(activeSecondsOf([at(40), at(0), at(10)])).toBe(40); // in any order
    expect(activeSecondsOf([at(0)])).toBe(0);
    expect(activeSecondsOf([])).toBe(0);
  });

  it('is capped per kind, by an item’s own limit and by the time that has passed', () => {
    expect(countedSeconds('question', 20 * 60)).toBe(CAP_SECONDS.question);
    expect(countedSeconds('coding', 20 * 60)).toBe(20 * 60);
    expect(countedSeconds('coding', 20 * 60, { elapsedSeconds: 300 })).toBe(300);
    expect(countedSeconds('mock', 5 * 60 * 60, { limitSeconds: 90 * 60 })).toBe(90 * 60);
    expect(countedSeconds('coding', 100.9)).toBe(100);
  });

  it('counts nothing for a report that is not a positive number', () => {
    for (const bad of [0, -5, Number.NaN, Number.POSITIVE_INFINITY, '600', null, undefined, {}]) expect(countedSeconds('coding', bad)).toBe(0);
  });

  it('offers whole quarter-hours, rounded down', () => {
    expect(quarterHoursOf(14 * 60 + 59)).toBe(0);
    expect(quarterHoursOf(15 * 60)).toBe(15);
    expect(quarterHoursOf(52 * 60)).toBe(45);
  });
});

describe('practice time offered as off-the-job entries', () => {
  const rows = [
    { id: 'c1', kind: 'coding' as const, activityDate: '2026-12-03', activeSeconds: 25 * 60, ksbs: ['S5', 'K1'] },
    { id: 'q1', kind: 'question' as const, activityDate: '2026-12-03', activeSeconds: 4 * 60, ksbs: ['K12'] },
    { id: 'q2', kind: 'question' as const, activityDate: '2026-12-03', activeSeconds: 3 * 60, ksbs: ['K1'] },
    { id: 'a1', kind: 'audit' as const, activityDate: '2026-12-04', activeSeconds: 10 * 60, ksbs: ['S13', 'S20'] },
  ];

  it('makes one day per date, newest first, with what was done, the KSBs and every row it covers', () => {
    const days = practiceDays(rows);
    expect(days.map((d) => d.activityDate)).toEqual(['2026-12-04', '2026-12-03']);
    const [dec4, dec3] = days;
    expect(dec3).toMatchObject({ seconds: 32 * 60, minutes: 30, counts: { coding: 1, question: 2 }, ksbs: ['K1', 'K12', 'S5'], rowIds: ['c1', 'q1', 'q2'] });
    expect(dec3!.description).toBe('Practice in Coder Pathway: 1 coded case and 2 theory questions (32 minutes of active practice, measured by the app with idle time left out).');
    // Ten minutes is not enough to log.
    expect(dec4).toMatchObject({ minutes: 0, rowIds: ['a1'] });
  });

  it('lists three kinds or more with commas', () => {
    expect(describePractice({ coding: 2, audit: 1, query: 1 }, 3600)).toMatch(/2 coded cases, 1 coding audit and 1 clinical query \(60 minutes/);
  });
});

describe('a KSB’s practice record as evidence', () => {
  const facts = (over: Partial<PracticeFacts> = {}): PracticeFacts => ({
    coding: [],
    questions: { answered: 0, right: 0 },
    audits: { done: 0, correct: 0, of: 0 },
    queries: { written: 0, marked: 0, criteriaMet: 0, criteriaMarked: 0 },
    ...over,
  });
  const day = new Date('2026-12-07T12:00:00Z');
  const s5 = { code: 'S5', text: 'Apply the four-step coding process' };

  it('gives the figures of each kind practised, and the coding trend from six cases', () => {
    const coding = [...Array(3).fill({ correct: 3, of: 4 }), ...Array(3).fill({ correct: 4, of: 4 })];
    const text = practiceRecordAccount(s5, facts({ coding, questions: { answered: 20, right: 17 }, queries: { written: 2, marked: 1, criteriaMet: 4, criteriaMarked: 5 } }), day);
    expect(text).toContain('as Coder Pathway recorded it on 7 Dec 2026');
    expect(text).toContain('Coding practice: 6 cases coded, 21 of 24 codes right (88%). 75% over the first 3 and 100% over the latest 3: improving.');
    expect(text).toContain('Theory questions: 20 answers, 17 right (85%).');
    expect(text).toContain('Clinical query practice: 2 query decisions, 1 marked by my trainer, meeting 4 of 5 rubric criteria.');
    expect(text).not.toContain('Audit practice');
    expect(text.trimEnd().endsWith('what I will practise next:')).toBe(true);
  });

  it('shows no trend under six cases, and knows when there is nothing to show', () => {
    expect(codingTrend(Array(5).fill({ correct: 1, of: 1 }))).toBeNull();
    expect(codingTrend([...Array(3).fill({ correct: 4, of: 4 }), ...Array(3).fill({ correct: 2, of: 4 })])).toEqual({ first: 100, latest: 50, half: 3 });
    expect(hasPractice(facts())).toBe(false);
    expect(hasPractice(facts({ audits: { done: 1, correct: 3, of: 5 } }))).toBe(true);
  });
});
