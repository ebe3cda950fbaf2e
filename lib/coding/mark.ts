/**
 * Marks a coded episode the way the NHS clinical coding audit reports one: four figures (primary
 * diagnosis, secondary diagnoses, primary procedure, secondary procedures), each a count correct
 * over a count audited, and a list of findings. A pure function of (expected, answer, classification).
 *
 * The full audit methodology goes only to approved auditors; these rules are this project's
 * documented reading of its public summary (../shared/DOMAIN.md §3):
 *
 * - The first code of each list is the primary, the rest are secondaries.
 * - Primary figures are 1 of 1 or 0 of 1, and null when neither the expected coding nor the answer
 *   has one. A primary given where none is expected scores 0 of 1 (unnecessary_code); a missing one
 *   0 of 1 (omitted_code); the right category with the wrong fourth character 0 of 1
 *   (fourth_character); the expected primary given but not first 0 of 1 (sequencing).
 * - Secondaries are compared as a multiset, in any order. correct = expected secondary codes given;
 *   of = expected secondary codes + given secondary codes that match none, so unnecessary codes lower
 *   the figure. A given code in the same category as an unmatched expected code pairs with it as one
 *   incorrect code (fourth_character), not as an omission plus an unnecessary code. A code given a
 *   second time is a duplicate_code and counts in `of`. Null when both are empty.
 * - When the expected primary appears among the answer's secondaries, it is reported once, as
 *   sequencing against the primary, and not again as an unnecessary secondary; and an answer primary
 *   that is one of the expected secondaries counts as that secondary given. A swapped pair therefore
 *   costs the primary figure only.
 * - A code that is not shaped like a code (invalid_format), not in the classification (unknown_code)
 *   or a category that needs a fourth character (incomplete_code) matches nothing: as a primary it
 *   scores 0 of 1, among secondaries it counts in `of` like an unnecessary code.
 * - Conventions: an asterisk code in primary position (asterisk_primary); an asterisk code not directly
 *   after its dagger code (dagger_asterisk_order); an OPCS-4 chapter Y or Z code first, or not directly
 *   after the code it qualifies (supplementary_position).
 * - A key position may accept alternatives (Y04.4 or Y04.5): any of them given there counts as the code.
 * - A code the patient cannot have by the edition's sex and age limits is reported (invalid_for_patient).
 *
 * No public source settles three readings, so they are rules an administrator sets (MarkingRules, shown on
 * every result as "How this was marked"); the defaults are the readings above:
 * - unnecessaryLowersSecondary (default yes): unnecessary, duplicate and invalid secondary codes count in `of`;
 * - swapCostsSecondary (default no): a swapped primary/secondary pair also costs the secondary figure;
 * - conventionErrors (default 'reported'): 'scored' counts a secondary code in the wrong dagger/asterisk
 *   or Y/Z position as a secondary error (not correct) instead of only reporting it.
 */
import { categoryOf, isAsterisk, isPaired, isSupplementary, lookup, patientLimit, ukForm, type Classification, type Lookup, type Scheme, type Sex } from './classification';

export type Field = 'primaryDiagnosis' | 'secondaryDiagnoses' | 'primaryProcedure' | 'secondaryProcedures';
export type FindingType =
  | 'incorrect_code'
  | 'omitted_code'
  | 'unnecessary_code'
  | 'fourth_character'
  | 'sequencing'
  | 'duplicate_code'
  | 'asterisk_primary'
  | 'dagger_asterisk_order'
  | 'supplementary_position'
  | 'invalid_format'
  | 'unknown_code'
  | 'incomplete_code'
  | 'invalid_for_patient';
export type Finding = { type: FindingType; field: Field; expected?: string; given?: string; message: string };
export type Figure = { correct: number; of: number } | null;
export type Coding = { diagnoses: readonly string[]; procedures: readonly string[] };
/** An expected code, and the other codes the key accepts in its position. */
export type ExpectedEntry = string | { code: string; alternatives?: readonly string[] };
export type ExpectedCoding = { diagnoses: readonly ExpectedEntry[]; procedures: readonly ExpectedEntry[] };

export type MarkingRules = {
  unnecessaryLowersSecondary: boolean;
  swapCostsSecondary: boolean;
  conventionErrors: 'reported' | 'scored';
};
export const DEFAULT_MARKING_RULES: MarkingRules = { unnecessaryLowersSecondary: true, swapCostsSecondary: false, conventionErrors: 'reported' };

/** The rules in words, for "How this was marked" on every result. */
export function describeMarkingRules(r: MarkingRules): string[] {
  return [
    r.unnecessaryLowersSecondary
      ? 'A secondary code that is not needed (or repeated, or not a valid code) lowers the secondary figure.'
      : 'A secondary code that is not needed (or repeated, or not a valid code) is reported but does not lower the secondary figure.',
    r.swapCostsSecondary
      ? 'A primary and secondary given the wrong way round cost the primary figure and the secondary figure.'
      : 'A primary and secondary given the wrong way round cost the primary figure only.',
    r.conventionErrors === 'scored'
      ? 'A dagger/asterisk order or OPCS-4 Y/Z position error counts as a secondary error.'
      : 'A dagger/asterisk order or OPCS-4 Y/Z position error is reported without changing a figure.',
  ];
}

export type MarkOptions = { rules?: MarkingRules; patient?: { sex: Sex; age: number } };
export type MarkResult = {
  primaryDiagnosis: Figure;
  secondaryDiagnoses: Figure;
  primaryProcedure: Figure;
  secondaryProcedures: Figure;
  findings: Finding[];
};

/** A mark result's four figures as the coding_attempts columns store them. */
export function figureColumns(m: MarkResult) {
  return {
    pdCorrect: m.primaryDiagnosis?.correct,
    pdOf: m.primaryDiagnosis?.of,
    sdCorrect: m.secondaryDiagnoses?.correct,
    sdOf: m.secondaryDiagnoses?.of,
    ppCorrect: m.primaryProcedure?.correct,
    ppOf: m.primaryProcedure?.of,
    spCorrect: m.secondaryProcedures?.correct,
    spOf: m.secondaryProcedures?.of,
  };
}

type Side = { scheme: Scheme; primary: Field; secondary: Field };
const DIAGNOSES: Side = { scheme: 'icd10', primary: 'primaryDiagnosis', secondary: 'secondaryDiagnoses' };
const PROCEDURES: Side = { scheme: 'opcs4', primary: 'primaryProcedure', secondary: 'secondaryProcedures' };
const SCHEME_NAME: Record<Scheme, string> = { icd10: 'ICD-10', opcs4: 'OPCS-4' };

/** A key whose code is not complete in the editions marked against (an edition changed under the content). */
export class KeyNotMarkable extends Error {
  constructor(
    public readonly code: string,
    public readonly edition: string,
  ) {
    super(`expected code ${code} is not a complete code in ${edition}`);
    this.name = 'KeyNotMarkable';
  }
}

export function mark(expected: ExpectedCoding, answer: Coding, c: Classification, options: MarkOptions = {}): MarkResult {
  const rules = options.rules ?? DEFAULT_MARKING_RULES;
  const d = markSide(DIAGNOSES, expected.diagnoses, answer.diagnoses, c, rules, options.patient);
  const p = markSide(PROCEDURES, expected.procedures, answer.procedures, c, rules, options.patient);
  return {
    primaryDiagnosis: d.primary,
    secondaryDiagnoses: d.secondary,
    primaryProcedure: p.primary,
    secondaryProcedures: p.secondary,
    findings: [...d.findings, ...p.findings],
  };
}

type Given = { raw: string; look: Lookup; code: string | null };

function markSide(side: Side, expectedRaw: readonly ExpectedEntry[], answerRaw: readonly string[], c: Classification, rules: MarkingRules, patient?: MarkOptions['patient']) {
  const list = c[side.scheme];
  const title = (code: string) => list.get(code)?.title ?? '';
  const named = (code: string) => (title(code) ? `${ukForm(side.scheme, code)} (${title(code)})` : code);
  const findings: Finding[] = [];
  const add = (f: Finding) => findings.push(f);

  const complete = (raw: string) => {
    const l = lookup(c, side.scheme, raw);
    if (l.status !== 'ok') throw new KeyNotMarkable(raw, c.editions[side.scheme].name);
    return l.code;
  };
  const keyed = expectedRaw.map((e) => (typeof e === 'string' ? { code: complete(e), alternatives: [] as string[] } : { code: complete(e.code), alternatives: (e.alternatives ?? []).map(complete) }));
  const given: Given[] = answerRaw.map((raw) => {
    const look = lookup(c, side.scheme, raw);
    return { raw, look, code: look.status === 'ok' ? look.code : null };
  });
  // An accepted alternative given in a key position is marked as the key's own code (its title stays the one given).
  for (const g of given) {
    const k = g.code ? keyed.find((e) => e.alternatives.includes(g.code!)) : undefined;
    if (k && !given.some((o) => o.code === k.code)) g.code = k.code;
  }
  const expected = keyed.map((e) => e.code);
  const fieldAt = (i: number) => (i === 0 ? side.primary : side.secondary);

  given.forEach((g, i) => {
    const f = validityFinding(g.look, side.scheme, fieldAt(i), c.editions[side.scheme].name);
    if (f) add(f);
    if (patient && g.look.status === 'ok') {
      const why = patientLimit(g.look.entry, patient);
      if (why) add({ type: 'invalid_for_patient', field: fieldAt(i), given: g.look.code, message: `${named(g.look.code)} ${why}; this patient is ${patient.sex}, aged ${patient.age}. Check the code against the notes.` });
    }
  });
  positionalFindings(side, expected, given, c, named).forEach(add);

  // Primary
  const e0 = expected[0];
  const g0 = given[0];
  let primary: Figure = null;
  let sequencing = false;
  if (e0 === undefined && g0 === undefined) primary = null;
  else if (g0 === undefined) {
    primary = { correct: 0, of: 1 };
    add({ type: 'omitted_code', field: side.primary, expected: e0, message: `The primary ${noun(side)} is missing: expected ${named(e0!)}.` });
  } else if (e0 === undefined) {
    primary = { correct: 0, of: 1 };
    if (g0.code) add({ type: 'unnecessary_code', field: side.primary, given: g0.code, message: `No ${noun(side)} is coded in this episode, so ${named(g0.code)} is not needed.` });
  } else if (!g0.code) primary = { correct: 0, of: 1 };
  else if (g0.code === e0) primary = { correct: 1, of: 1 };
  else if (categoryOf(g0.code) === categoryOf(e0)) {
    primary = { correct: 0, of: 1 };
    add({ type: 'fourth_character', field: side.primary, expected: e0, given: g0.code, message: fourthCharacterMessage(g0.code, e0, named) });
  } else if (given.slice(1).some((g) => g.code === e0)) {
    primary = { correct: 0, of: 1 };
    sequencing = true;
    add({
      type: 'sequencing',
      field: side.primary,
      expected: e0,
      given: g0.code,
      message: `${named(e0)} is the primary ${noun(side)} and must come first; you put ${g0.code} first. ${side.scheme === 'icd10' ? 'The primary diagnosis is the main condition treated or investigated in the episode.' : 'The primary procedure is the most resource-intensive procedure performed.'}`,
    });
  } else {
    primary = { correct: 0, of: 1 };
    add({
      type: 'incorrect_code',
      field: side.primary,
      expected: e0,
      given: g0.code,
      message: `The primary ${noun(side)} should be ${named(e0)}, not ${named(g0.code)}.`,
    });
  }

  // Secondaries
  const pool = expected.slice(1).map((code) => ({ code, matched: false, paired: false }));
  const candidates: string[] = [];
  // An answer primary that is one of the expected secondaries counts as that secondary given.
  const swappedPrimary = g0?.code && g0.code !== e0 && categoryOf(g0.code) !== (e0 && categoryOf(e0)) && pool.some((p) => p.code === g0.code) ? g0.code : null;
  if (swappedPrimary && !rules.swapCostsSecondary) candidates.push(swappedPrimary);
  let extras = 0;
  let swapExtras = 0;
  let sequencingConsumed = false;
  const seen = new Set<string>(g0?.code ? [g0.code] : []);
  const leftovers: string[] = [];
  for (const g of given.slice(1)) {
    if (!g.code) {
      extras++; // invalid, unknown or incomplete: counts like an unnecessary code
      continue;
    }
    candidates.push(g.code);
  }
  candidates.forEach((code) => {
    if (sequencing && !sequencingConsumed && code === e0) {
      sequencingConsumed = true; // reported once, as sequencing
      if (rules.swapCostsSecondary) swapExtras++; // and, under that rule, out of place among the secondaries
      return;
    }
    const slot = pool.find((p) => !p.matched && p.code === code);
    if (slot) {
      slot.matched = true;
      seen.add(code);
      return;
    }
    if (seen.has(code)) {
      extras++;
      add({ type: 'duplicate_code', field: side.secondary, given: code, message: `${code} is given more than once; record each code once in an episode.` });
      return;
    }
    seen.add(code);
    leftovers.push(code);
  });
  for (const code of leftovers) {
    const slot = pool.find((p) => !p.matched && !p.paired && categoryOf(p.code) === categoryOf(code));
    if (slot) {
      slot.paired = true;
      add({ type: 'fourth_character', field: side.secondary, expected: slot.code, given: code, message: fourthCharacterMessage(code, slot.code, named) });
    } else {
      extras++;
      add({ type: 'unnecessary_code', field: side.secondary, given: code, message: `${named(code)} is not needed: ${side.scheme === 'icd10' ? 'code only conditions documented as relevant to this episode of care' : 'code only procedures performed in this episode'}.` });
    }
  }
  for (const p of pool.filter((p) => !p.matched && !p.paired)) {
    if (rules.swapCostsSecondary && p.code === swappedPrimary) {
      add({ type: 'sequencing', field: side.secondary, expected: p.code, given: p.code, message: `${named(p.code)} is a secondary ${noun(side)} here; given as the primary it does not count as a secondary (the swap costs both figures under this marking rule).` });
      continue;
    }
    add({
      type: 'omitted_code',
      field: side.secondary,
      expected: p.code,
      message: `${named(p.code)} is missing: ${side.scheme === 'icd10' ? 'code every condition that affects the care given in this episode, including comorbidities' : 'code every procedure performed, with its site, laterality and approach codes'}.`,
    });
  }
  let correct = pool.filter((p) => p.matched).length;
  if (rules.conventionErrors === 'scored') {
    // A matched secondary in the wrong convention position is a secondary error under this rule.
    const misplaced = findings.filter((f) => f.field === side.secondary && (f.type === 'dagger_asterisk_order' || f.type === 'supplementary_position') && pool.some((p) => p.matched && p.code === f.given)).length;
    correct = Math.max(0, correct - misplaced);
  }
  const of = pool.length + (rules.unnecessaryLowersSecondary ? extras : 0) + swapExtras;
  return { primary, secondary: of === 0 ? null : { correct, of }, findings };
}

const noun = (side: Side) => (side.scheme === 'icd10' ? 'diagnosis' : 'procedure');

function fourthCharacterMessage(given: string, expected: string, named: (c: string) => string) {
  // S32.51 for S32.50: the UK 5th character (open/closed, site, type); otherwise the 4th.
  const which = given.length > 5 && expected.length > 5 && given.slice(0, 5) === expected.slice(0, 5) ? 'fifth' : 'fourth';
  return `${given} has the wrong ${which} character: the expected code is ${named(expected)}. Check the subdivisions in the Tabular List (step 4 of the four-step coding process: verify).`;
}

function validityFinding(look: Lookup, scheme: Scheme, field: Field, edition: string): Finding | null {
  switch (look.status) {
    case 'ok':
      return null;
    case 'invalid_format':
      return {
        type: 'invalid_format',
        field,
        given: look.input,
        message: `“${look.input}” is not shaped like an ${SCHEME_NAME[scheme]} code: a letter, two digits and a fourth ${scheme === 'icd10' ? 'character' : 'digit'} (for example ${scheme === 'icd10' ? 'K35.8' : 'H01.1'}).`,
      };
    case 'unknown':
      return { type: 'unknown_code', field, given: look.code, message: `${look.code} is not in ${edition}. Look the term up in the Alphabetical Index, then verify the code in the Tabular List.` };
    case 'incomplete':
      return {
        type: 'incomplete_code',
        field,
        given: look.code,
        message: `${look.code} has subdivisions: a ${look.code.length > 3 ? 'fifth character' : scheme === 'icd10' ? 'fourth character' : 'fourth digit'} is needed to complete the code.`,
      };
  }
}

/** Where in `expected` the same occurrence of codes[i] sits: the second Z94.3 given pairs with the second expected. */
function sameOccurrence(expected: readonly string[], codes: readonly (string | null)[], i: number): number {
  const code = codes[i];
  let nth = 0;
  for (let k = 0; k < i; k++) if (codes[k] === code) nth++;
  let seen = 0;
  for (let j = 0; j < expected.length; j++) if (expected[j] === code && seen++ === nth) return j;
  return -1;
}

function positionalFindings(side: Side, expected: string[], given: Given[], c: Classification, named: (code: string) => string): Finding[] {
  const out: Finding[] = [];
  const codes = given.map((g) => g.code);
  if (side.scheme === 'icd10') {
    codes.forEach((code, i) => {
      if (!code || !isAsterisk(c, code)) return;
      if (i === 0) {
        out.push({
          type: 'asterisk_primary',
          field: side.primary,
          given: code,
          message: `${named(code)} is an asterisk (manifestation) code and is never the primary diagnosis: put the dagger code for the underlying disease first, with the asterisk code directly after it.`,
        });
        return;
      }
      const prev = codes[i - 1];
      const j = sameOccurrence(expected, codes, i);
      const dagger = j > 0 ? expected[j - 1]! : null;
      // The dagger code with a wrong fourth character is still in place (the code's own finding says so).
      const ok = prev ? (dagger ? categoryOf(prev) === categoryOf(dagger) : isPaired(c, prev, code)) : false;
      if (!ok)
        out.push({
          type: 'dagger_asterisk_order',
          field: side.secondary,
          expected: dagger ?? undefined,
          given: code,
          message: `The asterisk code ${code} must come directly after its dagger code${dagger ? ` ${dagger}` : ''}: the dagger code records the underlying disease, the asterisk code its manifestation.`,
        });
    });
  } else {
    const qualified = (list: (string | null)[], i: number) => {
      for (let k = i - 1; k >= 0; k--) if (list[k] && !isSupplementary(list[k]!)) return list[k]!;
      return null;
    };
    codes.forEach((code, i) => {
      if (!code || !isSupplementary(code)) return;
      if (i === 0) {
        out.push({
          type: 'supplementary_position',
          field: side.primary,
          given: code,
          message: `${named(code)} is an OPCS-4 chapter ${code[0]} code: it only qualifies another procedure and is never the primary procedure.`,
        });
        return;
      }
      const j = sameOccurrence(expected, codes, i);
      if (j <= 0) return;
      const want = qualified(expected, j);
      const have = qualified(codes, i);
      // A qualified code with a wrong fourth character is still the one qualified (its own finding says so).
      if (want && (!have || categoryOf(have) !== categoryOf(want)))
        out.push({
          type: 'supplementary_position',
          field: side.secondary,
          expected: want,
          given: code,
          message: `${code} must follow directly after the procedure it qualifies, ${want} (chapter ${code[0]} codes sit immediately after their main code).`,
        });
    });
  }
  return out;
}
