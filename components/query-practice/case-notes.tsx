import { QUERY_NOTE_HEADINGS } from '@/lib/content/query-scenario';

/** A scenario's synthetic notes, section by section in the order a record reads (jsonb keeps no key order). */
export function QueryCaseNotes({ notes, headingId = 'notes-heading' }: { notes: Record<string, string>; headingId?: string }) {
  const keys = [...Object.keys(QUERY_NOTE_HEADINGS), ...Object.keys(notes).filter((k) => !(k in QUERY_NOTE_HEADINGS))].filter((k) => notes[k]);
  return (
    <article aria-labelledby={headingId} className="self-start border border-nhs-grey-4 bg-white p-5">
      <h2 id={headingId} className="mb-1 text-2xl font-bold">
        Case notes
      </h2>
      <p className="mb-4 text-sm text-nhs-grey-1">Synthetic record: no real patient.</p>
      {keys.map((key) => (
        <section key={key} className="mb-4">
          <h3 className="font-bold">{QUERY_NOTE_HEADINGS[key] ?? key}</h3>
          <p className="whitespace-pre-line break-words">{notes[key]}</p>
        </section>
      ))}
    </article>
  );
}
