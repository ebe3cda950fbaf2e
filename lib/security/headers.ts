/**
 * Security headers that depend on the request: the Content-Security-Policy (a fresh nonce per page) and
 * Strict-Transport-Security (HTTPS only). proxy.ts sets them; next.config.ts sets the static ones
 * (nosniff, Referrer-Policy, X-Frame-Options, Permissions-Policy) on every response, static files included.
 * Plain functions, no next/*: tested in tests/unit/security/headers.test.ts.
 */

/**
 * What a response is, for its policy:
 * - `page`: HTML from the App Router (sign-in, every signed-in page, 404 and error pages) and the RSC and
 *   server-action requests made from those pages. Scripts and styles must carry the request's nonce.
 * - `api`: route handlers (JSON, CSV, PDF and ZIP downloads, Auth.js). Nothing in them should ever run or load.
 * - `file`: evidence files (app/api/files). The route sets its own policy (lib/files/http.ts): a preview is
 *   framed by our marking page and a PDF preview must stay unsandboxed for Chromium's viewer. A second
 *   policy from here would be appended to the route's, not replace it, so none is added.
 */
export type ResponseKind = 'page' | 'api' | 'file';

export function responseKind(pathname: string): ResponseKind {
  if (pathname.startsWith('/api/files/')) return 'file';
  if (pathname === '/api' || pathname.startsWith('/api/')) return 'api';
  return 'page';
}

export type PolicyOptions = {
  /** `next dev`: React rebuilds server error stacks with eval, and dev CSS arrives as un-nonced <style>. */
  dev: boolean;
  /** Served over HTTPS: only then may the browser upgrade any stray http:// subresource. */
  https: boolean;
  /**
   * Where a form may lead besides ourselves: the identity providers' origins (proxy.ts). Without
   * JavaScript, "Sign in with Microsoft" is a plain form POST answered with a redirect to Microsoft, and
   * Chromium checks form-action against that redirect too; so is signing out of the provider as well.
   */
  formActionOrigins?: readonly string[];
};

/**
 * The policy for a page. `'strict-dynamic'`: the nonced framework scripts may load the chunks they need
 * (code picker search, charts, upload progress, the mock paper's timer); nothing else runs, and
 * `'self'` is then ignored by browsers that understand it (kept for those that do not).
 *
 * Styles: nonce only, no `'unsafe-inline'`. Tailwind compiles to a stylesheet from /_next/static, and Next
 * puts the nonce on the <style> and <script> tags it writes. Inline `style="…"` attributes in server HTML
 * cannot carry a nonce, and with a nonce present browsers ignore `'unsafe-inline'` for attributes as well,
 * so the app renders none: bars are SVG, not styled divs (lint: react/forbid-dom-props). A style set from
 * client code after hydration goes through the CSSOM, which CSP does not restrict.
 */
export function pagePolicy(nonce: string, { dev, https, formActionOrigins = [] }: PolicyOptions): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    dev ? "style-src 'self' 'unsafe-inline'" : `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    ['form-action', "'self'", ...formActionOrigins].join(' '),
    // As X-Frame-Options: DENY on pages (next.config.ts). Only evidence previews may be framed, by us.
    "frame-ancestors 'none'",
  ];
  if (https) directives.push('upgrade-insecure-requests');
  return directives.join('; ');
}

/**
 * The policy for a route handler's response. Nothing in JSON, CSV, a PDF report or a ZIP needs to run,
 * load or be framed; if a browser were ever talked into rendering one as a page, it stays inert.
 * `form-action 'self'` lets Auth.js's own sign-out confirmation (GET /api/auth/signout) still post.
 */
export const API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/** Two years, subdomains included (the preload list's minimum is one year). */
export const HSTS = 'max-age=63072000; includeSubDomains';

/**
 * Powerful features nobody in the app uses, denied to our pages and to anything they frame. Only
 * features Chromium recognises: an unknown name makes it log an error on every page (Debian's Chromium does
 * not know `bluetooth`, for one; the browser tests fail on any such message).
 */
export const PERMISSIONS_POLICY = [
  'accelerometer',
  'autoplay',
  'browsing-topics',
  'camera',
  'display-capture',
  'geolocation',
  'gyroscope',
  'hid',
  'identity-credentials-get',
  'idle-detection',
  'magnetometer',
  'microphone',
  'midi',
  'payment',
  'publickey-credentials-get',
  'screen-wake-lock',
  'serial',
  'usb',
  'xr-spatial-tracking',
]
  .map((feature) => `${feature}=()`)
  .join(', ');

/**
 * Whether the request reached us over HTTPS: directly, or through a proxy that terminated TLS and says so
 * in X-Forwarded-Proto (the first value, when proxies are chained). Trusting the header is safe here: a
 * browser ignores HSTS received over plain HTTP, so a forged header gains nothing.
 */
export function isHttps(request: { url: string; headers: Headers }): boolean {
  const forwarded = request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
  return forwarded === 'https' || new URL(request.url).protocol === 'https:';
}

/** 128 random bits, base64: a fresh one for every page request. */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/**
 * The request-dependent headers for a response. `nonce` is needed for pages only. Returned as pairs so
 * the proxy can set them on the response and (the CSP) on the request, where Next reads the nonce from.
 */
export function securityHeaders(
  pathname: string,
  options: PolicyOptions & { nonce?: string },
): { kind: ResponseKind; headers: Record<string, string> } {
  const kind = responseKind(pathname);
  const headers: Record<string, string> = {};
  if (kind === 'page') {
    if (!options.nonce) throw new Error('a page needs a nonce for its Content-Security-Policy');
    headers['Content-Security-Policy'] = pagePolicy(options.nonce, options);
  } else if (kind === 'api') headers['Content-Security-Policy'] = API_POLICY;
  if (options.https) headers['Strict-Transport-Security'] = HSTS;
  return { kind, headers };
}
