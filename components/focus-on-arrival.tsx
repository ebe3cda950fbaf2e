'use client';
import { useEffect } from 'react';

/**
 * Moves keyboard and screen-reader focus to an element once, when the page arrives: used after
 * "Save and next" so the trainer starts at the next piece's heading instead of the top of the page.
 */
export function FocusOnArrival({ targetId, forget }: { targetId: string; forget?: string }) {
  useEffect(() => {
    const el = document.getElementById(targetId);
    if (!el) return;
    el.focus({ preventScroll: true });
    el.scrollIntoView({ block: 'start' });
    // The query parameter that said what just happened: gone from the address, so a reload does not say it again.
    if (forget) {
      const url = new URL(window.location.href);
      url.searchParams.delete(forget);
      window.history.replaceState(window.history.state, '', url);
    }
  }, [targetId, forget]);
  return null;
}
