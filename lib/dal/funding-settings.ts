import { eq, sql } from 'drizzle-orm';
import { cache } from 'react';
import type { z } from 'zod';
import { getDb, type DbOrTx } from '@/db/client';
import { settings as settingsTable } from '@/db/schema';
import { parseInput } from '@/lib/forms/parse-input';
import { FundingSettings as FundingSettingsSchema, readFundingSettings, type FundingSettings } from '@/lib/funding/settings';
import { authorize, writeAudit } from './access';
import type { Viewer } from './viewer';

/** The funding rules' numbers in force: the stored `funding` row over the 2025-26 defaults (lib/funding/settings.ts). */
export async function fundingSettings(db: DbOrTx): Promise<FundingSettings> {
  const [row] = await db.select({ value: settingsTable.value }).from(settingsTable).where(eq(settingsTable.key, 'funding'));
  return readFundingSettings(row?.value);
}

/** The funding settings for this request, read once however many parts of the page need them. */
export const requestFundingSettings = cache(async () => fundingSettings(await getDb()));

// issue 20: the administrator's "Funding rules" settings.

/** The funding settings in force, for the admin's settings form. */
export async function getFundingSettingsForAdmin(viewer: Viewer): Promise<FundingSettings> {
  await authorize(viewer, 'settings.manage');
  return fundingSettings(await getDb());
}

/** Changes the funding rules' numbers (every field), in one transaction with the old and new values in the audit log. */
export async function updateFundingSettings(viewer: Viewer, input: z.input<typeof FundingSettingsSchema>) {
  await authorize(viewer, 'settings.manage');
  const next = parseInput(FundingSettingsSchema, input);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const before = await fundingSettings(tx);
    await tx
      .insert(settingsTable)
      .values({ key: 'funding', value: next, updatedBy: viewer.userId })
      .onConflictDoUpdate({ target: settingsTable.key, set: { value: next, updatedBy: viewer.userId, updatedAt: sql`now()` } });
    await writeAudit(tx, viewer, { action: 'settings.funding_updated', entityType: 'settings', entityId: null, before, after: next });
    return next;
  });
}
