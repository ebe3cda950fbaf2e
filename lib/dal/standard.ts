import 'server-only';
import { asc, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { ksbs, standards } from '@/db/schema';
import { NotFound } from '@/lib/errors';
import { authorize } from './access';
import type { Viewer } from './viewer';

export const STANDARD_REFERENCE = 'ST0535';

/** The standard with its KSBs in order. */
export async function getStandard(viewer: Viewer | null) {
  await authorize(viewer, 'standard.read');
  const db = await getDb();
  const [standard] = await db
    .select({ id: standards.id, reference: standards.reference, version: standards.version, title: standards.title, level: standards.level })
    .from(standards)
    .where(eq(standards.reference, STANDARD_REFERENCE));
  if (!standard) throw new NotFound('standard');
  const items = await db
    .select({ code: ksbs.code, kind: ksbs.kind, text: ksbs.text })
    .from(ksbs)
    .where(eq(ksbs.standardId, standard.id))
    .orderBy(asc(ksbs.sortOrder));
  return { ...standard, ksbs: items };
}
