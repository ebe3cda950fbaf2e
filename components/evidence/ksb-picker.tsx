'use client';
import { useId, useState } from 'react';

type Ksb = { code: string; text: string };

/** Choose KSBs from the standard: filter by code or words, tick the ones this evidence shows. */
export function KsbPicker({
  ksbs,
  value,
  onChange,
  error,
  legend = 'Knowledge, skills and behaviours this evidence shows',
}: {
  ksbs: Ksb[];
  value: string[];
  onChange: (codes: string[]) => void;
  error?: string;
  legend?: string;
}) {
  const id = useId();
  const [filter, setFilter] = useState('');
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  const shown = ksbs.filter((k) => words.every((w) => k.code.toLowerCase() === w || k.text.toLowerCase().includes(w)));
  return (
    <fieldset className={error ? 'border-l-4 border-nhs-red pl-3' : ''} aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="font-bold">{legend}</legend>
      <p className="text-sm text-nhs-grey-1">{value.length ? `Chosen: ${value.join(', ')}` : 'None chosen yet.'}</p>
      {error && (
        <p id={`${id}-error`} className="text-sm font-bold text-nhs-red">
          <span className="sr-only">Error: </span>
          {error}
        </p>
      )}
      <label htmlFor={`${id}-filter`} className="mt-2 block text-sm font-bold">
        Find an item by code or words
      </label>
      <input id={`${id}-filter`} type="search" value={filter} onChange={(e) => setFilter(e.target.value)} className="mt-1 block w-full border-2 border-nhs-black px-3 py-2" />
      <ul className="mt-2 max-h-72 overflow-y-auto border border-nhs-grey-4" aria-label="Items of the standard">
        {shown.map((k) => (
          <li key={k.code} className="border-b border-nhs-grey-4 px-3 py-1 last:border-0">
            <label className="flex items-start gap-2">
              <input
                type="checkbox"
                checked={value.includes(k.code)}
                onChange={(e) => onChange(e.target.checked ? [...value, k.code] : value.filter((c) => c !== k.code))}
                className="mt-1 h-5 w-5 shrink-0"
              />
              <span>
                <strong>{k.code}</strong> {k.text}
              </span>
            </label>
          </li>
        ))}
        {shown.length === 0 && <li className="px-3 py-2 text-nhs-grey-1">No item matches “{filter}”.</li>}
      </ul>
    </fieldset>
  );
}
