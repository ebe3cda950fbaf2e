// ICD-10 and OPCS-4 as plain data, and the rules for reading a code the way coders type it.
// No I/O here: lib/coding/load.ts reads the lists from content/classifications.

export type Scheme = 'icd10' | 'opcs4';

export type CodeEntry = {
  code: string; // canonical: dotted four-character (K35.8) or an undivided three-character category (I10)
  title: string;
  category: string; // the three-character category (K35)
  hasChildren: boolean; // a category with subdivisions is incomplete on its own
};

export type Classification = {
  icd10: Map<string, CodeEntry>;
  opcs4: Map<string, CodeEntry>;
  /** ICD-10 asterisk (manifestation) codes: subdivisions, and categories whose subdivisions all are. */
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
  // ICD-10: letter, two digits, optional fourth character (a digit, or the UK filler X), and the
  // fifth digit a few WHO 2019 subdivisions have (B18.00).
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
  if (!fourth || fourth === 'X') {
    // I10, I10X and I10.X are the same undivided category; K35 alone is incomplete.
    if (!cat) return { status: 'unknown', input, code: fourth ? `${category}.X` : category };
    if (cat.hasChildren) return fourth === 'X' ? { status: 'unknown', input, code: `${category}.X` } : { status: 'incomplete', input, code: category };
    return { status: 'ok', code: category, entry: cat };
  }
  if (fifth && fourth === 'X') return { status: 'invalid_format', input };
  const code = `${category}.${fourth}${fifth ?? ''}`;
  const entry = list.get(code);
  if (!entry) return { status: 'unknown', input, code };
  if (entry.hasChildren) return { status: 'incomplete', input, code };
  return { status: 'ok', code, entry };
}

export const categoryOf = (code: string) => code.slice(0, 3);

export function isAsterisk(c: Classification, code: string): boolean {
  return c.asterisks.has(code) || c.asterisks.has(categoryOf(code));
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

function buildList(tsv: string): Map<string, CodeEntry> {
  const list = new Map<string, CodeEntry>();
  for (const [code, title] of rows(tsv)) list.set(code!, { code: code!, title: title!, category: categoryOf(code!), hasChildren: false });
  for (const entry of list.values()) {
    // K35.8's parent is K35; B18.00's is B18.0.
    const parent = entry.code.length > 5 ? list.get(entry.code.slice(0, 5)) : entry.code.length > 3 ? list.get(entry.category) : undefined;
    if (parent) parent.hasChildren = true;
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

export function buildClassification(tsv: { icd10: string; opcs4: string; daggerAsterisk: string }): Classification {
  const asterisks = new Set<string>();
  const pairs = new Map<string, Set<string>>();
  const pair = (a: string, b: string) => {
    if (!pairs.has(a)) pairs.set(a, new Set());
    pairs.get(a)!.add(b);
  };
  for (const [code, kind, paired] of rows(tsv.daggerAsterisk)) {
    if (kind === 'asterisk') asterisks.add(code!);
    for (const other of expandRefs(paired ?? '')) {
      pair(code!, other);
      pair(other, code!);
    }
  }
  return { icd10: buildList(tsv.icd10), opcs4: buildList(tsv.opcs4), asterisks, pairs };
}
