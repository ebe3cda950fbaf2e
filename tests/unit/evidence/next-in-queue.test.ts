import { describe, expect, it } from 'vitest';
import { compareQueuePlaces, nextInQueue } from '@/lib/evidence/next-in-queue';

const at = (id: string, iso: string | null) => ({ id, submittedAt: iso ? new Date(iso) : null });
const a = at('a', '2026-11-01T09:00:00Z');
const b = at('b', '2026-11-02T09:00:00Z');
const c = at('c', '2026-11-03T09:00:00Z');

describe('save and next: the next piece in the marking queue', () => {
  it('opens the piece submitted after the one just decided', () => {
    expect(nextInQueue([c, a], b)?.id).toBe('c');
  });

  it('wraps to the oldest piece still waiting when the decided piece was the last one', () => {
    expect(nextInQueue([a, b], c)?.id).toBe('a');
  });

  it('never opens the piece just decided, even when it is still listed as waiting', () => {
    expect(nextInQueue([b, c], b)?.id).toBe('c');
    expect(nextInQueue([b], b)).toBeNull();
  });

  it('is null when nothing else is waiting', () => {
    expect(nextInQueue([], b)).toBeNull();
  });

  it('orders pieces submitted at the same moment by id, as the queue lists them', () => {
    const same = '2026-11-02T09:00:00Z';
    expect(nextInQueue([at('y', same), at('z', same)], at('x', same))?.id).toBe('y');
    expect(nextInQueue([at('x', same), at('z', same)], at('y', same))?.id).toBe('z');
  });

  it('takes the oldest piece when there is no current one, and puts a piece with no submission time first', () => {
    expect(nextInQueue([c, b, a], null)?.id).toBe('a');
    expect([c, at('n', null), a].sort(compareQueuePlaces).map((p) => p.id)).toEqual(['n', 'a', 'c']);
  });
});
