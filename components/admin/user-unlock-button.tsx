'use client';
import { useState, useTransition } from 'react';
import { useRouter } from 'next/navigation';
import type { FormResult } from '@/lib/forms/result';

/**
 * Lifts the sign-in throttle on a user's email, for someone locked out (or whose account was attacked).
 * Always rendered, so that the result stays on screen after the page refreshes with no failures left
 * (the button itself shows only while there are some).
 */
export function UserUnlockButton({
  userId,
  failures,
  action,
}: {
  userId: string;
  failures: number;
  action: (input: { id: string }) => Promise<FormResult<{ cleared: number }>>;
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  return (
    <div>
      <div aria-live="polite">
        {message && <p className={`mb-2 ${message.ok ? '' : 'font-bold text-nhs-red'}`}>{message.text}</p>}
      </div>
      {failures > 0 && (
        <button
          type="button"
          disabled={pending}
          onClick={() =>
            start(async () => {
              const result = await action({ id: userId });
              if (!result.ok) setMessage({ ok: false, text: result.message ?? 'That did not work. Reload the page and try again.' });
              else {
                setMessage({ ok: true, text: `Unlocked: ${result.data.cleared} failed sign-in${result.data.cleared === 1 ? '' : 's'} forgotten. They can sign in now.` });
                router.refresh();
              }
            })
          }
          className="border-2 border-nhs-blue bg-white px-4 py-2 font-bold text-nhs-blue disabled:opacity-70"
        >
          {pending ? 'Unlocking…' : 'Unlock sign-in'}
        </button>
      )}
    </div>
  );
}
