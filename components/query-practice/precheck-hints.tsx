

/** The pre-check hints of a query: shown as the apprentice types, after submitting, and to the trainer. */
export function PrecheckHints({ flags, live = false, empty }: { flags: readonly { id: string; message: string }[]; live?: boolean; empty?: string }) {
  return (
    <div aria-live={live ? 'polite' : undefined} className="border-l-4 border-nhs-warm-yellow bg-nhs-grey-5 p-3">
      <p className="font-bold">Pre-check hints{flags.length ? ` (${flags.length})` : ''}</p>
      {flags.length === 0 ? (
        <p className="text-sm">{empty ?? 'No hints: the checks found nothing to flag. They are simple checks; your trainer still marks the query.'}</p>
      ) : (
        <ul className="mt-1 list-disc space-y-1 pl-5 text-sm">
          {flags.map((f) => (
            <li key={f.id}>{f.message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
