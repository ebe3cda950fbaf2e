'use client';
import { TextField, FormMessage, SubmitButton } from '@/components/form/fields';
import { useServerForm } from '@/components/form/use-server-form';
import { ChangePasswordInput } from '@/lib/auth/change-password-schema';
import { changePasswordAction } from './actions';

export function ChangePasswordForm() {
  const { form, onSubmit, message } = useServerForm(ChangePasswordInput, changePasswordAction, {
    currentPassword: '',
    newPassword: '',
    confirmPassword: '',
  });
  const { register, formState } = form;
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-5">
      <FormMessage message={message} />
      <TextField label="Current password" type="password" autoComplete="current-password" registration={register('currentPassword')} error={formState.errors.currentPassword} />
      <TextField
        label="New password"
        hint="At least 12 characters, and not your email address. A few unrelated words make a strong one."
        type="password"
        autoComplete="new-password"
        registration={register('newPassword')}
        error={formState.errors.newPassword}
      />
      <TextField label="New password again" type="password" autoComplete="new-password" registration={register('confirmPassword')} error={formState.errors.confirmPassword} />
      <SubmitButton pending={formState.isSubmitting}>Save new password</SubmitButton>
    </form>
  );
}
