import type { Metadata, Viewport } from 'next';
import { connection } from 'next/server';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Coder Pathway', template: '%s · Coder Pathway' },
  description: 'Clinical coding apprenticeships (ST0535) from day one to end-point assessment and the NCCQ.',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: '#005eb8' };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page is rendered per request, so that Next can put that request's Content-Security-Policy nonce
  // (proxy.ts) on its scripts. A page prerendered at build time (the 404 page was) has scripts without one,
  // which the policy blocks.
  await connection();
  return (
    <html lang="en-GB">
      <body className="min-h-screen font-sans text-base leading-normal antialiased">
        <a
          href="#main"
          className="sr-only z-50 bg-nhs-yellow px-4 py-2 text-nhs-black focus:not-sr-only focus:absolute focus:left-2 focus:top-2"
        >
          Skip to main content
        </a>
        {children}
      </body>
    </html>
  );
}
