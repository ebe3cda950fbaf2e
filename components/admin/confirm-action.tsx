'use client';
import { useState, useTransition } from 'react';

type Answer = { ok: boolean; message: string };

/**
 * A button that asks once more, then runs a server action and says what happened. Keep it mounted after the
 * action (`available` false hides the button): the page refreshes, and the answer must stay on screen.
 */
export function ConfirmAction({ label, confirmText, confirmLabel, pendingLabel, run, available = true }: { label: string; confirmText: string; confirmLabel: string; pendingLabel: string; run: () => Promise<Answer>; available?: boolean }) {
  const [asking, setAsking] = useState(false);
  const [pending, start] = useTransition();
  const [answer, setAnswer] = useState<Answer | null>(null);
  return (
    <div className="space-y-3">
      {!available ? null : !asking ? (
        <button type="button" onClick={() => { setAnswer(null); setAsking(true); }} className="bg-nhs-blue px-4 py-2 font-bold text-white shadow-[0_4px_0_#003087]">
          {label}
        </button>
      ) : (
        <div role="group" aria-label="Confirm" className="border-l-4 border-nhs-warm-yellow bg-white p-4">
          <p className="mb-3 font-bold">{confirmText}</p>
          <div className="flex flex-wrap gap-3">
            <button
              type="button"
              disabled={pending}
              autoFocus
              onClick={() =>
                start(async () => {
                  try {
                    setAnswer(await run());
                  } catch {
                    setAnswer({ ok: false, message: 'Something went wrong on our side and nothing was changed. Please try again.' });
                  }
                  setAsking(false);
                })
              }
              className="bg-nhs-green px-4 py-2 font-bold text-white shadow-[0_4px_0_#00401e] disabled:opacity-70"
            >
              {pending ? pendingLabel : confirmLabel}
            </button>
            <button type="button" disabled={pending} onClick={() => setAsking(false)} className="border-2 border-nhs-blue bg-white px-4 py-2 font-bold text-nhs-blue">
              Cancel
            </button>
          </div>
        </div>
      )}
      <div aria-live="polite">{answer && <p className={`border-l-8 bg-white p-4 ${answer.ok ? 'border-nhs-green' : 'border-nhs-red font-bold'}`}>{answer.message}</p>}</div>
    </div>
  );
}
