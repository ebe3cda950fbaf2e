import 'server-only';
import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import MicrosoftEntraID from 'next-auth/providers/microsoft-entra-id';
import type { Provider } from 'next-auth/providers';
import { env, entraEnabled } from '@/lib/env';
import { authenticate, findActiveUserByEmail } from '@/lib/auth/authenticate';
import { resolveAuthSecret } from '@/lib/auth/secret';
import { clientAddress } from '@/lib/auth/client-address';
import { endSession, SESSION_MAX_AGE_S, sessionStands } from '@/lib/auth/sessions';
import { getDb } from '@/db/client';
import { auditLog } from '@/db/schema';
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

if (entraEnabled) {
  providers.push(
    MicrosoftEntraID({
      clientId: env.AUTH_MICROSOFT_ENTRA_ID_ID,
      clientSecret: env.AUTH_MICROSOFT_ENTRA_ID_SECRET,
      issuer: env.AUTH_MICROSOFT_ENTRA_ID_ISSUER,
    }),
  );
}

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
    error(error) {
      if (error instanceof CredentialsSignin) return;
      console.error(`[auth] ${error.name}: ${error.message}`);
    },
  },
  providers,
  events: {
    // The sign-out button and POST /api/auth/signout both come here: the session ends on the server too.
    async signOut(message) {
      if ('token' in message) await endSession(message.token);
    },
    // Password sign-ins are audited by authenticate(); this is for Microsoft Entra ID.
    async signIn({ user, account }) {
      if (account?.provider === 'credentials' || !user.id) return;
      const db = await getDb();
      await db.insert(auditLog).values({ actorId: user.id, action: 'auth.sign_in', entityType: 'user', entityId: user.id, after: { provider: account?.provider ?? null } });
    },
  },
  callbacks: {
    // A callbackUrl in a sign-in or sign-out form that is not ours goes home, and one that is no URL at all
    // too, rather than Auth.js's configuration error (the proxy already refuses such a parameter or cookie).
    redirect: ({ url, baseUrl }) => safeRedirect(url, baseUrl),
    async signIn({ account, profile, user }) {
      if (account?.provider !== 'microsoft-entra-id') return true;
      // Entra ID proves the email; the account must already exist here and be active.
      const email = (profile?.email as string | undefined) ?? user.email ?? '';
      const found = email ? await findActiveUserByEmail(email) : null;
      if (!found) return '/login?error=NoAccount';
      user.id = found.id;
      return true;
    },
    async jwt({ token, user, account }) {
      // Only the user id is kept; role, organisation and active flag are read on every request.
      if (user?.id) token.sub = user.id;
      if (account?.provider === 'microsoft-entra-id' && user?.email) {
        const found = await findActiveUserByEmail(user.email);
        if (found) token.sub = found.id;
      }
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

export const microsoftSignInEnabled = entraEnabled;
