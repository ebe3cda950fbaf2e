import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { getViewer } from '@/lib/dal/session';
import { env, identityProviders } from '@/lib/env';
import { SIGN_IN_WITH_COOKIE } from '@/lib/auth/cookie-names';
import { externalSignInMessage, signedOutMessage } from '@/lib/auth/sign-in-messages';
import { signedOutState } from '@/lib/auth/provider-sign-out';
import { LoginForm } from './login-form';
import { signInWithProviderAction } from './actions';

export const metadata: Metadata = { title: 'Sign in' };

const buttonText = (p: (typeof identityProviders)[number]) => (p.id === 'microsoft-entra-id' ? 'Sign in with Microsoft (NHSmail)' : `Sign in with ${p.name}`);

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ error?: string; provider?: string; signedOut?: string; state?: string }> }) {
  if (await getViewer()) redirect('/');
  const { error, signedOut, state } = await searchParams;
  // Back from signing out at the provider (lib/auth/provider-sign-out.ts): its `state` names it.
  const signedOutAt = typeof state === 'string' ? identityProviders.find((p) => state === signedOutState(p.id)) : undefined;
  const provider = signedOutAt?.id ?? (await searchParams).provider;
  // The provider a message is about: named by our own redirects, else the one the last attempt went to,
  // else the only one there is.
  const attempted = (await cookies()).get(SIGN_IN_WITH_COOKIE)?.value;
  const named =
    identityProviders.find((p) => p.id === provider) ??
    identityProviders.find((p) => p.id === attempted) ??
    (identityProviders.length === 1 ? identityProviders[0] : undefined);
  const providerName = named?.name ?? "your organisation's account";
  const problem = typeof error === 'string' && error ? externalSignInMessage(error, providerName, env.SUPPORT_CONTACT) : null;
  const done = signedOutAt ? signedOutMessage('provider', providerName) : typeof signedOut === 'string' ? signedOutMessage(signedOut, providerName) : null;
  return (
    <div className="bg-white p-6 shadow-sm">
      <h1 className="mb-2 text-3xl font-bold">Sign in</h1>
      <p className="mb-6 text-nhs-grey-1">For apprentices, trainers, employers and administrators.</p>
      {problem && (
        <div role="alert" className="mb-4 border-4 border-nhs-red p-4 font-bold text-nhs-red">
          {problem}
        </div>
      )}
      {done && !problem && (
        // Signed out here but not at the provider is half done: warm yellow, as the NHS style marks a warning.
        <div role="status" className={`mb-4 border-l-8 bg-nhs-grey-5 p-4 ${signedOut === 'provider-unreachable' ? 'border-nhs-warm-yellow' : 'border-nhs-green'}`}>
          {done}
        </div>
      )}
      <LoginForm />
      {identityProviders.length > 0 && (
        <div className="mt-6 space-y-3 border-t border-nhs-grey-4 pt-6">
          {identityProviders.map((p) => (
            <form key={p.id} action={signInWithProviderAction}>
              <input type="hidden" name="provider" value={p.id} />
              <button type="submit" className="w-full border-2 border-nhs-black bg-white px-4 py-2 font-bold hover:bg-nhs-grey-5">
                {buttonText(p)}
              </button>
            </form>
          ))}
        </div>
      )}
    </div>
  );
}
