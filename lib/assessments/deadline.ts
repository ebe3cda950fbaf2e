/** The time, injectable: the server uses systemClock, tests a fake one. */
export type Clock = { now(): Date };
export const systemClock: Clock = { now: () => new Date() };

/**
 * When a paper started at `startedAt` must be submitted: its minutes plus extra time (a reasonable
 * adjustment, e.g. 25 → ×1.25), rounded up to a whole second so extra time is never cut short.
 */
export function deadlineFor(startedAt: Date, minutes: number, extraTimePercent = 0): Date {
  if (!(minutes >= 0) || !(extraTimePercent >= 0)) throw new RangeError(`deadlineFor: minutes (${minutes}) and extra time (${extraTimePercent}%) must be 0 or more`);
  // Rounded to 6 dp before the ceiling so floating-point noise (12.000000001 s) does not add a second.
  const seconds = Math.ceil(Math.round((minutes * 60 * (100 + extraTimePercent)) / 100 * 1e6) / 1e6);
  return new Date(startedAt.getTime() + seconds * 1000);
}

/** A paper's length with extra time in whole minutes, as the confirmation states it: deadlineFor's, rounded up. */
export const minutesWithExtraTime = (minutes: number, extraTimePercent: number) => Math.ceil(deadlineFor(new Date(0), minutes, extraTimePercent).getTime() / 60_000);

/** Milliseconds until the deadline; 0 once it has passed. */
export const msLeft = (deadline: Date, now: Date) => Math.max(0, deadline.getTime() - now.getTime());

/**
 * Whether something done at `at` is after the deadline. `graceMs` allows for the time a submission
 * takes to arrive when the timer submits at zero; the deadline itself is on time.
 */
export const isLate = (deadline: Date, at: Date, graceMs = 0) => at.getTime() > deadline.getTime() + graceMs;

/** Whether a scheduled window is open: from opensAt (included) to closesAt (excluded). */
export const isWindowOpen = (window: { opensAt: Date; closesAt: Date }, now: Date) =>
  now.getTime() >= window.opensAt.getTime() && now.getTime() < window.closesAt.getTime();

/** Minutes left at which a screen-reader live region announces the time, most urgent last. */
export const ANNOUNCE_AT_MINUTES = [30, 10, 5, 1] as const;

/**
 * What the timer's live region should say when the time left goes from `previousMsLeft` to `msLeft`:
 * "30 minutes left" on crossing 30, 10, 5 and 1 minutes, "Time is up" on reaching zero, otherwise
 * null. When one tick crosses several (a laptop woke from sleep), only the most urgent is said.
 * A clock that moves back announces nothing, so each threshold is said once.
 */
export function announcementFor(previousMsLeft: number, msLeft: number): string | null {
  if (previousMsLeft > 0 && msLeft <= 0) return 'Time is up';
  let said: string | null = null;
  for (const m of ANNOUNCE_AT_MINUTES) {
    const at = m * 60_000;
    if (previousMsLeft > at && msLeft <= at) said = m === 1 ? '1 minute left' : `${m} minutes left`;
  }
  return said;
}

/**
 * The time left as a countdown shows it: "2:59:59" from an hour up, "4:05" below. Seconds round up,
 * so the display reads 0:00 only when the time is up.
 */
export function formatTimeLeft(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}
