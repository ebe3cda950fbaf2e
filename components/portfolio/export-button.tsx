'use client';

import { useEffect, useId, useRef, useState } from 'react';

type Progress = { done: number; total: number; ready: boolean; failed?: boolean };
type State =
  | { phase: 'idle' }
  | { phase: 'building'; done: number; total: number }
  | { phase: 'ready'; href: string }
  | { phase: 'error'; message: string };

const POLL_MS = 400;
const FAILED = 'The portfolio could not be exported. Try again; if it fails again, tell your training provider.';

async function errorOf(res: Response): Promise<string> {
  const body = (await res.json().catch(() => null)) as { error?: string } | null;
  return body?.error ?? FAILED;
}

/**
 * Builds the whole portfolio of an apprenticeship as a ZIP on the server, showing how many of its
 * items are done, then downloads it. The progress is announced politely to screen readers.
 */
export function ExportButton({ apprenticeshipId, label = 'Download my portfolio (ZIP)' }: { apprenticeshipId: string; label?: string }) {
  const id = useId();
  const [state, setState] = useState<State>({ phase: 'idle' });
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const download = useRef<HTMLAnchorElement>(null);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);

  async function start() {
    setState({ phase: 'building', done: 0, total: 0 });
    try {
      const res = await fetch(`/api/portfolio/${apprenticeshipId}/export`, { method: 'POST' });
      if (!res.ok) return setState({ phase: 'error', message: await errorOf(res) });
      const { token, done, total } = (await res.json()) as Progress & { token: string };
      setState({ phase: 'building', done, total });
      const url = `/api/portfolio/${apprenticeshipId}/export/${token}`;
      const poll = async () => {
        try {
          const r = await fetch(url, { cache: 'no-store' });
          if (!r.ok) return setState({ phase: 'error', message: await errorOf(r) });
          const p = (await r.json()) as Progress;
          if (p.failed) return setState({ phase: 'error', message: FAILED });
          if (!p.ready) {
            setState({ phase: 'building', done: p.done, total: p.total });
            timer.current = setTimeout(poll, POLL_MS);
            return;
          }
          setState({ phase: 'ready', href: `${url}?download=1` });
        } catch {
          setState({ phase: 'error', message: 'The connection was lost while the portfolio was being built. Try again.' });
        }
      };
      timer.current = setTimeout(poll, POLL_MS);
    } catch {
      setState({ phase: 'error', message: 'The portfolio could not be exported: check your connection and try again.' });
    }
  }

  // Once ready, the download starts by itself; the link stays in case the browser blocked it.
  useEffect(() => {
    if (state.phase === 'ready') download.current?.click();
  }, [state]);

  const building = state.phase === 'building';
  const percent = building && state.total ? Math.round((state.done / state.total) * 100) : 0;
  const status =
    state.phase === 'building'
      ? state.total
        ? `Building your ZIP: ${state.done} of ${state.total} items (${percent}%).`
        : 'Starting the export…'
      : state.phase === 'ready'
        ? 'Your portfolio is ready and is downloading.'
        : '';

  return (
    <div className="w-full max-w-sm space-y-2 sm:w-80">
      <button
        type="button"
        onClick={start}
        disabled={building}
        className="border-2 border-nhs-blue bg-white px-4 py-2 font-bold text-nhs-blue hover:bg-nhs-grey-5 disabled:cursor-wait disabled:opacity-70"
      >
        {label}
      </button>
      {building && (
        <div>
          <label htmlFor={`${id}-progress`} className="block text-sm">
            Building the ZIP
          </label>
          <progress id={`${id}-progress`} max={Math.max(state.total, 1)} value={state.done} className="h-3 w-full accent-nhs-blue">
            {percent}%
          </progress>
        </div>
      )}
      <p role="status" aria-live="polite" className="text-sm" data-testid="export-status">
        {status}
        {state.phase === 'ready' && (
          <>
            {' '}
            <a ref={download} href={state.href} download className="font-bold">
              Download it again
            </a>
          </>
        )}
      </p>
      {state.phase === 'error' && (
        <p role="alert" className="border-l-4 border-nhs-red pl-3 text-sm font-bold text-nhs-red">
          <span className="sr-only">Error: </span>
          {state.message}
        </p>
      )}
    </div>
  );
}
