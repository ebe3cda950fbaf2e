'use client';
import { useEffect, useRef, useState, useTransition } from 'react';
import { formatDateTime } from '@/lib/format';

type Feed = { createdAt: string; lastFetchedAt: string | null } | null;

/**
 * Subscribing in Outlook: make a secret address, copy it, revoke it. The address is shown once, when it is
 * made (the service keeps only a hash of it); a lost address is replaced by making a new one, which
 * stops the old one.
 */
export function FeedPanel({ feed, create, revoke }: { feed: Feed; create: () => Promise<{ url: string }>; revoke: () => Promise<void> }) {
  const [url, setUrl] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const shown = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (url) shown.current?.focus();
  }, [url]);

  const onCreate = () =>
    start(async () => {
      setCopied(false);
      setMessage(null);
      setUrl((await create()).url);
    });
  const onRevoke = () =>
    start(async () => {
      await revoke();
      setUrl(null);
      setMessage('Your calendar feed is revoked: its address no longer works. Remove the calendar from Outlook too.');
    });
  const onCopy = async () => {
    if (!url) return;
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
    } catch {
      setCopied(false); // no clipboard access: the address is selected in its box to copy by hand
    }
  };

  return (
    <div className="space-y-4">
      <div role="status">{message && <p className="border-l-8 border-nhs-green bg-white p-4 font-bold">{message}</p>}</div>
      {url ? (
        <div ref={shown} tabIndex={-1} className="space-y-3 border-l-8 border-nhs-blue bg-white p-4 focus:outline-4 focus:outline-nhs-yellow">
          <p className="font-bold">Your calendar address. Copy it now: it is shown only this once.</p>
          <label htmlFor="feed-url" className="block font-bold">
            Calendar address
          </label>
          <input id="feed-url" readOnly value={url} onFocus={(e) => e.currentTarget.select()} className="w-full border-2 border-nhs-black p-2 font-mono text-sm [overflow-wrap:anywhere]" />
          <button type="button" onClick={onCopy} className="border-2 border-nhs-black bg-white px-4 py-2 font-bold hover:bg-nhs-grey-5">
            Copy address
          </button>
          <p role="status" className="text-nhs-green">
            {copied ? 'Copied.' : ''}
          </p>
          <p>Anyone with this address can see your dates (never your evidence or notes). Keep it to yourself; if it is shared by mistake, revoke it.</p>
        </div>
      ) : feed ? (
        <p>
          You have a calendar feed, made on {formatDateTime(new Date(feed.createdAt))}
          {feed.lastFetchedAt ? '; your calendar app last fetched it ' + formatDateTime(new Date(feed.lastFetchedAt)) : '; no calendar app has fetched it yet'}. Its address was shown
          once, when it was made. Lost it? Make a new one: the old one stops working.
        </p>
      ) : (
        <p>You have no calendar feed.</p>
      )}
      <details className="bg-white p-4">
        <summary className="cursor-pointer font-bold">How to add it to Outlook</summary>
        <ol className="mt-3 list-decimal space-y-1 pl-6">
          <li>Make a calendar feed below and copy its address.</li>
          <li>Outlook on the web: open Calendar, choose Add calendar, then Subscribe from web. Paste the address, name it and choose Import.</li>
          <li>Outlook for Windows: in Calendar choose Add calendar, then From Internet, and paste the address.</li>
          <li>Outlook fetches it again every few hours: a date that changes here moves there.</li>
        </ol>
      </details>
      <div className="flex flex-wrap gap-3">
        <button type="button" onClick={onCreate} disabled={pending} className="bg-nhs-green px-4 py-2 font-bold text-white hover:bg-[#00662f] disabled:opacity-60">
          {feed || url ? 'Make a new calendar feed' : 'Make a calendar feed'}
        </button>
        {(feed || url) && (
          <button type="button" onClick={onRevoke} disabled={pending} className="bg-nhs-red px-4 py-2 font-bold text-white hover:bg-[#8a1538] disabled:opacity-60">
            Revoke calendar feed
          </button>
        )}
      </div>
    </div>
  );
}
