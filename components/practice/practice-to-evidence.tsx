'use client';
import { useRouter } from 'next/navigation';
import { FormMessage, SubmitButton } from '@/components/form/fields';
import { useServerForm } from '@/components/form/use-server-form';
import type { FormResult } from '@/lib/forms/result';
import { z } from 'zod';

const Input = z.object({ ksb: z.string() });
type Values = { ksb: string };

/** One step from a KSB's practice to a draft piece of evidence holding its record (issue 19, point 5). */
export function PracticeToEvidence({ ksb, create }: { ksb: string; create: (v: Values) => Promise<FormResult<{ id: string }>> }) {
  const router = useRouter();
  const { form, onSubmit, message } = useServerForm<Values, { id: string }>(Input, create, { ksb }, ({ id }) => router.push(`/apprentice/evidence/${id}?saved=created`));
  const error = form.formState.errors.ksb?.message;
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="mt-3 space-y-2">
      <FormMessage message={message} />
      {error && (
        <p id="practice-evidence-error" className="text-sm font-bold text-nhs-red">
          <span className="sr-only">Error: </span>
          {error}
        </p>
      )}
      <input type="hidden" {...form.register('ksb')} />
      <p className="text-sm">Turn your practice on {ksb} into evidence: a draft with your record in figures, for you to add what it shows.</p>
      <SubmitButton pending={form.formState.isSubmitting} variant="secondary">
        Make evidence from my practice on {ksb}
      </SubmitButton>
    </form>
  );
}
