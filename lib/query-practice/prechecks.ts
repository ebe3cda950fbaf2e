/**
 * Pre-checks of a clinical query (issue 19, point 2): hints shown to the apprentice while they write and
 * kept with the attempt. They flag the usual faults of a query to a consultant: leading phrasing, more than
 * one question, no reference to the documentation, no word on what the answer changes, an unprofessional
 * tone. Plain pattern rules, deliberately cautious: they never replace the trainer's marking.
 */
export type Precheck = { id: PrecheckId; message: string };
export type PrecheckId = 'leading' | 'more_than_one_question' | 'no_documentation' | 'no_purpose' | 'tone';

export const PRECHECK_MESSAGES: Record<PrecheckId, string> = {
  leading:
    'This may be a leading question: it suggests the answer (for example "please confirm this is sepsis" or a yes/no question naming one diagnosis). Ask what the condition was and offer the possibilities neutrally, including "other" and "unable to determine".',
  more_than_one_question: 'This seems to ask more than one question. A query should ask one thing, so the answer is clear.',
  no_documentation: 'This does not say where in the notes the gap is. Name the document and, if you can, the date or section (for example "the discharge summary of 12/01" or "the operation note").',
  no_purpose: 'This does not say why you are asking. Say what the answer changes, for example "so that the episode can be coded accurately".',
  tone: 'The tone may read as unprofessional (capitals, or words such as "you forgot", "obviously" or "again"). Keep it polite and neutral.',
};

const flag = (id: PrecheckId): Precheck => ({ id, message: PRECHECK_MESSAGES[id] });

// Phrases that put the answer in the consultant's mouth, whatever else the query says.
const LEADING = [
  /\bplease\s+confirm\s+(?:that\s+)?(?:this|it|the\s+patient|he|she|they)\b/i,
  /\b(?:can|could|would)\s+you\s+(?:please\s+)?confirm\s+(?:that\s+)?(?:this|it|the\s+patient|he|she|they)\b/i,
  /\bI\s+(?:think|believe|assume|feel|suspect)\b/i,
  /\bshould\s+(?:this|it|the\s+[\w-]+)\s+be\s+coded\s+as\b/i,
  /\b(?:surely|presumably)\b/i,
  /\bwouldn['’]t\s+you\s+agree\b/i,
];

// A question offering alternatives ("…, or other, or unable to determine?") or asking what/which is open.
const OFFERS_ALTERNATIVES = /\b(?:or|other|unable\s+to\s+(?:determine|say)|cannot\s+be\s+determined|which|what)\b/i;

const MORE_QUESTIONS = /\b(?:and\s+(?:could|can|would)\s+you|could\s+you\s+also|can\s+you\s+also|also\s+(?:could|can|would)\s+you|also,?\s+(?:please\s+)?(?:confirm|clarify|tell|state)|additionally|secondly|another\s+question)\b/i;

const DOCUMENTATION =
  /\b(?:discharge\s+(?:summary|letter)|notes?|operation\s+note|op\s+note|operative|histology|histopathology|pathology|results?|report|entry|ward\s+round|clinic\s+letter|letter|admission|clerking|documentation|documented|drug\s+chart|prescription|chart|scan|x-ray|ct|mri|ecg|blood\s+tests?|bloods|investigations?|record|section)\b|\bon\s+\d{1,2}\/\d{1,2}\b|\b\d{1,2}\/\d{1,2}(?:\/\d{2,4})?\b|\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b/i;

const PURPOSE =
  /\b(?:so\s+that|in\s+order\s+to|to\s+enable|to\s+allow|to\s+ensure|affects?|changes?|determines?|decides?|will\s+(?:change|alter|affect|determine)|coded?\s+(?:accurately|correctly)|accurate\s+cod|correct\s+cod|the\s+code\s+(?:assigned|used|chosen)|which\s+code|code\s+assign|classification|coding)\b/i;

const TONE_WORDS = /\b(?:you\s+forgot|you\s+failed|you\s+didn['’]t|obviously|clearly\s+wrong|again|as\s+usual|sloppy|careless|why\s+didn['’]t\s+you|yet\s+again)\b/i;
// Three or more capitalised words of three or more letters in a row, or a word of six or more capitals: shouting.
// Short abbreviations (AKI, CKD, NSTEMI, ECG, ED) are allowed alone.
const SHOUTING = /\b[A-Z]{3,}\b(?:[\s,]+\b[A-Z]{3,}\b){2,}|!{2,}/;

/** Clinical shorthand: "?sepsis", "?BCC" (a query mark before a word) is a quotation from the notes, not a question. */
const withoutShorthand = (text: string) => text.replace(/\?(?=[A-Za-z])/g, '');

/** The number of questions asked: question marks, plus an extra for "and could you …" and the like. */
export function questionCount(text: string): number {
  const marks = (withoutShorthand(text).match(/\?/g) ?? []).length;
  const extra = (text.match(new RegExp(MORE_QUESTIONS.source, 'gi')) ?? []).length;
  return marks + extra;
}

/**
 * A yes/no question naming one thing with no alternative: a sentence ending in "?" that begins "Is",
 * "Was", "Did", "Does", "Has", "Had", "Are" or "Were" and offers no "or", "other", "which" or "what".
 * ("Could you clarify …" is a polite request, not a yes/no question, and is not flagged here.)
 */
function leadingYesNo(text: string): boolean {
  const questions = withoutShorthand(text).match(/[^.?!\n]*\?/g) ?? [];
  return questions.some((q) => /^\s*(?:is|was|did|does|has|had|are|were|isn['’]t|wasn['’]t)\b/i.test(q) && !OFFERS_ALTERNATIVES.test(q));
}

/** The pre-check hints for a query's text, in a fixed order; empty text gives none (the form asks for it). */
export function precheckQuery(text: string): Precheck[] {
  const t = text.trim();
  if (!t) return [];
  const out: Precheck[] = [];
  if (LEADING.some((re) => re.test(t)) || leadingYesNo(t)) out.push(flag('leading'));
  if (questionCount(t) > 1) out.push(flag('more_than_one_question'));
  if (!DOCUMENTATION.test(t)) out.push(flag('no_documentation'));
  if (!PURPOSE.test(t)) out.push(flag('no_purpose'));
  if (TONE_WORDS.test(t) || SHOUTING.test(t)) out.push(flag('tone'));
  return out;
}
