'use client';
import { useRouter } from 'next/navigation';
import { TextField, SelectField, FormMessage, SubmitButton } from '@/components/form/fields';
import { useServerForm } from '@/components/form/use-server-form';
import { OrganisationInput, OrganisationUpdate } from '@/lib/admin/schemas';
import { ORGANISATION_KIND_LABEL } from '@/lib/format';
import type { FormResult } from '@/lib/forms/result';

type Values = { id?: string; version?: number; name: string; kind: string; odsCode: string };
const EMPTY: Values = { name: '', kind: 'employer', odsCode: '' };

export function OrganisationForm({ initial, action }: { initial?: Values; action: (v: Values) => Promise<FormResult<unknown>> }) {
  const router = useRouter();
  const editing = Boolean(initial?.id);
  const { form, onSubmit, message, saved } = useServerForm<Values, unknown>(editing ? OrganisationUpdate : OrganisationInput, action, initial ?? EMPTY, (_data, form) => {
    if (editing) router.push('/admin/organisations');
    else {
      form.reset(EMPTY);
      router.refresh();
    }
  });
  const { register, formState } = form;
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-5">
      <FormMessage message={message} saved={saved} savedText={editing ? 'Organisation saved.' : 'Organisation added.'} />
      <TextField label="Organisation name" hint="For an NHS trust, its full name" registration={register('name')} error={formState.errors.name} />
      <div className="grid grid-cols-1 gap-5 sm:grid-cols-2">
        <SelectField
          label="Kind"
          options={Object.entries(ORGANISATION_KIND_LABEL).map(([value, label]) => ({ value, label }))}
          registration={register('kind')}
          error={formState.errors.kind}
        />
        <TextField label="ODS code (optional)" hint="The organisation's NHS ODS code, e.g. RXX" registration={register('odsCode')} error={formState.errors.odsCode} />
      </div>
      <SubmitButton pending={formState.isSubmitting}>{editing ? 'Save organisation' : 'Add organisation'}</SubmitButton>
    </form>
  );
}
