/**
 * Request guards the proxy (proxy.ts) applies before Next.js sees a server-action request or an Auth.js
 * request. Next.js refuses each of these itself, but by throwing inside its action handler, which answers
 * 500 (issue 14, point 5): a body over the action limit, a body that is not what React's client sends, an
 * action posted from another site, and (in Auth.js) a callback URL that is not ours. Here they get a clear
 * 400, 403 or 413 before anything runs, so nothing is written.
 *
 * What Next.js 16 does with a POST to a page (next/dist/server/app-render/action-handler.js):
 * - `Next-Action: <id>` makes it a fetch action. React's client sends its arguments as
 *   `text/plain;charset=UTF-8` (encodeReply gave a string: one JSON row) or `multipart/form-data` (a FormData
 *   argument, or rows that need outlining). `application/x-www-form-urlencoded` is answered "not found";
 *   anything else (application/json, none) is decoded as if it were text, and a body that is not a React reply
 *   throws: 500.
 * - `multipart/form-data` without the header is a form posted without JavaScript (a "progressive" action).
 * - The Origin's host must be the `x-forwarded-host` (its first value) or else `host`, or be listed in
 *   `serverActions.allowedOrigins`; otherwise Next.js throws "Invalid Server Actions request" (500). A missing
 *   Origin is let through (not a browser, so no cookies it was not given), as Next.js does.
 * - The body limit is `serverActions.bodySizeLimit` (1 MB by default). Past it Next.js throws an ApiError(413)
 *   inside the handler, which it answers 500.
 *
 * Plain functions, no next/*: tested in tests/unit/security/request-guards.test.ts.
 */

/** Next.js's default `serverActions.bodySizeLimit` (next.config.ts does not change it). */
export const ACTION_BODY_LIMIT = 1024 * 1024;

/** Other origins (hosts, as in `serverActions.allowedOrigins`) that may call our actions: none. */
export const ACTION_ALLOWED_ORIGINS: readonly string[] = [];

/** How deep a server action's arguments may nest: our forms send flat objects and short lists. */
export const ACTION_MAX_DEPTH = 32;

export type Refusal = { status: 400 | 403 | 413; message: string };

export const MESSAGES = {
  crossSite: 'This request came from another site. Open the page on this site and try again.',
  tooLarge: 'What was sent is larger than 1 MB, more than any form here takes. Shorten it (attach files separately) and try again.',
  contentType: 'That request could not be read: a form here is sent as form data or text. Reload the page and try again.',
  unreadable: 'That request could not be read. Reload the page and try again.',
  callbackUrl: 'That sign-in link is not valid: it would lead away from this site. Go to the sign-in page and sign in there.',
  address: 'That address could not be read: part of it is not valid text. Check the link and try again.',
} as const;

/**
 * A path with a percent-encoding that is not UTF-8 (`%F0%28`, or an encoded lone surrogate `%ED%A0%80`):
 * Next.js fails to decode a dynamic segment of it and answers 500, on pages and route handlers alike. 400.
 */
export function checkPath(pathname: string): Refusal | null {
  try {
    decodeURIComponent(pathname);
    return null;
  } catch {
    return { status: 400, message: MESSAGES.address };
  }
}

type RequestLike = { method: string; pathname: string; headers: Headers };

/** What kind of server-action request this is, if any. Route handlers (/api/…) run no actions. */
export function actionKind({ method, pathname, headers }: RequestLike): 'fetch' | 'form' | null {
  if (method !== 'POST' || pathname === '/api' || pathname.startsWith('/api/')) return null;
  if (headers.has('next-action')) return 'fetch';
  if (mediaType(headers) === 'multipart/form-data') return 'form';
  return null;
}

/** The content type without its parameters, lower case ('' when there is none). */
export function mediaType(headers: Headers): string {
  return (headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
}

/** The host the request was made to, as Next.js's action handler reads it. */
export function requestHost(headers: Headers): string | null {
  const forwarded = headers.get('x-forwarded-host')?.split(',')[0]?.trim();
  return forwarded || headers.get('host');
}

/** Whether a host matches a pattern of `serverActions.allowedOrigins` (`*` one label, `**` any below). */
export function hostAllowed(host: string, patterns: readonly string[]): boolean {
  const h = host.toLowerCase().split('.');
  return patterns.some((pattern) => {
    const p = pattern.toLowerCase().split('.');
    if (p.length === 1 && (p[0] === '*' || p[0] === '**')) return false;
    for (let i = 1; i <= p.length; i++) {
      const part = p[p.length - i]!;
      const label = h[h.length - i];
      if (part === '**') return i === p.length && h.length > p.length - 1;
      if (!label || (part !== '*' && part !== label)) return false;
    }
    return h.length === p.length;
  });
}

/** The Origin's host, or null when the request has none; 'bad' when it is not a URL (Next.js: 500). */
function originHost(headers: Headers): string | null | 'bad' {
  const origin = headers.get('origin');
  if (origin === null) return null;
  if (origin === 'null') return 'bad';
  try {
    return new URL(origin).host;
  } catch {
    return 'bad';
  }
}

/**
 * What can be decided from the headers alone: another site (403), a body declared over the limit (413), a
 * content type React's client never sends (400). Null: carry on (and check the body: checkActionBody).
 */
export function checkActionHeaders(request: RequestLike, allowedOrigins: readonly string[] = ACTION_ALLOWED_ORIGINS): Refusal | null {
  const kind = actionKind(request);
  if (!kind) return null;
  const { headers } = request;
  const origin = originHost(headers);
  if (origin !== null) {
    const host = requestHost(headers);
    if (origin === 'bad' || !host || (origin !== host && !hostAllowed(origin, allowedOrigins))) return { status: 403, message: MESSAGES.crossSite };
  }
  const declared = headers.get('content-length');
  if (declared !== null && !(Number(declared) <= ACTION_BODY_LIMIT)) return { status: 413, message: MESSAGES.tooLarge };
  const type = mediaType(headers);
  if (kind === 'fetch' && type !== 'text/plain' && type !== 'multipart/form-data') return { status: 400, message: MESSAGES.contentType };
  if (type === 'multipart/form-data' && !/;\s*boundary=/i.test(headers.get('content-type') ?? '')) return { status: 400, message: MESSAGES.contentType };
  return null;
}

// A string React's reply format reads as something other than itself: `$$` is an escaped `$`; these are the
// values encodeReply writes inline (undefined, NaN, ±Infinity, -0, a BigInt, a Date). `$K<id>` is a FormData
// argument (its entries are the fields named `<id>_…`), valid only in a multipart body. Every other `$…`
// refers to another row of the reply (a Map, a Set, a Blob, a promise, a server reference, a temporary
// reference): our actions take none, and one that is missing leaves React waiting and then throwing.
const INLINE = /^\$(?:\$.*|undefined|NaN|Infinity|-Infinity|-0|n-?\d{1,400}|D.*)$/s;
const FORM_DATA = /^\$K[0-9a-f]{1,8}$/;

/** Whether a decoded row holds only what our actions take: plain JSON, the inline values, FormData (multipart). */
export function plainReplyValue(value: unknown, multipart: boolean, depth = 0): boolean {
  if (depth > ACTION_MAX_DEPTH) return false;
  if (typeof value === 'string') return !value.startsWith('$') || INLINE.test(value) || (multipart && FORM_DATA.test(value));
  if (Array.isArray(value)) return value.every((v) => plainReplyValue(v, multipart, depth + 1));
  if (value && typeof value === 'object') return Object.entries(value).every(([k, v]) => !k.startsWith('$') && plainReplyValue(v, multipart, depth + 1));
  return true;
}

/**
 * The body of a fetch action, read by the proxy: over the limit (413, also when no Content-Length said so);
 * not a React reply of plain arguments (400). `text` is the body as text (a text/plain body), or the
 * JSON of the root row (the field named `0` of a multipart body; null when missing).
 */
export function checkActionBody(bytes: number, root: string | null, multipart: boolean): Refusal | null {
  if (bytes > ACTION_BODY_LIMIT) return { status: 413, message: MESSAGES.tooLarge };
  if (root === null) return { status: 400, message: MESSAGES.unreadable };
  let args: unknown;
  try {
    args = JSON.parse(root);
  } catch {
    return { status: 400, message: MESSAGES.unreadable };
  }
  if (!Array.isArray(args) || !plainReplyValue(args, multipart)) return { status: 400, message: MESSAGES.unreadable };
  return null;
}

/** Auth.js's callback URL cookie, over HTTP and HTTPS (lib/auth.ts keeps Auth.js's default names). */
export const CALLBACK_URL_COOKIES = ['authjs.callback-url', '__Secure-authjs.callback-url'] as const;

/**
 * Whether a callback URL leads somewhere on this site: a path (`/…`, not `//…` or `/\…`, which browsers
 * read as another host), or an http(s) URL whose host is the request's. Auth.js answers any other (a
 * `javascript:` URL, a bare word) with a configuration error: 500.
 */
export function sameSiteCallback(value: string, host: string | null): boolean {
  if (/^\/(?![/\\])/.test(value)) return !/[\u0000-\u001f]/.test(value);
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && host !== null && url.host === host.toLowerCase();
  } catch {
    return false;
  }
}

/**
 * For /api/auth/*: a `callbackUrl` parameter leading elsewhere is refused (400); a callback URL cookie
 * leading elsewhere is dropped, so Auth.js carries on with its default. `cookie` is the Cookie header to pass
 * on instead (null: unchanged). The header is read as sent: a name may come twice, and Next.js's parser and
 * Auth.js's need not pick the same one, so every copy is judged.
 */
export function checkAuthRequest(url: URL, headers: Headers): { refusal: Refusal | null; cookie: string | null } {
  const host = requestHost(headers);
  const param = url.searchParams.get('callbackUrl');
  const refusal = param !== null && !sameSiteCallback(param, host) ? ({ status: 400, message: MESSAGES.callbackUrl } as const) : null;
  const raw = headers.get('cookie');
  if (raw === null) return { refusal, cookie: null };
  const pairs = raw.split(';').map((p) => p.trim()).filter(Boolean);
  const kept = pairs.filter((pair) => {
    const at = pair.indexOf('=');
    const name = at < 0 ? pair : pair.slice(0, at);
    if (!(CALLBACK_URL_COOKIES as readonly string[]).includes(name)) return true;
    let value = pair.slice(at + 1);
    try {
      value = decodeURIComponent(value);
    } catch {
      return false;
    }
    return sameSiteCallback(value, host);
  });
  return { refusal, cookie: kept.length === pairs.length ? null : kept.join('; ') };
}

/**
 * Auth.js's redirect callback (lib/auth.ts): where to go after signing in or out. A path on this site, or a URL
 * of this site; anything else goes home. Auth.js's default throws on a value that is neither a path nor a URL
 * (`callbackUrl=foo` in a sign-in or sign-out form: "error=Configuration"); this never throws.
 */
export function safeRedirect(url: string, baseUrl: string): string {
  if (/^\/(?![/\\])/.test(url) && !/[\u0000-\u001f]/.test(url)) return `${baseUrl}${url}`;
  try {
    if (new URL(url).origin === new URL(baseUrl).origin) return url;
  } catch {
    // not a URL: home
  }
  return baseUrl;
}
