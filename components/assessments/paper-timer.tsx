'use client';
import { useEffect, useRef, useState } from 'react';
import { announcementFor, formatTimeLeft } from '@/lib/assessments/deadline';

/**
 * The time left by the server's clock (the page's load fixed the offset between the two clocks).
 * The countdown itself is not a live region, or a screen reader would read it every second; a
 * separate polite region says "30 minutes left" and so on at 30, 10, 5 and 1 minutes.
 */
export function PaperTimer({ deadline, offsetMs, onTimeUp }: { deadline: Date; offsetMs: number; onTimeUp: () => void }) {
  const left = () => deadline.getTime() - (Date.now() + offsetMs);
  const [ms, setMs] = useState(left);
  const [said, setSaid] = useState('');
  const previous = useRef(ms);
  const fired = useRef(false);
  const timeUp = useRef(onTimeUp);
  useEffect(() => {
    timeUp.current = onTimeUp;
  }, [onTimeUp]);

  useEffect(() => {
    const tick = () => {
      const now = left();
      const announcement = announcementFor(previous.current, now);
      if (announcement) setSaid(announcement);
      previous.current = now;
      setMs(now);
      if (now <= 0 && !fired.current) {
        fired.current = true;
        timeUp.current();
      }
    };
    tick();
    const id = setInterval(tick, 250);
    return () => clearInterval(id);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [deadline.getTime(), offsetMs]);

  const urgent = ms <= 5 * 60_000;
  return (
    <div className={`flex items-baseline gap-2 px-3 py-2 font-bold ${urgent ? 'bg-nhs-red text-white' : 'bg-nhs-dark-blue text-white'}`}>
      <span className="text-sm font-normal">Time left</span>
      <span role="timer" aria-live="off" aria-label={`Time left ${formatTimeLeft(ms)}`} className="font-mono text-xl tabular-nums">
        {formatTimeLeft(ms)}
      </span>
      <span className="sr-only" aria-live="polite" aria-atomic="true">
        {said}
      </span>
    </div>
  );
}
