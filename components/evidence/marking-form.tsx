'use client';
import { useRef, useState } from 'react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { FormMessage, SubmitButton, TextAreaField } from '@/components/form/fields';
import { useServerForm } from '@/components/form/use-server-form';
import { KSB_DECISION_LABEL, MarkInput, OUTCOME_LABEL, OverrideInput } from '@/lib/evidence/marking-schemas';
import type { FormResult } from '@/lib/forms/result';

type Next = { rowVersion: number; next: { id: string; title: string } | null };
type Values = { id: string; rowVersion: number; outcome: 'accepted' | 'referred' | ''; decisions: Record<string, 'met' | 'not_met' | ''>; feedback: string; reason?: string };

/**
 * A decision for each claimed KSB, feedback, and the outcome. The same form overrides a final
 * decision for an admin, who must also give a reason.
 */
export function MarkingForm({
  evidenceId,
  rowVersion,
  claimed,
  save,
  override = false,
  initial,
  saveAndNext,
}: {
  evidenceId: string;
  rowVersion: number;
  claimed: { code: string; text: string }[];
  save: (v: Values) => Promise<FormResult<unknown>>;
  override?: boolean;
  initial?: Record<string, 'met' | 'not_met'>;
  /** The marking queue's "Save and next": save, then open the next piece waiting. */
  saveAndNext?: (v: Values) => Promise<FormResult<Next>>;
}) {
  const router = useRouter();
  // Which button sent the form: the plain save, or save and next.
  const thenNext = useRef(false);
  const [queueEmpty, setQueueEmpty] = useState(false);
  const emptyRef = useRef<HTMLDivElement>(null);
  const { form, onSubmit, message, saved } = useServerForm<Values, unknown>(
    override ? OverrideInput : MarkInput,
    (values) => (thenNext.current && saveAndNext ? saveAndNext(values) : save(values)),
    { id: evidenceId, rowVersion, outcome: '', decisions: Object.fromEntries(claimed.map((k) => [k.code, initial?.[k.code] ?? ''])), feedback: '', reason: '' },
    (data) => {
      // The form gives way to the decision: the page says it was saved and takes focus there, not to <body>.
      if (!thenNext.current) return router.replace(`/evidence/${evidenceId}?saved=decision`, { scroll: false });
      const { next } = data as Next;
      // The next piece's page moves focus to its heading (it reads ?saved=next); an empty queue is said here.
      if (next) return router.push(`/evidence/${next.id}?saved=next`);
      setQueueEmpty(true);
      requestAnimationFrame(() => emptyRef.current?.focus());
    },
  );
  if (queueEmpty)
    return (
      <div ref={emptyRef} tabIndex={-1} role="status" className="space-y-3 border-l-4 border-nhs-green bg-white p-4">
        <p className="font-bold">Decision saved. Your marking queue is empty: nothing else is waiting for your decision.</p>
        <p className="flex flex-wrap gap-4">
          <Link href="/trainer/marking">Back to the marking queue</Link>
          <button type="button" className="text-nhs-blue underline" onClick={() => router.refresh()}>
            See the decision on this piece
          </button>
        </p>
      </div>
    );
  const { register, formState } = form;
  const e = formState.errors;
  const decisionsError = (e.decisions as { message?: string } | undefined)?.message;
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-5">
      <FormMessage message={message} saved={saved} savedText="Decision saved." />
      <fieldset className={decisionsError ? 'border-l-4 border-nhs-red pl-3' : ''} aria-describedby={decisionsError ? 'decisions-error' : undefined}>
        <legend className="text-lg font-bold">Decision for each item claimed</legend>
        {decisionsError && (
          <p id="decisions-error" className="text-sm font-bold text-nhs-red">
            <span className="sr-only">Error: </span>
            {decisionsError}
          </p>
        )}
        <div className="mt-2 divide-y divide-nhs-grey-4 border border-nhs-grey-4">
          {claimed.map((k) => {
            const err = (e.decisions as Record<string, { message?: string }> | undefined)?.[k.code]?.message;
            return (
              <fieldset key={k.code} className="grid grid-cols-1 gap-2 p-3 sm:grid-cols-[1fr_auto] sm:items-center">
                <legend className="sr-only">
                  {k.code}: {k.text}
                </legend>
                <p aria-hidden>
                  <strong>{k.code}</strong> {k.text}
                  {err && <span className="block text-sm font-bold text-nhs-red">{err}</span>}
                </p>
                <div className="flex gap-4">
                  {(['met', 'not_met'] as const).map((d) => (
                    <label key={d} className="flex items-center gap-2 whitespace-nowrap">
                      <input type="radio" value={d} className="h-5 w-5" {...register(`decisions.${k.code}`)} />
                      {KSB_DECISION_LABEL[d]}
                    </label>
                  ))}
                </div>
              </fieldset>
            );
          })}
        </div>
      </fieldset>
      <TextAreaField
        id="mark-feedback"
        label="Feedback to the apprentice"
        hint="Required when referring back: say what to change or add. Never include patient details."
        error={e.feedback}
        registration={register('feedback')}
      />
      {override && <TextAreaField id="mark-reason" label="Reason for overriding the final decision" rows={3} error={e.reason} registration={register('reason')} />}
      <fieldset className={e.outcome ? 'border-l-4 border-nhs-red pl-3' : ''}>
        <legend className="font-bold">Outcome</legend>
        {e.outcome?.message && (
          <p className="text-sm font-bold text-nhs-red">
            <span className="sr-only">Error: </span>
            {e.outcome.message}
          </p>
        )}
        <div className="mt-2 flex flex-wrap gap-6">
          {(['accepted', 'referred'] as const).map((o) => (
            <label key={o} className="flex items-center gap-2">
              <input type="radio" value={o} className="h-5 w-5" {...register('outcome')} />
              {OUTCOME_LABEL[o]}
              <span className="text-sm text-nhs-grey-1">{o === 'accepted' ? '(final: items judged met count toward coverage)' : '(the apprentice edits and resubmits)'}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <div className="flex flex-wrap items-center gap-4">
        <SubmitButton pending={formState.isSubmitting} onClick={() => (thenNext.current = false)}>
          {override ? 'Save the override' : 'Save decision'}
        </SubmitButton>
        {saveAndNext && (
          <SubmitButton pending={formState.isSubmitting} variant="secondary" onClick={() => (thenNext.current = true)}>
            Save and next
          </SubmitButton>
        )}
      </div>
    </form>
  );
}
