import 'server-only';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { getDb } from '@/db/client';
import { apprenticeships, trainerAssignments, users } from '@/db/schema';
import { FieldError, NotFound } from '@/lib/errors';
import { AssignmentInput } from '@/lib/admin/schemas';
import { authorize, writeAudit } from './access';
import type { Viewer } from './viewer';

/** Admin: active trainers, for the assignment picker, with how many apprentices each has. */
export async function listTrainers(viewer: Viewer) {
  await authorize(viewer, 'assignment.manage');
  const db = await getDb();
  return db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      assigned: sql<number>`(select count(*) from ${trainerAssignments} where ${trainerAssignments.trainerId} = ${users.id})`.mapWith(Number),
    })
    .from(users)
    .where(and(eq(users.role, 'trainer'), eq(users.active, true)))
    .orderBy(asc(users.name));
}

/** Admin: the trainers assigned to one apprenticeship. */
export async function listAssignedTrainers(viewer: Viewer, apprenticeshipId: string) {
  await authorize(viewer, 'assignment.manage', { type: 'apprenticeship', id: apprenticeshipId });
  const db = await getDb();
  return db
    .select({ id: users.id, name: users.name, email: users.email, assignedAt: trainerAssignments.assignedAt })
    .from(trainerAssignments)
    .innerJoin(users, eq(users.id, trainerAssignments.trainerId))
    .where(eq(trainerAssignments.apprenticeshipId, apprenticeshipId))
    .orderBy(asc(users.name));
}

export async function assignTrainer(viewer: Viewer, input: z.input<typeof AssignmentInput>) {
  await authorize(viewer, 'assignment.manage', { type: 'apprenticeship', id: input.apprenticeshipId });
  const data = AssignmentInput.parse(input);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [trainer] = await tx.select({ role: users.role }).from(users).where(eq(users.id, data.trainerId));
    if (!trainer || trainer.role !== 'trainer') throw new FieldError('trainerId', 'Choose a trainer from the list.');
    const [app] = await tx.select({ id: apprenticeships.id }).from(apprenticeships).where(eq(apprenticeships.id, data.apprenticeshipId));
    if (!app) throw new NotFound('apprenticeship');
    const inserted = await tx.insert(trainerAssignments).values(data).onConflictDoNothing().returning();
    if (inserted.length === 0) throw new FieldError('trainerId', 'This trainer is already assigned.');
    await writeAudit(tx, viewer, { action: 'assignment.create', entityType: 'apprenticeship', entityId: data.apprenticeshipId, after: data });
  });
}

export async function unassignTrainer(viewer: Viewer, input: z.input<typeof AssignmentInput>) {
  await authorize(viewer, 'assignment.manage', { type: 'apprenticeship', id: input.apprenticeshipId });
  const data = AssignmentInput.parse(input);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const removed = await tx
      .delete(trainerAssignments)
      .where(and(eq(trainerAssignments.trainerId, data.trainerId), eq(trainerAssignments.apprenticeshipId, data.apprenticeshipId)))
      .returning();
    if (removed.length === 0) throw new NotFound('assignment');
    await writeAudit(tx, viewer, { action: 'assignment.delete', entityType: 'apprenticeship', entityId: data.apprenticeshipId, before: data });
  });
}
