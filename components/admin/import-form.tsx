'use client';
import { useRef, useState, useTransition } from 'react';
import Link from 'next/link';
import type { ImportResult } from '@/lib/dal/import';
import { DataTable } from '@/components/data-table';

export function ImportForm({ action }: { action: (csv: string) => Promise<ImportResult> }) {
  const [pending, start] = useTransition();
  const [result, setResult] = useState<ImportResult | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  function submit(event: React.FormEvent) {
    event.preventDefault();
    setResult(null);
    const file = fileInput.current?.files?.[0];
    if (!file) return setFileError('Choose a CSV file.');
    if (!/\.csv$/i.test(file.name) && file.type !== 'text/csv') return setFileError('The file must be a CSV file (.csv). Save the spreadsheet as CSV first.');
    setFileError(null);
    start(async () => {
      try {
        setResult(await action(await file.text()));
      } catch {
        setResult({ ok: false, problems: [{ line: 1, column: null, message: 'Something went wrong on our side and nothing was imported. Please try again.' }] });
      }
    });
  }

  return (
    <div className="space-y-6">
      <form method="post" onSubmit={submit} noValidate className="space-y-4">
        <div className={fileError ? 'border-l-4 border-nhs-red pl-3' : ''}>
          <label htmlFor="csv-file" className="block font-bold">
            CSV file
          </label>
          <p id="csv-hint" className="text-sm text-nhs-grey-1">
            Columns: name, email, employer, cohort, start date, planned end date, weekly hours. Dates as YYYY-MM-DD. At most 1,000 rows.
          </p>
          {fileError && (
            <p id="csv-error" className="text-sm font-bold text-nhs-red">
              <span className="sr-only">Error: </span>
              {fileError}
            </p>
          )}
          <input
            id="csv-file"
            ref={fileInput}
            type="file"
            accept=".csv,text/csv"
            aria-describedby={fileError ? 'csv-hint csv-error' : 'csv-hint'}
            aria-invalid={fileError ? true : undefined}
            className="mt-2 block max-w-full"
          />
        </div>
        <button type="submit" disabled={pending} className="inline-flex items-center gap-2 bg-nhs-green px-4 py-2 font-bold text-white shadow-[0_4px_0_#00401e] disabled:opacity-70">
          {pending && <span aria-hidden className="h-4 w-4 animate-spin rounded-full border-2 border-white border-t-transparent" />}
          {pending ? 'Checking every row…' : 'Check and import'}
        </button>
      </form>

      <div aria-live="polite">
        {result && !result.ok && (
          <section aria-labelledby="problems" className="border-4 border-nhs-red bg-white p-5">
            <h2 id="problems" className="text-2xl font-bold text-nhs-red">
              Nothing was imported
            </h2>
            <p className="mb-4">
              {result.problems.length === 1 ? 'There is 1 problem' : `There are ${result.problems.length} problems`} in the file. Correct {result.problems.length === 1 ? 'it' : 'them'} and import the whole file again.
            </p>
            <DataTable caption="Problems in the file" head={['Line', 'Column', 'Problem']}>
              {result.problems.map((p, i) => (
                <tr key={i}>
                  <td>{p.line}</td>
                  <td>{p.column ?? '—'}</td>
                  <td>{p.message}</td>
                </tr>
              ))}
            </DataTable>
          </section>
        )}
        {result?.ok && (
          <section aria-labelledby="imported" className="border-l-8 border-nhs-green bg-white p-5">
            <h2 id="imported" className="text-2xl font-bold text-nhs-green">
              Imported {result.created.length} apprentice{result.created.length === 1 ? '' : 's'}
            </h2>
            <p className="mb-4">
              Each has a temporary password, shown only now. Give each person theirs by a separate channel; they choose their own at first sign-in. Then{' '}
              <Link href="/admin/apprentices">assign their trainers</Link>.
            </p>
            <DataTable caption="Imported apprentices and their temporary passwords" head={['Line', 'Name', 'Email', 'Temporary password']}>
              {result.created.map((c) => (
                <tr key={c.email}>
                  <td>{c.line}</td>
                  <td>{c.name}</td>
                  <td>{c.email}</td>
                  <td className="font-mono">{c.temporaryPassword}</td>
                </tr>
              ))}
            </DataTable>
          </section>
        )}
      </div>
    </div>
  );
}
