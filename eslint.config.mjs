import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

const config = [
  ...nextVitals,
  ...nextTs,
  { ignores: ['.next/**', '.data/**', 'node_modules/**', 'next-env.d.ts', 'db/migrations/**', 'tests/e2e/artifacts/**'] },
  {
    rules: {
      // A leading underscore marks a value left out on purpose (e.g. a password hash dropped from a DTO).
      '@typescript-eslint/no-unused-vars': ['warn', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    // The database is reached only through the data access layer (authorization lives there).
    files: ['app/**', 'components/**', 'lib/**', 'proxy.ts'],
    ignores: ['lib/dal/**', 'lib/auth.ts', 'lib/auth/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@/db', '@/db/*', '../db/*', '../../db/*'], message: 'Reach data through lib/dal, which checks who is asking.', allowTypeImports: true }] },
      ],
    },
  },
  {
    // No style="…" in server HTML: the Content-Security-Policy blocks it and no nonce can cover an
    // attribute (lib/security/headers.ts). Use classes, or SVG attributes for a computed length (components/bar.tsx).
    files: ['app/**/*.tsx', 'components/**/*.tsx'],
    rules: {
      'react/forbid-dom-props': ['error', { forbid: [{ propName: 'style', message: 'The Content-Security-Policy blocks style attributes: use a class, or an SVG attribute for a computed size.' }] }],
    },
  },
  {
    // Environment is read once, validated, in lib/env.ts.
    files: ['**/*.ts', '**/*.tsx'],
    ignores: ['lib/env.ts', 'tests/**', 'scripts/**', 'vitest*.ts', 'drizzle.config.ts'],
    rules: {
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read the environment through lib/env.ts.' }],
    },
  },
];

export default config;
