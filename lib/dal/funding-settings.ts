import { eq } from 'drizzle-orm';
import { cache } from 'react';
import { getDb, type DbOrTx } from '@/db/client';
import { settings as settingsTable } from '@/db/schema';
import { readFundingSettings, type FundingSettings } from '@/lib/funding/settings';

/** The funding rules' numbers in force: the stored `funding` row over the 2025-26 defaults (lib/funding/settings.ts). */
export async function fundingSettings(db: DbOrTx): Promise<FundingSettings> {
  const [row] = await db.select({ value: settingsTable.value }).from(settingsTable).where(eq(settingsTable.key, 'funding'));
  return readFundingSettings(row?.value);
}

/** The funding settings for this request, read once however many parts of the page need them. */
export const requestFundingSettings = cache(async () => fundingSettings(await getDb()));
