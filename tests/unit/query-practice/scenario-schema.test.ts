import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { QueryScenarioFile } from '@/lib/content/query-scenario';
import { precheckQuery } from '@/lib/query-practice/prechecks';

const dir = path.resolve('content/queries');
const docs = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => ({ file: f, data: JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as unknown }));

const valid = {
  id: 'query-x',
  title: 'A scenario',
  specialty: 'renal',
  ksbs: ['S18', 'K12', 'S9'],
  notes: { admission: 'Admitted on 01/01.', history: 'A history of it.', discharge: 'Discharged on 03/01.' },
  queryNeeded: true,
  gap: 'The stage is not documented anywhere.',
  changes: 'The fourth character of the code changes.',
  modelQuery: 'Dear Dr X, the discharge summary of 03/01 ... so that it is coded accurately.',
};

describe('query scenario files', () => {
  it('has at least 15 scenarios, each valid, 2 or 3 of them needing no query', () => {
    expect(docs.length).toBeGreaterThanOrEqual(15);
    const parsed = docs.map((d) => QueryScenarioFile.parse(d.data));
    const noQuery = parsed.filter((s) => !s.queryNeeded).length;
    expect(noQuery).toBeGreaterThanOrEqual(2);
    expect(noQuery).toBeLessThanOrEqual(3);
    for (const [i, s] of parsed.entries()) expect(`${s.id}.json`).toBe(docs[i]!.file);
  });

  it('gives every scenario needing a query a model query that passes the pre-checks', () => {
    for (const d of docs) {
      const s = QueryScenarioFile.parse(d.data);
      if (s.queryNeeded) expect({ id: s.id, flags: precheckQuery(s.modelQuery) }).toEqual({ id: s.id, flags: [] });
    }
  });

  it('refuses a scenario without S18 and K12, without S9 or S11, with an unknown section or a short gap', () => {
    expect(QueryScenarioFile.safeParse(valid).success).toBe(true);
    expect(QueryScenarioFile.safeParse({ ...valid, ksbs: ['S18', 'S9', 'K5'] }).success).toBe(false);
    expect(QueryScenarioFile.safeParse({ ...valid, ksbs: ['S18', 'K12', 'K5'] }).success).toBe(false);
    expect(QueryScenarioFile.safeParse({ ...valid, notes: { ...valid.notes, gossip: 'Not a section.' } }).success).toBe(false);
    expect(QueryScenarioFile.safeParse({ ...valid, gap: 'short' }).success).toBe(false);
    expect(QueryScenarioFile.safeParse({ ...valid, id: 'Not Kebab' }).success).toBe(false);
  });
});
