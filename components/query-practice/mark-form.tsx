'use client';
import { useRouter } from 'next/navigation';
import { FormMessage, SubmitButton, TextAreaField } from '@/components/form/fields';
import { useServerForm } from '@/components/form/use-server-form';
import type { FormResult } from '@/lib/forms/result';
import { CRITERIA_IDS, QUERY_CRITERIA, QueryMarkInput, type QueryCriterion } from '@/lib/query-practice/schemas';

type Judged = 'met' | 'not_met' | 'na' | '';
type Values = { id: string; rowVersion: number; decision: 'yes' | 'no' | ''; criteria: Record<QueryCriterion, Judged>; comments: Record<QueryCriterion, string>; feedback: string };

/**
 * The trainer's rubric. The decision (query or not) is always judged. When the apprentice wrote a query, each of
 * the five criteria is met or not met, with an optional comment; when they decided no query was needed, the
 * criteria are not applicable and are not shown as choices.
 */
export function QueryMarkForm({ id, rowVersion, wroteQuery, save }: { id: string; rowVersion: number; wroteQuery: boolean; save: (v: Values) => Promise<FormResult<unknown>> }) {
  const router = useRouter();
  const blank = Object.fromEntries(CRITERIA_IDS.map((c) => [c, wroteQuery ? '' : 'na'])) as Record<QueryCriterion, Judged>;
  const { form, onSubmit, message } = useServerForm<Values, unknown>(
    QueryMarkInput,
    save,
    { id, rowVersion, decision: '', criteria: blank, comments: Object.fromEntries(CRITERIA_IDS.map((c) => [c, ''])) as Record<QueryCriterion, string>, feedback: '' },
    () => router.replace(`/trainer/queries/${id}?saved=1`, { scroll: false }),
  );
  const { register, formState } = form;
  const e = formState.errors;
  const critErr = (c: QueryCriterion) => (e.criteria as Record<string, { message?: string }> | undefined)?.[c]?.message;
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-5">
      <FormMessage message={message} />
      <fieldset className={e.decision ? 'border-l-4 border-nhs-red pl-3' : ''}>
        <legend className="text-lg font-bold">{wroteQuery ? 'Was a query the right decision?' : 'Was "no query needed" the right decision?'}</legend>
        {e.decision?.message && (
          <p className="text-sm font-bold text-nhs-red">
            <span className="sr-only">Error: </span>
            {e.decision.message}
          </p>
        )}
        <div className="mt-2 flex flex-wrap gap-6">
          <label className="flex items-center gap-2">
            <input type="radio" value="yes" className="h-5 w-5" {...register('decision')} />
            Yes, right
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" value="no" className="h-5 w-5" {...register('decision')} />
            No, not right
          </label>
        </div>
      </fieldset>
      {wroteQuery ? (
        <fieldset>
          <legend className="text-lg font-bold">The query, criterion by criterion</legend>
          <div className="mt-2 divide-y divide-nhs-grey-4 border border-nhs-grey-4">
            {CRITERIA_IDS.map((c) => {
              const err = critErr(c);
              return (
                <fieldset key={c} className={`space-y-2 p-3 ${err ? 'border-l-4 border-nhs-red' : ''}`}>
                  <legend className="sr-only">{QUERY_CRITERIA[c].label}</legend>
                  <p aria-hidden>
                    <strong>{QUERY_CRITERIA[c].label}</strong> <span className="text-sm text-nhs-grey-1">{QUERY_CRITERIA[c].hint}</span>
                  </p>
                  {err && (
                    <p className="text-sm font-bold text-nhs-red">
                      <span className="sr-only">Error: </span>
                      {err}
                    </p>
                  )}
                  <div className="flex flex-wrap gap-6">
                    <label className="flex items-center gap-2">
                      <input type="radio" value="met" className="h-5 w-5" {...register(`criteria.${c}`)} />
                      Met
                    </label>
                    <label className="flex items-center gap-2">
                      <input type="radio" value="not_met" className="h-5 w-5" {...register(`criteria.${c}`)} />
                      Not met
                    </label>
                  </div>
                  <label className="block text-sm font-bold" htmlFor={`comment-${c}`}>
                    Comment <span className="font-normal text-nhs-grey-1">(optional)</span>
                  </label>
                  <textarea id={`comment-${c}`} rows={2} className="block w-full border-2 border-nhs-black bg-white px-2 py-1 text-sm" {...register(`comments.${c}`)} />
                </fieldset>
              );
            })}
          </div>
        </fieldset>
      ) : (
        <p className="bg-nhs-grey-5 p-3 text-sm">
          The apprentice decided no query was needed, so the five criteria of a written query are not applicable. Judge the decision, and say in your feedback whether their reasoning found what settles it.
        </p>
      )}
      <TextAreaField id="mark-feedback" label="Feedback to the apprentice" hint="What was good, what to change. Never include patient details." rows={5} error={e.feedback} registration={register('feedback')} />
      <SubmitButton pending={formState.isSubmitting}>Save marking</SubmitButton>
    </form>
  );
}
