// Account lock-out after repeated failed passwords (plain function; the times come from the database).
export const MAX_FAILURES = 5;
export const WINDOW_MS = 15 * 60 * 1000;
export const LOCK_MS = 15 * 60 * 1000;

/**
 * Given the times of an account's failed sign-ins, is it locked at `now`, and until when?
 * Locked when some failure was the MAX_FAILURES-th within WINDOW_MS, and that failure is less
 * than LOCK_MS ago. Attempts refused while locked are not recorded, so the lock ends on time.
 */
export function lockState(failures: readonly Date[], now: Date): { locked: false } | { locked: true; until: Date } {
  const times = failures.map((d) => d.getTime()).filter((t) => t <= now.getTime()).sort((a, b) => a - b);
  let until = -Infinity;
  for (let i = MAX_FAILURES - 1; i < times.length; i++) {
    const t = times[i]!;
    if (t - times[i - MAX_FAILURES + 1]! < WINDOW_MS) until = Math.max(until, t + LOCK_MS);
  }
  return until > now.getTime() ? { locked: true, until: new Date(until) } : { locked: false };
}

/** Failures older than this cannot affect lockState, so they need not be read. */
export const RELEVANT_MS = WINDOW_MS + LOCK_MS;
