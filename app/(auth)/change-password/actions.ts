'use server';
import { redirect } from 'next/navigation';
import { changeOwnPassword } from '@/lib/dal';
import { requireViewer } from '@/lib/dal/session';
import { ChangePasswordInput } from '@/lib/auth/change-password-schema';
import { runFormAction } from '@/lib/forms/run-action';
import type { FormResult } from '@/lib/forms/result';

export async function changePasswordAction(input: unknown): Promise<FormResult> {
  const viewer = await requireViewer({ allowPasswordChange: true });
  const result = await runFormAction(ChangePasswordInput, input, (data) => changeOwnPassword(viewer, data));
  if (result.ok) redirect('/');
  return result;
}
