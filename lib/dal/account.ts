import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { getDb } from '@/db/client';
import { users } from '@/db/schema';
import { FieldError } from '@/lib/errors';
import { hashPassword, NewPassword, verifyPassword } from '@/lib/auth/password';
import { authorize, writeAudit } from './access';
import type { Viewer } from './viewer';

/** The signed-in user chooses a new password (required after an admin set one). */
export async function changeOwnPassword(viewer: Viewer, input: Omit<z.input<typeof NewPassword>, 'email'>) {
  await authorize(viewer, 'account.update');
  const parsed = NewPassword.safeParse({ ...input, email: viewer.email });
  if (!parsed.success) {
    // The rules the browser cannot check (not the email, not the current password) come back by their field.
    const issue = parsed.error.issues[0]!;
    throw new FieldError(String(issue.path[0] ?? 'newPassword'), issue.message);
  }
  const data = parsed.data;
  const db = await getDb();
  const [user] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, viewer.userId));
  if (!user || !(await verifyPassword(user.passwordHash, data.currentPassword)))
    throw new FieldError('currentPassword', 'That is not your current password.');
  const passwordHash = await hashPassword(data.newPassword);
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      // Every session begun before now ends; the action signs this one in again (change-password/actions.ts).
      .set({ passwordHash, mustChangePassword: false, sessionsValidFrom: new Date(), version: sql`${users.version} + 1` })
      .where(and(eq(users.id, viewer.userId)));
    await writeAudit(tx, viewer, { action: 'user.change_password', entityType: 'user', entityId: viewer.userId });
  });
}
