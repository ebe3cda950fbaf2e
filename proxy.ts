import { NextResponse, type NextRequest } from 'next/server';
import { SESSION_COOKIES } from '@/lib/auth/cookie-names';
import { env, entraEnabled } from '@/lib/env';
import { createNonce, isHttps, responseKind, securityHeaders } from '@/lib/security/headers';

// The Microsoft sign-in origin, to which the sign-in page's "Sign in with Microsoft" form is redirected.
const formActionOrigins = entraEnabled && env.AUTH_MICROSOFT_ENTRA_ID_ISSUER ? [new URL(env.AUTH_MICROSOFT_ENTRA_ID_ISSUER).origin] : [];

// Where a visitor with no session cookie is sent to sign in: everything the proxy sees but sign-in, the
// auth endpoints and the health check (and "/", which sends everyone on by itself).
const NEEDS_SESSION = /^\/(?!login|api\/auth|api\/health).+/;

/**
 * Two jobs on every request but static files:
 * 1. Security headers: a Content-Security-Policy with a fresh nonce on every page (lib/security/headers.ts),
 *    HSTS over HTTPS. Next reads the nonce from the policy on the request and puts it on its scripts.
 * 2. An optimistic redirect to sign in when there is no session cookie. Every real check (who the user is,
 *    whether they are active, what they may see) happens in lib/dal.
 */
export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  const { headers } = securityHeaders(pathname, {
    nonce: responseKind(pathname) === 'page' ? createNonce() : undefined,
    dev: env.NODE_ENV === 'development',
    https: isHttps(request),
    formActionOrigins,
  });

  let response: NextResponse;
  if (NEEDS_SESSION.test(pathname) && !hasSession(request)) {
    response = NextResponse.redirect(new URL('/login', request.url));
  } else {
    const forward = new Headers(request.headers);
    // Always ours: a policy the client sent must not choose the nonce.
    forward.delete('content-security-policy');
    if (headers['Content-Security-Policy']) forward.set('content-security-policy', headers['Content-Security-Policy']);
    response = NextResponse.next({ request: { headers: forward } });
  }
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

// A large token is split into `name.0`, `name.1`, … (lib/auth/session-cookie.ts).
const hasSession = (request: NextRequest) => SESSION_COOKIES.some((name) => request.cookies.has(name) || request.cookies.has(`${name}.0`));

export const config = {
  // Every page, 404 and error pages included, and every route handler but one. Not static files (no policy
  // needed), and not the classification upload, which checks the session itself: a release file may be
  // larger than the body the proxy buffers (proxyClientMaxBodySize), past which Next.js would silently cut
  // it off. Its JSON gets the route-handler policy from next.config.ts instead.
  matcher: ['/((?!_next/static|_next/image|favicon.ico|icon.svg|api/admin/classifications).*)'],
};
