import type { Figure } from './mark';

export const FIGURE_LABEL = {
  primaryDiagnosis: 'Primary diagnosis',
  secondaryDiagnoses: 'Secondary diagnoses',
  primaryProcedure: 'Primary procedure',
  secondaryProcedures: 'Secondary procedures',
} as const;

export const percent = (f: Figure) => (f ? Math.round((f.correct / f.of) * 100) : null);

export const NOTE_HEADINGS: Record<string, string> = {
  admission: 'Admission',
  history: 'History',
  investigations: 'Investigations',
  operation: 'Operation note',
  discharge: 'Discharge summary',
};

/** A finding's label: its type in words, and "fifth character" where the UK 5th character is what is wrong. */
export const findingLabel = (f: { type: string; message: string }) => (f.type === 'fourth_character' && f.message.includes('wrong fifth character') ? 'fifth character' : f.type.replace(/_/g, ' '));
