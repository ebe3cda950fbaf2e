'use client';

export default function GlobalError({ error }: { error: Error & { digest?: string } }) {
  return (
    <html lang="en-GB">
      <body style={{ fontFamily: 'Arial, sans-serif', padding: '2rem' }}>
        <main>
          <h1>Sorry, something went wrong</h1>
          <p>Please try again. If it keeps happening, tell your administrator.</p>
          {error.digest && <p>Reference: {error.digest}</p>}
        </main>
      </body>
    </html>
  );
}
