'use client';
import { createContext, useCallback, useContext, useMemo, useState } from 'react';
import { useRouter } from 'next/navigation';
import { FormMessage, SubmitButton } from '@/components/form/fields';
import { useServerForm } from '@/components/form/use-server-form';
import type { FormResult } from '@/lib/forms/result';
import { OtjBulkAccept } from '@/lib/otj/schemas';

type Picked = { id: string; rowVersion: number };
type Values = { entries: Picked[]; comment: string };
type Selection = { isSelected: (id: string) => boolean; toggle: (entry: Picked, on: boolean) => void; invalid: boolean };

const SelectionContext = createContext<Selection | null>(null);

/**
 * Accept several off-the-job entries at once: the trainer ticks entries in the table (OtjSelectBox,
 * anywhere inside) and accepts them with one comment. The table stays a server component; only the
 * ticks and this form are client state. The server accepts all or none (see acceptOtjEntries).
 */
export function OtjBulkAcceptForm({ accept, children }: { accept: (v: Values) => Promise<FormResult<number>>; children: React.ReactNode }) {
  const router = useRouter();
  const [selected, setSelected] = useState<Map<string, number>>(new Map());
  const [done, setDone] = useState<number | null>(null);
  const { form, onSubmit, message, saved, setSaved } = useServerForm<Values, number>(OtjBulkAccept, accept, { entries: [], comment: '' }, (n, f) => {
    setDone(n);
    setSelected(new Map());
    f.reset({ entries: [], comment: '' });
    router.refresh();
  });
  const { register, formState, setValue, clearErrors } = form;
  const entriesError = (formState.errors.entries as { message?: string; root?: { message?: string } } | undefined)?.message ?? (formState.errors.entries as { root?: { message?: string } } | undefined)?.root?.message;
  const commentError = formState.errors.comment?.message;

  const toggle = useCallback(
    (entry: Picked, on: boolean) => {
      setSaved(false);
      setSelected((prev) => {
        const next = new Map(prev);
        if (on) next.set(entry.id, entry.rowVersion);
        else next.delete(entry.id);
        setValue(
          'entries',
          [...next].map(([id, rowVersion]) => ({ id, rowVersion })),
        );
        return next;
      });
      clearErrors('entries');
    },
    [setValue, clearErrors, setSaved],
  );
  const selection = useMemo<Selection>(() => ({ isSelected: (id) => selected.has(id), toggle, invalid: Boolean(entriesError) }), [selected, toggle, entriesError]);
  const count = selected.size;

  return (
    <SelectionContext.Provider value={selection}>
      <form method="post" onSubmit={onSubmit} noValidate aria-labelledby="bulk-heading" className="mb-4 space-y-3 border border-nhs-grey-4 bg-white p-4">
        <h3 id="bulk-heading" className="text-lg font-bold">
          Accept several entries at once
        </h3>
        <FormMessage message={message} saved={saved} savedText={done === 1 ? '1 entry accepted.' : `${done ?? 0} entries accepted.`} />
        <div className={entriesError ? 'border-l-4 border-nhs-red pl-3' : ''}>
          <p id="bulk-selected" aria-live="polite">
            Tick the entries in the table below, then accept them together. <strong>{count === 1 ? '1 entry selected.' : `${count} entries selected.`}</strong>
          </p>
          {entriesError && (
            <p id="bulk-entries-error" className="text-sm font-bold text-nhs-red">
              <span className="sr-only">Error: </span>
              {entriesError}
            </p>
          )}
        </div>
        <div className={commentError ? 'border-l-4 border-nhs-red pl-3' : ''}>
          <label htmlFor="bulk-comment" className="block font-bold">
            Comment to the apprentice on each entry <span className="font-normal text-nhs-grey-1">(optional; never include patient details)</span>
          </label>
          {commentError && (
            <p id="bulk-comment-error" className="text-sm font-bold text-nhs-red">
              <span className="sr-only">Error: </span>
              {commentError}
            </p>
          )}
          <textarea
            id="bulk-comment"
            rows={2}
            aria-invalid={commentError ? true : undefined}
            aria-describedby={commentError ? 'bulk-comment-error' : undefined}
            className="mt-1 block w-full max-w-2xl border-2 border-nhs-black bg-white px-2 py-1"
            {...register('comment')}
          />
        </div>
        <SubmitButton pending={formState.isSubmitting}>{count > 1 ? `Accept the ${count} selected entries` : 'Accept the selected entries'}</SubmitButton>
      </form>
      {children}
    </SelectionContext.Provider>
  );
}

/** The tick box of one entry in the table; outside OtjBulkAcceptForm it renders nothing. */
export function OtjSelectBox({ id, rowVersion, entryLabel }: { id: string; rowVersion: number; entryLabel: string }) {
  const selection = useContext(SelectionContext);
  if (!selection) return null;
  return (
    <label className="flex items-center gap-2">
      <input
        type="checkbox"
        className="h-5 w-5"
        checked={selection.isSelected(id)}
        aria-describedby={selection.invalid ? 'bulk-entries-error' : undefined}
        onChange={(e) => selection.toggle({ id, rowVersion }, e.target.checked)}
      />
      <span className="sr-only">Select {entryLabel}</span>
    </label>
  );
}
