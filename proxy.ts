import { NextResponse, type NextRequest } from 'next/server';
import { SESSION_COOKIES } from '@/lib/auth/cookie-names';
import { env, identityProviders } from '@/lib/env';
import { createNonce, isHttps, responseKind, securityHeaders } from '@/lib/security/headers';
import { actionKind, checkActionBody, checkActionHeaders, checkAuthRequest, checkPath, CALLBACK_URL_COOKIES, type Refusal } from '@/lib/security/request-guards';

// The identity providers' origins: the sign-in page's "Sign in with …" form is redirected to one, and
// the sign-out button's form to its end_session_endpoint when signing out there too is on.
const formActionOrigins = [...new Set(identityProviders.map((p) => new URL(p.issuer).origin))];

// Where a visitor with no session cookie is sent to sign in: everything the proxy sees but sign-in, the
// accessibility statement (anyone may read it, signed in or not), the auth endpoints, the health check and
// calendar feeds (a calendar app has no session: the secret in the feed's address is its authorization,
// checked in lib/dal/calendar.ts), gateway pack links for the end-point assessment organisation (issue 20: the
// token is the authorization, checked in lib/dal/gateway-pack.ts) — and "/", which sends everyone on by itself.
const NEEDS_SESSION = /^\/(?!login|accessibility$|api\/auth|api\/health|api\/calendar\/|gateway-pack\/).+/;

/**
 * Three jobs on every request but static files:
 * 1. Security headers: a Content-Security-Policy with a fresh nonce on every page (lib/security/headers.ts),
 *    HSTS over HTTPS. Next reads the nonce from the policy on the request and puts it on its scripts.
 * 2. An optimistic redirect to sign in when there is no session cookie. Every real check (who the user is,
 *    whether they are active, what they may see) happens in lib/dal.
 * 3. Request guards (lib/security/request-guards.ts): a server action from another site (403), over 1 MB
 *    (413) or not in the form React's client sends (400), and an Auth.js callback URL leading elsewhere,
 *    each refused with a sentence before Next.js or Auth.js would answer it with a 500.
 */
export async function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  const { headers } = securityHeaders(pathname, {
    nonce: responseKind(pathname) === 'page' ? createNonce() : undefined,
    dev: env.NODE_ENV === 'development',
    https: isHttps(request),
    formActionOrigins,
  });

  const refuse = (refusal: Refusal) => {
    const refused = new NextResponse(refusal.message, { status: refusal.status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
    for (const [name, value] of Object.entries(headers)) refused.headers.set(name, value);
    return refused;
  };
  const unreadable = checkPath(pathname);
  if (unreadable) return refuse(unreadable);
  const kind = actionKind({ method: request.method, pathname, headers: request.headers });
  if (kind) {
    const refusal = checkActionHeaders({ method: request.method, pathname, headers: request.headers }) ?? (await checkBody(request, kind));
    if (refusal) return refuse(refusal);
  }
  let cookie: string | null = null;
  if (pathname.startsWith('/api/auth/')) {
    const checked = checkAuthRequest(request.nextUrl, request.headers);
    if (checked.refusal) return refuse(checked.refusal);
    cookie = checked.cookie;
  }

  let response: NextResponse;
  if (NEEDS_SESSION.test(pathname) && !hasSession(request)) {
    response = NextResponse.redirect(new URL('/login', request.url));
  } else {
    const forward = new Headers(request.headers);
    // Always ours: a policy the client sent must not choose the nonce.
    forward.delete('content-security-policy');
    if (headers['Content-Security-Policy']) forward.set('content-security-policy', headers['Content-Security-Policy']);
    // A callback URL cookie leading elsewhere: Auth.js carries on without it, and the browser forgets it.
    if (cookie !== null) forward.set('cookie', cookie);
    response = NextResponse.next({ request: { headers: forward } });
    if (cookie !== null) for (const name of CALLBACK_URL_COOKIES) if (hasCookie(request.headers.get('cookie'), name) && !hasCookie(cookie, name)) response.cookies.delete(name);
  }
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

/**
 * Reads a server action's body (Next.js has buffered it for the proxy, up to proxyClientMaxBodySize, which is
 * larger than the action limit) and checks it as React's client would have written it.
 */
async function checkBody(request: NextRequest, kind: 'fetch' | 'form'): Promise<Refusal | null> {
  const bytes = new Uint8Array(await request.clone().arrayBuffer());
  const multipart = (request.headers.get('content-type') ?? '').toLowerCase().startsWith('multipart/form-data');
  // A form posted without JavaScript: Next.js decodes it and refuses what it cannot (400); only the size is ours.
  if (kind === 'form') return checkActionBody(bytes.byteLength, '[]', true);
  if (!multipart) return checkActionBody(bytes.byteLength, new TextDecoder().decode(bytes), false);
  let root: string | null = null;
  try {
    const form = await new Response(bytes, { headers: { 'content-type': request.headers.get('content-type')! } }).formData();
    const value = form.get('0');
    root = typeof value === 'string' ? value : null;
  } catch {
    root = null; // not multipart after all
  }
  return checkActionBody(bytes.byteLength, root, true);
}

// A large token is split into `name.0`, `name.1`, … (lib/auth/session-cookie.ts).
const hasCookie = (header: string | null, name: string) => (header ?? '').split(';').some((pair) => pair.trim().startsWith(`${name}=`));

const hasSession = (request: NextRequest) => SESSION_COOKIES.some((name) => request.cookies.has(name) || request.cookies.has(`${name}.0`));

export const config = {
  // Every page, 404 and error pages included, and every route handler but one. Not static files (no policy
  // needed), and not the classification upload, which checks the session itself: a release file may be
  // larger than the body the proxy buffers (proxyClientMaxBodySize), past which Next.js would silently cut
  // it off. Its JSON gets the route-handler policy from next.config.ts instead.
  matcher: ['/((?!_next/static|_next/image|favicon.ico|icon.svg|api/admin/classifications).*)'],
};
