import 'server-only';
import { cookies } from 'next/headers';
import { decode } from 'next-auth/jwt';
import { SESSION_COOKIES } from './cookie-names';
import { claimOf, type SessionClaim } from './session-claim';

/** A token over 4 KB is split by Auth.js into `name.0`, `name.1`, …; put back together here. */
function tokenIn(jar: { name: string; value: string }[], name: string): string | undefined {
  const whole = jar.find((c) => c.name === name);
  if (whole) return whole.value;
  const chunks = jar
    .filter((c) => c.name.startsWith(`${name}.`) && /^\d+$/.test(c.name.slice(name.length + 1)))
    .sort((a, b) => Number(a.name.slice(name.length + 1)) - Number(b.name.slice(name.length + 1)));
  return chunks.length ? chunks.map((c) => c.value).join('') : undefined;
}

export { sessionStillValid, type SessionClaim } from './session-claim';

/**
 * The session cookie's claim, or null (no cookie, a token that does not decrypt with this secret, one
 * past its expiry — jose checks `exp` — or one with no session id: see claimOf). This is what `auth()`
 * from next-auth does for a page, less its second half: `auth()` also re-encrypts a rolled token and
 * builds a response to set it, which it then throws away, since it never sets cookies when called
 * without arguments (next-auth 5, lib/index.js). That half cost about 1.5 ms of CPU on every request here.
 * Whether the session was since ended (signed out, password changed, user disabled) is for the viewer
 * query to say (lib/dal/viewer.ts).
 */
export async function readSession(secret: string): Promise<SessionClaim | null> {
  const jar = (await cookies()).getAll();
  for (const name of SESSION_COOKIES) {
    const token = tokenIn(jar, name);
    if (!token) continue;
    try {
      return claimOf(await decode({ token, secret, salt: name }));
    } catch {
      return null;
    }
  }
  return null;
}
