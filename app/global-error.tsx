'use client';

// Shown only if the root layout itself fails, in place of it: hence its own <html>, and its own stylesheet
// (classes, never style="…", which the Content-Security-Policy blocks).
import './globals.css';

export default function GlobalError({ error }: { error: Error & { digest?: string } }) {
  return (
    <html lang="en-GB">
      <body className="min-h-screen p-8 font-sans text-base leading-normal">
        <main>
          <h1 className="text-3xl font-bold">Sorry, something went wrong</h1>
          <p className="mt-4 text-lg">Please try again. If it keeps happening, tell your administrator.</p>
          {error.digest && <p className="mt-2 text-nhs-grey-1">Reference: {error.digest}</p>}
        </main>
      </body>
    </html>
  );
}
