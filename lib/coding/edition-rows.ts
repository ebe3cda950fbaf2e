import { categoryOf, parentOf, type CodeRow, type Scheme } from './classification';

export type EditionCodeRow = {
  scheme: Scheme;
  code: string;
  title: string;
  category: string;
  chapter: string;
  block: string | null;
  hasChildren: boolean;
  usage: 'default' | 'dagger' | 'asterisk';
  modifier: string | null;
  sex: 'male' | 'female' | null;
  minAge: number | null;
  maxAge: number | null;
};

/**
 * An edition's codes as classification_codes rows: each with its category, whether it has subdivisions
 * (so is incomplete on its own), and where the browser files it (ICD-10 chapter and outermost block; OPCS-4
 * chapter = its letter).
 */
export function editionCodeRows(scheme: Scheme, rows: readonly CodeRow[], blockOf: (category: string) => { block: string; chapter: string } | null): EditionCodeRow[] {
  const parents = new Set<string>();
  for (const r of rows) {
    const p = parentOf(r.code);
    if (p) parents.add(p);
  }
  return rows.map((r) => {
    const category = categoryOf(r.code);
    const place = scheme === 'icd10' ? blockOf(category) : null;
    return {
      scheme,
      code: r.code,
      title: r.title,
      category,
      chapter: scheme === 'icd10' ? (place?.chapter ?? '') : r.code[0]!,
      block: place?.block ?? null,
      hasChildren: parents.has(r.code),
      usage: r.usage ?? 'default',
      modifier: r.modifier ?? null,
      sex: r.sex ?? null,
      minAge: r.minAge ?? null,
      maxAge: r.maxAge ?? null,
    };
  });
}
