/**
 * Practice time that may count as off-the-job training (issue 19, point 5). The browser counts the seconds
 * a practice page is visible and in use (components/practice/use-active-time.ts); the server trusts that
 * count only as far as these rules allow, since it comes from the client.
 */
export type PracticeKind = 'coding' | 'question' | 'audit' | 'query' | 'mock';

/** Idle after this long without a key, pointer or scroll: the seconds since stop counting until the next one. */
export const IDLE_AFTER_S = 60;

/**
 * The most one piece of practice can count, by kind: a case is coded in well under an hour, a theory question
 * in minutes. A mock paper counts up to its own time allowed, which the caller passes as `limitSeconds`.
 */
export const CAP_SECONDS: Record<PracticeKind, number> = { coding: 45 * 60, question: 5 * 60, audit: 45 * 60, query: 30 * 60, mock: 4 * 60 * 60 };

/**
 * The seconds to record for one piece of practice: what the browser counted, never more than the kind's cap,
 * the item's own limit, or the time between the page opening and the answer arriving (a count the clock
 * could not have run up); 0 for anything that is not a finite, positive number.
 */
export function countedSeconds(kind: PracticeKind, reported: unknown, opts: { elapsedSeconds?: number; limitSeconds?: number } = {}): number {
  if (typeof reported !== 'number' || !Number.isFinite(reported) || reported <= 0) return 0;
  const limits = [CAP_SECONDS[kind], opts.limitSeconds, opts.elapsedSeconds].filter((n): n is number => typeof n === 'number' && Number.isFinite(n) && n >= 0);
  return Math.floor(Math.min(reported, ...limits));
}

/**
 * Active seconds from the moments of activity the browser saw (ms timestamps, any order): each gap between
 * two moments counts in full up to IDLE_AFTER_S, and a longer gap counts IDLE_AFTER_S (the reading time
 * before the person went idle). Pure, so the client hook and its tests share it.
 */
export function activeSecondsOf(moments: readonly number[], idleAfterS = IDLE_AFTER_S): number {
  const sorted = [...moments].filter(Number.isFinite).sort((a, b) => a - b);
  let total = 0;
  for (let i = 1; i < sorted.length; i++) total += Math.min((sorted[i]! - sorted[i - 1]!) / 1000, idleAfterS);
  return Math.floor(total);
}

/** Practice seconds as off-the-job minutes: whole quarter-hours, as off-the-job entries are kept, rounded down. */
export const quarterHoursOf = (seconds: number) => Math.floor(seconds / 60 / 15) * 15;
