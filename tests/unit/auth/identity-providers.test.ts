import { describe, expect, it } from 'vitest';
import { parseEnv } from '@/lib/env';
import { emailFromClaims, identityProvidersOf } from '@/lib/auth/identity-providers';
import { endSessionUrl, signedOutState } from '@/lib/auth/provider-sign-out';

const ENTRA = {
  AUTH_MICROSOFT_ENTRA_ID_ID: 'entra-client',
  AUTH_MICROSOFT_ENTRA_ID_SECRET: 'entra-secret',
  AUTH_MICROSOFT_ENTRA_ID_ISSUER: 'https://login.microsoftonline.com/37c354b2-85b0-47f5-b222-07b48d774ee3/v2.0',
};
const OIDC = { AUTH_OIDC_ISSUER: 'https://idp.trust.example/realms/staff', AUTH_OIDC_CLIENT_ID: 'pathway', AUTH_OIDC_CLIENT_SECRET: 'oidc-secret' };

describe('identity providers from the environment', () => {
  it('offers none by default, and each when its three variables are set, Microsoft first', () => {
    expect(identityProvidersOf(parseEnv({}))).toEqual([]);
    expect(identityProvidersOf(parseEnv(ENTRA)).map((p) => p.id)).toEqual(['microsoft-entra-id']);
    expect(identityProvidersOf(parseEnv(OIDC)).map((p) => p.id)).toEqual(['oidc']);
    expect(identityProvidersOf(parseEnv({ ...OIDC, ...ENTRA })).map((p) => p.id)).toEqual(['microsoft-entra-id', 'oidc']);
  });

  it('asks Microsoft for no Graph scope, and reads the email claim unless told another', () => {
    const [entra] = identityProvidersOf(parseEnv(ENTRA));
    expect(entra).toMatchObject({ name: 'Microsoft', scopes: 'openid profile email', emailClaim: 'email', signOutAtProvider: false });
    expect(entra!.scopes).not.toMatch(/User\.Read/);
    const [upn] = identityProvidersOf(parseEnv({ ...ENTRA, AUTH_MICROSOFT_ENTRA_ID_EMAIL_CLAIM: 'preferred_username', AUTH_MICROSOFT_ENTRA_ID_SIGN_OUT: 'on' }));
    expect(upn).toMatchObject({ emailClaim: 'preferred_username', signOutAtProvider: true });
  });

  it('configures the generic provider by environment, with defaults for what is not set', () => {
    expect(identityProvidersOf(parseEnv(OIDC))[0]).toEqual({
      id: 'oidc',
      name: 'your organisation',
      issuer: OIDC.AUTH_OIDC_ISSUER,
      clientId: 'pathway',
      clientSecret: 'oidc-secret',
      scopes: 'openid profile email',
      emailClaim: 'email',
      clientAuth: 'client_secret_basic',
      signOutAtProvider: false,
    });
    const custom = parseEnv({ ...OIDC, AUTH_OIDC_NAME: 'NHS Care Identity', AUTH_OIDC_SCOPES: 'openid email nationalrbacaccess', AUTH_OIDC_EMAIL_CLAIM: 'mail', AUTH_OIDC_CLIENT_AUTH: 'client_secret_post', AUTH_OIDC_SIGN_OUT: 'on' });
    expect(identityProvidersOf(custom)[0]).toMatchObject({ name: 'NHS Care Identity', scopes: 'openid email nationalrbacaccess', emailClaim: 'mail', clientAuth: 'client_secret_post', signOutAtProvider: true });
  });

  it('refuses some of a provider’s variables without the others, naming what is missing and no value', () => {
    const partial = { AUTH_OIDC_ISSUER: OIDC.AUTH_OIDC_ISSUER, AUTH_OIDC_CLIENT_ID: 'pathway' };
    expect(() => parseEnv(partial)).toThrow(/sign-in with oidc needs all of .*missing AUTH_OIDC_CLIENT_SECRET/);
    expect(() => parseEnv({ AUTH_MICROSOFT_ENTRA_ID_SECRET: 'entra-secret' })).toThrow(/missing AUTH_MICROSOFT_ENTRA_ID_ID, AUTH_MICROSOFT_ENTRA_ID_ISSUER/);
    expect(() => parseEnv({ AUTH_MICROSOFT_ENTRA_ID_SECRET: 'entra-secret' })).not.toThrow(/entra-secret/);
  });

  it('refuses an issuer that is not https, scopes without openid and a claim name that is not one', () => {
    expect(() => parseEnv({ ...OIDC, AUTH_OIDC_ISSUER: 'http://idp.trust.example' })).toThrow(/AUTH_OIDC_ISSUER is an https/);
    expect(() => parseEnv({ ...OIDC, AUTH_OIDC_SCOPES: 'profile email' })).toThrow(/AUTH_OIDC_SCOPES/);
    expect(() => parseEnv({ ...OIDC, AUTH_OIDC_EMAIL_CLAIM: 'e mail' })).toThrow(/AUTH_OIDC_EMAIL_CLAIM/);
  });
});

describe('the email an ID token claims', () => {
  it('reads the configured claim, keeping its case and trimming space', () => {
    expect(emailFromClaims({ email: ' Sam.Whitfield@Ashwell.example ' }, 'email')).toBe('Sam.Whitfield@Ashwell.example');
    expect(emailFromClaims({ email: 'a@b.example', upn: 'sam@ashwell.example' }, 'upn')).toBe('sam@ashwell.example');
  });

  it('is null when the claim is missing, not a string or not an address', () => {
    expect(emailFromClaims({ name: 'Sam' }, 'email')).toBeNull();
    expect(emailFromClaims(undefined, 'email')).toBeNull();
    expect(emailFromClaims({ email: ['sam@ashwell.example'] }, 'email')).toBeNull();
    expect(emailFromClaims({ email: 'Sam Whitfield' }, 'email')).toBeNull();
    expect(emailFromClaims({ email: `${'a'.repeat(320)}@b.example` }, 'email')).toBeNull();
  });
});

describe('signing out at the provider', () => {
  it('sends the client id, a return to the sign-in page and a state naming the provider', () => {
    const [oidc] = identityProvidersOf(parseEnv(OIDC));
    const url = new URL(endSessionUrl('https://idp.trust.example/session/end?ui_locales=en-GB', oidc!));
    expect(url.origin + url.pathname).toBe('https://idp.trust.example/session/end');
    expect(url.searchParams.get('ui_locales')).toBe('en-GB');
    expect(url.searchParams.get('client_id')).toBe('pathway');
    expect(url.searchParams.get('post_logout_redirect_uri')).toMatch(/^https?:\/\/[^/]+\/login$/);
    expect(url.searchParams.get('state')).toBe(signedOutState('oidc'));
    expect(signedOutState('oidc')).not.toBe(signedOutState('microsoft-entra-id'));
  });
});
