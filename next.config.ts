import type { NextConfig } from 'next';
import { API_POLICY, PERMISSIONS_POLICY } from './lib/security/headers';
import { env, dataDir, exportToProcessEnv } from './lib/env';
import { MissingSharedSettingError, resolveSharedSetting } from './lib/instance/shared-settings';

// Read by `next build` (the key salts every server action's id and the release name is built in) and
// again by `next start`. Embedded: generated once into DATA_DIR; production on PostgreSQL: required.
function shared() {
  try {
    const actionsKey = resolveSharedSetting('NEXT_SERVER_ACTIONS_ENCRYPTION_KEY', env, dataDir);
    exportToProcessEnv('NEXT_SERVER_ACTIONS_ENCRYPTION_KEY', actionsKey);
    return { deploymentId: resolveSharedSetting('DEPLOYMENT_ID', env, dataDir) };
  } catch (e) {
    if (!(e instanceof MissingSharedSettingError)) throw e;
    console.error(`Coder Pathway cannot start: ${e.message}`);
    process.exit(1);
  }
}

const nextConfig: NextConfig = {
  deploymentId: shared().deploymentId,
  // PGlite loads its WebAssembly with a file URL; bundled, `next start` answers 500.
  // argon2 ships a native binary per platform, which must stay a runtime require.
  // pdfkit reads its font metrics from its own folder at run time, so it must not be bundled either.
  // pg-boss (the job queue) requires node-postgres, which looks for an optional native binding at run time.
  serverExternalPackages: ['@electric-sql/pglite', '@node-rs/argon2', 'pdfkit', 'archiver', 'pg-boss', 'pg'],
  poweredByHeader: false,
  experimental: {
    // The proxy (proxy.ts) runs on uploads, and Next.js then buffers the body up to this size and
    // silently cuts off the rest (default 10 MB). Evidence files may be 10 MB: with room above that,
    // an oversized upload reaches the route whole enough to be refused rather than stored truncated.
    proxyClientMaxBodySize: '11mb',
  },
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Permissions-Policy', value: PERMISSIONS_POLICY },
        ],
      },
      // issue 20: a gateway pack link's page and downloads send no referrer (the token is in the address), are
      // kept by no cache and indexed by no search engine; every other path keeps the usual referrer policy.
      { source: '/((?!gateway-pack/).*)', headers: [{ key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' }] },
      {
        source: '/gateway-pack/:path*',
        headers: [
          { key: 'Referrer-Policy', value: 'no-referrer' },
          { key: 'Cache-Control', value: 'no-store' },
          { key: 'X-Robots-Tag', value: 'noindex, nofollow' },
        ],
      },
      // The Content-Security-Policy and HSTS depend on the request and come from proxy.ts, which does not
      // run on the classification upload (see its matcher): that route's JSON gets the route-handler policy here.
      { source: '/api/admin/classifications/:path*', headers: [{ key: 'Content-Security-Policy', value: API_POLICY }] },
      // Every page refuses to be framed, except evidence files (app/api/files), whose route sets its own
      // X-Frame-Options: previews are shown in a frame on our own marking page. Two values would conflict.
      { source: '/((?!api/files/).*)', headers: [{ key: 'X-Frame-Options', value: 'DENY' }] },
    ];
  },
};

export default nextConfig;
