/**
 * What /api/health answers: each dependency `ok` or a short reason, and `ok` overall only when all
 * that must work do. A reason is shown to anyone, so it never names a host or holds a secret: a check
 * whose own words could (a database driver's error) says `unreachable` and logs the cause instead.
 */
export type Check = () => Promise<void>;
export type CheckOutcome = { state: 'ok' } | { state: 'failed'; reason: string } | { state: 'info'; note: string };
export type HealthReport = { ok: boolean; database: string; storage: string; queue: string };

export const CHECK_TIMEOUT_MS = 3_000;

export class SafeReason extends Error {}

/** Runs one check with a time limit: `ok`, or why not (a SafeReason's words, else `fallback`). */
export async function runCheck(check: Check, fallback: string, timeoutMs = CHECK_TIMEOUT_MS): Promise<CheckOutcome> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([
      check(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new SafeReason(`did not answer within ${timeoutMs / 1000} s`)), timeoutMs);
      }),
    ]);
    return { state: 'ok' };
  } catch (e) {
    if (e instanceof SafeReason) return { state: 'failed', reason: e.message };
    // The store's own check already speaks in safe words (lib/files/storage); anything else is logged.
    console.error(`health: ${fallback}:`, e);
    return { state: 'failed', reason: fallback };
  } finally {
    clearTimeout(timer);
  }
}

const word = (o: CheckOutcome) => (o.state === 'ok' ? 'ok' : o.state === 'failed' ? o.reason : o.note);

/** The three outcomes as one answer; an `info` outcome (a queue this process only sends to) is not a failure. */
export function healthReport(outcomes: { database: CheckOutcome; storage: CheckOutcome; queue: CheckOutcome }): HealthReport {
  return {
    ok: Object.values(outcomes).every((o) => o.state !== 'failed'),
    database: word(outcomes.database),
    storage: word(outcomes.storage),
    queue: word(outcomes.queue),
  };
}
