import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { drawItems, PoolTooSmallError } from '@/lib/assessments/draw';
import { poolFor } from '@/lib/assessments/pool';
import { blueprint, coding, pools, section } from './fixtures';

const bp = blueprint([
  section({ id: 'cases', kind: 'coding', draw: 6 }),
  section({ id: 'theory', kind: 'theory', draw: 8 }),
  section({ id: 'written', kind: 'written', draw: 2 }),
]);

describe('poolFor', () => {
  it('keeps the items that pass every filter given', () => {
    const s = section({ id: 's', kind: 'coding', draw: 1, pool: { specialties: ['cardiology', 'ent'], difficulties: ['foundation'] } });
    const got = poolFor(s, pools);
    expect(got.length).toBeGreaterThan(0);
    expect(got.every((i) => ['cardiology', 'ent'].includes(i.specialty!) && i.difficulty === 'foundation')).toBe(true);
    expect(got).toHaveLength(coding.filter((i) => ['cardiology', 'ent'].includes(i.specialty!) && i.difficulty === 'foundation').length);
  });

  it('takes an item tagged with any of the pool KSBs, and only listed ids', () => {
    expect(poolFor(section({ id: 's', kind: 'coding', draw: 1, pool: { ksbs: ['K1', 'S2'] } }), pools)).toHaveLength(12); // the K1 case is also tagged S2: counted once
    expect(poolFor(section({ id: 's', kind: 'theory', draw: 1, pool: { ids: ['q-1', 'q-2', 'nope'] } }), pools).map((i) => i.id)).toEqual(['q-1', 'q-2']);
  });

  it('filters by topic, and an item without the filtered field does not match', () => {
    expect(poolFor(section({ id: 's', kind: 'theory', draw: 1, pool: { topics: ['Topic 2'] } }), pools)).toHaveLength(10);
    expect(poolFor(section({ id: 's', kind: 'theory', draw: 1, pool: { specialties: ['ent'] } }), pools)).toHaveLength(0);
  });
});

describe('drawItems', () => {
  it('gives the same paper for the same seed, and another for another seed', () => {
    expect(drawItems(bp, pools, 'attempt-1')).toEqual(drawItems(bp, pools, 'attempt-1'));
    expect(drawItems(bp, pools, 'attempt-1')).not.toEqual(drawItems(bp, pools, 'attempt-2'));
  });

  it('does not depend on the order the pools come in', () => {
    const reversed = { coding: [...pools.coding].reverse(), theory: [...pools.theory].reverse(), written: [...pools.written].reverse() };
    expect(drawItems(bp, reversed, 'x')).toEqual(drawItems(bp, pools, 'x'));
  });

  it('draws each section in blueprint order with its kind and count', () => {
    const got = drawItems(bp, pools, 'seed');
    expect(got.map((d) => d.sectionId)).toEqual([...Array(6).fill('cases'), ...Array(8).fill('theory'), ...Array(2).fill('written')]);
    expect(got.filter((d) => d.sectionId === 'theory').every((d) => d.kind === 'theory')).toBe(true);
  });

  it('spreads coding cases over distinct specialties before repeating one', () => {
    for (const seed of ['a', 'b', 'c', 'd']) {
      const specs = drawItems(bp, pools, seed)
        .filter((d) => d.kind === 'coding')
        .map((d) => coding.find((c) => c.id === d.ref)!.specialty);
      expect(new Set(specs).size).toBe(6);
    }
  });

  it('spreads theory questions over topics: 8 from 4 topics is 2 each', () => {
    const topics = drawItems(bp, pools, 'seed')
      .filter((d) => d.kind === 'theory')
      .map((d) => pools.theory.find((q) => q.id === d.ref)!.topic);
    for (const t of ['Topic 1', 'Topic 2', 'Topic 3', 'Topic 4']) expect(topics.filter((x) => x === t)).toHaveLength(2);
  });

  it('never repeats an item when two sections share a pool, and the second prefers unused specialties', () => {
    const two = blueprint([section({ id: 'one', kind: 'coding', draw: 6 }), section({ id: 'two', kind: 'coding', draw: 30 })]);
    const got = drawItems(two, pools, 'shared');
    expect(new Set(got.map((d) => d.ref)).size).toBe(36);
    const three = blueprint([section({ id: 'one', kind: 'coding', draw: 3 }), section({ id: 'two', kind: 'coding', draw: 3 })]);
    const specs = drawItems(three, pools, 'spread').map((d) => coding.find((c) => c.id === d.ref)!.specialty);
    expect(new Set(specs).size).toBe(6);
  });

  it('counts an id listed twice in a pool once', () => {
    const doubled = { ...pools, written: [...pools.written, ...pools.written] };
    const got = drawItems(blueprint([section({ id: 'w', kind: 'written', draw: 8 })]), doubled, 'twice');
    expect(new Set(got.map((d) => d.ref)).size).toBe(8);
    expect(() => drawItems(blueprint([section({ id: 'w', kind: 'written', draw: 9 })]), doubled, 'twice')).toThrow(PoolTooSmallError);
  });

  it('throws a clear error when a pool is too small', () => {
    const small = blueprint([section({ id: 'ent-only', kind: 'coding', draw: 7, pool: { specialties: ['ent'] } })]);
    expect(() => drawItems(small, pools, 's')).toThrow(PoolTooSmallError);
    expect(() => drawItems(small, pools, 's')).toThrow('Section "ent-only" draws 7 item(s) but only 6 match its pool');
    const starved = blueprint([section({ id: 'one', kind: 'coding', draw: 30 }), section({ id: 'two', kind: 'coding', draw: 7 })]);
    expect(() => drawItems(starved, pools, 's')).toThrow(/"two" draws 7 item\(s\) but only 6 match its pool and are not already drawn/);
  });

  it('any seed gives each section `draw` distinct items from its pool (property)', () => {
    const filtered = blueprint([
      section({ id: 'found', kind: 'coding', draw: 5, pool: { difficulties: ['foundation'] } }),
      section({ id: 'any', kind: 'coding', draw: 8 }),
      section({ id: 't', kind: 'theory', draw: 10, pool: { topics: ['Topic 1', 'Topic 3'] } }),
      section({ id: 'w', kind: 'written', draw: 3, pool: { ksbs: ['K26'] } }),
    ]);
    fc.assert(
      fc.property(fc.string(), (seed) => {
        const got = drawItems(filtered, pools, seed);
        expect(new Set(got.map((d) => `${d.kind}:${d.ref}`)).size).toBe(got.length);
        for (const s of filtered.sections) {
          const mine = got.filter((d) => d.sectionId === s.id);
          expect(mine).toHaveLength(s.draw);
          const allowed = new Set(poolFor(s, pools).map((i) => i.id));
          expect(mine.every((d) => allowed.has(d.ref))).toBe(true);
        }
      }),
    );
  });
});
