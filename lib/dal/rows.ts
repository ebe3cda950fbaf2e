import type { SQL } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';

/** The rows of a raw statement: postgres-js answers an array, PGlite an object holding `rows`. */
export async function executeRows<T>(db: DbOrTx, statement: SQL): Promise<T[]> {
  const r: unknown = await db.execute(statement);
  return (Array.isArray(r) ? r : ((r as { rows?: unknown[] }).rows ?? [])) as T[];
}
