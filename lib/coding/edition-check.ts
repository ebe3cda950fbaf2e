import { lookup, type Classification, type Scheme } from './classification';

/** The content whose answer keys name codes: what an edition must hold for the content to stay markable. */
export type KeyedContent = {
  cases: { id: string; title: string; expected: { diagnoses: readonly { code: string; alternatives?: readonly string[] }[]; procedures: readonly { code: string; alternatives?: readonly string[] }[] } }[];
  questions: { id: string; stem: string; classification: Scheme | null; answer: readonly unknown[] }[];
  written: { id: string; prompt: string; codes: { icd10?: readonly string[]; opcs4?: readonly string[] } | null }[];
  blueprints: { key: string; title: string; caseIds: readonly string[]; questionIds: readonly string[]; writtenIds: readonly string[] }[];
};

export type EditionEffect = { kind: 'case' | 'question' | 'written' | 'blueprint'; id: string; title: string; problems: string[] };

const NAME: Record<Scheme, string> = { icd10: 'ICD-10', opcs4: 'OPCS-4' };

/** Why a key's code is not usable in these editions, or null: it must exist and be complete (a leaf). */
export function codeProblem(c: Classification, scheme: Scheme, code: string): string | null {
  const l = lookup(c, scheme, code);
  switch (l.status) {
    case 'ok':
      return l.code === code ? null : `write ${code} as ${l.code}`;
    case 'invalid_format':
      return `${code} is not shaped like an ${NAME[scheme]} code`;
    case 'unknown':
      return `${code} is not in ${c.editions[scheme].name}`;
    case 'incomplete':
      return `${code} is not complete in ${c.editions[scheme].name} (it has subdivisions)`;
  }
}

/**
 * Every case key, code question, written item and blueprint whose codes do not exist or are not complete in
 * the editions `c`: the report an administrator reads before activating an edition, and what content:check
 * refuses. A blueprint is affected when it names an affected item.
 */
export function editionEffects(c: Classification, content: KeyedContent): EditionEffect[] {
  const out: EditionEffect[] = [];
  const affected = new Set<string>();
  for (const k of content.cases) {
    const problems: string[] = [];
    for (const [scheme, list] of [['icd10', k.expected.diagnoses], ['opcs4', k.expected.procedures]] as const)
      list.forEach((e, i) => {
        for (const code of [e.code, ...(e.alternatives ?? [])]) {
          const p = codeProblem(c, scheme, code);
          if (p) problems.push(`${scheme === 'icd10' ? 'diagnosis' : 'procedure'} ${i + 1}: ${p}`);
        }
      });
    if (problems.length) {
      out.push({ kind: 'case', id: k.id, title: k.title, problems });
      affected.add(`case:${k.id}`);
    }
  }
  for (const q of content.questions) {
    if (!q.classification) continue;
    const problems = q.answer.map((a) => codeProblem(c, q.classification!, String(a))).filter((p): p is string => p !== null);
    if (problems.length) {
      out.push({ kind: 'question', id: q.id, title: q.stem, problems });
      affected.add(`question:${q.id}`);
    }
  }
  for (const w of content.written) {
    const problems = (['icd10', 'opcs4'] as const).flatMap((scheme) => (w.codes?.[scheme] ?? []).map((code) => codeProblem(c, scheme, code)).filter((p): p is string => p !== null));
    if (problems.length) {
      out.push({ kind: 'written', id: w.id, title: w.prompt, problems });
      affected.add(`written:${w.id}`);
    }
  }
  for (const b of content.blueprints) {
    const named = [...b.caseIds.map((id) => `case:${id}`), ...b.questionIds.map((id) => `question:${id}`), ...b.writtenIds.map((id) => `written:${id}`)].filter((k) => affected.has(k));
    if (named.length) out.push({ kind: 'blueprint', id: b.key, title: b.title, problems: named.map((k) => `draws ${k.replace(':', ' ')}, whose codes are affected`) });
  }
  return out;
}

/**
 * Code-shaped words in free text with a fourth character or the filler (K35.8, S32.50, I10X, H01.1): written
 * items must list each one they use. Bare three-character words are left out: K12 or S18 there is usually a KSB.
 */
export function codesInText(text: string): string[] {
  return [...text.matchAll(/\b([A-Z]\d{2}(?:\.\d{1,2}|X))\b/g)].map((m) => m[1]!);
}
