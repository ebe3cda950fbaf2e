'use client';
import { useEffect, useId, useRef, useState } from 'react';

type Hit = { code: string; display: string; title: string; hasChildren: boolean; asterisk: boolean; dagger: boolean; episodes: number };

/**
 * An ordered list of codes with a search-as-you-type picker (the ARIA 1.2 combobox pattern: type a
 * code or words, arrow keys to choose, Enter to add, Escape to close). Entries move up and down and
 * are removed with buttons, so the keyboard does all a mouse can. The first entry is the primary.
 */
export function CodeListEditor({
  label,
  scheme,
  codes,
  onChange,
  hint,
}: {
  label: string;
  scheme: 'icd10' | 'opcs4';
  codes: string[];
  onChange: (codes: string[]) => void;
  hint: string;
}) {
  const id = useId();
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<Hit[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [announce, setAnnounce] = useState('');
  const input = useRef<HTMLInputElement>(null);
  // Moving or removing an entry re-renders the list, and the button pressed goes with it: focus then falls
  // to <body> (WCAG 2.4.3). After each change, focus goes to the matching button of the entry concerned.
  const list = useRef<HTMLOListElement>(null);
  const refocus = useRef<{ index: number; action: 'up' | 'down' | 'remove' } | null>(null);
  useEffect(() => {
    const target = refocus.current;
    if (!target) return;
    refocus.current = null;
    const item = list.current?.children[target.index];
    const button = item?.querySelector<HTMLButtonElement>(`button[data-action="${target.action}"]:not(:disabled)`) ?? item?.querySelector<HTMLButtonElement>('button:not(:disabled)');
    (button ?? input.current)?.focus();
  }, [codes]);

  useEffect(() => {
    const q = query.trim();
    if (q.length < 2) return;
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      try {
        const res = await fetch(`/api/codes?scheme=${scheme}&q=${encodeURIComponent(q)}`, { signal: controller.signal });
        if (!res.ok) return;
        const found = (await res.json()) as Hit[];
        setHits(found);
        setActive(found.length ? 0 : -1);
        setOpen(true);
      } catch {
        /* a newer query replaced this one */
      }
    }, 150);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query, scheme]);

  function add(code: string) {
    const clean = code.trim();
    if (!clean) return;
    onChange([...codes, clean]);
    setQuery('');
    setHits([]);
    setOpen(false);
    setAnnounce(`${clean} added as ${codes.length === 0 ? 'primary' : `secondary, position ${codes.length + 1}`}.`);
    input.current?.focus();
  }

  function move(index: number, by: -1 | 1) {
    const next = [...codes];
    const [item] = next.splice(index, 1);
    next.splice(index + by, 0, item!);
    onChange(next);
    setAnnounce(`${item} moved to position ${index + by + 1}${index + by === 0 ? ', now primary' : ''}.`);
    refocus.current = { index: index + by, action: by === -1 ? 'up' : 'down' };
  }

  function onKeyDown(e: React.KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      if (!open && hits.length) setOpen(true);
      setActive((a) => Math.min(hits.length - 1, a + 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(0, a - 1));
    } else if (e.key === 'Enter') {
      e.preventDefault(); // never submit the form from the picker
      const choice = open && active >= 0 ? hits[active] : undefined;
      add(choice ? (choice.hasChildren ? choice.code : choice.display) : query);
    } else if (e.key === 'Escape') {
      setOpen(false);
    }
  }

  const listId = `${id}-list`;
  const showList = open && query.trim().length >= 2;
  return (
    <div>
      <h3 className="text-xl font-bold">{label}</h3>
      <p id={`${id}-hint`} className="mb-3 text-sm text-nhs-grey-1">
        {hint}
      </p>
      {codes.length === 0 ? (
        <p className="mb-3 italic text-nhs-grey-1">None yet.</p>
      ) : (
        <ol ref={list} className="mb-3 divide-y divide-nhs-grey-4 border border-nhs-grey-4 bg-white" aria-label={`${label} in order`}>
          {codes.map((code, i) => (
            <li key={`${code}-${i}`} className="flex flex-wrap items-center gap-2 px-3 py-2">
              <span className="w-20 text-sm text-nhs-grey-1">{i === 0 ? 'Primary' : `Secondary ${i}`}</span>
              <span className="flex-1 font-mono font-bold">{code}</span>
              <button type="button" data-action="up" onClick={() => move(i, -1)} disabled={i === 0} className="border border-nhs-black px-2 py-1 text-sm disabled:opacity-40">
                Move up<span className="sr-only"> {code}</span>
              </button>
              <button type="button" data-action="down" onClick={() => move(i, 1)} disabled={i === codes.length - 1} className="border border-nhs-black px-2 py-1 text-sm disabled:opacity-40">
                Move down<span className="sr-only"> {code}</span>
              </button>
              <button
                type="button"
                data-action="remove"
                onClick={() => {
                  onChange(codes.filter((_, j) => j !== i));
                  setAnnounce(`${code} removed.`);
                  // The entry that took its place, else the one before; the code picker when none is left.
                  refocus.current = { index: Math.min(i, codes.length - 2), action: 'remove' };
                }}
                className="px-2 py-1 text-sm text-nhs-red underline"
              >
                Remove<span className="sr-only"> {code}</span>
              </button>
            </li>
          ))}
        </ol>
      )}
      <div className="relative">
        <label htmlFor={`${id}-input`} className="block font-bold">
          Add a {scheme === 'icd10' ? 'diagnosis' : 'procedure'} code
        </label>
        <input
          ref={input}
          id={`${id}-input`}
          type="text"
          role="combobox"
          autoComplete="off"
          aria-autocomplete="list"
          aria-expanded={showList}
          aria-controls={listId}
          aria-activedescendant={showList && active >= 0 ? `${id}-opt-${active}` : undefined}
          aria-describedby={`${id}-hint`}
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            if (e.target.value.trim().length < 2) {
              setHits([]);
              setOpen(false);
            }
          }}
          onKeyDown={onKeyDown}
          onBlur={() => setTimeout(() => setOpen(false), 150)}
          placeholder={scheme === 'icd10' ? 'Type a code (K35.8) or words (appendicitis)' : 'Type a code (H01.1) or words (appendicectomy)'}
          className="mt-1 block w-full border-2 border-nhs-black bg-white px-3 py-2"
        />
        <ul id={listId} role="listbox" aria-label={`${scheme === 'icd10' ? 'ICD-10' : 'OPCS-4'} matches`} hidden={!showList} className="absolute z-10 mt-1 max-h-72 w-full overflow-y-auto border-2 border-nhs-black bg-white shadow-lg">
          {hits.length === 0 && showList && (
            <li role="option" aria-selected={false} aria-disabled className="px-3 py-2 text-nhs-grey-1" id={`${id}-none`}>
              No matches. Press Enter to add “{query.trim()}” as typed.
            </li>
          )}
          {hits.map((h, i) => (
            <li
              key={h.code}
              id={`${id}-opt-${i}`}
              role="option"
              aria-selected={i === active}
              onMouseDown={(e) => {
                e.preventDefault();
                add(h.hasChildren ? h.code : h.display);
              }}
              onMouseEnter={() => setActive(i)}
              className={`cursor-pointer px-3 py-2 ${i === active ? 'bg-nhs-blue text-white' : ''}`}
            >
              <span className="font-mono font-bold">
                {h.display}
                {h.asterisk ? '*' : h.dagger ? '†' : ''}
              </span>{' '}
              {h.title}
              {h.hasChildren && <span className="text-sm"> (needs a {h.code.length > 3 ? 'fifth' : 'fourth'} character)</span>}
              {!h.hasChildren && h.episodes > 0 && (
                <span className={`block text-xs ${i === active ? 'text-white' : 'text-nhs-grey-1'}`}>used in {h.episodes.toLocaleString('en-GB')} episodes in England, 2023-24</span>
              )}
            </li>
          ))}
        </ul>
      </div>
      <p aria-live="polite" className="sr-only">
        {announce}
      </p>
    </div>
  );
}
