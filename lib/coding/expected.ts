import type { ExpectedCoding, ExpectedEntry } from './mark';

type KeyEntry = { code: string; alternatives?: readonly string[] };
type Key = { diagnoses: readonly KeyEntry[]; procedures: readonly KeyEntry[] };
/** The expected coding as an attempt stores it: the codes, and the alternatives only when a position has some. */
export type StoredExpected = { diagnoses: string[]; procedures: string[]; alternatives?: { diagnoses: string[][]; procedures: string[][] } };

const entry = (e: KeyEntry): ExpectedEntry => (e.alternatives?.length ? { code: e.code, alternatives: e.alternatives } : e.code);

/** A case key (codes with rationales and accepted alternatives) as the marker takes it and as an attempt keeps it. */
export function expectedForMarking(key: Key): { coding: ExpectedCoding; stored: StoredExpected } {
  const stored: StoredExpected = { diagnoses: key.diagnoses.map((d) => d.code), procedures: key.procedures.map((p) => p.code) };
  if ([...key.diagnoses, ...key.procedures].some((e) => e.alternatives?.length))
    stored.alternatives = { diagnoses: key.diagnoses.map((d) => [...(d.alternatives ?? [])]), procedures: key.procedures.map((p) => [...(p.alternatives ?? [])]) };
  return { coding: { diagnoses: key.diagnoses.map(entry), procedures: key.procedures.map(entry) }, stored };
}

/** A stored expected coding back as the marker takes it. */
export function codingFromStored(s: StoredExpected): ExpectedCoding {
  const side = (codes: string[], alts?: string[][]) => codes.map((code, i) => entry({ code, alternatives: alts?.[i] }));
  return { diagnoses: side(s.diagnoses, s.alternatives?.diagnoses), procedures: side(s.procedures, s.alternatives?.procedures) };
}
