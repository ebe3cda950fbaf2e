import { quarterHoursOf, type PracticeKind } from './active-time';
import { listInWords } from '@/lib/format';

/**
 * Practice time offered as off-the-job training (issue 19, point 5): one entry per day, of the whole
 * quarter-hours actively practised that day (off-the-job entries are kept in quarter-hours), described in
 * words and tagged with every KSB the practice was tied to. A day with less than a quarter of an hour is
 * shown but not offered: it is not enough to log.
 */
export type PracticeTimeRow = { id: string; kind: PracticeKind; activityDate: string; activeSeconds: number; ksbs: readonly string[] };
export type PracticeDay = { activityDate: string; seconds: number; minutes: number; counts: Partial<Record<PracticeKind, number>>; ksbs: string[]; description: string; rowIds: string[] };

const NOUN: Record<PracticeKind, [string, string]> = {
  coding: ['coded case', 'coded cases'],
  question: ['theory question', 'theory questions'],
  audit: ['coding audit', 'coding audits'],
  query: ['clinical query', 'clinical queries'],
  mock: ['mock paper', 'mock papers'],
};
const ORDER: PracticeKind[] = ['coding', 'question', 'audit', 'query', 'mock'];
const KSB_ORDER = (c: string) => 'KSB'.indexOf(c[0]!) * 100 + Number(c.slice(1));

export function describePractice(counts: Partial<Record<PracticeKind, number>>, seconds: number): string {
  const parts = ORDER.filter((k) => counts[k]).map((k) => `${counts[k]} ${NOUN[k][counts[k] === 1 ? 0 : 1]}`);
  const minutes = Math.floor(seconds / 60);
  return `Practice in Coder Pathway: ${listInWords(parts)} (${minutes} minutes of active practice, measured by the app with idle time left out).`;
}

/** The days to offer, newest first. */
export function practiceDays(rows: readonly PracticeTimeRow[]): PracticeDay[] {
  const byDate = new Map<string, PracticeTimeRow[]>();
  for (const r of rows) byDate.set(r.activityDate, [...(byDate.get(r.activityDate) ?? []), r]);
  return [...byDate.entries()]
    .sort(([a], [b]) => (a < b ? 1 : a > b ? -1 : 0))
    .map(([activityDate, day]) => {
      const seconds = day.reduce((s, r) => s + r.activeSeconds, 0);
      const counts: Partial<Record<PracticeKind, number>> = {};
      for (const r of day) counts[r.kind] = (counts[r.kind] ?? 0) + 1;
      const ksbs = [...new Set(day.flatMap((r) => r.ksbs))].sort((a, b) => KSB_ORDER(a) - KSB_ORDER(b));
      return { activityDate, seconds, minutes: quarterHoursOf(seconds), counts, ksbs, description: describePractice(counts, seconds), rowIds: day.map((r) => r.id).sort() };
    });
}
