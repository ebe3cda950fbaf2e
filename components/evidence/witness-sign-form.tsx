'use client';
import { dateInputBounds, PAST_WINDOW } from '@/lib/forms/fields';
import { useRouter } from 'next/navigation';
import { FormMessage, SubmitButton, TextField, TextAreaField } from '@/components/form/fields';
import { useServerForm } from '@/components/form/use-server-form';
import { WitnessSignInput } from '@/lib/evidence/witness-schemas';
import type { FormResult } from '@/lib/forms/result';

type Values = { id: string; rowVersion: number; statement: string; signedName: string; signedJobTitle: string; signedOn: string };

export function WitnessSignForm({ initial, action }: { initial: Values; action: (v: Values) => Promise<FormResult<number>> }) {
  const router = useRouter();
  const { form, onSubmit, message } = useServerForm<Values, number>(WitnessSignInput, action, initial, () => router.refresh());
  const { register, formState } = form;
  const e = formState.errors;
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-5">
      <FormMessage message={message} />
      <TextAreaField
        label="Your statement"
        hint="What you saw the apprentice do, when, and how well. Never include patient details: anything that looks like an NHS number is refused."
        rows={8}
        registration={register('statement')}
        error={e.statement}
      />
      <div className="grid grid-cols-1 gap-5 sm:grid-cols-2">
        <TextField label="Your full name" autoComplete="name" registration={register('signedName')} error={e.signedName} />
        <TextField label="Your job title" autoComplete="organization-title" registration={register('signedJobTitle')} error={e.signedJobTitle} />
      </div>
      <TextField label="Date of signing" type="date" {...dateInputBounds(PAST_WINDOW)} required className="sm:max-w-xs" registration={register('signedOn')} error={e.signedOn} />
      <p className="text-nhs-grey-1">Once signed, the statement cannot be changed.</p>
      <SubmitButton pending={formState.isSubmitting}>Sign the statement</SubmitButton>
    </form>
  );
}
