'use client';
import { useId } from 'react';
import { useRouter } from 'next/navigation';
import { FormMessage } from '@/components/form/fields';
import { useServerForm } from '@/components/form/use-server-form';
import type { FormResult } from '@/lib/forms/result';
import { OtjReview } from '@/lib/otj/schemas';

type Values = { id: string; rowVersion: number; decision: 'accept' | 'query'; comment: string };

/** The trainer's decision on one entry: accept it, or query it with a comment the apprentice sees. */
export function OtjReviewForm({ id, rowVersion, entryLabel, review }: { id: string; rowVersion: number; entryLabel: string; review: (v: Values) => Promise<FormResult<unknown>> }) {
  const router = useRouter();
  const uid = useId();
  const { form, onSubmit, message, saved } = useServerForm<Values, unknown>(OtjReview, review, { id, rowVersion, decision: 'accept', comment: '' }, () => router.refresh());
  const { register, formState, setValue } = form;
  const error = formState.errors.comment?.message;
  const button = 'px-3 py-1 font-bold text-white disabled:opacity-60';
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="min-w-56 space-y-2">
      <FormMessage message={message} saved={saved} savedText="Decision saved." />
      <div className={error ? 'border-l-4 border-nhs-red pl-2' : ''}>
        <label htmlFor={`${uid}-comment`} className="block text-sm font-bold">
          Comment <span className="sr-only">on {entryLabel}</span>
          <span className="font-normal text-nhs-grey-1"> (needed to query)</span>
        </label>
        {error && (
          <p id={`${uid}-error`} className="text-sm font-bold text-nhs-red">
            <span className="sr-only">Error: </span>
            {error}
          </p>
        )}
        <textarea
          id={`${uid}-comment`}
          rows={2}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${uid}-error` : undefined}
          className="mt-1 block w-full border-2 border-nhs-black bg-white px-2 py-1 text-sm"
          {...register('comment')}
        />
      </div>
      <div className="flex gap-2">
        <button type="submit" disabled={formState.isSubmitting} onClick={() => setValue('decision', 'accept')} className={`${button} bg-nhs-green`}>
          Accept<span className="sr-only"> {entryLabel}</span>
        </button>
        <button type="submit" disabled={formState.isSubmitting} onClick={() => setValue('decision', 'query')} className={`${button} bg-nhs-grey-1`}>
          Query<span className="sr-only"> {entryLabel}</span>
        </button>
      </div>
    </form>
  );
}
