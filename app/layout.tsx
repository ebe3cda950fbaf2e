import type { Metadata, Viewport } from 'next';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Coder Pathway', template: '%s · Coder Pathway' },
  description: 'Clinical coding apprenticeships (ST0535) from day one to end-point assessment and the NCCQ.',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: '#005eb8' };

export default function RootLayout({ children }: { children: React.ReactNode }) {
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
