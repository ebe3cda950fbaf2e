import { defineConfig } from 'vitest/config';
import tsconfigPaths from 'vite-tsconfig-paths';
import path from 'node:path';

const shared = {
  plugins: [tsconfigPaths()],
  // The real `server-only` throws outside Next's server bundles; tests import server modules directly.
  resolve: { alias: { 'server-only': path.resolve('tests/setup/server-only.ts') } },
};
const setupFiles = ['tests/setup/fail-on-console-error.ts'];
// next-auth imports `next/server` without an extension, which Node's ESM loader cannot resolve in a
// package with no exports map; run through Vite's resolver instead (tests of the Auth.js handlers).
const server = { deps: { inline: ['next-auth'] } };

// The integration suite runs on PGlite always, and on a PostgreSQL server too when
// TEST_DATABASE_URL is set (CI sets it): same files, same assertions, two databases.
// Each file opens its own database (tests/integration/helpers/test-db.ts), so files run in parallel.
// With the S3_* variables set (CI: ../shared/recipes/s3-ceph), the PostgreSQL project keeps evidence
// files in that S3 and the PGlite one on local disk: both stores proven by the same files, run once each.
const s3 = Boolean(process.env.S3_ENDPOINT);
const integration = (kind: 'pglite' | 'postgres') => ({
  ...shared,
  test: {
    name: `integration-${kind}`,
    include: ['tests/integration/**/*.test.ts'],
    exclude: ['tests/integration/files/**'],
    environment: 'node',
    setupFiles,
    server,
    env: { TEST_DB_KIND: kind, TEST_STORAGE: kind === 'postgres' && s3 ? 's3' : 'local' },
    testTimeout: 30_000,
    // A file's set-up makes a fresh database (migrations, content, demo data): 10–20 s alone, and past
    // 60 s on this 2-core machine under load 10 (seen 5 times in one run). A hang still fails, later.
    hookTimeout: 180_000,
  },
});

export default defineConfig({
  test: {
    // Vitest's default is one worker fewer than the cores: 1 on our 2-core machines. A file spends
    // most of its time starting PGlite (WebAssembly) or waiting on the server, so 3 workers finish
    // sooner than 1 or 2 (measured: 29 s, 24 s, 19 s for the PGlite project).
    maxWorkers: 3,
    projects: [
      { ...shared, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node', setupFiles } },
      // The file store contract: local disk always, and the real S3 too when S3_ENDPOINT is set. No database.
      { ...shared, test: { name: 'storage', include: ['tests/integration/files/**/*.test.ts'], environment: 'node', setupFiles, testTimeout: 60_000 } },
      integration('pglite'),
      ...(process.env.TEST_DATABASE_URL ? [integration('postgres')] : []),
    ],
  },
});
