import type { AuditKeyJson } from '@/db/schema/practice';
import { DEFAULT_MARKING_RULES, mark, type Coding, type ExpectedCoding, type MarkingRules, type MarkResult } from '@/lib/coding/mark';
import type { Classification, Sex } from '@/lib/coding/classification';
import { AUDIT_ERROR_TYPES, type AuditErrorType } from './error-types';

/**
 * An auditor counts a dagger/asterisk or Y/Z position error as a coding error, so audit practice marks the
 * coder's episode with convention errors scored (the other readings are the marker's defaults).
 */
export const AUDIT_RULES: MarkingRules = { ...DEFAULT_MARKING_RULES, conventionErrors: 'scored' };

export type AuditFigure = { correct: number; of: number } | null;
export type AuditFigures = { primaryDiagnosis: AuditFigure; secondaryDiagnoses: AuditFigure; primaryProcedure: AuditFigure; secondaryProcedures: AuditFigure };
export const FIGURE_FIELDS = ['primaryDiagnosis', 'secondaryDiagnoses', 'primaryProcedure', 'secondaryProcedures'] as const;

/** The key as stored: the codes' verdicts, the omissions, and the coder's true four figures. */
export type AuditKey = AuditKeyJson & { figures: AuditFigures };

export const figuresOf = (m: MarkResult): AuditFigures => ({
  primaryDiagnosis: m.primaryDiagnosis,
  secondaryDiagnoses: m.secondaryDiagnoses,
  primaryProcedure: m.primaryProcedure,
  secondaryProcedures: m.secondaryProcedures,
});

/** The coder's episode marked against the right coding, as an audit reports it. */
export function auditMark(expected: ExpectedCoding, coded: Coding, c: Classification, patient: { sex: Sex; age: number }) {
  return mark(expected, coded, c, { rules: AUDIT_RULES, patient });
}

const full = (f: AuditFigures) => FIGURE_FIELDS.every((k) => !f[k] || f[k]!.correct === f[k]!.of);

/**
 * Problems with an episode's key, proved with the marker: the right coding must mark clean; every code the key
 * calls an error must have a finding of its type at that code, every omission an omitted_code finding; no
 * finding may fall on a code the key calls correct; and the coder's figures must fall below full marks.
 */
export function keyProblems(expected: ExpectedCoding, coded: Coding, key: AuditKeyJson, c: Classification, patient: { sex: Sex; age: number }): string[] {
  const out: string[] = [];
  const plain = { diagnoses: expected.diagnoses.map((e) => (typeof e === 'string' ? e : e.code)), procedures: expected.procedures.map((e) => (typeof e === 'string' ? e : e.code)) };
  const clean = auditMark(expected, plain, c, patient);
  for (const f of clean.findings) out.push(`expected coding: ${f.type}: ${f.message}`);
  if (out.length) return out;
  const m = auditMark(expected, coded, c, patient);
  const explained = new Set<number>();
  for (const side of ['diagnoses', 'procedures'] as const) {
    if (key[side].length !== coded[side].length || key[side].some((k, i) => k.code !== coded[side][i])) {
      out.push(`key.${side}: must list the coder's codes in order (${coded[side].join(', ')})`);
      continue;
    }
    key[side].forEach((k, i) => {
      if (k.verdict !== 'error') return;
      const types = AUDIT_ERROR_TYPES[k.errorType as AuditErrorType]?.findings as readonly string[] | undefined;
      if (!types) return void out.push(`key.${side}[${i}]: unknown error type ${k.errorType}`);
      const hits = m.findings.flatMap((f, j) => (types.includes(f.type) && f.given === k.code ? [j] : []));
      if (hits.length === 0) out.push(`key.${side}[${i}]: the marker finds no ${types.join(' or ')} at ${k.code}: ${m.findings.map((f) => `${f.type} ${f.given ?? f.expected}`).join('; ') || 'no findings'}`);
      // Other findings at a wrong code are its own consequences (a swapped code is also out of order).
      m.findings.forEach((f, j) => {
        if (f.given === k.code || f.expected === k.correction) explained.add(j);
      });
      hits.forEach((j) => explained.add(j));
    });
  }
  key.omitted.forEach((o, i) => {
    const hits = m.findings.flatMap((f, j) => (f.type === 'omitted_code' && f.expected === o.code ? [j] : []));
    if (hits.length === 0) out.push(`key.omitted[${i}]: the marker finds no omitted_code for ${o.code}`);
    m.findings.forEach((f, j) => {
      if (f.expected === o.code) explained.add(j);
    });
  });
  m.findings.forEach((f, j) => {
    if (!explained.has(j)) out.push(`the marker finds ${f.type} at ${f.given ?? f.expected}, which the key does not call an error: ${f.message}`);
  });
  if (full(figuresOf(m))) out.push('the coder\'s four figures are all full marks: the planted errors change no figure');
  return out;
}
