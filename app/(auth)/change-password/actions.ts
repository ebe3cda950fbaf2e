'use server';
import { redirect, unstable_rethrow } from 'next/navigation';
import { changeOwnPassword } from '@/lib/dal';
import { requireViewer } from '@/lib/dal/session';
import { signIn } from '@/lib/auth';
import { ChangePasswordInput } from '@/lib/auth/change-password-schema';
import { runFormAction } from '@/lib/forms/run-action';
import type { FormResult } from '@/lib/forms/result';

export async function changePasswordAction(input: unknown): Promise<FormResult> {
  const viewer = await requireViewer({ allowPasswordChange: true });
  let newPassword = '';
  const result = await runFormAction(ChangePasswordInput, input, async (data) => {
    await changeOwnPassword(viewer, data);
    newPassword = data.newPassword;
  });
  if (!result.ok) return result;
  // The change ended every session begun before it, this one included: sign in afresh with the new
  // password, which sets a new session cookie and goes home.
  try {
    await signIn('credentials', { email: viewer.email, password: newPassword, redirectTo: '/' });
  } catch (e) {
    unstable_rethrow(e); // the redirect home
    redirect('/login');
  }
  redirect('/'); // not reached: signIn redirects
}
