import type { Section, SectionKind } from '@/lib/content/assessment';

/**
 * What drawing and checking need to know of an item, whatever its source (a content file or a
 * database row): coding cases carry specialty and difficulty, theory questions and written items a
 * topic (the `topic` of the file they came from, as stored in the database).
 */
export type PoolItem = { id: string; ksbs: string[]; specialty?: string; difficulty?: string; topic?: string };
export type Pools = Record<SectionKind, PoolItem[]>;

/** The items a section may draw: those of its kind that pass every filter its pool gives. */
export function poolFor(section: Pick<Section, 'kind' | 'pool'>, pools: Pools): PoolItem[] {
  const p = section.pool;
  const within = (list: readonly string[] | undefined, value: string | undefined) => !list || (value !== undefined && list.includes(value));
  return pools[section.kind].filter(
    (item) =>
      within(p.specialties, item.specialty) &&
      within(p.difficulties, item.difficulty) &&
      within(p.topics, item.topic) &&
      within(p.ids, item.id) &&
      (!p.ksbs || item.ksbs.some((k) => p.ksbs!.includes(k))),
  );
}
