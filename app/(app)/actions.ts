'use server';
import { redirect } from 'next/navigation';
import { authSecret, signOut } from '@/lib/auth';
import { readSession } from '@/lib/auth/session-cookie';
import { providerSignOutUrl } from '@/lib/auth/provider-sign-out';
import { identityProviders } from '@/lib/env';

/**
 * Ends the session here (Auth.js's signOut event revokes it on every instance), then, for a session begun
 * with an identity provider whose sign-out setting is on, at the provider as well.
 */
export async function signOutAction() {
  const session = await readSession(authSecret());
  await signOut({ redirect: false });
  const provider = identityProviders.find((p) => p.id === session?.provider && p.signOutAtProvider);
  if (!provider) redirect('/login?signedOut=here');
  const url = await providerSignOutUrl(provider);
  redirect(url ?? `/login?${new URLSearchParams({ signedOut: 'provider-unreachable', provider: provider.id })}`);
}
