import { appUrl } from '@/lib/env';
import { describeAuthError } from './auth-error-cause';
import type { IdentityProvider } from './identity-providers';

/**
 * Signing out at the identity provider too (OpenID Connect RP-Initiated Logout), for shared workstations
 * where the next person would otherwise press "Sign in with …" and be straight in. The provider sends the
 * browser back to APP_URL/login (to be registered with it) with our `state`, which names the provider so
 * the sign-in page can say where the person is now signed out.
 */
export const signedOutState = (provider: IdentityProvider['id']) => `signed-out.${provider}`;

export function endSessionUrl(endpoint: string, provider: IdentityProvider): string {
  const url = new URL(endpoint);
  url.searchParams.set('client_id', provider.clientId);
  url.searchParams.set('post_logout_redirect_uri', `${appUrl}/login`);
  url.searchParams.set('state', signedOutState(provider.id));
  return url.toString();
}

/** The provider's end_session_endpoint from its discovery document, or null (unreachable in 5 s, or it has none). */
export async function providerSignOutUrl(provider: IdentityProvider): Promise<string | null> {
  const discovery = `${provider.issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
  try {
    const response = await fetch(discovery, { signal: AbortSignal.timeout(5_000), headers: { accept: 'application/json' } });
    if (!response.ok) throw new Error(`${discovery} answered ${response.status}`);
    const endpoint = ((await response.json()) as { end_session_endpoint?: unknown }).end_session_endpoint;
    if (typeof endpoint !== 'string' || !endpoint.startsWith('https://')) throw new Error(`${discovery} names no https end_session_endpoint`);
    return endSessionUrl(endpoint, provider);
  } catch (error) {
    console.error(`[auth] signing out at ${provider.id} too failed: ${describeAuthError(error)}`);
    return null;
  }
}
