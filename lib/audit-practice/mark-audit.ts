/**
 * Marks an apprentice's audit of a coder's episode against the episode's key, judgement by judgement: each
 * code's verdict, the error type and correction of each wrong code, each omission, and each of the coder's four
 * audit figures. Pure: (key, coded, answer) → result.
 */
import type { AuditKeyCode } from '@/db/schema/practice';
import { AUDIT_ERROR_TYPES, errorTypeMatches, type AuditErrorType } from './error-types';
import { FIGURE_FIELDS, type AuditFigure, type AuditKey } from './verify';

export type CodeAnswer = { verdict: 'correct' | 'error'; errorType?: string | null; correction?: string | null };
export type FigureAnswer = { correct: number | null; of: number | null };
export type AuditAnswer = {
  diagnoses: CodeAnswer[];
  procedures: CodeAnswer[];
  omitted: string[];
  figures: Record<(typeof FIGURE_FIELDS)[number], FigureAnswer>;
};

export type Judgement = {
  about: string; // what was judged: "K80.1: verdict", "Omitted code I10X", "Primary diagnosis figure"
  kind: 'verdict' | 'error_type' | 'correction' | 'omission' | 'figure';
  right: boolean;
  expected: string;
  given: string;
  explanation: string | null;
};
export type AuditResult = { judgements: Judgement[]; correct: number; of: number; figures: AuditKey['figures'] };

export const FIGURE_NAME: Record<(typeof FIGURE_FIELDS)[number], string> = {
  primaryDiagnosis: 'Primary diagnosis',
  secondaryDiagnoses: 'Secondary diagnoses',
  primaryProcedure: 'Primary procedure',
  secondaryProcedures: 'Secondary procedures',
};

/** A code as the UK writes it, for comparing: case, dots and spaces do not matter, and I10 is I10X. */
export function sameCode(a: string | null | undefined, b: string | null | undefined): boolean {
  const norm = (s: string) => {
    const c = s.toUpperCase().replace(/[\s.]/g, '');
    return /^[A-Z]\d{2}X$/.test(c) ? c.slice(0, 3) : c;
  };
  return !!a && !!b && norm(a) === norm(b);
}
/** A code for display as the UK writes it (I10 → I10X; K800 stays as typed). */
export const shown = (code: string) => (/^[A-Z]\d{2}$/.test(code) ? `${code}X` : code);

const typeLabel = (t: string | null | undefined) => (t ? (AUDIT_ERROR_TYPES[t as AuditErrorType]?.label ?? t) : 'none');
const figureText = (f: AuditFigure | FigureAnswer) => (f && f.correct !== null && f.of !== null ? `${f.correct} of ${f.of}` : 'none (nothing to audit)');

function codeJudgements(key: AuditKeyCode, a: CodeAnswer | undefined): Judgement[] {
  const code = shown(key.code);
  const out: Judgement[] = [];
  const saidError = a?.verdict === 'error';
  const isError = key.verdict === 'error';
  out.push({
    about: `${code}: correct or error`,
    kind: 'verdict',
    right: saidError === isError,
    expected: isError ? 'Error' : 'Correct',
    given: a ? (saidError ? 'Error' : 'Correct') : 'no answer',
    explanation: key.verdict === 'error' ? key.explanation : null,
  });
  if (key.verdict === 'error') {
    out.push({
      about: `${code}: error type`,
      kind: 'error_type',
      right: saidError && !!a?.errorType && errorTypeMatches(key.errorType, a.errorType),
      expected: typeLabel(key.errorType),
      given: saidError ? typeLabel(a?.errorType) : 'none',
      explanation: null,
    });
    if (key.correction)
      out.push({
        about: `${code}: correction`,
        kind: 'correction',
        right: saidError && sameCode(key.correction, a?.correction),
        expected: shown(key.correction),
        given: saidError && a?.correction ? a.correction.trim().toUpperCase() : 'none',
        explanation: null,
      });
  }
  return out;
}

export function markAudit(key: AuditKey, answer: AuditAnswer): AuditResult {
  const judgements: Judgement[] = [];
  for (const side of ['diagnoses', 'procedures'] as const) key[side].forEach((k, i) => judgements.push(...codeJudgements(k, answer[side][i])));
  const claimed = [...new Set(answer.omitted.map((c) => c.trim()).filter(Boolean))];
  for (const o of key.omitted) {
    const found = claimed.some((c) => sameCode(c, o.code));
    judgements.push({ about: `Omitted code ${shown(o.code)}`, kind: 'omission', right: found, expected: `${shown(o.code)} omitted`, given: found ? 'found' : 'not found', explanation: o.explanation });
  }
  for (const c of claimed)
    if (!key.omitted.some((o) => sameCode(c, o.code)))
      judgements.push({ about: `Omitted code ${c.toUpperCase()}`, kind: 'omission', right: false, expected: 'not an omission', given: `${c.toUpperCase()} said to be omitted`, explanation: 'The coder did not leave this code out: it is either already given or not needed for this episode.' });
  for (const f of FIGURE_FIELDS) {
    const want = key.figures[f];
    const got = answer.figures[f];
    const right = want ? got.correct === want.correct && got.of === want.of : got.correct === null && got.of === null;
    judgements.push({ about: `${FIGURE_NAME[f]} figure`, kind: 'figure', right, expected: figureText(want), given: figureText(got), explanation: null });
  }
  return { judgements, correct: judgements.filter((j) => j.right).length, of: judgements.length, figures: key.figures };
}
