import { NextResponse, type NextRequest } from 'next/server';
import { SESSION_COOKIES } from '@/lib/auth/cookie-names';

// Optimistic only: a visitor with no session cookie is sent to sign in. Every real check
// (who the user is, whether they are active, what they may see) happens in lib/dal.
export function proxy(request: NextRequest) {
  // A large token is split into `name.0`, `name.1`, … (lib/auth/session-cookie.ts).
  const hasSession = SESSION_COOKIES.some((name) => request.cookies.has(name) || request.cookies.has(`${name}.0`));
  if (hasSession) return NextResponse.next();
  const login = new URL('/login', request.url);
  return NextResponse.redirect(login);
}

export const config = {
  // Everything but sign-in, auth endpoints, static files and the health check; and the classification
  // upload, which checks the session itself: a release file may be larger than the body the proxy buffers
  // (proxyClientMaxBodySize), past which Next.js would silently cut it off.
  matcher: ['/((?!login|api/auth|api/health|api/admin/classifications|_next/static|_next/image|favicon.ico|icon.svg).+)'],
};
