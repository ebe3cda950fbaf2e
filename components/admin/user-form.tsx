'use client';
import { useRouter } from 'next/navigation';
import { useWatch } from 'react-hook-form';
import { TextField, SelectField, FormMessage, SubmitButton } from '@/components/form/fields';
import { useServerForm } from '@/components/form/use-server-form';
import { UserInput, UserUpdate } from '@/lib/admin/schemas';
import { ROLE_LABEL } from '@/lib/navigation';
import type { FormResult } from '@/lib/forms/result';

type Values = { id?: string; version?: number; name: string; email: string; role: string; organisationId: string; temporaryPassword: string };
type Org = { id: string; name: string; kind: string };

export function UserForm({ initial, organisations, action }: { initial?: Values; organisations: Org[]; action: (v: Values) => Promise<FormResult<unknown>> }) {
  const router = useRouter();
  const editing = Boolean(initial?.id);
  const { form, onSubmit, message, saved } = useServerForm<Values, unknown>(
    editing ? UserUpdate : UserInput,
    action,
    initial ?? { name: '', email: '', role: 'trainer', organisationId: '', temporaryPassword: '' },
    (result, form) => {
      if (!editing) return router.push(`/admin/users/${result as string}`);
      form.setValue('version', result as number);
      form.setValue('temporaryPassword', '');
      router.refresh();
    },
  );
  const { register, formState, control } = form;
  const role = useWatch({ control, name: 'role' });
  // Trainers and admins belong to the training provider; employer contacts to an employer.
  const wantedKind = role === 'trainer' || role === 'admin' ? 'training_provider' : 'employer';
  const roles = Object.entries(ROLE_LABEL).filter(([value]) => editing || value !== 'apprentice');
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-5">
      <FormMessage message={message} saved={saved} savedText="User saved." />
      <div className="grid grid-cols-1 gap-5 sm:grid-cols-2">
        <TextField label="Full name" autoComplete="off" registration={register('name')} error={formState.errors.name} />
        <TextField label="Email address" type="email" autoComplete="off" registration={register('email')} error={formState.errors.email} />
        <SelectField
          label="Role"
          hint={editing ? undefined : 'Apprentices are added on the Apprentices page, with their apprenticeship.'}
          options={roles.map(([value, label]) => ({ value, label }))}
          registration={register('role')}
          error={formState.errors.role}
        />
        <SelectField
          label="Organisation"
          placeholder={role === 'admin' ? 'None' : 'Choose an organisation'}
          options={organisations.filter((o) => o.kind === wantedKind).map((o) => ({ value: o.id, label: o.name }))}
          registration={register('organisationId')}
          error={formState.errors.organisationId}
        />
      </div>
      <TextField
        label={editing ? 'New temporary password (optional)' : 'Temporary password'}
        hint={
          editing
            ? 'Leave empty to keep the current password. If you set one, they must choose their own at next sign-in.'
            : 'At least 12 characters. They must choose their own at first sign-in; give it to them by a separate channel.'
        }
        type="password"
        autoComplete="new-password"
        registration={register('temporaryPassword')}
        error={formState.errors.temporaryPassword}
      />
      <SubmitButton pending={formState.isSubmitting}>{editing ? 'Save user' : 'Add user'}</SubmitButton>
    </form>
  );
}
