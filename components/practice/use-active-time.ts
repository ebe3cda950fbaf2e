'use client';
import { useCallback, useEffect, useRef } from 'react';
import { activeSecondsOf } from '@/lib/practice/active-time';

/**
 * Counts the seconds this page is in use (issue 19, point 5): a key, pointer or scroll marks a moment of
 * activity, and a page that is hidden marks none, so time away or idle does not count (lib/practice/active-time.ts).
 * `seconds()` is read when the answer is submitted and sent with it; the server caps it.
 */
export function useActiveTime() {
  const moments = useRef<number[]>([]);
  useEffect(() => {
    moments.current = [Date.now()];
    const mark = () => {
      if (document.visibilityState === 'visible') moments.current.push(Date.now());
    };
    const events = ['keydown', 'pointerdown', 'pointermove', 'scroll', 'input', 'focusin'] as const;
    // pointermove and scroll fire many times a second: one moment a second is all the count needs.
    let last = 0;
    const throttled = () => {
      const now = Date.now();
      if (now - last >= 1000) {
        last = now;
        mark();
      }
    };
    for (const e of events) window.addEventListener(e, throttled, { passive: true, capture: true });
    document.addEventListener('visibilitychange', mark);
    return () => {
      for (const e of events) window.removeEventListener(e, throttled, { capture: true });
      document.removeEventListener('visibilitychange', mark);
    };
  }, []);
  return useCallback(() => activeSecondsOf([...moments.current, Date.now()]), []);
}
