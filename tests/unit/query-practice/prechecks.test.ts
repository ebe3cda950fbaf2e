import { describe, expect, it } from 'vitest';
import { precheckQuery, questionCount, type PrecheckId } from '@/lib/query-practice/prechecks';

const GOOD =
  'Dear Dr Okafor, the discharge summary of 14/03 records "anaemia" and the blood results on 11/03 show Hb 84. Could you clarify the type of anaemia: iron deficiency, anaemia of chronic disease, acute blood loss, other (please state), or unable to determine? The answer affects the code assigned so that the episode can be coded accurately. Thank you, J. Smith, clinical coding.';

const ids = (text: string) => precheckQuery(text).map((f) => f.id);

// [phrasing, the flag asked about, flagged?]
const TABLE: [string, PrecheckId, boolean][] = [
  // leading
  ['Please confirm this is sepsis.', 'leading', true],
  ['Please confirm that the patient had sepsis.', 'leading', true],
  ['Can you confirm the patient had iron deficiency anaemia?', 'leading', true],
  ['Could you please confirm it was a left-sided procedure?', 'leading', true],
  ['I think it is type 2 diabetes.', 'leading', true],
  ['I believe the AKI was stage 2.', 'leading', true],
  ['Should this be coded as pneumonia?', 'leading', true],
  ['Surely this was a urinary tract infection.', 'leading', true],
  ['Is it sepsis?', 'leading', true],
  ['Was the fracture of the neck of femur?', 'leading', true],
  ['Did the patient have an acute kidney injury?', 'leading', true],
  ['Is the anaemia iron deficiency or anaemia of chronic disease, or other?', 'leading', false],
  ['What type of anaemia did the patient have?', 'leading', false],
  ['Could you clarify which side was operated on: left, right, bilateral, or unable to determine?', 'leading', false],
  ['Which type of diabetes does the patient have: type 1, type 2, other, or unable to determine?', 'leading', false],
  ['Could you please state the stage of the acute kidney injury, if it can be determined?', 'leading', false],
  [GOOD, 'leading', false],
  // more than one question
  ['What type of anaemia was it? And what was the cause?', 'more_than_one_question', true],
  ['What type of anaemia was it, and could you also state the stage of the AKI?', 'more_than_one_question', true],
  ['Could you clarify the type of diabetes? Could you also say whether it was controlled?', 'more_than_one_question', true],
  ['What was the site of the fracture, and could you say how it happened?', 'more_than_one_question', true],
  ['What type of anaemia was it?', 'more_than_one_question', false],
  ['The discharge summary lists "?sepsis". What was the final diagnosis?', 'more_than_one_question', false],
  [GOOD, 'more_than_one_question', false],
  // reference to the documentation
  ['What type of anaemia was it?', 'no_documentation', true],
  ['Which side was operated on?', 'no_documentation', true],
  ['The discharge summary says "anaemia". What type was it?', 'no_documentation', false],
  ['The operation note does not record a side. Which side?', 'no_documentation', false],
  ['The histology is not in the record yet. What did it show?', 'no_documentation', false],
  ['In the entry on 12/01 the ward round records "?sepsis". What was the final diagnosis?', 'no_documentation', false],
  ['Blood results show a raised creatinine. What stage was the AKI?', 'no_documentation', false],
  // what the answer changes
  ['The discharge summary says anaemia. What type was it?', 'no_purpose', true],
  ['The discharge summary says anaemia. What type was it, so that the episode can be coded accurately?', 'no_purpose', false],
  ['The notes say anaemia. What type was it? The answer affects the code assigned.', 'no_purpose', false],
  ['The notes say anaemia. What type was it? This determines the fourth character.', 'no_purpose', false],
  // tone
  ['You forgot to write the side in the operation note.', 'tone', true],
  ['Obviously the notes are incomplete.', 'tone', true],
  ['The side is missing again from the operation note.', 'tone', true],
  ['PLEASE REPLY TODAY WITH THE SIDE.', 'tone', true],
  ['Which side was operated on?!!', 'tone', true],
  ['The AKI in the notes of 03/02 has no stage recorded.', 'tone', false],
  ['NSTEMI and CKD are recorded in the discharge summary.', 'tone', false],
  [GOOD, 'tone', false],
];

describe('query pre-checks', () => {
  it.each(TABLE)('%s → %s flagged: %s', (text, id, flagged) => {
    expect(ids(text).includes(id)).toBe(flagged);
  });

  it('passes a well-formed, neutral query with no flags at all', () => {
    expect(precheckQuery(GOOD)).toEqual([]);
  });

  it('gives each flag a message in plain words, in a fixed order, and nothing for empty text', () => {
    const flags = precheckQuery('I think it is sepsis? And could you also state the organism? YOU FORGOT AGAIN!!');
    expect(flags.map((f) => f.id)).toEqual(['leading', 'more_than_one_question', 'no_documentation', 'no_purpose', 'tone']);
    for (const f of flags) expect(f.message.length).toBeGreaterThan(30);
    expect(precheckQuery('   ')).toEqual([]);
  });

  it('counts questions by question marks and "and could you" patterns', () => {
    expect(questionCount('One?')).toBe(1);
    expect(questionCount('One? Two?')).toBe(2);
    expect(questionCount('One, and could you say two?')).toBe(2);
    expect(questionCount('No question at all.')).toBe(0);
  });
});
