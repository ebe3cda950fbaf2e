'use client';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { useWatch } from 'react-hook-form';
import { FormMessage, SelectField, SubmitButton, TextField } from '@/components/form/fields';
import { useServerForm } from '@/components/form/use-server-form';
import { EVIDENCE_TYPES, EvidenceInput, EvidenceUpdate } from '@/lib/evidence/schemas';
import type { FormResult } from '@/lib/forms/result';
import { KsbPicker } from './ksb-picker';

type Values = { id?: string; rowVersion?: number; title: string; type: string; activityDate: string; account: string; ksbs: string[] };

export function EvidenceForm({
  initial,
  ksbs,
  save,
  submit,
}: {
  initial: Values;
  ksbs: { code: string; text: string }[];
  save: (v: Values) => Promise<FormResult<unknown>>;
  submit?: (v: { id: string; rowVersion: number }) => Promise<FormResult<unknown>>;
}) {
  const router = useRouter();
  const editing = Boolean(initial.id);
  const [submitMessage, setSubmitMessage] = useState<string | null>(null);
  const [submitting, startSubmit] = useTransition();
  const { form, onSubmit, message, saved } = useServerForm<Values, unknown>(editing ? EvidenceUpdate : EvidenceInput, save, initial, (result, f) => {
    if (!editing) return router.push(`/apprentice/evidence/${result as string}`);
    f.setValue('rowVersion', result as number);
    router.refresh();
  });
  const { register, formState, control, setValue } = form;
  const chosen = useWatch({ control, name: 'ksbs' }) ?? [];
  const e = formState.errors;
  return (
    <div className="space-y-6">
      <form method="post" onSubmit={onSubmit} noValidate className="space-y-5">
        <FormMessage message={message} saved={saved} savedText="Draft saved." />
        <TextField label="Title" registration={register('title')} error={e.title} />
        <div className="grid gap-5 sm:grid-cols-2">
          <SelectField label="Type of evidence" options={Object.entries(EVIDENCE_TYPES).map(([value, label]) => ({ value, label }))} registration={register('type')} error={e.type} />
          <TextField label="Date of the activity" type="date" registration={register('activityDate')} error={e.activityDate} />
        </div>
        <div className={e.account ? 'border-l-4 border-nhs-red pl-3' : ''}>
          <label htmlFor="evidence-account" className="block font-bold">
            Your account
          </label>
          <p id="evidence-account-hint" className="text-sm text-nhs-grey-1">
            What you did, how, and what it shows. Never include patient details: anything that looks like an NHS number is refused.
          </p>
          {e.account?.message && (
            <p id="evidence-account-error" className="text-sm font-bold text-nhs-red">
              <span className="sr-only">Error: </span>
              {e.account.message}
            </p>
          )}
          <textarea
            id="evidence-account"
            rows={10}
            aria-invalid={e.account ? true : undefined}
            aria-describedby={e.account ? 'evidence-account-hint evidence-account-error' : 'evidence-account-hint'}
            className="mt-1 block w-full border-2 border-nhs-black bg-white px-3 py-2"
            {...register('account')}
          />
        </div>
        <KsbPicker ksbs={ksbs} value={chosen} onChange={(codes) => setValue('ksbs', codes, { shouldDirty: true })} error={e.ksbs?.message} />
        <SubmitButton pending={formState.isSubmitting} variant={editing ? 'secondary' : 'primary'}>
          {editing ? 'Save draft' : 'Create draft'}
        </SubmitButton>
      </form>
      {editing && submit && (
        <section aria-labelledby="submit-heading" className="border-t border-nhs-grey-4 pt-5">
          <h2 id="submit-heading" className="text-xl font-bold">
            Send to your trainer
          </h2>
          <p className="mb-3 text-nhs-grey-1">Save your changes first. Once submitted, the evidence cannot be edited unless your trainer refers it back.</p>
          {submitMessage && (
            <p role="alert" className="mb-3 border-4 border-nhs-red p-3 font-bold text-nhs-red">
              {submitMessage}
            </p>
          )}
          <button
            type="button"
            disabled={submitting || formState.isDirty}
            onClick={() =>
              startSubmit(async () => {
                const result = await submit({ id: initial.id!, rowVersion: form.getValues('rowVersion')! });
                if (result.ok) router.refresh();
                else setSubmitMessage(result.message ?? Object.values(result.fieldErrors ?? {}).flat()[0] ?? 'It could not be submitted.');
              })
            }
            className="bg-nhs-green px-4 py-2 font-bold text-white shadow-[0_4px_0_#00401e] disabled:opacity-60"
          >
            {submitting ? 'Submitting…' : formState.isDirty ? 'Save your changes before submitting' : 'Submit for marking'}
          </button>
        </section>
      )}
    </div>
  );
}
