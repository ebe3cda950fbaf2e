'use client';
import { useRouter } from 'next/navigation';
import { TextField, FormMessage, SubmitButton } from '@/components/form/fields';
import { useServerForm } from '@/components/form/use-server-form';
import { CohortInput, CohortUpdate } from '@/lib/admin/schemas';
import { dateInputBounds, START_WINDOW } from '@/lib/forms/fields';
import type { FormResult } from '@/lib/forms/result';

type Values = { id?: string; version?: number; name: string; startDate: string };

export function CohortForm({ initial, action }: { initial?: Values; action: (v: Values) => Promise<FormResult<unknown>> }) {
  const router = useRouter();
  const editing = Boolean(initial?.id);
  const { form, onSubmit, message, saved } = useServerForm<Values, unknown>(
    editing ? CohortUpdate : CohortInput,
    action,
    initial ?? { name: '', startDate: '' },
    (_data, form) => {
      if (editing) router.push('/admin/cohorts');
      else {
        form.reset({ name: '', startDate: '' });
        router.refresh();
      }
    },
  );
  const { register, formState } = form;
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-5">
      <FormMessage message={message} saved={saved} savedText={editing ? 'Cohort saved.' : 'Cohort added.'} />
      <div className="grid grid-cols-1 gap-5 sm:grid-cols-2">
        <TextField label="Cohort name" hint="For example: September 2026" registration={register('name')} error={formState.errors.name} />
        <TextField label="Start date" type="date" {...dateInputBounds(START_WINDOW)} required registration={register('startDate')} error={formState.errors.startDate} />
      </div>
      <SubmitButton pending={formState.isSubmitting}>{editing ? 'Save cohort' : 'Add cohort'}</SubmitButton>
    </form>
  );
}
