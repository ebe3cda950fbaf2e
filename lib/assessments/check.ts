import { SECTION_KINDS, type Blueprint, type Section, type WrittenItemFile } from '@/lib/content/assessment';
import { SPECIALTIES } from '@/lib/content/case';
import { poolFor, type Pools } from './pool';
import { learnerTextProblems } from '@/lib/content/internal-notes';

const unknown = (codes: readonly string[], ksbCodes: Set<string>, at: string) =>
  codes.filter((k) => !ksbCodes.has(k)).map((k) => `${at}: ${k} is not an item of the standard`);

const quoted = (xs: Iterable<string>) => [...xs].map((x) => `"${x}"`).join(', ');

function checkSection(s: Section, pools: Pools, ksbCodes: Set<string>): string[] {
  const at = `sections.${s.id}`;
  const out: string[] = [];
  const p = s.pool;
  const items = pools[s.kind];
  const what = SECTION_KINDS[s.kind].toLowerCase();
  if (p.ksbs) out.push(...unknown(p.ksbs, ksbCodes, `${at}.pool.ksbs`));
  if (s.kind === 'coding') {
    if (p.topics) out.push(`${at}.pool.topics: topics filter theory and written sections; a coding section filters by specialty or difficulty`);
    for (const sp of p.specialties ?? []) if (!items.some((i) => i.specialty === sp)) out.push(`${at}.pool.specialties: no coding case is in ${SPECIALTIES[sp] ?? sp}`);
    for (const d of p.difficulties ?? []) if (!items.some((i) => i.difficulty === d)) out.push(`${at}.pool.difficulties: no coding case is ${d}`);
  } else {
    if (p.specialties || p.difficulties) out.push(`${at}.pool: specialties and difficulties filter coding sections; a ${s.kind} section filters by topic`);
    const topics = new Set(items.map((i) => i.topic).filter((t): t is string => t !== undefined));
    for (const t of p.topics ?? []) if (!topics.has(t)) out.push(`${at}.pool.topics: "${t}" is not a topic of the ${what} (topics: ${quoted([...topics].sort())})`);
  }
  for (const id of p.ids ?? []) if (!items.some((i) => i.id === id)) out.push(`${at}.pool.ids: "${id}" is not an item of the ${what}`);
  const matching = poolFor(s, pools).length;
  if (matching < s.draw) out.push(`${at}.pool: only ${matching} item(s) match, the section draws ${s.draw}`);
  return out;
}

/**
 * A blueprint's problems, each a sentence an admin can act on, prefixed by where it is (`sections.<id>.pool: …`).
 * The schema has already checked shapes and that boundaries are ordered; this checks the blueprint
 * against the items there are: unknown KSBs, topics, specialties and ids; pools too small to draw
 * from (alone, or once earlier sections may have taken their items); and every KSB in `ksbs` tagged on
 * some item a section can draw.
 */
export function checkBlueprint(bp: Blueprint, pools: Pools, ksbCodes: Set<string>): string[] {
  const out = unknown(bp.ksbs, ksbCodes, 'ksbs');
  const repeated = bp.ksbs.filter((k, i) => bp.ksbs.indexOf(k) !== i);
  if (repeated.length) out.push(`ksbs: ${[...new Set(repeated)].join(', ')} listed more than once`);
  for (const s of bp.sections) out.push(...checkSection(s, pools, ksbCodes));
  out.push(
    ...learnerTextProblems([
      { at: 'title', text: bp.title },
      { at: 'description', text: bp.description },
      ...bp.sections.flatMap((s) => [
        { at: `sections.${s.id}.title`, text: s.title },
        { at: `sections.${s.id}.instructions`, text: s.instructions },
      ]),
    ]),
  );

  // Sections of one kind share items (a paper never repeats one), so an earlier section may take
  // items a later one needs. Worst case: each earlier section takes all it draws from the overlap.
  // When this holds for every section, drawItems succeeds whatever the seed.
  bp.sections.forEach((s, i) => {
    const mine = poolFor(s, pools);
    if (mine.length < s.draw) return; // reported above
    const ids = new Set(mine.map((x) => x.id));
    let mayBeTaken = 0;
    for (const earlier of bp.sections.slice(0, i)) {
      if (earlier.kind !== s.kind) continue;
      const overlap = poolFor(earlier, pools).filter((x) => ids.has(x.id)).length;
      mayBeTaken += Math.min(earlier.draw, overlap);
    }
    if (mine.length - mayBeTaken < s.draw)
      out.push(`sections.${s.id}.pool: earlier sections may take ${mayBeTaken} of its ${mine.length} items, leaving fewer than the ${s.draw} it draws`);
  });

  const reachable = new Set(bp.sections.flatMap((s) => poolFor(s, pools).flatMap((i) => i.ksbs)));
  const unreached = bp.ksbs.filter((k) => ksbCodes.has(k) && !reachable.has(k));
  if (unreached.length) out.push(`ksbs: ${unreached.join(', ')} ${unreached.length === 1 ? 'is' : 'are'} not tagged on any item a section can draw`);
  return out;
}

/** A written-item file's problems: unknown KSBs and ids repeated within the file. */
export function checkWrittenItems(file: WrittenItemFile, ksbCodes: Set<string>): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  file.items.forEach((item, i) => {
    out.push(...unknown(item.ksbs, ksbCodes, `items[${i}].ksbs`));
    out.push(...learnerTextProblems([{ at: `items[${i}].prompt`, text: item.prompt }]));
    if (seen.has(item.id)) out.push(`items[${i}].id: "${item.id}" is used twice in this file`);
    seen.add(item.id);
  });
  return out;
}
