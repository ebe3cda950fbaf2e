'use client';
import { TextField, FormMessage, SubmitButton } from '@/components/form/fields';
import { useServerForm } from '@/components/form/use-server-form';
import { SignInInput } from '@/lib/auth/sign-in-schema';
import { signInAction } from './actions';

export function LoginForm() {
  const { form, onSubmit, message } = useServerForm(SignInInput, signInAction, { email: '', password: '' });
  const { register, formState } = form;
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-5">
      <FormMessage message={message} />
      <TextField label="Email address" type="email" autoComplete="username" registration={register('email')} error={formState.errors.email} />
      <TextField label="Password" type="password" autoComplete="current-password" registration={register('password')} error={formState.errors.password} />
      <SubmitButton pending={formState.isSubmitting}>Sign in</SubmitButton>
    </form>
  );
}
