import { describe, expect, it } from 'vitest';
import { markAudit, sameCode, type AuditAnswer } from '@/lib/audit-practice/mark-audit';
import type { AuditKey } from '@/lib/audit-practice/verify';

// A cholecystitis episode: the coder gave R10.1 beside K80.0, left out I10, put Y75.2 first.
const key: AuditKey = {
  diagnoses: [
    { code: 'K80.0', verdict: 'correct' },
    { code: 'R10.1', verdict: 'error', errorType: 'symptom_with_definitive', correction: null, explanation: 'The pain is explained by the cholecystitis.' },
  ],
  procedures: [
    { code: 'Y75.2', verdict: 'error', errorType: 'yz_position', correction: null, explanation: 'A Y code is never first.' },
    { code: 'J18.3', verdict: 'correct' },
  ],
  omitted: [{ field: 'diagnoses', code: 'I10', explanation: 'Hypertension was treated.' }],
  figures: { primaryDiagnosis: { correct: 1, of: 1 }, secondaryDiagnoses: { correct: 0, of: 2 }, primaryProcedure: { correct: 0, of: 1 }, secondaryProcedures: { correct: 1, of: 1 } },
};
const perfect: AuditAnswer = {
  diagnoses: [{ verdict: 'correct' }, { verdict: 'error', errorType: 'symptom_with_definitive' }],
  procedures: [{ verdict: 'error', errorType: 'yz_position' }, { verdict: 'correct' }],
  omitted: ['i10x'],
  figures: { primaryDiagnosis: { correct: 1, of: 1 }, secondaryDiagnoses: { correct: 0, of: 2 }, primaryProcedure: { correct: 0, of: 1 }, secondaryProcedures: { correct: 1, of: 1 } },
};

describe('marking an audit', () => {
  it('gives full marks for the key’s own answer, judgement by judgement', () => {
    const r = markAudit(key, perfect);
    // 4 verdicts + 2 error types + 1 omission + 4 figures
    expect(r.of).toBe(11);
    expect(r.correct).toBe(11);
    expect(r.judgements.find((j) => j.about === 'R10.1: correct or error')!.explanation).toContain('cholecystitis');
  });

  it('marks a missed error, a wrong type, a missed omission, an extra omission and a wrong figure', () => {
    const r = markAudit(key, {
      diagnoses: [{ verdict: 'correct' }, { verdict: 'correct' }],
      procedures: [{ verdict: 'error', errorType: 'sequencing' }, { verdict: 'correct' }],
      omitted: ['E11.9'],
      figures: { ...perfect.figures, secondaryDiagnoses: { correct: 1, of: 2 } },
    });
    const wrong = r.judgements.filter((j) => !j.right).map((j) => j.about);
    expect(wrong).toEqual(['R10.1: correct or error', 'R10.1: error type', 'Y75.2: error type', 'Omitted code I10X', 'Omitted code E11.9', 'Secondary diagnoses figure']);
    expect(r.of).toBe(12);
    expect(r.correct).toBe(6);
  });

  it('accepts "unnecessary" for a symptom coded with its diagnosis, and judges corrections in UK form', () => {
    const k: AuditKey = { ...key, diagnoses: [{ code: 'K80.1', verdict: 'error', errorType: 'wrong_character', correction: 'K80.0', explanation: 'The 4th character must reflect acute cholecystitis.' }, key.diagnoses[1]!] };
    const r = markAudit(k, { ...perfect, diagnoses: [{ verdict: 'error', errorType: 'wrong_character', correction: 'k800' }, { verdict: 'error', errorType: 'unnecessary' }] });
    expect(r.judgements.filter((j) => !j.right)).toEqual([]);
    const wrong = markAudit(k, { ...perfect, diagnoses: [{ verdict: 'error', errorType: 'wrong_character', correction: 'K80.2' }, perfect.diagnoses[1]!] });
    expect(wrong.judgements.filter((j) => !j.right).map((j) => j.about)).toEqual(['K80.1: correction']);
  });

  it('expects a figure with nothing to audit to be left blank', () => {
    const k: AuditKey = { ...key, procedures: [], figures: { ...key.figures, primaryProcedure: null, secondaryProcedures: null } };
    const blank = { correct: null, of: null };
    const r = markAudit(k, { ...perfect, procedures: [], figures: { ...perfect.figures, primaryProcedure: blank, secondaryProcedures: { correct: 0, of: 0 } } });
    expect(r.judgements.filter((j) => !j.right).map((j) => j.about)).toEqual(['Secondary procedures figure']);
  });

  it('compares codes as the UK writes them', () => {
    expect(sameCode('I10', 'i10x')).toBe(true);
    expect(sameCode('K80.0', ' k80 0')).toBe(true);
    expect(sameCode('K80.0', 'K80.1')).toBe(false);
    expect(sameCode('K80.0', '')).toBe(false);
  });
});
