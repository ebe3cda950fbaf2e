import { defineConfig } from 'vitest/config';
import tsconfigPaths from 'vite-tsconfig-paths';
import path from 'node:path';

const shared = {
  plugins: [tsconfigPaths()],
  resolve: { alias: { 'server-only': path.resolve('tests/setup/server-only.ts') } },
};

// The integration suite runs on PGlite always, and on a PostgreSQL server too when
// TEST_DATABASE_URL is set (CI sets it): same files, same assertions, two databases.
const integration = (kind: 'pglite' | 'postgres') => ({
  ...shared,
  test: {
    name: `integration-${kind}`,
    include: ['tests/integration/**/*.test.ts'],
    environment: 'node',
    env: { TEST_DB_KIND: kind },
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});

export default defineConfig({
  test: {
    projects: [
      { ...shared, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' } },
      integration('pglite'),
      ...(process.env.TEST_DATABASE_URL ? [integration('postgres')] : []),
    ],
  },
});
