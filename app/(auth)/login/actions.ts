'use server';
import { CredentialsSignin } from 'next-auth';
import { redirect } from 'next/navigation';
import { cookies, headers } from 'next/headers';
import { signIn, startExternalSignIn } from '@/lib/auth';
import { clientAddress } from '@/lib/auth/client-address';
import { SIGN_IN_WITH_COOKIE } from '@/lib/auth/cookie-names';
import { env, identityProviders } from '@/lib/env';
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
    if (e instanceof CredentialsSignin) return { ok: false, message: signInRefusalMessage(e.code, env.SUPPORT_CONTACT) };
    throw e;
  }
  // Straight to the role's home (or to choose a password), not via "/" and a second redirect.
  const user = await findActiveUserByEmail(parsed.data.email);
  redirect(!user ? '/login' : user.mustChangePassword ? '/change-password' : ROLE_HOME[user.role]);
}

/** "Sign in with …": off to the identity provider, or back to the sign-in page with what went wrong. */
export async function signInWithProviderAction(form: unknown) {
  // The sign-in page's form sends FormData; anything else posted to the action is no provider.
  const chosen = form instanceof FormData ? form.get('provider') : null;
  const provider = identityProviders.find((p) => p.id === chosen);
  if (!provider) redirect('/login');
  // Which provider the sign-in page should name if the attempt comes back as an error without one.
  (await cookies()).set(SIGN_IN_WITH_COOKIE, provider.id, { httpOnly: true, sameSite: 'lax', path: '/login', maxAge: 15 * 60 });
  redirect(await startExternalSignIn(provider, clientAddress(await headers(), env.TRUSTED_PROXIES)));
}
