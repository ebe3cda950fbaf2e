import { describe, expect, it } from 'vitest';
import { checkBlueprint, checkWrittenItems } from '@/lib/assessments/check';
import { drawItems } from '@/lib/assessments/draw';
import { blueprint, ksbCodes, pools, section } from './fixtures';

const good = blueprint(
  [
    section({ id: 'cases', kind: 'coding', draw: 6, pool: { difficulties: ['foundation', 'intermediate'] } }),
    section({ id: 'theory', kind: 'theory', draw: 8, pool: { topics: ['Topic 1', 'Topic 2'] } }),
    section({ id: 'written', kind: 'written', draw: 2 }),
  ],
  { ksbs: ['K4', 'K5', 'K11', 'K13', 'K26', 'B2'] },
);
const check = (bp = good) => checkBlueprint(bp, pools, ksbCodes);

describe('checkBlueprint', () => {
  it('finds nothing wrong with a good blueprint', () => {
    expect(check()).toEqual([]);
  });

  it('reports KSBs that are not items of the standard, in ksbs and in a pool', () => {
    const bp = blueprint([section({ id: 'cases', kind: 'coding', draw: 1, pool: { ksbs: ['K4', 'K99'] } })], { ksbs: ['K4', 'S77'] });
    expect(check(bp)).toEqual(['ksbs: S77 is not an item of the standard', 'sections.cases.pool.ksbs: K99 is not an item of the standard']);
  });

  it('reports a KSB listed twice', () => {
    expect(check(blueprint([section({ id: 'c', kind: 'coding', draw: 1 })], { ksbs: ['K4', 'K4'] }))).toEqual(['ksbs: K4 listed more than once']);
  });

  it('reports a pool smaller than the draw', () => {
    const bp = blueprint([section({ id: 'coding', kind: 'coding', draw: 10, pool: { specialties: ['ent'] } })]);
    expect(check(bp)).toEqual(['sections.coding.pool: only 6 item(s) match, the section draws 10']);
  });

  it('reports sections sharing items when earlier ones may starve a later one', () => {
    const bp = blueprint([section({ id: 'any', kind: 'coding', draw: 30 }), section({ id: 'ent', kind: 'coding', draw: 4, pool: { specialties: ['ent'] } })]);
    expect(check(bp)).toEqual(['sections.ent.pool: earlier sections may take 6 of its 6 items, leaving fewer than the 4 it draws']);
    // Sections of different kinds never compete.
    expect(check(blueprint([section({ id: 'a', kind: 'theory', draw: 40 }), section({ id: 'b', kind: 'coding', draw: 36 })]))).toEqual([]);
  });

  it('reports unknown ids, topics and empty specialties or difficulties', () => {
    const bp = blueprint([
      section({ id: 'cases', kind: 'coding', draw: 1, pool: { specialties: ['ent', 'obstetrics'], ids: ['ent-01', 'no-such-case'] } }),
      section({ id: 'theory', kind: 'theory', draw: 1, pool: { topics: ['Topic 1', 'Astrology'] } }),
    ]);
    expect(check(bp)).toEqual([
      'sections.cases.pool.specialties: no coding case is in Obstetrics',
      'sections.cases.pool.ids: "no-such-case" is not an item of the coding case scenarios',
      'sections.theory.pool.topics: "Astrology" is not a topic of the theory questions (topics: "Topic 1", "Topic 2", "Topic 3", "Topic 4")',
    ]);
    const noAdvanced = { ...pools, coding: pools.coding.filter((c) => c.difficulty !== 'advanced') };
    expect(checkBlueprint(blueprint([section({ id: 'hard', kind: 'coding', draw: 1, pool: { difficulties: ['advanced'] } })]), noAdvanced, ksbCodes)).toEqual([
      'sections.hard.pool.difficulties: no coding case is advanced',
      'sections.hard.pool: only 0 item(s) match, the section draws 1',
      'ksbs: K4 is not tagged on any item a section can draw',
    ]);
  });

  it('reports filters that do not apply to the section kind', () => {
    const bp = blueprint([
      section({ id: 'cases', kind: 'coding', draw: 1, pool: { topics: ['Topic 1'] } }),
      section({ id: 'theory', kind: 'theory', draw: 1, pool: { specialties: ['ent'] } }),
    ]);
    expect(check(bp)).toEqual([
      'sections.cases.pool.topics: topics filter theory and written sections; a coding section filters by specialty or difficulty',
      'sections.cases.pool: only 0 item(s) match, the section draws 1',
      'sections.theory.pool: specialties and difficulties filter coding sections; a theory section filters by topic',
      'sections.theory.pool: only 0 item(s) match, the section draws 1',
      'ksbs: K4 is not tagged on any item a section can draw',
    ]);
  });

  it('reports KSBs no section can reach', () => {
    const bp = { ...good, ksbs: [...good.ksbs, 'K1', 'S2'] };
    expect(check(bp)).toEqual([]); // the coding pool holds the K1 and S2 cases
    const narrow = { ...bp, sections: [section({ id: 'cases', kind: 'coding', draw: 2, pool: { specialties: ['ent'] } })] };
    expect(check(narrow)).toEqual(['ksbs: K5, K11, K13, K26, B2, K1 are not tagged on any item a section can draw']);
  });

  it('passes only blueprints drawItems can draw for any seed', () => {
    expect(check()).toEqual([]);
    for (const seed of ['1', '2', '3']) expect(() => drawItems(good, pools, seed)).not.toThrow();
  });
});

describe('checkWrittenItems', () => {
  const item = (id: string, ksbs: string[]) => ({ id, prompt: 'Explain what you would do and why.', ksbs, rubric: [{ criterion: 'Names the right rule', marks: 2 }], guidance: 'A good answer names the rule.' });
  it('reports unknown KSBs and repeated ids', () => {
    expect(checkWrittenItems({ topic: 'Governance', items: [item('a', ['K13']), item('b', ['K13', 'B9']), item('a', ['K26'])] }, ksbCodes)).toEqual([
      'items[1].ksbs: B9 is not an item of the standard',
      'items[2].id: "a" is used twice in this file',
    ]);
  });
});
