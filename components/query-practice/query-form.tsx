'use client';
import { useMemo } from 'react';
import { useRouter } from 'next/navigation';
import { FormMessage, SubmitButton, TextAreaField, TextField } from '@/components/form/fields';
import { useServerForm } from '@/components/form/use-server-form';
import { useActiveTime } from '@/components/practice/use-active-time';
import type { FormResult } from '@/lib/forms/result';
import { precheckQuery } from '@/lib/query-practice/prechecks';
import { QueryAttemptInput } from '@/lib/query-practice/schemas';
import { PrecheckHints } from './precheck-hints';

type Values = { scenarioId: string; queryNeeded: 'yes' | 'no' | ''; addressedTo: string; queryText: string; reasoning: string; activeSeconds?: number };

/**
 * The apprentice's answer to a scenario: is a query needed; if so, to whom and the query itself, with the
 * pre-check hints updated as they type; and their reasoning. What was typed stays when the server refuses.
 */
export function QueryForm({ scenarioId, submit }: { scenarioId: string; submit: (v: Values) => Promise<FormResult<{ id: string }>> }) {
  const router = useRouter();
  const activeSeconds = useActiveTime();
  const { form, onSubmit, message } = useServerForm<Values, { id: string }>(
    QueryAttemptInput,
    (values) => submit({ ...values, activeSeconds: activeSeconds() }),
    { scenarioId, queryNeeded: '', addressedTo: '', queryText: '', reasoning: '' },
    (data) => router.push(`/apprentice/practice/queries/attempts/${data.id}?submitted=1`),
  );
  const { register, formState, watch } = form;
  const e = formState.errors;
  const needed = watch('queryNeeded');
  const text = watch('queryText');
  const flags = useMemo(() => precheckQuery(text ?? ''), [text]);
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-5">
      <FormMessage message={message} />
      <fieldset className={e.queryNeeded ? 'border-l-4 border-nhs-red pl-3' : ''} aria-describedby={e.queryNeeded ? 'needed-error' : 'needed-hint'}>
        <legend className="text-lg font-bold">Is a query to the consultant needed?</legend>
        <p id="needed-hint" className="text-sm text-nhs-grey-1">
          Read all of the notes first. Query only when the documentation leaves a genuine gap or conflict that changes the coding.
        </p>
        {e.queryNeeded?.message && (
          <p id="needed-error" className="text-sm font-bold text-nhs-red">
            <span className="sr-only">Error: </span>
            {e.queryNeeded.message}
          </p>
        )}
        <div className="mt-2 flex flex-wrap gap-6">
          <label className="flex items-center gap-2">
            <input type="radio" value="yes" className="h-5 w-5" {...register('queryNeeded')} />
            Yes, a query is needed
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" value="no" className="h-5 w-5" {...register('queryNeeded')} />
            No, the notes settle it
          </label>
        </div>
      </fieldset>
      {needed === 'yes' && (
        <div className="space-y-4 border-l-4 border-nhs-blue pl-3">
          <TextField label="To" hint="The consultant responsible for the episode." error={e.addressedTo} registration={register('addressedTo')} />
          <TextAreaField
            id="query-text"
            label="Your query"
            hint="One question, neutral options, where in the notes, and what the answer changes. Never include real patient details."
            rows={9}
            error={e.queryText}
            registration={register('queryText')}
          />
          <PrecheckHints flags={flags} live empty={text?.trim() ? undefined : 'Hints appear here as you write.'} />
        </div>
      )}
      <TextAreaField
        id="query-reasoning"
        label="Your reasoning"
        hint="Why a query is or is not needed: what is missing or settled, and what it changes in the coding."
        rows={5}
        error={e.reasoning}
        registration={register('reasoning')}
      />
      <SubmitButton pending={formState.isSubmitting}>Submit for marking</SubmitButton>
    </form>
  );
}
