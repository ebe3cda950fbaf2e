'use client';
import { useState, useTransition } from 'react';
import { useRouter } from 'next/navigation';
import type { FormResult } from '@/lib/forms/result';

/** Queues a failed background job for one more try. */
export function JobRetryButton({ queue, id, label, action }: { queue: string; id: string; label: string; action: (input: { queue: string; id: string }) => Promise<FormResult<void>> }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  return (
    <div>
      <button
        type="button"
        disabled={pending}
        aria-label={`Retry ${label}`}
        onClick={() =>
          start(async () => {
            const result = await action({ queue, id });
            if (!result.ok) setMessage({ ok: false, text: result.message ?? 'That did not work. Reload the page and try again.' });
            else {
              setMessage({ ok: true, text: 'Queued to run again.' });
              router.refresh();
            }
          })
        }
        className="border-2 border-nhs-blue bg-white px-3 py-1 font-bold text-nhs-blue disabled:opacity-70"
      >
        {pending ? 'Retrying…' : 'Retry'}
      </button>
      <div aria-live="polite">{message && <p className={`mt-1 text-sm ${message.ok ? '' : 'font-bold text-nhs-red'}`}>{message.text}</p>}</div>
    </div>
  );
}
