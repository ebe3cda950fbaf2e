/**
 * Words that mark a note written for the people who maintain the content (where a number came from,
 * what could not be checked, whose choice it was), not for an apprentice. Text an apprentice reads
 * (a paper's title, description and instructions, a written question's prompt) must not carry them:
 * such notes belong in a blueprint's `trainerNotes` or in content/…/REVIEW.md.
 */
export const INTERNAL_MARKERS: readonly { label: string; pattern: RegExp }[] = [
  { label: 'DOMAIN.md', pattern: /DOMAIN\.md/i },
  { label: 'unconfirmed', pattern: /\bunconfirmed\b/i },
  { label: 'is ours', pattern: /\bis ours\b/i },
  { label: 'TODO', pattern: /\bTODO\b/ },
];

/** The internal markers a text contains, by label, in the order of INTERNAL_MARKERS. */
export function internalMarkersIn(text: string): string[] {
  return INTERNAL_MARKERS.filter((m) => m.pattern.test(text)).map((m) => m.label);
}

/**
 * One problem per learner-facing field that carries an internal marker, prefixed by where it is
 * (`description: …`), in the style of content:check's other messages.
 */
export function learnerTextProblems(fields: { at: string; text: string }[]): string[] {
  return fields.flatMap(({ at, text }) => {
    const found = internalMarkersIn(text);
    return found.length ? [`${at}: learner-facing text contains an internal note (${found.map((f) => `"${f}"`).join(', ')}); move it to trainerNotes or the REVIEW.md`] : [];
  });
}
