'use client';
import { useRouter } from 'next/navigation';
import { useId } from 'react';
import { FormMessage, SubmitButton, TextAreaField } from '@/components/form/fields';
import { useServerForm } from '@/components/form/use-server-form';
import { WrittenMarkInput } from '@/lib/assessments/schemas';
import type { FormResult } from '@/lib/forms/result';

type Values = { attemptId: string; item: number; criteria: string[]; feedback: string; reason: string; basedOn: number };

/** A trainer's mark against each rubric criterion, with feedback; a remark also needs a reason. */
export function WrittenMarkForm({
  attemptId,
  item,
  rubric,
  standing,
  action,
}: {
  attemptId: string;
  item: number;
  rubric: { criterion: string; marks: number }[];
  standing: { id: number; criteria?: number[]; feedback?: string } | null;
  action: (v: unknown) => Promise<FormResult<string>>;
}) {
  const router = useRouter();
  const id = useId();
  const { form, onSubmit, message } = useServerForm<Values, string>(
    WrittenMarkInput,
    action,
    { attemptId, item, criteria: rubric.map((_, i) => (standing?.criteria?.[i] !== undefined ? String(standing.criteria[i]) : '')), feedback: standing?.feedback ?? '', reason: '', basedOn: standing?.id ?? 0 },
    () => router.push(`/assessments/${attemptId}`),
  );
  const { register, formState } = form;
  const errors = formState.errors.criteria as ({ message?: string } | undefined)[] | { message?: string } | undefined;
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-4">
      <FormMessage message={message} />
      <fieldset>
        <legend className="mb-2 text-lg font-bold">Marks by criterion</legend>
        <ol className="space-y-3">
          {rubric.map((c, i) => {
            const err = Array.isArray(errors) ? errors[i]?.message : i === 0 ? errors?.message : undefined;
            return (
              <li key={i} className="grid grid-cols-1 items-start gap-2 sm:grid-cols-[1fr_8rem]">
                <label htmlFor={`${id}-${i}`}>
                  {c.criterion} <span className="text-sm text-nhs-grey-1">(up to {c.marks})</span>
                </label>
                <div>
                  <input
                    id={`${id}-${i}`}
                    type="number"
                    min={0}
                    max={c.marks}
                    inputMode="numeric"
                    aria-invalid={err ? true : undefined}
                    aria-describedby={err ? `${id}-${i}-error` : undefined}
                    className={`w-24 border-2 px-2 py-1 ${err ? 'border-nhs-red' : 'border-nhs-black'}`}
                    {...register(`criteria.${i}`)}
                  />
                  {err && (
                    <p id={`${id}-${i}-error`} className="font-bold text-nhs-red">
                      <span className="sr-only">Error:</span> {err}
                    </p>
                  )}
                </div>
              </li>
            );
          })}
        </ol>
      </fieldset>
      <TextAreaField label="Feedback to the apprentice" rows={4} registration={register('feedback')} error={formState.errors.feedback} />
      {standing && <TextAreaField label="Why you are changing the mark" hint="Kept with both marks in the audit log." rows={2} registration={register('reason')} error={formState.errors.reason} />}
      <SubmitButton pending={formState.isSubmitting}>{standing ? 'Save the new mark' : 'Save mark'}</SubmitButton>
    </form>
  );
}
