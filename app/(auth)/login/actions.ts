'use server';
import { CredentialsSignin } from 'next-auth';
import { redirect } from 'next/navigation';
import { signIn } from '@/lib/auth';
import { findActiveUserByEmail } from '@/lib/auth/authenticate';
import { ROLE_HOME } from '@/lib/navigation';
import { SignInInput, signInRefusalMessage } from '@/lib/auth/sign-in-schema';
import type { FormResult } from '@/lib/forms/result';
import { z } from 'zod';

export async function signInAction(input: { email: string; password: string }): Promise<FormResult> {
  const parsed = SignInInput.safeParse(input);
  if (!parsed.success) return { ok: false, fieldErrors: z.flattenError(parsed.error).fieldErrors };
  try {
    await signIn('credentials', { ...parsed.data, redirect: false });
  } catch (e) {
    if (e instanceof CredentialsSignin) return { ok: false, message: signInRefusalMessage(e.code) };
    throw e;
  }
  // Straight to the role's home (or to choose a password), not via "/" and a second redirect.
  const user = await findActiveUserByEmail(parsed.data.email);
  redirect(!user ? '/login' : user.mustChangePassword ? '/change-password' : ROLE_HOME[user.role]);
}

export async function signInWithMicrosoftAction() {
  await signIn('microsoft-entra-id', { redirectTo: '/' });
}
