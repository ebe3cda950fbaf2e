'use client';
import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

const POLL_MS = 1000;

/** While the pack is being built, the page is read again every second (its progress bar moves; then it shows the downloads). */
export function RefreshWhileBuilding() {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => router.refresh(), POLL_MS);
    return () => clearInterval(timer);
  }, [router]);
  return null;
}
