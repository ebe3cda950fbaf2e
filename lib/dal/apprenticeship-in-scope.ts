import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { apprenticeships, organisations, users } from '@/db/schema';
import { NotFound } from '@/lib/errors';
import { apprenticeshipsIn, recordDenied } from './access';
import type { Permission, Scope } from './policy';
import type { Viewer } from './viewer';

/**
 * The apprenticeship with its apprentice's and employer's names, if the scope allows it; otherwise recorded and
 * the same 404 as a missing one. Shared by the progress reviews and the training plans.
 */
export async function apprenticeshipInScope(viewer: Viewer, scope: Scope, permission: Permission, apprenticeshipId: string) {
  const db = await getDb();
  const [a] = z.uuid().safeParse(apprenticeshipId).success
    ? await db
        .select({
          id: apprenticeships.id,
          apprenticeId: apprenticeships.apprenticeId,
          apprenticeName: users.name,
          employerId: apprenticeships.employerId,
          employerName: organisations.name,
          standardId: apprenticeships.standardId,
          startDate: apprenticeships.startDate,
          plannedEndDate: apprenticeships.plannedEndDate,
          plannedOtjHours: apprenticeships.plannedOtjHours,
          weeklyHours: apprenticeships.weeklyHours,
          englishStatus: apprenticeships.englishStatus,
          mathsStatus: apprenticeships.mathsStatus,
          status: apprenticeships.status,
        })
        .from(apprenticeships)
        .innerJoin(users, eq(users.id, apprenticeships.apprenticeId))
        .innerJoin(organisations, eq(organisations.id, apprenticeships.employerId))
        .where(and(eq(apprenticeships.id, apprenticeshipId), apprenticeshipsIn(viewer, scope)))
    : [];
  if (!a) {
    await recordDenied(viewer, permission, 'apprenticeship', apprenticeshipId);
    throw new NotFound('apprenticeship');
  }
  return { a, db };
}
