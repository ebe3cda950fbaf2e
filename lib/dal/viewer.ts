import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { revokedSessions, users, type Role } from '@/db/schema';
import { sessionStillValid, type SessionClaim } from '@/lib/auth/session-claim';

/** The signed-in user as the data access layer sees them: who is asking. */
export type Viewer = {
  userId: string;
  role: Role;
  organisationId: string | null;
  name: string;
  email: string;
  mustChangePassword: boolean;
};

/**
 * The statement behind every signed-in request (lib/dal/session.ts); the benchmark times it bare too.
 * Whether this session was signed out is asked in the same statement (a primary-key probe of
 * revoked_sessions), so ending sessions on the server adds no round trip to a page.
 */
export function viewerQuery(db: DbOrTx, userId: string, sessionId: string) {
  return db
    .select({
      userId: users.id,
      role: users.role,
      organisationId: users.organisationId,
      name: users.name,
      email: users.email,
      active: users.active,
      mustChangePassword: users.mustChangePassword,
      sessionsValidFrom: users.sessionsValidFrom,
      revoked: sql<boolean>`exists (select 1 from ${revokedSessions} where ${revokedSessions.sessionId} = ${sessionId})`,
    })
    .from(users)
    .where(eq(users.id, userId));
}

/**
 * The viewer a session claim stands for, or null when that session has ended: the user is gone or
 * disabled, the session was signed out, or it began before the password last changed.
 */
export async function viewerForSession(db: DbOrTx, claim: SessionClaim): Promise<Viewer | null> {
  const [user] = await viewerQuery(db, claim.userId, claim.sessionId);
  if (!user || !user.active || user.revoked || !sessionStillValid(claim.signedInAt, user.sessionsValidFrom)) return null;
  const { active: _active, sessionsValidFrom: _from, revoked: _revoked, ...viewer } = user;
  // Someone who signs in with the trust's identity provider never uses the temporary password an
  // administrator set, so is not held at "Choose a new password" for it.
  return claim.provider ? { ...viewer, mustChangePassword: false } : viewer;
}
