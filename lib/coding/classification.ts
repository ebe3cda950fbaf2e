// ICD-10 and OPCS-4 editions as plain data, and the rules for reading a code the way coders type it.
// No I/O here: the active editions come from the database (lib/dal/classification.ts); scripts and tests
// read the shipped ones from content/classifications (lib/coding/load.ts).

export type Scheme = 'icd10' | 'opcs4';
export type Usage = 'default' | 'dagger' | 'asterisk';
export type Sex = 'male' | 'female';

/** One code of an edition as a release file gives it. */
export type CodeRow = {
  code: string; // dotted as the UK writes it: K35.8, S32.50; an undivided category without its filler (I10)
  title: string;
  usage?: Usage;
  modifier?: string | null; // the UK 4th/5th character's meaning: 'closed', 'Residential institution'
  sex?: Sex | null; // a code only one sex can have (from the official file's GENDER_MASK)
  minAge?: number | null; // whole years
  maxAge?: number | null;
};

export type CodeEntry = {
  code: string;
  title: string;
  category: string; // the three-character category (K35)
  hasChildren: boolean; // a category or code with subdivisions is incomplete on its own
  usage: Usage;
  modifier: string | null;
  sex: Sex | null;
  minAge: number | null;
  maxAge: number | null;
  episodes: number; // finished consultant episodes in England, 2023-24 (HES): the code's, or its four-character parent's
};

/** The named release a code list belongs to (ICD-10 5th Edition, OPCS-4.11). */
export type EditionRef = { id: string; name: string };

export type Classification = {
  editions: Record<Scheme, EditionRef>;
  icd10: Map<string, CodeEntry>;
  opcs4: Map<string, CodeEntry>;
  /** ICD-10 asterisk (manifestation) codes as the edition flags them. */
  asterisks: Set<string>;
  /** Dagger ↔ asterisk pairs, both directions, as codes or three-character categories. */
  pairs: Map<string, Set<string>>;
};

export type Lookup =
  | { status: 'ok'; code: string; entry: CodeEntry }
  | { status: 'invalid_format'; input: string }
  | { status: 'unknown'; input: string; code: string }
  | { status: 'incomplete'; input: string; code: string };

const SHAPE: Record<Scheme, RegExp> = {
  // ICD-10: letter, two digits, optional fourth character (a digit, or the UK filler X), and the UK
  // 5th Edition's fifth character (S32.50 closed fracture, M07.40 site, J96.00 type).
  icd10: /^([A-Z]\d{2})([0-9X])?(\d)?$/,
  // OPCS-4: letter, two digits, optional fourth digit.
  opcs4: /^([A-Z]\d{2})(\d)?$/,
};

/** Case, spaces and a missing dot do not matter: `k358`, `K35.8` and ` K35 .8` are one code. */
export function lookup(c: Classification, scheme: Scheme, input: string): Lookup {
  const compact = input.toUpperCase().replace(/[\s.]/g, '');
  const m = SHAPE[scheme].exec(compact);
  if (!m) return { status: 'invalid_format', input };
  const [, category, fourth, fifth] = m as unknown as [string, string, string | undefined, string | undefined];
  const list = c[scheme];
  const cat = list.get(category);
  if (fourth === 'X' && fifth) {
    // A UK 5th character on a category with no 4th: M45.X0 (ankylosing spondylitis, multiple sites in spine).
    const code = `${category}.X${fifth}`;
    const entry = list.get(code);
    return entry ? { status: 'ok', code, entry } : { status: 'unknown', input, code };
  }
  if (!fourth || fourth === 'X') {
    // I10, I10X and I10.X are the same undivided category; K35 alone is incomplete.
    if (!cat) return { status: 'unknown', input, code: fourth ? `${category}.X` : category };
    if (cat.hasChildren) return fourth === 'X' ? { status: 'unknown', input, code: `${category}.X` } : { status: 'incomplete', input, code: category };
    return { status: 'ok', code: category, entry: cat };
  }
  const code = `${category}.${fourth}${fifth ?? ''}`;
  const entry = list.get(code);
  if (!entry) return { status: 'unknown', input, code };
  if (entry.hasChildren) return { status: 'incomplete', input, code };
  return { status: 'ok', code, entry };
}

export const categoryOf = (code: string) => code.slice(0, 3);

export function isAsterisk(c: Classification, code: string): boolean {
  const entry = c.icd10.get(code);
  if (entry) return entry.usage === 'asterisk';
  return c.asterisks.has(categoryOf(code));
}

/** How the UK writes a code: an undivided ICD-10 category takes the filler X (I10X); everything else as stored. */
export function ukForm(scheme: Scheme, code: string): string {
  return scheme === 'icd10' && /^[A-Z]\d{2}$/.test(code) ? `${code}X` : code;
}

/** Why a code cannot be this patient's, from the edition's sex and age limits; null when it can. */
export function patientLimit(entry: Pick<CodeEntry, 'sex' | 'minAge' | 'maxAge'>, patient: { sex: Sex; age: number }): string | null {
  if (entry.sex && entry.sex !== patient.sex) return `is for ${entry.sex} patients only`;
  if (entry.minAge !== null && patient.age < entry.minAge) return `is for patients aged ${entry.minAge} or over`;
  if (entry.maxAge !== null && patient.age > entry.maxAge) return `is for patients aged ${entry.maxAge} or under`;
  return null;
}

/** Whether `dagger` is recorded as pairing with `asterisk` (by code or by category, either way round). */
export function isPaired(c: Classification, dagger: string, asterisk: string): boolean {
  const keys = [asterisk, categoryOf(asterisk)];
  const candidates = [dagger, categoryOf(dagger)];
  return keys.some((k) => candidates.some((d) => c.pairs.get(k)?.has(d) || c.pairs.get(d)?.has(k)));
}

/** OPCS-4 chapters Y (methods of operation) and Z (sites and laterality) only qualify another code. */
export const isSupplementary = (code: string) => code.startsWith('Y') || code.startsWith('Z');

// --- Building it from the tab-separated lists -------------------------------------------------

function rows(tsv: string): string[][] {
  return tsv
    .split(/\r?\n/)
    .slice(1)
    .filter((l) => l.trim() !== '')
    .map((l) => l.split('\t'));
}

/** A code's parent in the hierarchy: K35.8 → K35, S32.50 → S32.5, M45.X0 → M45; a category has none. */
export const parentOf = (code: string) => (code.length > 5 ? (code[4] === 'X' ? code.slice(0, 3) : code.slice(0, 5)) : code.length > 3 ? code.slice(0, 3) : null);

export function buildList(codeRows: readonly CodeRow[], episodes?: ReadonlyMap<string, number>): Map<string, CodeEntry> {
  const list = new Map<string, CodeEntry>();
  for (const r of codeRows) {
    // OPCS-4 keeps retired codes as rows titled "Code retired – refer to introduction": not codes to use.
    if (/^code retired\b/i.test(r.title)) continue;
    list.set(r.code, {
      code: r.code,
      title: r.title,
      category: categoryOf(r.code),
      hasChildren: false,
      usage: r.usage ?? 'default',
      modifier: r.modifier ?? null,
      sex: r.sex ?? null,
      minAge: r.minAge ?? null,
      maxAge: r.maxAge ?? null,
      episodes: episodes?.get(r.code) ?? 0,
    });
  }
  for (const entry of list.values()) {
    const parent = parentOf(entry.code);
    if (parent && list.has(parent)) list.get(parent)!.hasChildren = true;
  }
  if (episodes)
    for (const entry of list.values()) {
      // HES keeps four characters: a UK 5th-character code shows its parent's count (M45.X0: M45's).
      if (entry.code.length > 5 && !episodes.has(entry.code)) entry.episodes = episodes.get(parentOf(entry.code)!) ?? 0;
      // A category counts the episodes of its codes, so search can rank it among them.
      if (entry.code.length === 3 && entry.hasChildren && !episodes.has(entry.code)) {
        let sum = 0;
        for (let d = 0; d <= 9; d++) sum += episodes.get(`${entry.code}.${d}`) ?? 0;
        entry.episodes = sum;
      }
    }
  return list;
}

/** Expands "M07.0-M07.3" or "E10.N" style references into codes or categories. */
function expandRefs(refs: string): string[] {
  const out: string[] = [];
  for (const ref of refs.split(',').map((r) => r.trim()).filter(Boolean)) {
    const range = /^([A-Z]\d{2})(?:\.(\d))?-([A-Z]\d{2})(?:\.(\d))?$/.exec(ref);
    if (range) {
      const [, fromCat, fromSub, toCat, toSub] = range;
      if (fromCat === toCat && fromSub !== undefined && toSub !== undefined) {
        for (let d = Number(fromSub); d <= Number(toSub); d++) out.push(`${fromCat}.${d}`);
      } else {
        // A range of categories, across letters too: E10-E14 → E10 … E14; C00-D48 → C00 … D48.
        const from = fromCat!.charCodeAt(0) * 100 + Number(fromCat!.slice(1));
        const to = toCat!.charCodeAt(0) * 100 + Number(toCat!.slice(1));
        for (let v = from; v <= to; v++) out.push(`${String.fromCharCode(Math.floor(v / 100))}${String(v % 100).padStart(2, '0')}`);
      }
      continue;
    }
    out.push(ref.endsWith('.N') ? ref.slice(0, 3) : ref);
  }
  return out;
}

export type ClassificationInput = {
  editions: Record<Scheme, EditionRef>;
  icd10: readonly CodeRow[];
  opcs4: readonly CodeRow[];
  /** content/classifications/icd10_dagger_asterisk.tsv: which codes pair (the edition's flags say which is which). */
  daggerAsterisk: string;
  /** HES episode counts by scheme and code. */
  episodes?: Record<Scheme, ReadonlyMap<string, number>>;
};

export function buildClassification(input: ClassificationInput): Classification {
  const pairs = new Map<string, Set<string>>();
  const pair = (a: string, b: string) => {
    if (!pairs.has(a)) pairs.set(a, new Set());
    pairs.get(a)!.add(b);
  };
  for (const [code, , paired] of rows(input.daggerAsterisk))
    for (const other of expandRefs(paired ?? '')) {
      pair(code!, other);
      pair(other, code!);
    }
  const icd10 = buildList(input.icd10, input.episodes?.icd10);
  const asterisks = new Set([...icd10.values()].filter((e) => e.usage === 'asterisk').map((e) => e.code));
  return { editions: input.editions, icd10, opcs4: buildList(input.opcs4, input.episodes?.opcs4), asterisks, pairs };
}

/** The shipped edition files (content/classifications) as code rows. */
export function rowsFromShippedTsv(scheme: Scheme, tsv: string): CodeRow[] {
  if (scheme === 'opcs4') return rows(tsv).map(([code, title]) => ({ code: code!, title: title! }));
  // code, alt_code, usage, modifier, title, in_who_2019
  return rows(tsv).map(([code, , usage, modifier, title]) => ({
    code: code!,
    title: title!,
    usage: (usage ?? 'DEFAULT').toLowerCase() as Usage,
    modifier: modifier || null,
  }));
}

/** content/classifications/hes_usage_2023_24.tsv as counts by scheme and code. */
export function episodesFromTsv(tsv: string): Record<Scheme, Map<string, number>> {
  const out = { icd10: new Map<string, number>(), opcs4: new Map<string, number>() };
  for (const [scheme, code, n] of rows(tsv)) if (scheme === 'icd10' || scheme === 'opcs4') out[scheme].set(code!, Number(n));
  return out;
}
