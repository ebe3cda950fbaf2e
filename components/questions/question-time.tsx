'use client';
import { createContext, useCallback, useContext, useRef } from 'react';
import { useActiveTime } from '@/components/practice/use-active-time';

const Claim = createContext<(() => number) | null>(null);

/**
 * The active time on a page of practice questions (issue 19 §5), shared by its questions: each answer claims
 * the seconds since the previous answer on the page, so the page's time is counted once, not once per question.
 */
export function QuestionTime({ children }: { children: React.ReactNode }) {
  const seconds = useActiveTime();
  const claimed = useRef(0);
  const claim = useCallback(() => {
    const total = seconds();
    const mine = Math.max(0, total - claimed.current);
    claimed.current = total;
    return mine;
  }, [seconds]);
  return <Claim.Provider value={claim}>{children}</Claim.Provider>;
}

/** The claim of the page's QuestionTime, or null outside one (nothing is sent). */
export const useClaimActiveTime = () => useContext(Claim);
