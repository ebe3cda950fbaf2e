import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb } from '@/db/client';

/**
 * For /api/health: resolves if the database answers a query now. Reads no row, so it needs no viewer,
 * and it is not part of the data access layer's public surface (lib/dal/index.ts).
 */
export async function databaseAnswers(): Promise<void> {
  await (await getDb()).execute(sql`select 1`);
}
