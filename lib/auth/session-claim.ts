// The session as the token states it, and the rules that end one. Pure: the viewer query
// (lib/dal/viewer.ts), the cookie reader and the Auth.js callbacks share them.

/** Who the session cookie says is signed in, which session it is, and since when (ms since the epoch). */
export type SessionClaim = {
  userId: string;
  sessionId: string;
  signedInAt: number;
  /** The identity provider the session was signed in with (lib/auth/identity-providers.ts); absent for a password. */
  provider?: string | null;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The claim in a decoded session token, or null when it is not one of ours as it now stands. `sid` is the
 * session id written at sign-in (lib/auth.ts), which signing out revokes; a token without one (made
 * before sessions could be revoked) cannot be ended on the server, so it no longer counts. Both ids are
 * checked to be UUIDs, as the database would refuse anything else.
 *
 * `signedInAt` is the `authAt` the sign-in wrote into the token; a token from before that claim existed
 * falls back to `iat`, which is when the token was last written.
 */
export function claimOf(payload: Record<string, unknown> | null | undefined): SessionClaim | null {
  if (!payload) return null;
  const { sub, sid, authAt, iat, idp } = payload;
  if (typeof sub !== 'string' || !UUID.test(sub) || typeof sid !== 'string' || !UUID.test(sid)) return null;
  const signedInAt = typeof authAt === 'number' ? authAt : typeof iat === 'number' ? iat * 1000 : 0;
  return { userId: sub, sessionId: sid, signedInAt, provider: typeof idp === 'string' ? idp : null };
}

/**
 * Whether a session that began at `signedInAt` still stands for a user whose sessions are valid only
 * from `validFrom` (set when their password changes or is reset; null when it never has). Both times
 * come from the application's clock, never the database's, so a clock difference between the two
 * cannot end the session the user has just started.
 */
export function sessionStillValid(signedInAt: number, validFrom: Date | null): boolean {
  return validFrom === null || signedInAt >= validFrom.getTime();
}
