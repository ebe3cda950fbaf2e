'use client';
import { useId } from 'react';
import type { FieldError, UseFormRegisterReturn } from 'react-hook-form';

/** A labelled textarea with its hint and error beside it, like TextField in components/form. */
export function TextAreaField({ label, hint, error, registration, rows = 6 }: { label: string; hint?: string; error?: FieldError; registration: UseFormRegisterReturn; rows?: number }) {
  const id = useId();
  const describedBy = [hint && `${id}-hint`, error?.message && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'border-l-4 border-nhs-red pl-3' : ''}>
      <label htmlFor={id} className="block font-bold">
        {label}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="mt-1 text-sm text-nhs-grey-1">
          {hint}
        </p>
      )}
      {error?.message && (
        <p id={`${id}-error`} className="mt-1 text-sm font-bold text-nhs-red">
          <span className="sr-only">Error: </span>
          {error.message}
        </p>
      )}
      <textarea
        id={id}
        rows={rows}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className={`mt-1 block w-full rounded-none border-2 bg-white px-3 py-2 text-base ${error ? 'border-nhs-red' : 'border-nhs-black'}`}
        {...registration}
      />
    </div>
  );
}
