'use client';
import { useState, useTransition } from 'react';
import { useRouter } from 'next/navigation';
import type { FormResult } from '@/lib/forms/result';

export function UserActiveToggle({
  user,
  action,
}: {
  user: { id: string; name: string; active: boolean; version: number };
  action: (input: { id: string; active: boolean; version: number }) => Promise<FormResult<unknown>>;
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  const verb = user.active ? 'Disable' : 'Re-enable';
  return (
    <div>
      {message && (
        <p role="alert" className="mb-2 font-bold text-nhs-red">
          {message}
        </p>
      )}
      <button
        type="button"
        disabled={pending}
        onClick={() =>
          start(async () => {
            if (user.active && !window.confirm(`Disable ${user.name}? They will be signed out on their next click and cannot sign in until re-enabled.`)) return;
            const result = await action({ id: user.id, active: !user.active, version: user.version });
            if (!result.ok) setMessage(result.message ?? 'That did not work. Reload the page and try again.');
            else router.refresh();
          })
        }
        className={`px-4 py-2 font-bold text-white ${user.active ? 'bg-nhs-red hover:bg-[#8a1a12]' : 'bg-nhs-green hover:bg-[#00662f]'}`}
      >
        {pending ? 'Saving…' : verb}
      </button>
    </div>
  );
}
