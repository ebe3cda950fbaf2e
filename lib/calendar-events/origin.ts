/**
 * The origin a browser or calendar app used to reach the service: behind a proxy that is the forwarded host
 * and protocol (their first values), not the address the server listens on. Feed addresses and the links
 * inside a feed are built from it, so they work from where they are read.
 */
export function publicOrigin(headers: Headers, fallback: string): string {
  const first = (name: string) => headers.get(name)?.split(',')[0]?.trim() || null;
  const fallbackUrl = new URL(fallback);
  const host = first('x-forwarded-host') ?? first('host') ?? fallbackUrl.host;
  const proto = first('x-forwarded-proto') ?? fallbackUrl.protocol.replace(/:$/, '');
  return `${proto}://${host}`;
}
