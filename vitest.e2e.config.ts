import { defineConfig } from 'vitest/config';
import tsconfigPaths from 'vite-tsconfig-paths';

// Browser tests against `next start` (see tests/e2e/support/global-setup.ts): PGlite by default,
// PostgreSQL when E2E_DATABASE_URL is set. One server for the run; files run one after another
// because they share its database. CI runs the PGlite and PostgreSQL runs side by side on two cores,
// so a step may take twice as long as on a quiet machine: the timeouts allow for it.
// Two instances need what they can share: PostgreSQL and S3 (PGlite is one process's, local disk each
// instance's own). Without both, that file is not part of the run, rather than reported as skipped.
const canShare = Boolean(process.env.E2E_DATABASE_URL && process.env.S3_ENDPOINT);

export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    // The identity provider test starts an app of its own on PGlite: run once, in the PGlite run.
    exclude: [...(canShare ? [] : ['tests/e2e/two-instances.test.ts']), ...(process.env.E2E_DATABASE_URL ? ['tests/e2e/sign-in-identity-provider.test.ts'] : [])],
    environment: 'node',
    globalSetup: ['tests/e2e/support/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
  },
});
