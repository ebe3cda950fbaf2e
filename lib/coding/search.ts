import { lookup, ukForm, type Classification, type CodeEntry, type Scheme } from './classification';

export type SearchHit = {
  scheme: Scheme;
  code: string;
  display: string; // as the UK writes it (I10X)
  title: string;
  hasChildren: boolean;
  asterisk: boolean;
  dagger: boolean;
  episodes: number; // HES 2023-24, England (a 5th-character code: its four-character parent's)
};

type Indexed = { entry: CodeEntry; scheme: Scheme; lower: string; words: string[] };
const indexCache = new WeakMap<Classification, Indexed[]>();

function index(c: Classification): Indexed[] {
  let idx = indexCache.get(c);
  if (!idx) {
    idx = (['icd10', 'opcs4'] as const).flatMap((scheme) =>
      [...c[scheme].values()].map((entry) => {
        const lower = entry.title.toLowerCase();
        return { entry, scheme, lower, words: lower.split(/[^a-z0-9]+/).filter(Boolean) };
      }),
    );
    indexCache.set(c, idx);
  }
  return idx;
}

const CODE_PREFIX = /^[a-z]\d{0,2}(\.?[0-9x]{0,2})?$/i;

/**
 * Search by code prefix (`k35`, `K35.8`, `h01`) or by words (every word must start a word of the
 * title, e.g. "append acut"), best matches first: an exact code (or a title that is exactly the words),
 * then the codes used most in England's hospitals (HES 2023-24), then titles whose words match at the
 * start, then shorter titles.
 */
export function searchCodes(c: Classification, query: string, options: { scheme?: Scheme; limit?: number } = {}): SearchHit[] {
  const limit = options.limit ?? 25;
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const idx = index(c).filter((i) => !options.scheme || i.scheme === options.scheme);
  const hit = (i: Indexed): SearchHit => {
    const asterisk = i.scheme === 'icd10' && i.entry.usage === 'asterisk';
    return {
      scheme: i.scheme,
      code: i.entry.code,
      display: i.entry.hasChildren ? i.entry.code : ukForm(i.scheme, i.entry.code),
      title: i.entry.title,
      hasChildren: i.entry.hasChildren,
      asterisk,
      dagger: i.scheme === 'icd10' && !asterisk && (i.entry.usage === 'dagger' || c.pairs.has(i.entry.code)),
      episodes: i.entry.episodes,
    };
  };

  if (CODE_PREFIX.test(q.replace(/\s/g, ''))) {
    const compact = q.replace(/[\s.]/g, '').toUpperCase();
    const exact = options.scheme ? lookup(c, options.scheme, compact) : null;
    const prefix = (code: string) => code.replace('.', '').startsWith(compact);
    const found = idx.filter((i) => prefix(i.entry.code));
    found.sort((a, b) => b.entry.episodes - a.entry.episodes || a.entry.code.length - b.entry.code.length || a.entry.code.localeCompare(b.entry.code));
    // The code typed in full comes first: with a scheme, the one lookup reads; without, any code written so.
    const exactCode = exact?.status === 'ok' || exact?.status === 'incomplete' ? exact.code : null;
    const e = found.findIndex((i) => (exactCode ? i.entry.code === exactCode : i.entry.code.replace('.', '') === compact || `${i.entry.code}X` === compact));
    if (e > 0) found.unshift(...found.splice(e, 1));
    if (found.length) return found.slice(0, limit).map(hit);
  }

  const terms = q.split(/[^a-z0-9]+/).filter(Boolean);
  if (!terms.length) return [];
  const scored: { i: Indexed; score: number; exact: boolean }[] = [];
  for (const i of idx) {
    let score = 0;
    let all = true;
    for (const t of terms) {
      const wordIndex = i.words.findIndex((w) => w.startsWith(t));
      if (wordIndex === -1) {
        all = false;
        break;
      }
      score += wordIndex === 0 ? 3 : 1; // a title that starts with the term is a better match
      if (i.words[wordIndex] === t) score += 1;
    }
    if (all) scored.push({ i, score: score * 1000 - i.lower.length, exact: i.lower === q });
  }
  scored.sort((a, b) => Number(b.exact) - Number(a.exact) || b.i.entry.episodes - a.i.entry.episodes || b.score - a.score || a.i.entry.code.localeCompare(b.i.entry.code));
  return scored.slice(0, limit).map((s) => hit(s.i));
}
