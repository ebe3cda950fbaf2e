import type { SQL } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';

/** The rows of a raw statement: postgres-js answers an array, PGlite an object holding `rows`. */
export async function executeRows<T>(db: DbOrTx, statement: SQL): Promise<T[]> {
  const r: unknown = await db.execute(statement);
  return (Array.isArray(r) ? r : ((r as { rows?: unknown[] }).rows ?? [])) as T[];
}

/**
 * Whether an id from a URL can be a content id (cases, audit episodes, query scenarios: lower-case letters, digits
 * and hyphens). Anything else is answered like a missing record before it reaches the database: a NUL byte in a
 * text parameter is an encoding error there (a 500), not "no such row".
 */
export const isContentId = (id: string) => id.length <= 120 && /^[a-z0-9][a-z0-9-]*$/.test(id);
