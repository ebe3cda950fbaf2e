/**
 * One line saying why a sign-in failed, for the server log and the audit log: Auth.js logs its own
 * error class ("CallbackRouteError") and hides the cause in `cause.err`, often two or three levels deep
 * ("fetch failed" ← "connect ECONNREFUSED 127.0.0.1:8443", or "self-signed certificate in chain").
 * Walks the chain, names each Auth.js error by its type, and drops the "Read more at https://errors.authjs.dev#…" tails.
 */
export function describeAuthError(error: unknown): string {
  const parts: string[] = [];
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current !== undefined && current !== null && !seen.has(current) && parts.length < 6) {
    seen.add(current);
    if (current instanceof Error) {
      const message = current.message.replace(/\.? ?Read more at https:\/\/errors\.authjs\.dev#\S*/, '').trim();
      const code = (current as { code?: unknown }).code;
      // Auth.js's `type` ("InvalidCheck"), not its `name`: a production build minifies class names to "d".
      const type = (current as { type?: unknown }).type;
      const name = typeof type === 'string' && type !== 'AuthError' ? type : current.name;
      parts.push([name, message, typeof code === 'string' && !message.includes(code) ? `(${code})` : ''].filter(Boolean).join(': ').replace(/: \(/, ' ('));
      current = nextCause(current.cause);
    } else if (typeof current === 'string') {
      parts.push(current);
      break;
    } else {
      current = nextCause(current);
    }
  }
  return parts.length ? parts.join(' ← ') : 'unknown error';
}

/** Auth.js wraps a cause as `{ err, provider, … }`; Node's fetch and others set `cause` to the error itself. */
function nextCause(cause: unknown): unknown {
  if (cause && typeof cause === 'object' && !(cause instanceof Error) && 'err' in cause) return (cause as { err: unknown }).err;
  return cause;
}

/** The provider Auth.js names in an error's cause (`CallbackRouteError` carries it), if any. */
export function providerOfAuthError(error: unknown): string | null {
  const cause = error instanceof Error ? error.cause : undefined;
  const provider = cause && typeof cause === 'object' && 'provider' in cause ? (cause as { provider: unknown }).provider : null;
  return typeof provider === 'string' ? provider : null;
}
