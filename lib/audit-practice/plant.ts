/**
 * Audit episodes generated from the cases: the case's notes with a coder's codes in which one or two errors are
 * planted, deterministically from a seed. Each planting is proved with the marker (keyProblems) and skipped when
 * the marker would not detect it, so every generated episode's key is a real audit finding.
 */
import type { AuditKeyCode } from '@/db/schema/practice';
import type { CaseFile } from '@/lib/content/case';
import { categoryOf, isAsterisk, isPaired, isSupplementary, lookup, patientLimit, ukForm, type Classification, type CodeEntry, type Scheme } from '@/lib/coding/classification';
import { expectedForMarking } from '@/lib/coding/expected';
import type { AuditErrorType } from './error-types';
import { auditMark, figuresOf, keyProblems, type AuditKey } from './verify';

export const AUDIT_KSBS = ['S13', 'S20', 'K7', 'K16'];
export const DEFAULT_SEED = 19;

export type PlantedType = Extract<AuditErrorType, 'wrong_character' | 'sequencing' | 'unnecessary' | 'dagger_asterisk_order' | 'yz_position'> | 'omitted';
export const PLANTED_TYPES: PlantedType[] = ['wrong_character', 'sequencing', 'omitted', 'unnecessary', 'dagger_asterisk_order', 'yz_position'];

export type AuditEpisode = {
  id: string;
  origin: 'planted' | 'written';
  caseId: string | null;
  title: string;
  notes: Record<string, string>;
  patient: { sex: 'female' | 'male'; age: number };
  ksbs: string[];
  coded: { diagnoses: string[]; procedures: string[] };
  key: AuditKey;
  /** What was planted (generated episodes): the type and the code it falls on. */
  planted?: { type: PlantedType; code: string }[];
};

/** mulberry32: a small seeded generator, so the same seed gives the same episodes. */
export function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Slot = { code: string; key: AuditKeyCode };
type Work = { diagnoses: Slot[]; procedures: Slot[]; omitted: AuditKey['omitted'] };
type Ctx = { doc: CaseFile; c: Classification; rand: () => number };
type Planting = { type: PlantedType; code: string; apply: (w: Work) => void };

const SIDES = ['diagnoses', 'procedures'] as const;
const schemeOf = (side: (typeof SIDES)[number]): Scheme => (side === 'diagnoses' ? 'icd10' : 'opcs4');
const titleOf = (c: Classification, scheme: Scheme, code: string) => c[scheme].get(code)?.title ?? code;
const named = (c: Classification, scheme: Scheme, code: string) => `${ukForm(scheme, code)} (${titleOf(c, scheme, code)})`;
const pick = <T>(rand: () => number, xs: readonly T[]): T | undefined => (xs.length ? xs[Math.floor(rand() * xs.length)] : undefined);
const rationale = (doc: CaseFile, side: (typeof SIDES)[number], code: string) => doc.expected[side].find((e) => e.code === code)?.rationale ?? '';

/** Each category's complete codes, built once per classification (the generator asks many times). */
const byCategory = new WeakMap<Classification, Record<Scheme, Map<string, CodeEntry[]>>>();
function codesIn(c: Classification, scheme: Scheme, category: string): CodeEntry[] {
  let index = byCategory.get(c);
  if (!index) {
    index = { icd10: new Map(), opcs4: new Map() };
    for (const s of ['icd10', 'opcs4'] as const)
      for (const e of c[s].values()) {
        if (e.hasChildren) continue;
        const list = index[s].get(e.category) ?? [];
        list.push(e);
        index[s].set(e.category, list);
      }
    byCategory.set(c, index);
  }
  return index[scheme].get(category) ?? [];
}

function wrongCharacter({ doc, c, rand }: Ctx): Planting | null {
  const options = SIDES.flatMap((side) =>
    doc.expected[side].flatMap((e, i) => {
      const scheme = schemeOf(side);
      const inKey = new Set(doc.expected[side].flatMap((x) => [x.code, ...(x.alternatives ?? [])]));
      const siblings = codesIn(c, scheme, categoryOf(e.code)).filter(
        (s) => s.code !== e.code && s.code.length === e.code.length && !inKey.has(s.code) && isAsterisk(c, s.code) === isAsterisk(c, e.code) && !patientLimit(s, doc.patient),
      );
      return siblings.length ? [{ side, i, code: e.code, siblings: siblings.map((s) => s.code).sort() }] : [];
    }),
  );
  const o = pick(rand, options);
  if (!o) return null;
  const given = pick(rand, o.siblings)!;
  const scheme = schemeOf(o.side);
  const which = given.length > 5 ? '5th' : '4th';
  return {
    type: 'wrong_character',
    code: given,
    apply: (w) => {
      const at = w[o.side].findIndex((s) => s.code === o.code);
      if (at < 0) throw new Error('planted twice');
      w[o.side][at] = {
        code: given,
        key: { code: given, verdict: 'error', errorType: 'wrong_character', correction: o.code, explanation: `The ${which} character must reflect what the notes record: ${named(c, scheme, o.code)}, not ${named(c, scheme, given)}. ${rationale(doc, o.side, o.code)}` },
      };
    },
  };
}

function sequencing({ doc, c, rand }: Ctx): Planting | null {
  const options = SIDES.flatMap((side) => {
    const list = doc.expected[side];
    const first = list[0]?.code;
    if (!first) return [];
    return list.flatMap((e, i) => (i > 0 && categoryOf(e.code) !== categoryOf(first) && !isAsterisk(c, e.code) && !isSupplementary(e.code) && !(side === 'diagnoses' && /^[VWXY]/.test(e.code)) && !isAsterisk(c, list[1]?.code ?? '') ? [{ side, i, first, code: e.code }] : []));
  });
  const o = pick(rand, options);
  if (!o) return null;
  const scheme = schemeOf(o.side);
  return {
    type: 'sequencing',
    code: o.code,
    apply: (w) => {
      const list = w[o.side];
      const at = list.findIndex((s) => s.code === o.code);
      if (at < 1 || list[0]!.code !== o.first) throw new Error('planted twice');
      const a = list[0]!;
      list[0] = {
        code: o.code,
        key: {
          code: o.code,
          verdict: 'error',
          errorType: 'sequencing',
          correction: o.first,
          explanation: `${named(c, scheme, o.first)} must come first: ${o.side === 'diagnoses' ? 'the primary diagnosis is the main condition treated or investigated in the episode' : 'the primary procedure is the main, most resource-intensive procedure performed'}, and ${ukForm(scheme, o.code)} is a secondary ${o.side === 'diagnoses' ? 'diagnosis' : 'procedure'} here.`,
        },
      };
      list[at] = a;
    },
  };
}

function omitted({ doc, c, rand }: Ctx): Planting | null {
  const options = SIDES.flatMap((side) =>
    doc.expected[side].flatMap((e, i) => {
      if (i === 0) return [];
      const list = doc.expected[side];
      // Leaving out a dagger or asterisk code, or a code a Y/Z code qualifies, would be a second error as well.
      const next = list[i + 1]?.code;
      if (isAsterisk(c, e.code) || (next && (isAsterisk(c, next) || (isSupplementary(next) && !isSupplementary(e.code))))) return [];
      return [{ side, i, code: e.code }];
    }),
  );
  const o = pick(rand, options);
  if (!o) return null;
  const scheme = schemeOf(o.side);
  return {
    type: 'omitted',
    code: o.code,
    apply: (w) => {
      const at = w[o.side].findIndex((s) => s.code === o.code);
      if (at < 1) throw new Error('planted twice');
      w[o.side].splice(at, 1);
      w.omitted.push({ field: o.side, code: o.code, explanation: `The coder left out ${named(c, scheme, o.code)}. ${rationale(doc, o.side, o.code)}` });
    },
  };
}

/** Symptoms a definitive diagnosis accounts for, with the words that show the notes record them. */
const SYMPTOMS: { code: string; words: string[]; plain: string }[] = [
  { code: 'R10.1', words: ['right upper quadrant', 'epigastric', 'upper abdominal'], plain: 'upper abdominal pain' },
  { code: 'R10.4', words: ['abdominal pain', 'lower abdominal'], plain: 'abdominal pain' },
  { code: 'R50.9', words: ['fever', 'pyrexia', 'pyrexial', 'febrile'], plain: 'fever' },
  { code: 'R07.4', words: ['chest pain'], plain: 'chest pain' },
  { code: 'R06.0', words: ['breathless', 'shortness of breath', 'dyspnoea'], plain: 'breathlessness' },
  { code: 'R05', words: ['cough'], plain: 'cough' },
  { code: 'R11', words: ['nausea', 'vomiting'], plain: 'nausea and vomiting' },
  { code: 'R31', words: ['haematuria'], plain: 'haematuria' },
  { code: 'R51', words: ['headache'], plain: 'headache' },
  { code: 'R41.0', words: ['confusion'], plain: 'confusion' },
  { code: 'R56.8', words: ['seizure'], plain: 'seizures' },
  { code: 'R00.2', words: ['palpitations'], plain: 'palpitations' },
];

/** Whether the notes record the symptom: a word that is not negated just before it ("No fever", "without cough"). */
export function recorded(text: string, word: string): boolean {
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    if (at > 0 && /[a-z]/.test(text[at - 1]!)) continue; // part of another word: "afebrile" is not "febrile"
    const before = text.slice(Math.max(0, at - 30), at);
    if (!/\b(no|not|nor|without|denies|denied|absent)\b[^.;]*$/.test(before)) return true;
  }
  return false;
}

function unnecessary({ doc, c, rand }: Ctx): Planting | null {
  const primary = doc.expected.diagnoses[0]?.code;
  if (!primary) return null;
  const text = Object.values(doc.notes).join(' ').toLowerCase();
  const cats = new Set(doc.expected.diagnoses.map((e) => categoryOf(e.code)));
  const options = SYMPTOMS.filter((s) => s.words.some((w) => recorded(text, w)) && !cats.has(categoryOf(s.code))).flatMap((s) => {
    const l = lookup(c, 'icd10', s.code);
    return l.status === 'ok' && !patientLimit(l.entry, doc.patient) ? [{ ...s, code: l.code }] : [];
  });
  const o = pick(rand, options);
  if (!o) return null;
  return {
    type: 'unnecessary',
    code: o.code,
    apply: (w) => {
      w.diagnoses.push({
        code: o.code,
        key: {
          code: o.code,
          verdict: 'error',
          errorType: 'unnecessary',
          correction: null,
          explanation: `${named(c, 'icd10', o.code)} codes a symptom (${o.plain}) that the episode's confirmed diagnoses account for: national coding standards say a sign or symptom is not coded when a definitive diagnosis explains it, so the code is removed.`,
        },
      });
    },
  };
}

function daggerAsterisk({ doc, c, rand }: Ctx): Planting | null {
  const list = doc.expected.diagnoses;
  const options = list.flatMap((e, i) => (i > 0 && isAsterisk(c, e.code) && isPaired(c, list[i - 1]!.code, e.code) && (i - 1 > 0 || i + 1 < list.length) ? [{ i, code: e.code, dagger: list[i - 1]!.code }] : []));
  const o = pick(rand, options);
  if (!o) return null;
  return {
    type: 'dagger_asterisk_order',
    code: o.code,
    apply: (w) => {
      const d = w.diagnoses;
      const at = d.findIndex((s) => s.code === o.code);
      const slot: Slot = {
        code: o.code,
        key: { code: o.code, verdict: 'error', errorType: 'dagger_asterisk_order', correction: null, explanation: `The asterisk code ${ukForm('icd10', o.code)} records a manifestation and must come directly after its dagger code ${ukForm('icd10', o.dagger)}, which records the underlying disease (the dagger and asterisk convention).` },
      };
      d.splice(at, 1);
      if (at - 1 > 0) d.splice(at - 1, 0, slot); // before its dagger code
      else d.push(slot); // the dagger is primary: moved to the end
    },
  };
}

function yzPosition({ doc, c, rand }: Ctx): Planting | null {
  const list = doc.expected.procedures;
  const options = list.flatMap((e, i) => (i > 0 && isSupplementary(e.code) ? [{ i, code: e.code }] : []));
  const o = pick(rand, options);
  if (!o) return null;
  const qualifies = [...list.slice(0, o.i)].reverse().find((e) => !isSupplementary(e.code))!.code;
  return {
    type: 'yz_position',
    code: o.code,
    apply: (w) => {
      const p = w.procedures;
      const at = p.findIndex((s) => s.code === o.code);
      const [slot] = p.splice(at, 1);
      slot!.key = {
        code: o.code,
        verdict: 'error',
        errorType: 'yz_position',
        correction: null,
        explanation: `${named(c, 'opcs4', o.code)} is an OPCS-4 chapter ${o.code[0]} code: it only qualifies another procedure, so it must sit directly after the code it qualifies, ${qualifies}, and is never first.`,
      };
      // After another main procedure when there is one, otherwise first.
      const other = p.findIndex((s, k) => k > 0 && !isSupplementary(s.code) && s.code !== qualifies);
      if (other > 0) p.splice(other + 1, 0, slot!);
      else p.unshift(slot!);
    },
  };
}

const PLANTERS: Record<PlantedType, (ctx: Ctx) => Planting | null> = {
  wrong_character: wrongCharacter,
  sequencing,
  omitted,
  unnecessary,
  dagger_asterisk_order: daggerAsterisk,
  yz_position: yzPosition,
};

function build(doc: CaseFile, c: Classification, plantings: Planting[], id: string): AuditEpisode | null {
  const w: Work = {
    diagnoses: doc.expected.diagnoses.map((e) => ({ code: e.code, key: { code: e.code, verdict: 'correct' } })),
    procedures: doc.expected.procedures.map((e) => ({ code: e.code, key: { code: e.code, verdict: 'correct' } })),
    omitted: [],
  };
  try {
    for (const p of plantings) p.apply(w);
  } catch {
    return null; // the second planting falls on a code the first one moved or changed
  }
  const coded = { diagnoses: w.diagnoses.map((s) => s.code), procedures: w.procedures.map((s) => s.code) };
  if (new Set(coded.diagnoses).size !== coded.diagnoses.length || new Set(coded.procedures).size !== coded.procedures.length) return null;
  const keyJson = { diagnoses: w.diagnoses.map((s) => s.key), procedures: w.procedures.map((s) => s.key), omitted: w.omitted };
  const expected = expectedForMarking(doc.expected).coding;
  if (keyProblems(expected, coded, keyJson, c, doc.patient).length) return null; // the marker would not prove it: skip
  const figures = figuresOf(auditMark(expected, coded, c, doc.patient));
  return {
    id,
    origin: 'planted',
    caseId: doc.id,
    title: doc.title,
    notes: doc.notes as Record<string, string>,
    patient: { sex: doc.patient.sex, age: doc.patient.age },
    ksbs: AUDIT_KSBS,
    coded,
    key: { ...keyJson, figures },
    planted: plantings.map((p) => ({ type: p.type, code: p.code })),
  };
}

/**
 * Two episodes per case (one error, then two), the error types chosen least-used first so each type is planted
 * as often as the cases allow; a planting the marker would not detect is skipped and the next type tried.
 */
export function plantEpisodes(docs: readonly CaseFile[], c: Classification, seed = DEFAULT_SEED): AuditEpisode[] {
  const rand = prng(seed);
  const used = Object.fromEntries(PLANTED_TYPES.map((t) => [t, 0])) as Record<PlantedType, number>;
  const order = () =>
    PLANTED_TYPES.map((t) => ({ t, r: rand() }))
      .sort((a, b) => used[a.t] - used[b.t] || a.r - b.r)
      .map((x) => x.t);
  const out: AuditEpisode[] = [];
  for (const doc of [...docs].sort((a, b) => a.id.localeCompare(b.id))) {
    const ctx: Ctx = { doc, c, rand };
    // One error.
    let first: Planting | null = null;
    for (const t of order()) {
      const p = PLANTERS[t](ctx);
      const e = p && build(doc, c, [p], `${doc.id}--a`);
      if (p && e) {
        out.push(e);
        used[t]++;
        first = p;
        break;
      }
    }
    // Two errors: another type on top of a fresh first one.
    const types = order();
    done: for (const t1 of types)
      for (const t2 of types) {
        if (t1 === t2) continue;
        const p1 = PLANTERS[t1](ctx);
        const p2 = PLANTERS[t2](ctx);
        if (!p1 || !p2 || p1.code === p2.code || (first && p1.type === first.type && p1.code === first.code && !p2)) continue;
        const e = build(doc, c, [p1, p2], `${doc.id}--b`);
        if (e) {
          out.push(e);
          used[t1]++;
          used[t2]++;
          break done;
        }
      }
  }
  return out;
}

/** How many times each error type was planted. */
export function plantedCounts(episodes: readonly AuditEpisode[]) {
  const counts = Object.fromEntries(PLANTED_TYPES.map((t) => [t, 0])) as Record<PlantedType, number>;
  for (const e of episodes) for (const p of e.planted ?? []) counts[p.type]++;
  return counts;
}
