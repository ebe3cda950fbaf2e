import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { apprenticeships, trainerAssignments, users } from '@/db/schema';

// Who is told of an event, looked up inside the write's transaction (lib/dal/notify.ts records them).

/** The employer's contacts who may sign for it (active employer users of the organisation). */
export async function employerContacts(tx: DbOrTx, organisationId: string): Promise<string[]> {
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.organisationId, organisationId), eq(users.role, 'employer'), eq(users.active, true)));
  return rows.map((r) => r.id);
}

/** The trainers assigned to an apprentice's apprenticeships. */
export async function trainersOf(tx: DbOrTx, apprenticeId: string): Promise<string[]> {
  const rows = await tx
    .selectDistinct({ id: trainerAssignments.trainerId })
    .from(trainerAssignments)
    .innerJoin(apprenticeships, eq(apprenticeships.id, trainerAssignments.apprenticeshipId))
    .where(eq(apprenticeships.apprenticeId, apprenticeId));
  return rows.map((r) => r.id);
}

/** A person's name as the app shows it. */
export async function nameOf(tx: DbOrTx, userId: string): Promise<string> {
  const [u] = await tx.select({ name: users.name }).from(users).where(eq(users.id, userId));
  return u?.name ?? 'Someone';
}
