'use client';

// Never the error's message or stack: a plain sentence and the reference for the logs.
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main id="main" className="mx-auto max-w-3xl px-4 py-16">
      <h1 className="text-3xl font-bold">Sorry, something went wrong</h1>
      <p className="mt-4 text-lg">Nothing you typed has been lost on our side if it was not saved. Try again, and if it keeps happening, tell your administrator.</p>
      {error.digest && <p className="mt-2 text-nhs-grey-1">Reference: {error.digest}</p>}
      <button type="button" onClick={reset} className="mt-6 bg-nhs-blue px-4 py-2 font-bold text-white">
        Try again
      </button>
    </main>
  );
}
