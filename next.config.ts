import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // PGlite loads its WebAssembly with a file URL; bundled, `next start` answers 500.
  // argon2 ships a native binary per platform, which must stay a runtime require.
  // pdfkit reads its font metrics from its own folder at run time, so it must not be bundled either.
  serverExternalPackages: ['@electric-sql/pglite', '@node-rs/argon2', 'pdfkit', 'archiver'],
  poweredByHeader: false,
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
          { key: 'X-Frame-Options', value: 'DENY' },
        ],
      },
    ];
  },
};

export default nextConfig;
