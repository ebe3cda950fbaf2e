import { isIP } from 'node:net';

/**
 * The address a sign-in came from, for throttling (lib/auth/throttle.ts), from X-Forwarded-For.
 *
 * Next.js fills that header with the socket's address only when the request has none (base-server.js:
 * `??=`), so whoever reaches the app directly can write it. `trustedProxies` is how many reverse proxies
 * in front of the app each append the address they saw (TRUSTED_PROXIES): the entry the outermost of
 * them added is the client, and anything left of it is what the client sent. With none (the app
 * reached directly) the last entry is used, which is the socket's address unless the client sent the
 * header itself: in production put a proxy in front that sets it.
 *
 * An IPv6 address counts by its /64, the block one subscriber usually holds; anything that is not an
 * address is 'unknown' (one shared bucket, and nothing the client wrote is stored).
 */
export function clientAddress(headers: Headers, trustedProxies = 0): string {
  const list = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  // Fewer entries than proxies: the client reached an inner proxy; its entry is then the first.
  const entry = list[Math.max(0, list.length - Math.max(1, trustedProxies))];
  return entry ? normaliseAddress(entry) : 'unknown';
}

export function normaliseAddress(raw: string): string {
  let a = raw.trim();
  // [v6]:port, v4:port
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(a);
  if (bracketed) a = bracketed[1]!;
  else if (/^[\d.]+:\d+$/.test(a)) a = a.slice(0, a.lastIndexOf(':'));
  a = a.replace(/%.*$/, ''); // zone id
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(a);
  if (mapped) a = mapped[1]!;
  const kind = isIP(a);
  if (kind === 4) return a;
  if (kind === 6) return `${expandV6(a).slice(0, 4).join(':')}::/64`;
  return 'unknown';
}

/** The eight 16-bit groups of an IPv6 address, lower-case, without leading zeros. */
function expandV6(address: string): string[] {
  // An embedded IPv4 (::ffff:0:1.2.3.4, 64:ff9b::1.2.3.4) is the last 32 bits, which are not kept anyway.
  const a = address.replace(/\d+\.\d+\.\d+\.\d+$/, '0:0');
  const [head, rest] = a.split('::') as [string, string | undefined];
  const left = head ? head.split(':') : [];
  const right = rest ? rest.split(':') : [];
  const middle = rest !== undefined ? Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0') : [];
  return [...left, ...middle, ...right].map((g) => parseInt(g || '0', 16).toString(16));
}
