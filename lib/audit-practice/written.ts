import type { AuditEpisodeFile } from '@/lib/content/audit-episode';
import type { CaseFile } from '@/lib/content/case';
import type { Classification } from '@/lib/coding/classification';
import { codeProblem } from '@/lib/coding/edition-check';
import { auditMark, figuresOf, keyProblems } from './verify';
import type { AuditEpisode } from './plant';

/**
 * A hand-written audit episode as stored, with the problems that stop it being loaded: a case that does not
 * exist, a code not complete in the editions, or a key the marker does not bear out.
 */
export function writtenEpisode(doc: AuditEpisodeFile, caseDoc: CaseFile | undefined, c: Classification): { episode: AuditEpisode | null; problems: string[] } {
  const problems: string[] = [];
  if (doc.caseId && !caseDoc) problems.push(`caseId: no case ${doc.caseId} in content/cases`);
  for (const part of ['expected', 'coded'] as const)
    for (const [side, scheme] of [['diagnoses', 'icd10'], ['procedures', 'opcs4']] as const)
      doc[part][side].forEach((code, i) => {
        const p = codeProblem(c, scheme, code);
        if (p) problems.push(`${part}.${side}[${i}]: ${p}`);
      });
  for (const [i, o] of doc.key.omitted.entries()) {
    const p = codeProblem(c, o.field === 'diagnoses' ? 'icd10' : 'opcs4', o.code);
    if (p) problems.push(`key.omitted[${i}]: ${p}`);
  }
  for (const side of ['diagnoses', 'procedures'] as const)
    doc.key[side].forEach((k, i) => {
      if (k.verdict === 'error' && k.correction) {
        const p = codeProblem(c, side === 'diagnoses' ? 'icd10' : 'opcs4', k.correction);
        if (p) problems.push(`key.${side}[${i}].correction: ${p}`);
      }
    });
  const patient = doc.patient ?? caseDoc?.patient;
  const notes = (doc.notes ?? caseDoc?.notes) as Record<string, string> | undefined;
  if (problems.length || !patient || !notes) return { episode: null, problems };
  problems.push(...keyProblems(doc.expected, doc.coded, doc.key, c, patient));
  if (problems.length) return { episode: null, problems };
  return {
    episode: {
      id: doc.id,
      origin: 'written',
      caseId: doc.caseId ?? null,
      title: doc.title,
      notes,
      patient: { sex: patient.sex, age: patient.age },
      ksbs: doc.ksbs,
      coded: doc.coded,
      key: { ...doc.key, figures: figuresOf(auditMark(doc.expected, doc.coded, c, patient)) },
    },
    problems,
  };
}
