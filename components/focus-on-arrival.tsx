'use client';
import { useEffect } from 'react';

/**
 * Moves keyboard and screen-reader focus to an element once, when the page arrives: used after
 * "Save and next" so the trainer starts at the next piece's heading instead of the top of the page.
 */
export function FocusOnArrival({ targetId }: { targetId: string }) {
  useEffect(() => {
    const el = document.getElementById(targetId);
    if (!el) return;
    el.focus({ preventScroll: true });
    el.scrollIntoView({ block: 'start' });
  }, [targetId]);
  return null;
}
