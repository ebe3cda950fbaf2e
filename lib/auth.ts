import 'server-only';
import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import MicrosoftEntraID from 'next-auth/providers/microsoft-entra-id';
import type { OIDCConfig, Provider } from 'next-auth/providers';
import type { NextRequest } from 'next/server';
import { env, identityProviders } from '@/lib/env';
import { authenticate } from '@/lib/auth/authenticate';
import { emailFromClaims, type IdentityProvider } from '@/lib/auth/identity-providers';
import { accountForExternalSignIn, noteSignInError, recordExternalSignIn, recordSignInError, withSignInAttempt } from '@/lib/auth/external-sign-in';
import { resolveAuthSecret } from '@/lib/auth/secret';
import { clientAddress } from '@/lib/auth/client-address';
import { endSession, SESSION_MAX_AGE_S, sessionStands } from '@/lib/auth/sessions';
import { textProblem } from '@/lib/forms/safe-text';
import { safeRedirect } from '@/lib/security/request-guards';

// The reason travels to the sign-in form as the error's code; the wording lives there. There is no
// 'locked': a throttled attempt gets the same answer as a wrong password (lib/auth/authenticate.ts).
export class SignInRefused extends CredentialsSignin {
  constructor(code: 'invalid' | 'disabled') {
    super();
    this.code = code;
  }
}

const providers: Provider[] = [
  Credentials({
    credentials: { email: { type: 'email' }, password: { type: 'password' } },
    async authorize(credentials, request) {
      const email = typeof credentials.email === 'string' ? credentials.email : '';
      const password = typeof credentials.password === 'string' ? credentials.password : '';
      if (!email || !password || email.length > 320 || password.length > 200) throw new SignInRefused('invalid');
      // A NUL or a lone surrogate is in no account's address (and PostgreSQL refuses a NUL: a 500): no such account.
      if (textProblem(email, 'email address', { allowNhsNumber: true })) throw new SignInRefused('invalid');
      const result = await authenticate(email, password, { address: clientAddress(request.headers, env.TRUSTED_PROXIES) });
      if (!result.ok) throw new SignInRefused(result.reason);
      return { id: result.user.id, name: result.user.name, email: result.user.email };
    },
  }),
];

/**
 * An identity provider as Auth.js needs it. The profile is the ID token's claims, read here rather than by
 * Auth.js's Entra ID profile, which fetches the photo from Microsoft Graph during sign-in: where a trust's
 * firewall lets login.microsoftonline.com through but not graph.microsoft.com, that refused everyone.
 * A missing email is not an error here: the signIn callback refuses it with its own message.
 */
function providerFor(p: IdentityProvider): Provider {
  const options = {
    clientId: p.clientId,
    clientSecret: p.clientSecret,
    issuer: p.issuer,
    authorization: { params: { scope: p.scopes } },
    client: { token_endpoint_auth_method: p.clientAuth },
    profile: (profile: object) => {
      const claims = profile as Record<string, unknown>;
      return { id: String(claims.sub), name: typeof claims.name === 'string' ? claims.name : null, email: emailFromClaims(claims, p.emailClaim), image: null };
    },
  };
  if (p.id === 'microsoft-entra-id') return MicrosoftEntraID(options);
  return { id: p.id, name: p.name, type: 'oidc', ...options } satisfies OIDCConfig<Record<string, unknown>>;
}
providers.push(...identityProviders.map(providerFor));

// A function, so the secret is resolved when the server handles a request, not during `next build`.
let secret: string | undefined;
export const authSecret = () => (secret ??= resolveAuthSecret());
export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: authSecret(),
  trustHost: true,
  session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_S }, // a working day
  pages: { signIn: '/login', error: '/login' },
  logger: {
    // A refused password is an expected outcome (shown to the user, and in the audit log), not a server error.
    // Anything else is for an administrator: the cause, unwrapped from Auth.js's error classes.
    error(error) {
      if (error instanceof CredentialsSignin) return;
      console.error(`[auth] ${noteSignInError(error)}`);
    },
  },
  providers,
  events: {
    // The sign-out button and POST /api/auth/signout both come here: the session ends on the server too.
    async signOut(message) {
      if ('token' in message) await endSession(message.token);
    },
    // Password sign-ins are audited by authenticate(); this is for the identity providers.
    async signIn({ user, account }) {
      if (account?.provider === 'credentials' || !user.id) return;
      await recordExternalSignIn(user.id, account?.provider ?? null);
    },
  },
  callbacks: {
    // A callbackUrl in a sign-in or sign-out form that is not ours goes home, and one that is no URL at all
    // too, rather than Auth.js's configuration error (the proxy already refuses such a parameter or cookie).
    redirect: ({ url, baseUrl }) => safeRedirect(url, baseUrl),
    async signIn({ account, user }) {
      if (!account || account.provider === 'credentials') return true;
      // The provider proves the email; the account must already exist here and be active. The user
      // object goes on to the jwt callback, so from here on it is our user, not the provider's subject.
      const found = await accountForExternalSignIn(account.provider, user.email ?? null);
      if (!found.ok) return `/login?${new URLSearchParams({ error: found.error, provider: account.provider })}`;
      user.id = found.userId;
      return true;
    },
    async jwt({ token, user, account }) {
      // Only the user id is kept; role, organisation and active flag are read on every request. And which
      // identity provider, if any: signing out may end the session there too (app/(app)/actions.ts).
      if (user?.id) token.sub = user.id;
      if (user && account && account.provider !== 'credentials') token.idp = account.provider;
      // When this session began, kept as the token is rewritten (which renews `iat`): a password
      // change or reset ends every session that began before it (lib/auth/session-claim.ts). And which
      // session this is, so that signing out can end it on the server (lib/auth/sessions.ts).
      if (user) {
        token.authAt = Date.now();
        token.sid = crypto.randomUUID();
        return token;
      }
      // A session read through Auth.js (GET /api/auth/session): a replayed cookie of a session that has
      // ended gets no session, and its cookie is cleared. Pages read the session in lib/dal/session.ts.
      if (!(await sessionStands(token))) return null;
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      return session;
    },
  },
}));

const CALLBACK = /^\/api\/auth\/callback\/([A-Za-z0-9-]+)$/;
/** Our own refusals (the signIn callback above), audited where they were decided. */
const DECIDED = new Set(['NoAccount', 'Disabled', 'NoEmail']);

/** The `error` of a redirect to the sign-in page, or null. */
export function signInErrorOf(location: string | null): string | null {
  if (!location) return null;
  const url = new URL(location, 'http://app.invalid');
  return url.pathname === '/login' ? url.searchParams.get('error') : null;
}

/**
 * Auth.js's route, with each identity provider's callback run inside a sign-in attempt: when Auth.js
 * answers it with an error page, the cause its logger saw goes into the audit log with it.
 */
type Handler = (request: NextRequest) => Promise<Response>;
function recordingOutcomes(handler: Handler): Handler {
  return async (request) => {
    const named = CALLBACK.exec(new URL(request.url).pathname)?.[1];
    // Only the providers configured: a made-up callback path leaves nothing in the audit log.
    const provider = identityProviders.find((p) => p.id === named)?.id;
    if (!provider) return handler(request);
    return withSignInAttempt({ provider, address: clientAddress(request.headers, env.TRUSTED_PROXIES) }, async () => {
      const response = await handler(request);
      const error = signInErrorOf(response.headers.get('location'));
      if (error && !DECIDED.has(error)) await recordSignInError(provider, error);
      return response;
    });
  };
}
export const authRoute = { GET: recordingOutcomes(handlers.GET), POST: recordingOutcomes(handlers.POST) };

/** "Sign in with …" (the sign-in page's action): where to send the browser, a failure to start audited like one at the callback. */
export async function startExternalSignIn(provider: IdentityProvider, address: string): Promise<string> {
  return withSignInAttempt({ provider: provider.id, address }, async () => {
    let url: string;
    try {
      url = await signIn(provider.id, { redirect: false, redirectTo: '/' });
    } catch (error) {
      // Auth.js raises some errors at the start instead of answering with its error page.
      console.error(`[auth] ${noteSignInError(error)}`);
      url = '/login?error=Configuration';
    }
    const error = signInErrorOf(url);
    if (error) await recordSignInError(provider.id, error);
    return url;
  });
}
