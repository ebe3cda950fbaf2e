import 'server-only';
import { lt } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { auditLog, revokedSessions } from '@/db/schema';
import { claimOf } from './session-claim';
import { viewerForSession } from '@/lib/dal/viewer';

/** A session's longest life (lib/auth.ts): a revoked session's row is kept at least this long. */
export const SESSION_MAX_AGE_S = 8 * 60 * 60; // a working day

/**
 * Ends a session on the server when its user signs out (Auth.js `events.signOut`, for the sign-out
 * button and POST /api/auth/signout alike): its id goes into revoked_sessions, which every request
 * reads (lib/dal/viewer.ts), so a copy of the cookie stops working on every instance. Audited.
 * Rows for tokens that have expired anyway are cleared here, so the table stays small.
 */
export async function endSession(token: Record<string, unknown> | null | undefined, now = new Date()) {
  const claim = claimOf(token);
  if (!claim) return; // not a session that could be used anyway
  const exp = typeof token?.exp === 'number' ? token.exp * 1000 : now.getTime() + SESSION_MAX_AGE_S * 1000;
  const db = await getDb();
  await db.transaction(async (tx) => {
    await tx.delete(revokedSessions).where(lt(revokedSessions.expiresAt, now));
    await tx
      .insert(revokedSessions)
      .values({ sessionId: claim.sessionId, expiresAt: new Date(Math.max(exp, now.getTime())) })
      .onConflictDoNothing();
    await tx.insert(auditLog).values({ actorId: claim.userId, action: 'auth.sign_out', entityType: 'user', entityId: claim.userId });
  });
}

/** For Auth.js reading a session (GET /api/auth/session): does the token's session still stand? */
export async function sessionStands(token: Record<string, unknown>): Promise<boolean> {
  const claim = claimOf(token);
  return claim !== null && (await viewerForSession(await getDb(), claim)) !== null;
}
