import { describe, expect, it } from 'vitest';
import { describeAuthError, providerOfAuthError } from '@/lib/auth/auth-error-cause';
import { externalSignInMessage, signedOutMessage } from '@/lib/auth/sign-in-messages';
import { signInRefusalMessage } from '@/lib/auth/sign-in-schema';

const CONTACT = 'the coding training team (training@trust.example)';

describe('what the sign-in page says after an identity provider', () => {
  const codes = ['NoAccount', 'AccessDenied', 'Disabled', 'NoEmail', 'OAuthCallbackError', 'Configuration', 'CallbackRouteError', 'anything else'];

  it('has a sentence for every code, naming the provider, and never the code itself', () => {
    for (const code of codes) {
      const message = externalSignInMessage(code, 'Microsoft', CONTACT);
      expect(message).toMatch(/Microsoft/);
      expect(message).not.toContain(code);
      expect(message).toMatch(/\.$/);
    }
  });

  it('says a disabled account is disabled, and whom to contact', () => {
    const message = externalSignInMessage('Disabled', 'NHS Care Identity', CONTACT);
    expect(message).toMatch(/has been disabled/);
    expect(message).toContain(CONTACT);
    expect(message).not.toMatch(/not set up/);
    expect(externalSignInMessage('NoAccount', 'Microsoft', CONTACT)).toMatch(/not set up in Coder Pathway/);
    expect(signInRefusalMessage('disabled', CONTACT)).toBe(`This account has been disabled. Ask ${CONTACT} to re-enable it.`);
  });

  it('tells a person whose provider failed what to do, and that the reason is recorded', () => {
    const message = externalSignInMessage('Configuration', 'Microsoft', CONTACT);
    expect(message).toMatch(/Try again in a few minutes, or sign in with your email and password/);
    expect(message).toMatch(/audit log and the server log/);
  });

  it('says where the person is signed out', () => {
    expect(signedOutMessage('here', 'Microsoft')).toBe('You have signed out.');
    expect(signedOutMessage('provider', 'Microsoft')).toBe('You have signed out of Coder Pathway and of Microsoft.');
    expect(signedOutMessage('provider-unreachable', 'Microsoft')).toMatch(/could not be reached/);
    expect(signedOutMessage('nonsense', 'Microsoft')).toBeNull();
  });
});

describe('the cause of a failed sign-in, for the logs', () => {
  it('unwraps Auth.js errors down to the network cause, without its "Read more" links', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8443'), { code: 'ECONNREFUSED' });
    const fetchFailed = new TypeError('fetch failed', { cause: refused });
    class CallbackRouteError extends Error {
      constructor(err: Error) {
        super(undefined, { cause: { err, provider: 'oidc' } });
        this.name = 'CallbackRouteError';
        this.message = 'Read more at https://errors.authjs.dev#callbackrouteerror';
      }
    }
    const error = new CallbackRouteError(fetchFailed);
    expect(describeAuthError(error)).toBe('CallbackRouteError ← TypeError: fetch failed ← Error: connect ECONNREFUSED 127.0.0.1:8443');
    expect(providerOfAuthError(error)).toBe('oidc');
    expect(providerOfAuthError(fetchFailed)).toBeNull();
  });

  it('names an Auth.js error by its type, which a production build does not minify as it does class names', () => {
    class d extends Error {
      type = 'InvalidCheck';
    }
    const missing = Object.assign(new d('pkceCodeVerifier cookie was missing'), { name: 'd' });
    const wrapped = Object.assign(new d('pkceCodeVerifier value could not be parsed', { cause: { err: missing } }), { name: 'd' });
    expect(describeAuthError(wrapped)).toBe('InvalidCheck: pkceCodeVerifier value could not be parsed ← InvalidCheck: pkceCodeVerifier cookie was missing');
  });

  it('adds a code the message does not already carry, and stops at a cycle', () => {
    const tls = Object.assign(new Error('self-signed certificate in certificate chain'), { code: 'SELF_SIGNED_CERT_IN_CHAIN' });
    expect(describeAuthError(tls)).toBe('Error: self-signed certificate in certificate chain (SELF_SIGNED_CERT_IN_CHAIN)');
    const a = new Error('a');
    const b = new Error('b', { cause: a });
    (a as { cause?: unknown }).cause = b;
    expect(describeAuthError(b)).toBe('Error: b ← Error: a');
    expect(describeAuthError('plain words')).toBe('plain words');
    expect(describeAuthError(undefined)).toBe('unknown error');
  });
});
