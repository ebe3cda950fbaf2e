import 'server-only';
import { parseInput } from '@/lib/forms/parse-input';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { getDb } from '@/db/client';
import { apprenticeships, organisations, users } from '@/db/schema';
import { Conflict, FieldError, NotFound } from '@/lib/errors';
import { OrganisationInput, OrganisationUpdate } from '@/lib/admin/schemas';
import { authorize, writeAudit } from './access';
import { isUniqueViolation } from './db-errors';
import type { Viewer } from './viewer';

/** Admin: every organisation with its counts of users and apprenticeships. */
export async function listOrganisations(viewer: Viewer) {
  await authorize(viewer, 'organisation.manage');
  const db = await getDb();
  return db
    .select({
      id: organisations.id,
      name: organisations.name,
      kind: organisations.kind,
      odsCode: organisations.odsCode,
      version: organisations.version,
      users: sql<number>`(select count(*) from ${users} where ${users.organisationId} = ${organisations.id})`.mapWith(Number),
      apprenticeships: sql<number>`(select count(*) from ${apprenticeships} where ${apprenticeships.employerId} = ${organisations.id})`.mapWith(Number),
    })
    .from(organisations)
    .orderBy(asc(organisations.kind), asc(organisations.name));
}

const duplicateName = () => new FieldError('name', 'An organisation with this name already exists.');

export async function createOrganisation(viewer: Viewer, input: z.input<typeof OrganisationInput>) {
  await authorize(viewer, 'organisation.manage');
  const data = parseInput(OrganisationInput, input);
  const db = await getDb();
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx.insert(organisations).values({ ...data, odsCode: data.odsCode || null }).returning();
      await writeAudit(tx, viewer, { action: 'organisation.create', entityType: 'organisation', entityId: row!.id, after: row });
      return row!;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw duplicateName();
    throw e;
  }
}

export async function updateOrganisation(viewer: Viewer, input: z.input<typeof OrganisationUpdate>) {
  await authorize(viewer, 'organisation.manage', { type: 'organisation' });
  const data = parseInput(OrganisationUpdate, input);
  const db = await getDb();
  try {
    return await db.transaction(async (tx) => {
      const [before] = await tx.select().from(organisations).where(eq(organisations.id, data.id));
      if (!before) throw new NotFound('organisation');
      if (before.kind !== data.kind) {
        const [used] = await tx.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(apprenticeships).where(eq(apprenticeships.employerId, data.id));
        if (used!.n > 0) throw new FieldError('kind', 'This organisation employs apprentices, so it must stay an employer.');
      }
      const [after] = await tx
        .update(organisations)
        .set({ name: data.name, kind: data.kind, odsCode: data.odsCode || null, version: sql`${organisations.version} + 1` })
        .where(and(eq(organisations.id, data.id), eq(organisations.version, data.version)))
        .returning();
      if (!after) throw new Conflict('Someone else changed this organisation after you opened it. Reload the page to see their change.');
      await writeAudit(tx, viewer, { action: 'organisation.update', entityType: 'organisation', entityId: data.id, before, after });
      return after;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw duplicateName();
    throw e;
  }
}
