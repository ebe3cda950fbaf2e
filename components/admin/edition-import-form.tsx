'use client';
import { useId, useRef, useState } from 'react';
import { useRouter } from 'next/navigation';
import Link from 'next/link';
import { sendFile } from '@/lib/files/send-file';
import { DataTable } from '@/components/data-table';

type Problem = { line: number; message: string };
type Answer = { id: string; scheme: 'icd10' | 'opcs4'; format: string; codes: number; name: string } | { error: string; problems?: Problem[]; fields?: Record<string, string> };

/**
 * Imports an official release file (ICD-10 5th Edition or OPCS-4, text or XML) as a new edition, with upload
 * progress. What was typed stays when the server refuses; a bad file's problems are listed by line.
 */
export function EditionImportForm() {
  const id = useId();
  const router = useRouter();
  const file = useRef<HTMLInputElement>(null);
  const [name, setName] = useState('');
  const [releaseDate, setReleaseDate] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [progress, setProgress] = useState<{ loaded: number; total: number } | null>(null);
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [done, setDone] = useState<Extract<Answer, { id: string }> | null>(null);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setError(null);
    setProblems([]);
    setDone(null);
    const chosen = file.current?.files?.[0];
    const local: Record<string, string> = {};
    if (name.trim().length < 3) local.name = 'Give the edition a name of 3 or more characters, such as "ICD-10 5th Edition (2016-04-01)".';
    if (!chosen) local.file = 'Choose the release file (.txt or .xml).';
    setFields(local);
    if (Object.keys(local).length || !chosen) return;
    setProgress({ loaded: 0, total: chosen.size });
    const url = `/api/admin/classifications?${new URLSearchParams({ name: name.trim(), releaseDate })}`;
    const { status, body } = await sendFile(url, chosen, (loaded, total) => {
      setProgress({ loaded, total });
      if (loaded >= total) setChecking(true);
    });
    setProgress(null);
    setChecking(false);
    const answer = body as Answer | null;
    if (status === 201 && answer && 'id' in answer) {
      setDone(answer);
      if (file.current) file.current.value = '';
      router.refresh();
      return;
    }
    if (answer && 'error' in answer) {
      setError(answer.error);
      setProblems(answer.problems ?? []);
      setFields(answer.fields ?? {});
    } else setError('The file could not be sent. Check the connection and try again; nothing was imported.');
  }

  const busy = progress !== null;
  const fieldError = (key: string) =>
    fields[key] ? (
      <p id={`${id}-${key}-error`} className="text-sm font-bold text-nhs-red">
        <span className="sr-only">Error: </span>
        {fields[key]}
      </p>
    ) : null;
  return (
    <div className="space-y-5">
      <form method="post" onSubmit={submit} noValidate className="space-y-4">
        <div className={fields.name ? 'border-l-4 border-nhs-red pl-3' : ''}>
          <label htmlFor={`${id}-name`} className="block font-bold">
            Edition name
          </label>
          <p id={`${id}-name-hint`} className="text-sm text-nhs-grey-1">
            As your coders know it, with the release: for example “ICD-10 5th Edition (TRUD 2016-04-01)” or “OPCS-4.11 (Nov 2025)”.
          </p>
          {fieldError('name')}
          <input
            id={`${id}-name`}
            value={name}
            onChange={(e) => setName(e.target.value)}
            aria-describedby={`${id}-name-hint${fields.name ? ` ${id}-name-error` : ''}`}
            aria-invalid={fields.name ? true : undefined}
            className="mt-1 block w-full max-w-xl border-2 border-nhs-black px-3 py-2"
          />
        </div>
        <div className={fields.releaseDate ? 'border-l-4 border-nhs-red pl-3' : ''}>
          <label htmlFor={`${id}-date`} className="block font-bold">
            Release date (optional)
          </label>
          {fieldError('releaseDate')}
          <input id={`${id}-date`} type="date" value={releaseDate} onChange={(e) => setReleaseDate(e.target.value)} aria-invalid={fields.releaseDate ? true : undefined} className="mt-1 block border-2 border-nhs-black px-3 py-2" />
        </div>
        <div className={fields.file ? 'border-l-4 border-nhs-red pl-3' : ''}>
          <label htmlFor={`${id}-file`} className="block font-bold">
            Release file
          </label>
          <p id={`${id}-file-hint`} className="text-sm text-nhs-grey-1">
            From NHS England TRUD: ICD-10 5th Edition “CodesAndTitlesAndMetadata” or OPCS-4 “CodesAndTitles”, the .txt or the .xml. The format is read from the file itself. Up to 50 MB.
          </p>
          {fieldError('file')}
          <input
            id={`${id}-file`}
            ref={file}
            type="file"
            accept=".txt,.xml,text/plain,application/xml,text/xml"
            aria-describedby={`${id}-file-hint${fields.file ? ` ${id}-file-error` : ''}`}
            aria-invalid={fields.file ? true : undefined}
            className="mt-2 block max-w-full"
          />
        </div>
        <button type="submit" disabled={busy} className="inline-flex items-center gap-2 bg-nhs-green px-4 py-2 font-bold text-white shadow-[0_4px_0_#00401e] disabled:opacity-70">
          {busy && <span aria-hidden className="h-4 w-4 animate-spin rounded-full border-2 border-white border-t-transparent" />}
          {checking ? 'Checking every line…' : busy ? 'Uploading…' : 'Check and import'}
        </button>
        {progress && (
          <div>
            <label htmlFor={`${id}-progress`} className="block text-sm">
              {checking ? 'Uploaded; checking every line' : `Uploading ${Math.round((100 * progress.loaded) / Math.max(progress.total, 1))}%`}
            </label>
            <progress id={`${id}-progress`} max={Math.max(progress.total, 1)} value={progress.loaded} className="h-3 w-full max-w-xl accent-nhs-blue" />
          </div>
        )}
      </form>

      <div aria-live="polite">
        {done && (
          <p className="border-l-8 border-nhs-green bg-white p-4">
            <strong>Imported “{done.name}”:</strong> {done.codes.toLocaleString('en-GB')} {done.scheme === 'icd10' ? 'ICD-10' : 'OPCS-4'} codes ({done.format}). It is not active yet:{' '}
            <Link href={`/admin/classifications/${done.id}`}>read what activating it would change</Link>.
          </p>
        )}
        {error && (
          <section aria-labelledby={`${id}-problems`} className="border-4 border-nhs-red bg-white p-5">
            <h3 id={`${id}-problems`} className="text-xl font-bold text-nhs-red">
              Nothing was imported
            </h3>
            <p className="mb-3">{error}</p>
            {problems.length > 0 && (
              <DataTable caption="Problems in the file" head={['Line', 'Problem']}>
                {problems.map((p, i) => (
                  <tr key={i}>
                    <td className="whitespace-nowrap">{p.line > 0 ? p.line : 'whole file'}</td>
                    <td>{p.message}</td>
                  </tr>
                ))}
              </DataTable>
            )}
          </section>
        )}
      </div>
    </div>
  );
}
