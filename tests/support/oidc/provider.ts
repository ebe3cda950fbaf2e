import { createHash, generateKeyPairSync } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { Configuration, KoaContextWithOIDC, default as ProviderClass } from 'oidc-provider';

/**
 * A real OpenID Connect provider (panva's oidc-provider, the certified server implementation) over https, for
 * the browser tests of signing in with Microsoft Entra ID and with a generic OIDC provider: the app talks to
 * it exactly as it would to Microsoft (discovery, code + PKCE, client secret, ID token signature, logout).
 *
 * - Any login typed at its sign-in page is accepted, with any password. The page is this file's own (not
 *   oidc-provider's dev interactions, which load a web font from Google and have unlabelled inputs).
 * - With `issuerPath` ('/TENANT/v2.0', Microsoft's shape) discovery and every endpoint live under that path.
 * - `stop()` drops every connection, so the app sees a provider that is down; `start()` brings it back.
 */
export type OidcClient = { client_id: string; client_secret: string; redirect_uris: string[]; post_logout_redirect_uris: string[]; token_endpoint_auth_method?: 'client_secret_basic' | 'client_secret_post' };

export type RunningOidcProvider = { issuer: string; port: number; stop(): Promise<void>; start(): Promise<void> };

/** The `sub` the provider gives a login: opaque like Microsoft's, the same whatever the letter case typed. */
export function subjectFor(login: string): string {
  return createHash('sha256').update(login.toLowerCase()).digest('base64url').slice(0, 32);
}

const page = (title: string, body: string) =>
  `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${title}</title></head><body><main><h1>${title}</h1>${body}</main></body></html>`;
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * oidc-provider warns, through console.warn, when imported on Node 20 (it prefers 22) and when constructed
 * with its in-memory store (development only: just right for tests). Those lines would be in every test's
 * output, so they are dropped while it loads; anything else still gets through.
 */
async function quietly<T>(build: () => Promise<T>): Promise<T> {
  const { warn, info } = console;
  const filter = (log: (...a: unknown[]) => void) => (...a: unknown[]) => {
    if (!(typeof a[0] === 'string' && a[0].includes('oidc-provider '))) log(...a);
  };
  console.warn = filter(warn);
  console.info = filter(info);
  try {
    return await build();
  } finally {
    console.warn = warn;
    console.info = info;
  }
}

export async function startOidcProvider(opts: {
  tls: { key: string; cert: string };
  issuerPath?: string;
  clients: OidcClient[];
  port?: number;
}): Promise<RunningOidcProvider> {
  const prefix = (opts.issuerPath ?? '').replace(/\/$/, '');
  // Filled in once the port is known (below): until then every request is a 404.
  const ready: { provider?: ProviderClass; handle?: (req: IncomingMessage, res: ServerResponse) => void } = {};
  // The account id (and `sub`) is the lower-cased login's hash; the claims show the login as last typed.
  const typed = new Map<string, string>();

  // Every connection is kept so stop() can end keep-alive ones too: server.close() alone waits for them.
  const sockets = new Set<Socket>();
  const server = https.createServer({ key: opts.tls.key, cert: opts.tls.cert }, (req, res) => {
    const url = req.url ?? '/';
    // Mounted under the issuer's path the way Express mounts it: originalUrl keeps the full path, url loses
    // the prefix. oidc-provider builds the endpoints it announces from the difference (ctx.oidc.urlFor).
    const { provider, handle } = ready;
    if (!provider || !handle || !(url === prefix || url.startsWith(`${prefix}/`) || url.startsWith(`${prefix}?`))) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    if (/^\/interaction\/[\w-]+$/.test(url.slice(prefix.length))) {
      signInPage(provider, req, res).catch((err: Error) => {
        res.writeHead(400, { 'content-type': 'text/html' }).end(page('Sign-in error', `<p>${escapeHtml(err.message)}</p>`));
      });
      return;
    }
    Object.assign(req, { originalUrl: url });
    req.url = url.slice(prefix.length) || '/';
    handle(req, res);
  });

  // The sign-in page: GET shows the form, POST signs in whoever was typed (the password is not looked at).
  async function signInPage(op: ProviderClass, req: IncomingMessage, res: ServerResponse) {
    const details = await op.interactionDetails(req, res);
    if (details.prompt.name !== 'login') throw new Error(`this test provider only asks for a login, not ${details.prompt.name}`);
    if (req.method === 'POST') {
      let body = '';
      for await (const chunk of req) body += chunk;
      const login = new URLSearchParams(body).get('login')?.trim() ?? '';
      if (login) {
        const accountId = subjectFor(login);
        typed.set(accountId, login);
        await op.interactionFinished(req, res, { login: { accountId } }, { mergeWithLastSubmission: false });
        return;
      }
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(
      page(
        'Sign in to the test provider',
        `<form method="post" action="${escapeHtml(`${prefix}/interaction/${details.uid}`)}">` +
          '<p><label for="login">Email or username</label><br><input id="login" name="login" type="text" required autofocus></p>' +
          '<p><label for="password">Password</label><br><input id="password" name="password" type="password"></p>' +
          '<p><button type="submit">Sign in</button></p></form>',
      ),
    );
  }
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, () => {
        server.off('error', reject);
        resolve();
      });
    });
  // Listen first: the issuer (and so the provider) needs the port when it is a free one.
  await listen(opts.port ?? 0);
  const port = (server.address() as AddressInfo).port;
  const issuer = `https://localhost:${port}${prefix}`;

  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const configuration: Configuration = {
    clients: opts.clients.map((c) => ({ ...c, token_endpoint_auth_method: c.token_endpoint_auth_method ?? 'client_secret_basic' })),
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'test-signing-key', use: 'sig', alg: 'RS256' }] },
    // The app reads the person from the ID token (as Auth.js does), not from userinfo: put the claims in it.
    conformIdTokenClaims: false,
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name', 'preferred_username', 'upn'],
    },
    async findAccount(_ctx, accountId) {
      const login = typed.get(accountId);
      if (login === undefined) return undefined;
      return {
        accountId,
        claims: () => ({ sub: accountId, email: login, email_verified: true, name: login.split('@')[0] ?? login, preferred_username: login, upn: login }),
      };
    },
    interactions: { url: (_ctx, interaction) => `${prefix}/interaction/${interaction.uid}` },
    // Like an Entra app with admin consent: no consent page, every scope asked for is granted.
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      const accountId = ctx.oidc.session?.accountId;
      const clientId = ctx.oidc.client?.clientId;
      if (!accountId || !clientId) return undefined;
      const grant = new ctx.oidc.provider.Grant({ accountId, clientId });
      grant.addOIDCScope(String(ctx.oidc.params?.scope ?? 'openid'));
      await grant.save();
      return grant;
    },
    pkce: { required: () => true },
    // Own names (with the port): cookies on localhost are shared by every port, and two providers (Entra and
    // the generic one) in one browser would otherwise overwrite each other's session.
    cookies: {
      names: { session: `op${port}_session`, interaction: `op${port}_interaction`, resume: `op${port}_resume` },
      keys: ['test-cookie-key-not-secret'],
    },
    // Numbers instead of the default functions, which print a notice the first time they run.
    ttl: { AccessToken: 3600, AuthorizationCode: 60, IdToken: 3600, Interaction: 3600, Session: 86400, Grant: 86400 },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        // Same button names as oidc-provider's default page; plain HTML, nothing fetched from the internet.
        logoutSource(ctx, form) {
          ctx.body = page(
            'Sign out',
            `<p>Do you want to sign out from ${escapeHtml(ctx.host)}?</p>${form}` +
              '<button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button>' +
              '<button type="submit" form="op.logoutForm">No, stay signed in</button>',
          );
        },
        postLogoutSuccessSource(ctx) {
          ctx.body = page('Signed out', '<p>You have signed out.</p>');
        },
      },
    },
    renderError(ctx, out) {
      ctx.type = 'html';
      ctx.body = page('Sign-in error', `<p><code>${escapeHtml(out.error)}</code>: ${escapeHtml(out.error_description ?? '')}</p>`);
    },
    clientBasedCORS: () => true, // the default prints a notice; the app calls from its server, not a page
  };

  const provider = await quietly(async () => {
    const { default: Provider } = await import('oidc-provider');
    return new Provider(issuer, configuration);
  });
  // Koa prints unhandled errors with console.error, which fails any test. A real server error (a bug in
  // this harness) is still shown, as a warning; the browser sees the error page anyway.
  provider.silent = true;
  provider.on('server_error', (_ctx, err) => console.warn(`[oidc provider ${issuer}] server error:`, err));
  ready.provider = provider;
  ready.handle = provider.callback();

  return {
    issuer,
    port,
    async stop() {
      if (!server.listening) return;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
    async start() {
      if (!server.listening) await listen(port);
    },
  };
}
