import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { buildClassification, type Classification, type CodeRow, type Scheme } from '@/lib/coding/classification';
import { getDb, type DbOrTx } from './client';
import { AppError } from '@/lib/errors';
import { DEFAULT_MARKING_RULES, type MarkingRules } from '@/lib/coding/mark';
import { classificationCodes, classificationEditions, codeUsage, daggerAsteriskRefs, settings as settingsTable } from './schema';

/** The active edition of each scheme (id and name), or undefined where none is active. */
export async function activeEditionRefs(db: DbOrTx): Promise<Partial<Record<Scheme, { id: string; name: string }>>> {
  const active = await db.select({ id: classificationEditions.id, scheme: classificationEditions.scheme, name: classificationEditions.name }).from(classificationEditions).where(eq(classificationEditions.active, true));
  return Object.fromEntries(active.map((e) => [e.scheme, { id: e.id, name: e.name }]));
}

/** Two editions' codes, the HES counts and the dagger/asterisk pairs as one classification. */
export async function classificationFromDb(db: DbOrTx, editions: Record<Scheme, { id: string; name: string }>): Promise<Classification> {
  const [codes, usage, refs] = await Promise.all([
    db
      .select({ editionId: classificationCodes.editionId, code: classificationCodes.code, title: classificationCodes.title, usage: classificationCodes.usage, modifier: classificationCodes.modifier, sex: classificationCodes.sex, minAge: classificationCodes.minAge, maxAge: classificationCodes.maxAge })
      .from(classificationCodes)
      .where(inArray(classificationCodes.editionId, [editions.icd10.id, editions.opcs4.id])),
    db.select().from(codeUsage),
    db.select().from(daggerAsteriskRefs),
  ]);
  const rowsOf = (id: string): CodeRow[] => codes.filter((c) => c.editionId === id);
  const episodes = { icd10: new Map<string, number>(), opcs4: new Map<string, number>() };
  for (const u of usage) episodes[u.scheme].set(u.code, u.episodes);
  const daggerAsterisk = ['code\tkind\tpaired_codes', ...refs.map((r) => `${r.code}\t${r.kind}\t${r.paired}`)].join('\n');
  return buildClassification({ editions, icd10: rowsOf(editions.icd10.id), opcs4: rowsOf(editions.opcs4.id), daggerAsterisk, episodes });
}


// No 'server-only' here: the seed and the mock-paper marker run outside Next too. The DAL re-exports these.

type Cached = { key: string; value: Promise<Classification> };
const cache = globalThis as typeof globalThis & { __cpClassification?: Cached };

/**
 * The active ICD-10 and OPCS-4 editions as one classification. Reference data: callers authorize first.
 * Each call asks the database which editions are active (one small query), so an edition activated on
 * another instance is used here from the next request; the codes themselves are read once per pair.
 */
export async function activeClassification(db?: DbOrTx): Promise<Classification> {
  const d = db ?? (await getDb());
  const { icd10, opcs4 } = await activeEditionRefs(d);
  if (!icd10 || !opcs4) throw new AppError('no_edition', 'No classification edition is active. An administrator can activate one under Classifications.');
  return classificationFor(d, { icd10, opcs4 });
}

async function classificationFor(db: DbOrTx, editions: Record<Scheme, { id: string; name: string }>) {
  const key = `${editions.icd10.id}:${editions.opcs4.id}`;
  if (cache.__cpClassification?.key === key) return cache.__cpClassification.value;
  const value = classificationFromDb(db, { icd10: { id: editions.icd10.id, name: editions.icd10.name }, opcs4: { id: editions.opcs4.id, name: editions.opcs4.name } });
  // Only the active pair is kept: a report on a candidate edition must not push it out.
  const active = await db.select({ id: classificationEditions.id }).from(classificationEditions).where(and(eq(classificationEditions.active, true), inArray(classificationEditions.id, [editions.icd10.id, editions.opcs4.id])));
  if (active.length === 2) {
    cache.__cpClassification = { key, value };
    value.catch(() => {
      if (cache.__cpClassification?.value === value) cache.__cpClassification = undefined;
    });
  }
  return value;
}

export const MarkingRulesSchema = z.object({
  unnecessaryLowersSecondary: z.boolean(),
  swapCostsSecondary: z.boolean(),
  conventionErrors: z.enum(['reported', 'scored']),
});

/** The marking rules in force: the stored row over the defaults. */
export async function markingRules(db?: DbOrTx): Promise<MarkingRules> {
  const d = db ?? (await getDb());
  const [row] = await d.select({ value: settingsTable.value }).from(settingsTable).where(eq(settingsTable.key, 'marking_rules'));
  const parsed = MarkingRulesSchema.safeParse({ ...DEFAULT_MARKING_RULES, ...((row?.value as object) ?? {}) });
  return parsed.success ? parsed.data : DEFAULT_MARKING_RULES;
}

