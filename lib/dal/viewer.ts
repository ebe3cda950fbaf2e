import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { users, type Role } from '@/db/schema';

/** The signed-in user as the data access layer sees them: who is asking. */
export type Viewer = {
  userId: string;
  role: Role;
  organisationId: string | null;
  name: string;
  email: string;
  mustChangePassword: boolean;
};

/** The statement behind every signed-in request (lib/dal/session.ts); the benchmark times it bare too. */
export function viewerQuery(db: DbOrTx, userId: string) {
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
    })
    .from(users)
    .where(eq(users.id, userId));
}
