/**
 * "Save and next": which piece of the marking queue to open after a decision on `current`.
 * The queue is marked oldest first, so the next piece is the first one after the current piece in
 * that order (submitted later, or at the same moment with a larger id); when the trainer has reached
 * the end, it wraps to the oldest piece still waiting (one they skipped earlier). Never the current
 * piece itself, and null when nothing else is waiting.
 */
export type QueuePlace = { id: string; submittedAt: Date | null };

const key = (p: QueuePlace) => p.submittedAt?.getTime() ?? Number.NEGATIVE_INFINITY;

/** Queue order: oldest submission first, ties by id (the order listMarkingQueue shows). */
export function compareQueuePlaces(a: QueuePlace, b: QueuePlace): number {
  return key(a) - key(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function nextInQueue<P extends QueuePlace>(waiting: readonly P[], current: QueuePlace | null): P | null {
  const others = waiting.filter((p) => p.id !== current?.id).sort(compareQueuePlaces);
  if (!current) return others[0] ?? null;
  return others.find((p) => compareQueuePlaces(p, current) > 0) ?? others[0] ?? null;
}
