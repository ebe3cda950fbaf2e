'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { FormMessage, SubmitButton, TextField } from '@/components/form/fields';
import { useServerForm } from '@/components/form/use-server-form';
import { formatDateTime } from '@/lib/format';
import type { FormResult } from '@/lib/forms/result';
import { GatewayLinkInput } from '@/lib/gateway/schemas';

type Values = { apprenticeshipId: string; recipient: string; days: string };
type Made = { path: string; recipient: string; expiresAt: string };

/**
 * Shares the pack with an end-point assessment organisation: its name and how many days the link lasts. The
 * full address is shown once, with a copy button: only its hash is kept, so it cannot be shown again.
 */
export function GatewayLinkForm({ apprenticeshipId, defaultDays, action }: { apprenticeshipId: string; defaultDays: number; action: (v: Values) => Promise<FormResult<Made>> }) {
  const router = useRouter();
  const [made, setMade] = useState<(Made & { url: string }) | null>(null);
  const [copied, setCopied] = useState(false);
  const { form, onSubmit, message } = useServerForm<Values, Made>(GatewayLinkInput, action, { apprenticeshipId, recipient: '', days: String(defaultDays) }, (data, f) => {
    setMade({ ...data, url: new URL(data.path, window.location.origin).toString() });
    setCopied(false);
    f.reset({ apprenticeshipId, recipient: '', days: String(defaultDays) });
    router.refresh();
  });
  const { register, formState } = form;
  async function copy() {
    if (!made) return;
    await navigator.clipboard.writeText(made.url).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  }
  return (
    <div className="space-y-4">
      {made && (
        <div className="border-l-4 border-nhs-green bg-nhs-grey-5 p-4" role="status">
          <p className="font-bold">
            Link for {made.recipient}, until {formatDateTime(new Date(made.expiresAt))}. Copy it now: it is not shown again.
          </p>
          <label htmlFor="gateway-link-url" className="mt-2 block text-sm">
            Link
          </label>
          <input id="gateway-link-url" readOnly value={made.url} className="w-full border-2 border-nhs-grey-1 p-2 font-mono text-sm" onFocus={(e) => e.currentTarget.select()} />
          <button type="button" onClick={copy} className="mt-2 border-2 border-nhs-blue bg-white px-4 py-2 font-bold text-nhs-blue hover:bg-nhs-grey-4">
            Copy the link
          </button>
          <span className="ml-3 text-sm" aria-live="polite">
            {copied ? 'Copied.' : ''}
          </span>
        </div>
      )}
      <form method="post" onSubmit={onSubmit} noValidate className="space-y-4">
        <FormMessage message={message} />
        <TextField label="End-point assessment organisation" hint="The organisation the link is for, as it will show in the list of links." registration={register('recipient')} error={formState.errors.recipient} autoComplete="organization" />
        <TextField label="Days the link lasts" hint="From 1 to 365 days." inputMode="numeric" className="max-w-xs" registration={register('days')} error={formState.errors.days} />
        <SubmitButton pending={formState.isSubmitting}>Share with the end-point assessment organisation</SubmitButton>
      </form>
    </div>
  );
}
