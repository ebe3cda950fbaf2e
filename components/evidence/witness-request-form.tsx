'use client';
import { useRouter } from 'next/navigation';
import { FormMessage, SelectField, SubmitButton, TextAreaField } from '@/components/form/fields';
import { useServerForm } from '@/components/form/use-server-form';
import { WitnessRequestInput } from '@/lib/evidence/witness-schemas';
import type { FormResult } from '@/lib/forms/result';

type Values = { evidenceId: string; witnessId: string; message: string };

export function WitnessRequestForm({
  evidenceId,
  contacts,
  action,
}: {
  evidenceId: string;
  contacts: { id: string; name: string; email: string }[];
  action: (v: Values) => Promise<FormResult<string>>;
}) {
  const router = useRouter();
  const initial = { evidenceId, witnessId: '', message: '' };
  const { form, onSubmit, message, saved } = useServerForm<Values, string>(WitnessRequestInput, action, initial, (_id, f) => {
    f.reset(initial);
    router.refresh();
  });
  const { register, formState } = form;
  const e = formState.errors;
  if (contacts.length === 0)
    return <p className="text-nhs-grey-1">Nobody at your employer has an account on Coder Pathway yet, so there is no one to ask here. Your trainer can help.</p>;
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-4">
      <h3 className="text-lg font-bold">Ask for a witness statement</h3>
      <FormMessage message={message} saved={saved} savedText="Request sent. They will see it when they next sign in." />
      <SelectField
        label="Who to ask"
        hint="Someone at your employer who saw you do this work."
        placeholder="Choose a person"
        options={contacts.map((c) => ({ value: c.id, label: `${c.name} (${c.email})` }))}
        registration={register('witnessId')}
        error={e.witnessId}
      />
      <TextAreaField
        label="Message"
        hint="What you would like them to confirm. Never include patient details."
        rows={3}
        registration={register('message')}
        error={e.message}
      />
      <SubmitButton pending={formState.isSubmitting}>Send request</SubmitButton>
    </form>
  );
}
