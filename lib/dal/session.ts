import 'server-only';
import { cache } from 'react';
import { notFound, redirect } from 'next/navigation';
import { authSecret } from '@/lib/auth';
import { readSession } from '@/lib/auth/session-cookie';
import { getDb } from '@/db/client';
import type { Role } from '@/db/schema';
import { NotFound } from '@/lib/errors';
import { viewerForSession, type Viewer } from './viewer';

/**
 * The signed-in user, read from the database on every request (once per request, one statement), so
 * a user disabled after signing in, whose password has changed since, or whose session was signed out
 * (a copy of the cookie replayed, on this instance or another) loses access on their next request.
 * Null when signed out, disabled or ended.
 *
 * A user who must choose a new password is still the viewer here (the change-password page needs
 * them), but the data access layer refuses them everything else (authorize in ./access.ts).
 */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const session = await readSession(authSecret());
  if (!session) return null;
  return viewerForSession(await getDb(), session);
});

export { ROLE_HOME } from '@/lib/navigation';

/** For pages: the viewer, or a redirect to sign in (or to choose a new password first). */
export async function requireViewer(options: { allowPasswordChange?: boolean } = {}): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) redirect('/login');
  if (viewer.mustChangePassword && !options.allowPasswordChange) redirect('/change-password');
  return viewer;
}

/** For a role's own area: anyone else gets the same 404 as a missing page. */
export async function requireRole(...roles: Role[]): Promise<Viewer> {
  const viewer = await requireViewer();
  if (!roles.includes(viewer.role)) {
    const { recordDenied } = await import('./access');
    await recordDenied(viewer, `area.${roles.join('|')}`, 'page');
    notFound();
  }
  return viewer;
}

/** For pages: a DAL refusal or a missing record becomes the 404 page. */
export async function orNotFound<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (e) {
    if (e instanceof NotFound) notFound();
    throw e;
  }
}
