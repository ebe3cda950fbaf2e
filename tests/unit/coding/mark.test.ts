import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadClassification } from '@/lib/coding/load';
import { DEFAULT_MARKING_RULES, describeMarkingRules, mark, type Coding, type Figure, type FindingType } from '@/lib/coding/mark';
import { buildClassification } from '@/lib/coding/classification';

const c = loadClassification();
const code = (diagnoses: string[], procedures: string[] = []): Coding => ({ diagnoses, procedures });

// An appendicectomy with hypertension and a laparoscopic approach; and diabetic retinopathy.
const APPENDIX = code(['K35.8', 'I10', 'E11.9'], ['H01.1', 'Y75.2']);
const RETINOPATHY = code(['E10.3', 'H36.0', 'I10'], ['C79.4', 'Z94.2']);

type Row = {
  name: string;
  expected: Coding;
  answer: Coding;
  figures: Partial<Record<'primaryDiagnosis' | 'secondaryDiagnoses' | 'primaryProcedure' | 'secondaryProcedures', Figure>>;
  findings: FindingType[];
};

const table: Row[] = [
  {
    name: 'the expected coding scores full marks with no findings',
    expected: APPENDIX,
    answer: APPENDIX,
    figures: { primaryDiagnosis: { correct: 1, of: 1 }, secondaryDiagnoses: { correct: 2, of: 2 }, primaryProcedure: { correct: 1, of: 1 }, secondaryProcedures: { correct: 1, of: 1 } },
    findings: [],
  },
  {
    name: 'figures are null where neither side has codes',
    expected: code(['I10']),
    answer: code(['i10x']),
    figures: { primaryDiagnosis: { correct: 1, of: 1 }, secondaryDiagnoses: null, primaryProcedure: null, secondaryProcedures: null },
    findings: [],
  },
  {
    name: 'a wrong primary diagnosis is an incorrect code',
    expected: APPENDIX,
    answer: code(['K37', 'I10', 'E11.9'], ['H01.1', 'Y75.2']),
    figures: { primaryDiagnosis: { correct: 0, of: 1 }, secondaryDiagnoses: { correct: 2, of: 2 } },
    findings: ['incorrect_code'],
  },
  {
    name: 'a primary with the wrong fourth character is a fourth-character error',
    expected: APPENDIX,
    answer: code(['K35.3', 'I10', 'E11.9'], ['H01.1', 'Y75.2']),
    figures: { primaryDiagnosis: { correct: 0, of: 1 } },
    findings: ['fourth_character'],
  },
  {
    name: 'the expected primary given second is a sequencing error that costs the primary only',
    expected: APPENDIX,
    answer: code(['I10', 'K35.8', 'E11.9'], ['H01.1', 'Y75.2']),
    figures: { primaryDiagnosis: { correct: 0, of: 1 }, secondaryDiagnoses: { correct: 2, of: 2 } },
    findings: ['sequencing'],
  },
  {
    name: 'a missing primary procedure is omitted',
    expected: APPENDIX,
    answer: code(['K35.8', 'I10', 'E11.9'], []),
    figures: { primaryProcedure: { correct: 0, of: 1 }, secondaryProcedures: { correct: 0, of: 1 } },
    findings: ['omitted_code', 'omitted_code'],
  },
  {
    name: 'a primary procedure where none is expected is unnecessary',
    expected: code(['I10']),
    answer: code(['I10'], ['H01.1']),
    figures: { primaryProcedure: { correct: 0, of: 1 }, secondaryProcedures: null },
    findings: ['unnecessary_code'],
  },
  {
    name: 'an omitted secondary lowers the secondary figure',
    expected: APPENDIX,
    answer: code(['K35.8', 'I10'], ['H01.1', 'Y75.2']),
    figures: { secondaryDiagnoses: { correct: 1, of: 2 } },
    findings: ['omitted_code'],
  },
  {
    name: 'an unnecessary secondary counts in the denominator',
    expected: APPENDIX,
    answer: code(['K35.8', 'I10', 'E11.9', 'J45.9'], ['H01.1', 'Y75.2']),
    figures: { secondaryDiagnoses: { correct: 2, of: 3 } },
    findings: ['unnecessary_code'],
  },
  {
    name: 'a secondary in the right category with the wrong fourth character pairs as one incorrect code',
    expected: APPENDIX,
    answer: code(['K35.8', 'I10', 'E11.8'], ['H01.1', 'Y75.2']),
    figures: { secondaryDiagnoses: { correct: 1, of: 2 } },
    findings: ['fourth_character'],
  },
  {
    name: 'a code given twice is a duplicate that counts like an unnecessary code',
    expected: APPENDIX,
    answer: code(['K35.8', 'I10', 'E11.9', 'I10'], ['H01.1', 'Y75.2']),
    figures: { secondaryDiagnoses: { correct: 2, of: 3 } },
    findings: ['duplicate_code'],
  },
  {
    name: 'secondaries are compared in any order',
    expected: APPENDIX,
    answer: code(['K35.8', 'E11.9', 'I10'], ['H01.1', 'Y75.2']),
    figures: { secondaryDiagnoses: { correct: 2, of: 2 } },
    findings: [],
  },
  {
    name: 'an asterisk code first is reported, and the swap is a sequencing error',
    expected: RETINOPATHY,
    answer: code(['H36.0', 'E10.3', 'I10'], ['C79.4', 'Z94.2']),
    figures: { primaryDiagnosis: { correct: 0, of: 1 }, secondaryDiagnoses: { correct: 2, of: 2 } },
    findings: ['asterisk_primary', 'sequencing'],
  },
  {
    name: 'an asterisk code away from its dagger code is reported without changing a figure',
    expected: RETINOPATHY,
    answer: code(['E10.3', 'I10', 'H36.0'], ['C79.4', 'Z94.2']),
    figures: { primaryDiagnosis: { correct: 1, of: 1 }, secondaryDiagnoses: { correct: 2, of: 2 } },
    findings: ['dagger_asterisk_order'],
  },
  {
    name: 'a chapter Z code first is reported as well as the sequencing',
    expected: RETINOPATHY,
    answer: code(['E10.3', 'H36.0', 'I10'], ['Z94.2', 'C79.4']),
    figures: { primaryProcedure: { correct: 0, of: 1 }, secondaryProcedures: { correct: 1, of: 1 } },
    findings: ['supplementary_position', 'sequencing'],
  },
  {
    name: 'a chapter Y code not directly after the code it qualifies is reported',
    expected: code(['K80.2'], ['J18.3', 'Y75.2', 'T43.2']),
    answer: code(['K80.2'], ['J18.3', 'T43.2', 'Y75.2']),
    figures: { primaryProcedure: { correct: 1, of: 1 }, secondaryProcedures: { correct: 2, of: 2 } },
    findings: ['supplementary_position'],
  },
  {
    name: 'the same laterality code after two procedures is in place both times',
    expected: code(['C50.4'], ['B27.4', 'Z94.3', 'T85.2', 'Z94.3']),
    answer: code(['C50.4'], ['B27.4', 'Z94.3', 'T85.2', 'Z94.3']),
    figures: { primaryProcedure: { correct: 1, of: 1 }, secondaryProcedures: { correct: 3, of: 3 } },
    findings: [],
  },
  {
    name: 'a laterality code after its procedure is in place even when that procedure has the wrong fourth character',
    expected: code(['K40.9'], ['T20.2', 'Z94.3']),
    answer: code(['K40.9'], ['T20.1', 'Z94.3']),
    figures: { primaryProcedure: { correct: 0, of: 1 }, secondaryProcedures: { correct: 1, of: 1 } },
    findings: ['fourth_character'],
  },
  {
    name: 'an invalid primary scores 0 of 1',
    expected: APPENDIX,
    answer: code(['appendicitis', 'I10', 'E11.9'], ['H01.1', 'Y75.2']),
    figures: { primaryDiagnosis: { correct: 0, of: 1 }, secondaryDiagnoses: { correct: 2, of: 2 } },
    findings: ['invalid_format'],
  },
  {
    name: 'an unknown secondary counts like an unnecessary code',
    expected: APPENDIX,
    answer: code(['K35.8', 'I10', 'E11.9', 'K35.7'], ['H01.1', 'Y75.2']),
    figures: { secondaryDiagnoses: { correct: 2, of: 3 } },
    findings: ['unknown_code'],
  },
  {
    name: 'an incomplete secondary counts like an unnecessary code and the expected one is omitted',
    expected: APPENDIX,
    answer: code(['K35.8', 'I10', 'E11'], ['H01.1', 'Y75.2']),
    figures: { secondaryDiagnoses: { correct: 1, of: 3 } },
    findings: ['incomplete_code', 'omitted_code'],
  },
];

describe('marking an episode as the audit does', () => {
  it.each(table)('$name', ({ expected, answer, figures, findings }) => {
    const result = mark(expected, answer, c);
    expect(result).toMatchObject(figures);
    expect(result.findings.map((f) => f.type).sort()).toEqual([...findings].sort());
    for (const f of result.findings) expect(f.message.length).toBeGreaterThan(20);
  });

  it('says in a finding which code was expected and which was given', () => {
    const [f] = mark(APPENDIX, code(['K35.3', 'I10', 'E11.9'], ['H01.1', 'Y75.2']), c).findings;
    expect(f).toMatchObject({ type: 'fourth_character', field: 'primaryDiagnosis', expected: 'K35.8', given: 'K35.3' });
    expect(f!.message).toMatch(/K35\.3 has the wrong fourth character.*K35\.8/);
  });

  it('refuses expected coding that is not made of complete codes', () => {
    expect(() => mark(code(['K35']), code(['K35.8']), c)).toThrow(/K35 is not a complete code in ICD-10 5th Edition/);
  });
});

// --- Properties ---------------------------------------------------------------------------------

const icdCodes = [...c.icd10.values()].filter((e) => !e.hasChildren && !c.asterisks.has(e.code) && !c.asterisks.has(e.category)).map((e) => e.code);
const opcsCodes = [...c.opcs4.values()].filter((e) => !e.hasChildren && !/^[YZ]/.test(e.code)).map((e) => e.code);
const distinct = (pool: string[], max: number) => fc.uniqueArray(fc.constantFrom(...pool), { minLength: 0, maxLength: max });
const coding = fc.record({ diagnoses: distinct(icdCodes, 6), procedures: distinct(opcsCodes, 4) });
const FIGURES = ['primaryDiagnosis', 'secondaryDiagnoses', 'primaryProcedure', 'secondaryProcedures'] as const;
const ratio = (f: Figure) => (f ? f.correct / f.of : 1);

describe('marking properties', () => {
  it('gives the expected coding full marks and no findings', () => {
    fc.assert(
      fc.property(coding, (e) => {
        const r = mark(e, e, c);
        expect(r.findings).toEqual([]);
        for (const k of FIGURES) if (r[k]) expect(r[k]!.correct).toBe(r[k]!.of);
      }),
    );
  });

  it('never gives more correct than audited', () => {
    fc.assert(
      fc.property(coding, coding, (e, a) => {
        const r = mark(e, a, c);
        for (const k of FIGURES) if (r[k]) expect(r[k]!.correct).toBeLessThanOrEqual(r[k]!.of);
      }),
    );
  });

  it('does not change a figure when the secondary codes are reordered', () => {
    fc.assert(
      fc.property(coding, coding, fc.integer(), (e, a, seed) => {
        // Keep the primary; rotate and reverse the secondaries.
        const shuffle = (xs: readonly string[]) => {
          const rest = xs.slice(1);
          const k = rest.length ? Math.abs(seed) % rest.length : 0;
          return xs.length ? [xs[0]!, ...[...rest.slice(k), ...rest.slice(0, k)].reverse()] : [];
        };
        const a2 = { diagnoses: shuffle(a.diagnoses), procedures: shuffle(a.procedures) };
        const r1 = mark(e, a, c);
        const r2 = mark(e, a2, c);
        for (const k of FIGURES) expect(r2[k]).toEqual(r1[k]);
      }),
    );
  });

  it('never raises a figure when an unnecessary code is added', () => {
    fc.assert(
      fc.property(coding, coding, fc.constantFrom(...icdCodes), fc.constantFrom(...opcsCodes), (e, a, extraD, extraP) => {
        fc.pre(a.diagnoses.length > 0 && a.procedures.length > 0);
        fc.pre(!e.diagnoses.includes(extraD) && !e.procedures.includes(extraP));
        const before = mark(e, a, c);
        const after = mark(e, { diagnoses: [...a.diagnoses, extraD], procedures: [...a.procedures, extraP] }, c);
        for (const k of FIGURES) expect(ratio(after[k])).toBeLessThanOrEqual(ratio(before[k]));
      }),
    );
  });
});

describe('marking UK coding (ICD-10 5th Edition, OPCS-4.11)', () => {
  // care-of-the-elderly-02 as a coder in England writes it: full marks, not "S32.50 is not in ICD-10".
  const FALL = { diagnoses: ['S32.50', 'W01.1', 'I10', 'E03.9'], procedures: [] };
  const woman91 = { sex: 'female' as const, age: 91 };

  it('gives full marks to fracture 5th characters, place of occurrence and I10X', () => {
    const r = mark(FALL, { diagnoses: ['S32.50', 'W01.1', 'I10X', 'E03.9'], procedures: [] }, c, { patient: woman91 });
    expect(r.primaryDiagnosis).toEqual({ correct: 1, of: 1 });
    expect(r.secondaryDiagnoses).toEqual({ correct: 3, of: 3 });
    expect(r.findings).toEqual([]);
  });

  it('calls an open fracture for a closed one a wrong fifth character, and a bare category incomplete', () => {
    const r = mark(FALL, { diagnoses: ['S32.51', 'W01', 'I10', 'E03.9'], procedures: [] }, c);
    expect(r.primaryDiagnosis).toEqual({ correct: 0, of: 1 });
    expect(r.findings.map((f) => f.type)).toEqual(['incomplete_code', 'fourth_character', 'omitted_code']);
    expect(r.findings[1]!.message).toContain('wrong fifth character');
    expect(r.findings[0]!.message).toContain('W01 has subdivisions');
  });

  it('names the edition when a code is not in it', () => {
    const r = mark(FALL, { diagnoses: ['S32.50', 'W01.1', 'I10', 'B18.00'], procedures: [] }, c);
    expect(r.findings.find((f) => f.type === 'unknown_code')!.message).toContain('not in ICD-10 5th Edition');
  });

  it('accepts an alternative the key lists in that position, and only there', () => {
    const key = { diagnoses: ['S02.20', { code: 'Y04.4', alternatives: ['Y04.5'] }], procedures: ['V09.2'] };
    expect(mark(key, { diagnoses: ['S02.20', 'Y04.5'], procedures: ['V09.2'] }, c).findings).toEqual([]);
    expect(mark(key, { diagnoses: ['S02.20', 'Y04.4'], procedures: ['V09.2'] }, c).secondaryDiagnoses).toEqual({ correct: 1, of: 1 });
    const wrong = mark(key, { diagnoses: ['S02.20', 'Y04.0'], procedures: ['V09.2'] }, c);
    expect(wrong.secondaryDiagnoses).toEqual({ correct: 0, of: 1 });
    expect(wrong.findings.map((f) => f.type)).toEqual(['fourth_character']);
  });

  it('reports a code the patient cannot have by the edition’s sex and age limits', () => {
    const limited = buildClassification({
      editions: c.editions,
      icd10: [{ code: 'N40', title: 'Hyperplasia of prostate', sex: 'male' }, { code: 'O80', title: 'Single spontaneous delivery' }, { code: 'O80.0', title: 'Spontaneous vertex delivery', sex: 'female', minAge: 15, maxAge: 45 }],
      opcs4: [],
      daggerAsterisk: 'code\tkind\tpaired_codes\n',
    });
    const r = mark({ diagnoses: ['O80.0'], procedures: [] }, { diagnoses: ['O80.0', 'N40'], procedures: [] }, limited, { patient: { sex: 'female', age: 52 } });
    expect(r.findings.filter((f) => f.type === 'invalid_for_patient').map((f) => f.given)).toEqual(['O80.0', 'N40']);
    expect(r.findings.find((f) => f.given === 'N40')!.message).toContain('male patients only');
    expect(mark({ diagnoses: ['O80.0'], procedures: [] }, { diagnoses: ['O80.0'], procedures: [] }, limited, { patient: { sex: 'female', age: 30 } }).findings).toEqual([]);
  });
});

describe('the marking rules an administrator sets', () => {
  const key = { diagnoses: ['K35.8', 'I10', 'E11.9'], procedures: ['H01.1', 'Y75.2'] };

  it('an unnecessary secondary lowers the figure by default, and only is reported when set so', () => {
    const answer = { diagnoses: ['K35.8', 'I10', 'E11.9', 'J45.9'], procedures: ['H01.1', 'Y75.2'] };
    expect(mark(key, answer, c).secondaryDiagnoses).toEqual({ correct: 2, of: 3 });
    const r = mark(key, answer, c, { rules: { ...DEFAULT_MARKING_RULES, unnecessaryLowersSecondary: false } });
    expect(r.secondaryDiagnoses).toEqual({ correct: 2, of: 2 });
    expect(r.findings.map((f) => f.type)).toEqual(['unnecessary_code']);
  });

  it('a swapped primary and secondary costs the primary only by default, and both when set so', () => {
    const answer = { diagnoses: ['I10', 'K35.8', 'E11.9'], procedures: ['H01.1', 'Y75.2'] };
    const byDefault = mark(key, answer, c);
    expect(byDefault.primaryDiagnosis).toEqual({ correct: 0, of: 1 });
    expect(byDefault.secondaryDiagnoses).toEqual({ correct: 2, of: 2 });
    const both = mark(key, answer, c, { rules: { ...DEFAULT_MARKING_RULES, swapCostsSecondary: true } });
    expect(both.primaryDiagnosis).toEqual({ correct: 0, of: 1 });
    expect(both.secondaryDiagnoses).toEqual({ correct: 1, of: 3 });
    expect(both.findings.filter((f) => f.type === 'sequencing').map((f) => f.field)).toEqual(['primaryDiagnosis', 'secondaryDiagnoses']);
  });

  it('a Y code out of place is reported by default, and a secondary error when scored', () => {
    const answer = { diagnoses: ['K35.8', 'I10', 'E11.9'], procedures: ['H01.1', 'H02.9', 'Y75.2'] };
    const k2 = { ...key, procedures: ['H01.1', 'Y75.2', 'H02.9'] };
    const reported = mark(k2, answer, c);
    expect(reported.secondaryProcedures).toEqual({ correct: 2, of: 2 });
    expect(reported.findings.map((f) => f.type)).toContain('supplementary_position');
    const scored = mark(k2, answer, c, { rules: { ...DEFAULT_MARKING_RULES, conventionErrors: 'scored' } });
    expect(scored.secondaryProcedures).toEqual({ correct: 1, of: 2 });
  });

  it('says in words how it marked', () => {
    expect(describeMarkingRules(DEFAULT_MARKING_RULES)).toEqual([
      expect.stringContaining('lowers the secondary figure'),
      expect.stringContaining('cost the primary figure only'),
      expect.stringContaining('reported without changing a figure'),
    ]);
    expect(describeMarkingRules({ unnecessaryLowersSecondary: false, swapCostsSecondary: true, conventionErrors: 'scored' })[2]).toContain('counts as a secondary error');
  });
});
