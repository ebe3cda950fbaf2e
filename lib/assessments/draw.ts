import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';
import type { Blueprint, SectionKind } from '@/lib/content/assessment';
import { poolFor, type PoolItem, type Pools } from './pool';

export type DrawnItem = { sectionId: string; kind: SectionKind; ref: string };

/** A pool cannot supply the items a section draws; `message` is written for an admin. */
export class PoolTooSmallError extends Error {
  constructor(
    readonly sectionId: string,
    readonly available: number,
    readonly draw: number,
  ) {
    super(`Section "${sectionId}" draws ${draw} item(s) but only ${available} match its pool${available ? ' and are not already drawn by an earlier section' : ''}.`);
    this.name = 'PoolTooSmallError';
  }
}

/** FNV-1a (32-bit): turns the seed text (an attempt id, say) into the generator's integer seed. */
function seedNumber(seed: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

/** Fisher–Yates on a copy. */
function shuffle<T>(xs: readonly T[], rng: RandomGenerator): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = uniformInt(rng, 0, i);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

// Coding cases spread over specialties; questions and written items over topics.
const spreadKey = (kind: SectionKind, item: PoolItem) => (kind === 'coding' ? item.specialty : item.topic) ?? '';

/**
 * The items of one paper: sections in blueprint order, each drawing `draw` items from its pool.
 *
 * - Deterministic: the same blueprint, pools and seed give the same paper. Pools are sorted by id
 *   first, so the order rows come back from the database or the disk does not matter.
 * - No item twice in a paper: a section cannot take an item an earlier section took.
 * - Spread: items are grouped by specialty (coding) or topic (theory, written); groups are taken in
 *   turn (round-robin over shuffled groups, those least used so far in the paper first), so a
 *   section sees as many specialties or topics as it has items before any repeats.
 * - The order within a section is shuffled.
 *
 * Throws PoolTooSmallError when a section's pool, less what earlier sections took, is smaller than
 * its draw. checkBlueprint reports that case before a blueprint is saved.
 */
export function drawItems(bp: Pick<Blueprint, 'sections'>, pools: Pools, seed: string): DrawnItem[] {
  const rng = xoroshiro128plus(seedNumber(seed));
  const taken = new Set<string>(); // `${kind}:${id}`: ids are unique within a kind only
  const used = new Map<string, number>(); // `${kind}:${group}` → items drawn from it so far
  const out: DrawnItem[] = [];
  for (const section of bp.sections) {
    const kind = section.kind;
    const byId = new Map<string, PoolItem>(); // an id listed twice (rows joined twice, say) counts once
    for (const item of poolFor(section, pools)) if (!taken.has(`${kind}:${item.id}`) && !byId.has(item.id)) byId.set(item.id, item);
    const candidates = [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    if (candidates.length < section.draw) throw new PoolTooSmallError(section.id, candidates.length, section.draw);

    const groups = new Map<string, PoolItem[]>();
    for (const item of candidates) {
      const key = spreadKey(kind, item);
      groups.set(key, [...(groups.get(key) ?? []), item]);
    }
    const usage = (key: string) => used.get(`${kind}:${key}`) ?? 0;
    // Shuffle, then a stable sort: groups the paper has used least come first, ties in random order.
    const queue = shuffle([...groups.keys()], rng)
      .sort((a, b) => usage(a) - usage(b))
      .map((key) => ({ key, items: shuffle(groups.get(key)!, rng) }));

    const chosen: PoolItem[] = [];
    while (chosen.length < section.draw) {
      for (const group of queue) {
        if (chosen.length === section.draw) break;
        const item = group.items.shift();
        if (!item) continue;
        chosen.push(item);
        used.set(`${kind}:${group.key}`, usage(group.key) + 1);
      }
    }
    for (const item of shuffle(chosen, rng)) {
      taken.add(`${kind}:${item.id}`);
      out.push({ sectionId: section.id, kind, ref: item.id });
    }
  }
  return out;
}
