import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CaseFile } from '@/lib/content/case';
import { loadClassification } from '@/lib/coding/load';
import { expectedForMarking } from '@/lib/coding/expected';
import { AUDIT_ERROR_TYPES, type AuditErrorType } from '@/lib/audit-practice/error-types';
import { PLANTED_TYPES, plantEpisodes, plantedCounts, prng } from '@/lib/audit-practice/plant';
import { auditMark, FIGURE_FIELDS, keyProblems } from '@/lib/audit-practice/verify';

const c = loadClassification();
const dir = path.join('content', 'cases');
const docs = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => CaseFile.parse(JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'))));
const byId = new Map(docs.map((d) => [d.id, d]));
const episodes = plantEpisodes(docs, c);

describe('the audit error generator', () => {
  it('plants every error type at least 5 times, one or two per episode', () => {
    const counts = plantedCounts(episodes);
    for (const t of PLANTED_TYPES) expect(counts[t], t).toBeGreaterThanOrEqual(5);
    for (const e of episodes) expect([1, 2]).toContain(e.planted!.length);
    expect(episodes.length).toBeGreaterThanOrEqual(50);
  });

  it('plants only errors the marker detects, at the planted code, and the figures drop below the key’s', () => {
    for (const e of episodes) {
      const doc = byId.get(e.caseId!)!;
      const expected = expectedForMarking(doc.expected).coding;
      expect(keyProblems(expected, e.coded, e.key, c, doc.patient), e.id).toEqual([]);
      const m = auditMark(expected, e.coded, c, doc.patient);
      for (const p of e.planted!) {
        const found =
          p.type === 'omitted'
            ? m.findings.some((f) => f.type === 'omitted_code' && f.expected === p.code)
            : m.findings.some((f) => (AUDIT_ERROR_TYPES[p.type as AuditErrorType].findings as readonly string[]).includes(f.type) && f.given === p.code);
        expect(found, `${e.id}: ${p.type} at ${p.code}`).toBe(true);
      }
      const key = auditMark(expected, { diagnoses: doc.expected.diagnoses.map((d) => d.code), procedures: doc.expected.procedures.map((d) => d.code) }, c, doc.patient);
      // Over the four figures: codes correct of codes audited (a figure with nothing to audit counts nothing).
      const share = (r: typeof m) => {
        const [correct, of] = FIGURE_FIELDS.reduce(([a, b], f) => [a + (r[f]?.correct ?? 0), b + (r[f]?.of ?? 0)], [0, 0]);
        return correct / of;
      };
      expect(share(key), e.id).toBe(1);
      expect(share(m), e.id).toBeLessThan(1);
      expect(e.key.figures).toEqual({ primaryDiagnosis: m.primaryDiagnosis, secondaryDiagnoses: m.secondaryDiagnoses, primaryProcedure: m.primaryProcedure, secondaryProcedures: m.secondaryProcedures });
    }
  });

  it('gives each wrong code a correction where one exists and an explanation in words', () => {
    for (const e of episodes)
      for (const k of [...e.key.diagnoses, ...e.key.procedures])
        if (k.verdict === 'error') {
          expect(k.explanation.length, e.id).toBeGreaterThan(40);
          if (k.errorType === 'wrong_character' || k.errorType === 'sequencing') expect(k.correction, e.id).toBeTruthy();
        }
  });

  it('is deterministic: the same seed gives the same episodes, another seed others', () => {
    expect(plantEpisodes(docs, c, 19)).toEqual(episodes);
    expect(JSON.stringify(plantEpisodes(docs, c, 7))).not.toEqual(JSON.stringify(episodes));
    const a = prng(42);
    const b = prng(42);
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
  });
});

describe('symptoms the notes record', () => {
  it('takes a symptom word only where it is not negated', async () => {
    const { recorded } = await import('@/lib/audit-practice/plant');
    expect(recorded('two days of fever and rigors', 'fever')).toBe(true);
    expect(recorded('first episode. no fever. no other history', 'fever')).toBe(false);
    expect(recorded('no vomiting, but nausea since monday', 'nausea')).toBe(false); // "no" within reach: left out, to be safe
    expect(recorded('no rash. fever for two days', 'fever')).toBe(true);
    expect(recorded('without cough or breathlessness', 'breathless')).toBe(false);
    expect(recorded('afebrile on arrival', 'febrile')).toBe(false);
  });
});
