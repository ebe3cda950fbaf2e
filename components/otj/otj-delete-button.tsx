'use client';
import { useState, useTransition } from 'react';
import { useRouter } from 'next/navigation';
import type { FormResult } from '@/lib/forms/result';

/** Delete in two steps, so a slip of the finger does not lose an entry. */
export function OtjDeleteButton({ id, rowVersion, remove, doneHref }: { id: string; rowVersion: number; remove: (v: { id: string; rowVersion: number }) => Promise<FormResult<unknown>>; doneHref: string }) {
  const router = useRouter();
  const [asking, setAsking] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [pending, start] = useTransition();
  return (
    <div className="space-y-3">
      {message && (
        <p role="alert" className="border-4 border-nhs-red p-3 font-bold text-nhs-red">
          {message}
        </p>
      )}
      {asking ? (
        <div className="flex flex-wrap items-center gap-3">
          <span className="font-bold">Delete this entry for good?</span>
          <button
            type="button"
            disabled={pending}
            onClick={() =>
              start(async () => {
                const result = await remove({ id, rowVersion });
                if (result.ok) router.push(doneHref);
                else setMessage(result.message ?? 'The entry could not be deleted.');
              })
            }
            className="bg-nhs-red px-4 py-2 font-bold text-white disabled:opacity-60"
          >
            {pending ? 'Deleting…' : 'Yes, delete it'}
          </button>
          <button type="button" onClick={() => setAsking(false)} className="px-4 py-2 font-bold text-nhs-blue underline">
            Keep it
          </button>
        </div>
      ) : (
        <button type="button" onClick={() => setAsking(true)} className="border-2 border-nhs-red px-4 py-2 font-bold text-nhs-red">
          Delete this entry
        </button>
      )}
    </div>
  );
}
