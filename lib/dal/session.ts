import 'server-only';
import { cache } from 'react';
import { notFound, redirect } from 'next/navigation';
import { authSecret } from '@/lib/auth';
import { readSession, sessionStillValid } from '@/lib/auth/session-cookie';
import { getDb } from '@/db/client';
import type { Role } from '@/db/schema';
import { NotFound } from '@/lib/errors';
import { viewerQuery, type Viewer } from './viewer';

/**
 * The signed-in user, read from the database on every request (once per request), so a user
 * disabled after signing in, or whose password has changed since, loses access on their next
 * request. Null when signed out, disabled or ended.
 */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const session = await readSession(authSecret());
  if (!session) return null;
  const [user] = await viewerQuery(await getDb(), session.userId);
  if (!user || !user.active || !sessionStillValid(session.signedInAt, user.sessionsValidFrom)) return null;
  const { active: _active, sessionsValidFrom: _from, ...viewer } = user;
  return viewer;
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
