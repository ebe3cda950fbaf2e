// Sign-in throttling (plain functions; the counts come from the database, so every app instance
// sees the same ones: lib/auth/authenticate.ts).
//
// Failed sign-ins are counted over the last WINDOW_MS by what was typed as the email (known account
// or not) and by the client's address. A sign-in is refused, without a different answer, while
//   - that email has LIMITS.accountAddress failures from this address (someone guessing one password);
//   - this address has LIMITS.address failures, whatever the emails (someone trying many accounts);
//   - that email has LIMITS.account failures from all addresses together (guessing spread over many
//     addresses).
// An attempt refused by a limit is not counted, so a limit lifts as its failures age out of the window.
// One address can add at most LIMITS.accountAddress failures to an email, fewer than LIMITS.account:
// nobody can lock an account for everyone from a single address (decision 2026-12-06, issue 14 §6).

export const WINDOW_MS = 15 * 60 * 1000;

export const LIMITS = {
  accountAddress: 5,
  address: 100,
  account: 20,
} as const;

export type ThrottleScope = keyof typeof LIMITS;
export type FailureCounts = Record<ThrottleScope, number>;

const SCOPES = Object.keys(LIMITS) as ThrottleScope[];

/** The first limit these failures (within the window) have reached, or null: the sign-in may go ahead. */
export function throttledBy(counts: FailureCounts): ThrottleScope | null {
  return SCOPES.find((s) => counts[s] >= LIMITS[s]) ?? null;
}

/** The limits one more failure reaches (each is reached once: that failure is the lock-out). */
export function limitsReachedBy(counts: FailureCounts): ThrottleScope[] {
  return SCOPES.filter((s) => counts[s] + 1 === LIMITS[s]);
}

/** Rows older than this can no longer count, and are deleted as new failures come in. */
export const KEEP_MS = 2 * WINDOW_MS;
