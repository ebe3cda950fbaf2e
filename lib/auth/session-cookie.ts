import 'server-only';
import { cookies } from 'next/headers';
import { decode } from 'next-auth/jwt';
import { SESSION_COOKIES } from './cookie-names';

/** A token over 4 KB is split by Auth.js into `name.0`, `name.1`, …; put back together here. */
function tokenIn(jar: { name: string; value: string }[], name: string): string | undefined {
  const whole = jar.find((c) => c.name === name);
  if (whole) return whole.value;
  const chunks = jar
    .filter((c) => c.name.startsWith(`${name}.`) && /^\d+$/.test(c.name.slice(name.length + 1)))
    .sort((a, b) => Number(a.name.slice(name.length + 1)) - Number(b.name.slice(name.length + 1)));
  return chunks.length ? chunks.map((c) => c.value).join('') : undefined;
}

/** Who the session cookie says is signed in, and since when (milliseconds since the epoch). */
export type SessionClaim = { userId: string; signedInAt: number };

/**
 * The session cookie's claim, or null (no cookie, a token that does not decrypt with this secret, or
 * one past its expiry: jose checks `exp`). This is what `auth()` from next-auth does for a page, less
 * its second half: `auth()` also re-encrypts a rolled token and builds a response to set it, which it
 * then throws away, since it never sets cookies when called without arguments (next-auth 5,
 * lib/index.js). That half cost about 1.5 ms of CPU on every request here.
 *
 * `signedInAt` is the `authAt` the sign-in wrote into the token (lib/auth.ts); a token from before
 * that claim existed falls back to `iat`, which is when the token was last written.
 */
export async function readSession(secret: string): Promise<SessionClaim | null> {
  const jar = (await cookies()).getAll();
  for (const name of SESSION_COOKIES) {
    const token = tokenIn(jar, name);
    if (!token) continue;
    try {
      const payload = await decode({ token, secret, salt: name });
      if (typeof payload?.sub !== 'string') return null;
      const signedInAt = typeof payload.authAt === 'number' ? payload.authAt : typeof payload.iat === 'number' ? payload.iat * 1000 : 0;
      return { userId: payload.sub, signedInAt };
    } catch {
      return null;
    }
  }
  return null;
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
