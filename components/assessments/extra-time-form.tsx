'use client';
import { useRouter } from 'next/navigation';
import { FormMessage, SubmitButton, TextField } from '@/components/form/fields';
import { useServerForm } from '@/components/form/use-server-form';
import { ExtraTimeInput } from '@/lib/assessments/schemas';
import type { FormResult } from '@/lib/forms/result';

type Values = { apprenticeshipId: string; percent: string; version: number };

/** Extra time on timed mock papers, a reasonable adjustment the trainer records (papers started from now on). */
export function ExtraTimeForm({ apprenticeshipId, percent, version, action }: { apprenticeshipId: string; percent: number; version: number; action: (v: unknown) => Promise<FormResult<number>> }) {
  const router = useRouter();
  const { form, onSubmit, message, saved } = useServerForm<Values, number>(ExtraTimeInput, action, { apprenticeshipId, percent: String(percent), version }, (v, f) => {
    f.setValue('version', v);
    router.refresh();
  });
  const { register, formState } = form;
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="flex flex-wrap items-end gap-4">
      <TextField type="number" inputMode="numeric" min={0} max={100} step={1} required label="Extra time on mock papers (%)" hint="For example 25 for 25% extra time. Applies to papers started from now on." registration={register('percent')} error={formState.errors.percent} className="w-64" />
      <SubmitButton pending={formState.isSubmitting}>Save extra time</SubmitButton>
      <div className="basis-full">
        <FormMessage message={message} saved={saved} savedText="Extra time saved." />
      </div>
    </form>
  );
}
