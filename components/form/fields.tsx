'use client';
import { useId } from 'react';
import type { FieldError, UseFormRegisterReturn } from 'react-hook-form';

type Common = {
  label: string;
  hint?: string;
  error?: FieldError;
  registration: UseFormRegisterReturn;
  className?: string;
};

const inputClass = (error?: FieldError) =>
  `mt-1 block w-full rounded-none border-2 bg-white px-3 py-2 text-base ${error ? 'border-nhs-red' : 'border-nhs-black'}`;

function Describe({ id, hint, error }: { id: string; hint?: string; error?: FieldError }) {
  return (
    <>
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
    </>
  );
}

const describedBy = (id: string, hint?: string, error?: FieldError) =>
  [hint && `${id}-hint`, error?.message && `${id}-error`].filter(Boolean).join(' ') || undefined;

function FieldShell({ id, label, hint, error, className, children }: { id: string; label: string; hint?: string; error?: FieldError; className?: string; children: React.ReactNode }) {
  return (
    <div className={`${error ? 'border-l-4 border-nhs-red pl-3' : ''} ${className ?? ''}`}>
      <label htmlFor={id} className="block font-bold">
        {label}
      </label>
      <Describe id={id} hint={hint} error={error} />
      {children}
    </div>
  );
}

export function TextField({ label, hint, error, registration, className, type = 'text', autoComplete, inputMode, min, max, step, required }: Common & {
  type?: 'text' | 'email' | 'password' | 'date' | 'datetime-local' | 'number' | 'search';
  autoComplete?: string;
  inputMode?: 'decimal' | 'numeric' | 'email' | 'text';
  /** The field type's bounds (lib/forms/fields.ts), for the browser's own controls; the schema is still the rule. */
  min?: number | string;
  max?: number | string;
  step?: number | 'any';
  required?: boolean;
}) {
  const id = useId();
  return (
    <FieldShell id={id} label={label} hint={hint} error={error} className={className}>
      <input
        id={id}
        type={type}
        autoComplete={autoComplete}
        inputMode={inputMode}
        min={min}
        max={max}
        step={step ?? (type === 'number' ? 'any' : undefined)}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        className={inputClass(error)}
        {...registration}
      />
    </FieldShell>
  );
}

export function TextAreaField({ label, hint, error, registration, className, rows = 6, id: givenId }: Common & { rows?: number; id?: string }) {
  const generated = useId();
  const id = givenId ?? generated;
  return (
    <FieldShell id={id} label={label} hint={hint} error={error} className={className}>
      <textarea
        id={id}
        rows={rows}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        className={inputClass(error)}
        {...registration}
      />
    </FieldShell>
  );
}

export function SelectField({ label, hint, error, registration, className, options, placeholder }: Common & {
  options: { value: string; label: string }[];
  placeholder?: string;
}) {
  const id = useId();
  return (
    <FieldShell id={id} label={label} hint={hint} error={error} className={className}>
      <select id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} className={inputClass(error)} {...registration}>
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

export function FormMessage({ message, saved, savedText = 'Saved.' }: { message: string | null; saved?: boolean; savedText?: string }) {
  if (message)
    return (
      <div role="alert" className="border-4 border-nhs-red bg-white p-4 font-bold text-nhs-red">
        {message}
      </div>
    );
  if (saved)
    return (
      <div role="status" className="border-l-8 border-nhs-green bg-white p-4 font-bold text-nhs-green">
        {savedText}
      </div>
    );
  return <div role="status" className="sr-only" />;
}

export function SubmitButton({
  pending,
  children,
  variant = 'primary',
  onClick,
  id,
}: {
  pending: boolean;
  children: React.ReactNode;
  variant?: 'primary' | 'secondary';
  /** For focusing it when a page arrives after a save. */
  id?: string;
  /** Runs before the form submits: which of two submit buttons was pressed. */
  onClick?: () => void;
}) {
  const colours = variant === 'primary' ? 'bg-nhs-green text-white hover:bg-[#00662f]' : 'bg-nhs-grey-1 text-white hover:bg-[#384853]';
  // Not `disabled` while pending: a disabled button drops focus to <body> (WCAG 2.4.3), and a keyboard user
  // would start again from the top of the page. A press while pending is ignored instead.
  return (
    <button
      id={id}
      type="submit"
      aria-disabled={pending}
      onClick={(e) => {
        if (pending) {
          e.preventDefault();
          return;
        }
        onClick?.();
      }}
      className={`${colours} inline-flex items-center gap-2 px-4 py-2 font-bold shadow-[0_4px_0_#00401e] aria-disabled:opacity-70`}
    >
      {pending && <span aria-hidden className="h-4 w-4 animate-spin rounded-full border-2 border-white border-t-transparent" />}
      {children}
    </button>
  );
}
