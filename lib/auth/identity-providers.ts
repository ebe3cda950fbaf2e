import type { Env } from '@/lib/env';

/**
 * A trust's identity provider that people may sign in with besides their password: Microsoft Entra ID
 * (NHSmail), and one generic OpenID Connect provider (NHS CIS2 Authentication, or the trust's own).
 * Either way the provider only proves an email address: the person must already have an active account
 * here with that address, and their role always comes from this app.
 */
export type IdentityProvider = {
  /** Auth.js's provider id: the callback is /api/auth/callback/<id>. */
  id: 'microsoft-entra-id' | 'oidc';
  /** What the sign-in button and every message call it. */
  name: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  scopes: string;
  /** The ID token claim that holds the person's email address. */
  emailClaim: string;
  clientAuth: 'client_secret_basic' | 'client_secret_post';
  /** Signing out here also ends the session at the provider (its end_session_endpoint). */
  signOutAtProvider: boolean;
};

export type IdentityProviderId = IdentityProvider['id'];

/** Each provider's variables: a provider is offered when its required ones are all set (parseEnv refuses some without the others). */
export const IDENTITY_PROVIDER_VARIABLES = {
  'microsoft-entra-id': ['AUTH_MICROSOFT_ENTRA_ID_ID', 'AUTH_MICROSOFT_ENTRA_ID_SECRET', 'AUTH_MICROSOFT_ENTRA_ID_ISSUER'],
  oidc: ['AUTH_OIDC_ISSUER', 'AUTH_OIDC_CLIENT_ID', 'AUTH_OIDC_CLIENT_SECRET'],
} as const;

export function identityProvidersOf(e: Env): IdentityProvider[] {
  const providers: IdentityProvider[] = [];
  if (e.AUTH_MICROSOFT_ENTRA_ID_ID && e.AUTH_MICROSOFT_ENTRA_ID_SECRET && e.AUTH_MICROSOFT_ENTRA_ID_ISSUER)
    providers.push({
      id: 'microsoft-entra-id',
      name: 'Microsoft',
      issuer: e.AUTH_MICROSOFT_ENTRA_ID_ISSUER,
      clientId: e.AUTH_MICROSOFT_ENTRA_ID_ID,
      clientSecret: e.AUTH_MICROSOFT_ENTRA_ID_SECRET,
      // No User.Read: nothing is read from Microsoft Graph (the photo it would fetch is not needed, and
      // trusts' firewalls often block graph.microsoft.com).
      scopes: 'openid profile email',
      emailClaim: e.AUTH_MICROSOFT_ENTRA_ID_EMAIL_CLAIM,
      clientAuth: 'client_secret_basic',
      signOutAtProvider: e.AUTH_MICROSOFT_ENTRA_ID_SIGN_OUT === 'on',
    });
  if (e.AUTH_OIDC_ISSUER && e.AUTH_OIDC_CLIENT_ID && e.AUTH_OIDC_CLIENT_SECRET)
    providers.push({
      id: 'oidc',
      name: e.AUTH_OIDC_NAME,
      issuer: e.AUTH_OIDC_ISSUER,
      clientId: e.AUTH_OIDC_CLIENT_ID,
      clientSecret: e.AUTH_OIDC_CLIENT_SECRET,
      scopes: e.AUTH_OIDC_SCOPES,
      emailClaim: e.AUTH_OIDC_EMAIL_CLAIM,
      clientAuth: e.AUTH_OIDC_CLIENT_AUTH,
      signOutAtProvider: e.AUTH_OIDC_SIGN_OUT === 'on',
    });
  return providers;
}

/**
 * The email address a provider's ID token claims, or null when the claim is missing or holds no address.
 * Compared case-insensitively with accounts here (lib/auth/authenticate.ts), so its case is kept as sent.
 */
export function emailFromClaims(claims: Record<string, unknown> | undefined, claim: string): string | null {
  const value = claims?.[claim];
  if (typeof value !== 'string') return null;
  const email = value.trim();
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) && email.length <= 320 ? email : null;
}
