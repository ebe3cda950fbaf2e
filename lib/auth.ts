import 'server-only';
import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import MicrosoftEntraID from 'next-auth/providers/microsoft-entra-id';
import type { Provider } from 'next-auth/providers';
import { env, entraEnabled } from '@/lib/env';
import { authenticate, findActiveUserByEmail } from '@/lib/auth/authenticate';
import { resolveAuthSecret } from '@/lib/auth/secret';

// The reason travels to the sign-in form as the error's code; the wording lives there.
export class SignInRefused extends CredentialsSignin {
  constructor(code: 'invalid' | 'disabled' | 'locked', until?: Date) {
    super();
    this.code = until ? `${code}:${until.toISOString()}` : code;
  }
}

const providers: Provider[] = [
  Credentials({
    credentials: { email: { type: 'email' }, password: { type: 'password' } },
    async authorize(credentials) {
      const email = typeof credentials.email === 'string' ? credentials.email : '';
      const password = typeof credentials.password === 'string' ? credentials.password : '';
      if (!email || !password || email.length > 320 || password.length > 200) throw new SignInRefused('invalid');
      const result = await authenticate(email, password);
      if (!result.ok) throw new SignInRefused(result.reason, result.reason === 'locked' ? result.until : undefined);
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
  session: { strategy: 'jwt', maxAge: 8 * 60 * 60 }, // a working day
  pages: { signIn: '/login', error: '/login' },
  logger: {
    // A refused password is an expected outcome (shown to the user, and in the audit log), not a server error.
    error(error) {
      if (error instanceof CredentialsSignin) return;
      console.error(`[auth] ${error.name}: ${error.message}`);
    },
  },
  providers,
  callbacks: {
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
      // change or reset ends every session that began before it (lib/auth/session-cookie.ts).
      if (user) token.authAt = Date.now();
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      return session;
    },
  },
}));

export const microsoftSignInEnabled = entraEnabled;
