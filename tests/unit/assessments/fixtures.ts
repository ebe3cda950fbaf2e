import type { Blueprint, Section } from '@/lib/content/assessment';
import type { PoolItem, Pools } from '@/lib/assessments/pool';

// Not a test file (no .test.ts): shared builders for the assessment tests.
export const SPECS = ['cardiology', 'ent', 'renal', 'neurology', 'oncology', 'urology'] as const;
export const DIFFS = ['foundation', 'intermediate', 'advanced'] as const;

/** 36 cases: 6 specialties × 6, difficulties cycling; K4 on all, K1 on the first, S2 on every third. */
export const coding: PoolItem[] = SPECS.flatMap((specialty, si) =>
  Array.from({ length: 6 }, (_, i) => ({
    id: `${specialty}-${String(i + 1).padStart(2, '0')}`,
    specialty,
    difficulty: DIFFS[(si + i) % 3],
    ksbs: ['K4', ...(si === 0 && i === 0 ? ['K1'] : []), ...(i % 3 === 0 ? ['S2'] : [])],
  })),
);
/** 40 questions over 4 topics. */
export const theory: PoolItem[] = Array.from({ length: 40 }, (_, i) => ({ id: `q-${i + 1}`, topic: `Topic ${(i % 4) + 1}`, ksbs: [i % 2 ? 'K5' : 'K11'] }));
/** 8 written items over 2 topics. */
export const written: PoolItem[] = Array.from({ length: 8 }, (_, i) => ({ id: `w-${i + 1}`, topic: i < 4 ? 'Governance' : 'Role', ksbs: [i < 4 ? 'K13' : 'K26', 'B2'] }));
export const pools: Pools = { coding, theory, written };
export const ksbCodes = new Set(['K1', 'K4', 'K5', 'K11', 'K13', 'K26', 'S2', 'B2']);

export const section = (over: Partial<Section> & Pick<Section, 'id' | 'kind' | 'draw'>): Section => ({
  title: `Section ${over.id}`,
  instructions: 'Answer every item in this section.',
  pool: {},
  minutes: 60,
  weight: 1,
  boundaries: { pass: 60, distinction: 80 },
  ...over,
});

export const blueprint = (sections: Section[], over: Partial<Blueprint> = {}): Blueprint => ({
  id: 'test-paper',
  title: 'Test paper',
  kind: 'other',
  description: 'A blueprint built for the unit tests.',
  practice: true,
  ksbs: ['K4'],
  sections,
  boundaries: { pass: 60, distinction: 80 },
  ...over,
});
