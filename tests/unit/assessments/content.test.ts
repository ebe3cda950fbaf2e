import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkBlueprint } from '@/lib/assessments/check';
import { loadContentPools } from '@/lib/assessments/content-pools';
import { drawItems } from '@/lib/assessments/draw';
import { poolFor } from '@/lib/assessments/pool';
import { Blueprint } from '@/lib/content/assessment';
import { Standard } from '@/lib/content/standard';

const root = path.resolve('content');
const standard = Standard.parse(JSON.parse(fs.readFileSync(path.join(root, 'standards', 'st0535.json'), 'utf8')));
const ksbCodes = new Set(standard.ksbs.map((k) => k.code));
const dir = path.join(root, 'assessments', 'blueprints');
const blueprints = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => Blueprint.parse(JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'))));
const pools = loadContentPools(root);

describe('the shipped blueprints', () => {
  it('builds pools from every case, question and written item in content', () => {
    expect(pools.coding).toHaveLength(fs.readdirSync(path.join(root, 'cases')).filter((f) => f.endsWith('.json')).length);
    expect(pools.theory.length).toBeGreaterThan(100);
    expect(pools.written.length).toBeGreaterThanOrEqual(24);
  });

  it.each(blueprints.map((b) => [b.id, b] as const))('%s passes the check and draws for any seed', (_, bp) => {
    expect(checkBlueprint(bp, pools, ksbCodes)).toEqual([]);
    for (const seed of ['a', 'b', 'c']) expect(drawItems(bp, pools, seed)).toHaveLength(bp.sections.reduce((t, s) => t + s.draw, 0));
    // At least 1.5 times the draw in each pool, so attempts differ.
    for (const s of bp.sections) expect(poolFor(s, pools).length).toBeGreaterThanOrEqual(1.5 * s.draw);
  });

  it('has the mock EPA set out to assess every K and S item of the standard', () => {
    const epa = blueprints.find((b) => b.kind === 'epa_practice')!;
    const ks = [...ksbCodes].filter((k) => /^[KS]/.test(k));
    expect(ks).toHaveLength(54);
    expect([...epa.ksbs].sort()).toEqual(expect.arrayContaining(ks.sort()));
  });
});
