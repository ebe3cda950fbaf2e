import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { apprenticeships, cohorts, organisations, trainerAssignments, users } from '@/db/schema';
import { authorize } from './access';
import type { Viewer } from './viewer';

/** Admin: headline counts for the overview, in one round trip. */
export async function getAdminOverview(viewer: Viewer) {
  await authorize(viewer, 'organisation.manage');
  const db = await getDb();
  const count = (from: unknown, where = sql`true`) => sql<number>`(select count(*) from ${from} where ${where})`.mapWith(Number);
  const [row] = await db
    .select({
      activeApprenticeships: count(apprenticeships, sql`${apprenticeships.status} = 'active'`),
      allApprenticeships: count(apprenticeships),
      unassigned: count(apprenticeships, sql`not exists (select 1 from ${trainerAssignments} where ${trainerAssignments.apprenticeshipId} = ${apprenticeships.id})`),
      trainers: count(users, sql`${users.role} = 'trainer' and ${users.active}`),
      employers: count(organisations, sql`${organisations.kind} = 'employer'`),
      cohorts: count(cohorts),
      disabledUsers: count(users, sql`not ${users.active}`),
      awaitingPasswordChange: count(users, sql`${users.mustChangePassword} and ${users.active}`),
    })
    .from(sql`(select 1) as one`);
  return row!;
}
