/**
 * What the sign-in page says after a sign-in with an identity provider came back without a session, by
 * the code in `/login?error=`: ours (NoAccount, Disabled, NoEmail) or Auth.js's. Auth.js sends every
 * failure on the server side (the provider unreachable, an ID token it could not check, a wrong client
 * secret) as "Configuration" and keeps the cause for the server log: the person is told plainly what
 * they can do, and where an administrator will find why (lib/auth/external-sign-in.ts records it).
 */
export function externalSignInMessage(error: string, providerName: string, contact: string): string {
  switch (error) {
    case 'NoAccount':
    case 'AccessDenied':
      return `Your ${providerName} account is not set up in Coder Pathway. Ask ${contact} to add your email address.`;
    case 'Disabled':
      return `Your Coder Pathway account has been disabled, so you cannot sign in with ${providerName} or with a password. Ask ${contact} to re-enable it.`;
    case 'NoEmail':
      return `${providerName} did not send your email address, so Coder Pathway cannot tell which account is yours. Tell ${contact}: the app may need to read the address from another claim.`;
    case 'OAuthCallbackError':
      return `${providerName} did not sign you in. If you cancelled, try again when you are ready. If not, tell ${contact}: the reason is in the audit log.`;
    case 'MissingCSRF':
      return 'The sign-in page had been open too long. Try again.';
    default:
      return `Signing in with ${providerName} did not work: it could not be reached or its answer could not be checked. Try again in a few minutes, or sign in with your email and password. If it keeps happening, tell ${contact}: the reason is in the audit log and the server log.`;
  }
}

/** After signing out: `/login?signedOut=` here, here-and-at-the-provider, or here only because the provider could not be reached. */
export function signedOutMessage(kind: string, providerName: string): string | null {
  if (kind === 'here') return 'You have signed out.';
  if (kind === 'provider') return `You have signed out of Coder Pathway and of ${providerName}.`;
  if (kind === 'provider-unreachable')
    return `You have signed out of Coder Pathway, but ${providerName} could not be reached to end your session there. On a shared computer, close every browser window.`;
  return null;
}

/** The disabled-account answer to a correct password (lib/auth/sign-in-schema.ts) names whom to contact too. */
export const disabledAccountMessage = (contact: string) => `This account has been disabled. Ask ${contact} to re-enable it.`;
