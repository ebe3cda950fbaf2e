import type { UseFormRegisterReturn } from 'react-hook-form';
import { RATING_LABEL, RATINGS } from '@/lib/initial-assessment/schemas';

type Ksb = { code: string; text: string };

/**
 * One KSB as a fieldset: its code and the standard's words as the legend, three radios (none yet, some,
 * confident) and, where given, what the apprentice said (the trainer's view) and extra controls (the RPL box).
 */
export function RatingFieldset({ ksb, registration, error, note, children }: { ksb: Ksb; registration: UseFormRegisterReturn; error?: string; note?: React.ReactNode; children?: React.ReactNode }) {
  const errorId = `rating-${ksb.code}-error`;
  return (
    <fieldset id={`rating-${ksb.code}`} className={`space-y-2 p-3 ${error ? 'border-l-4 border-nhs-red' : ''}`} aria-describedby={error ? errorId : undefined}>
      <legend className="float-left w-full wrap-break-word">
        <strong>{ksb.code}</strong> {ksb.text}
      </legend>
      {note && <p className="clear-left text-sm text-nhs-grey-1">{note}</p>}
      {error && (
        <p id={errorId} className="clear-left text-sm font-bold text-nhs-red">
          <span className="sr-only">Error: </span>
          {error}
        </p>
      )}
      <div className="clear-left flex flex-wrap gap-x-6 gap-y-2">
        {RATINGS.map((r) => (
          <label key={r} className="flex items-center gap-2">
            <input type="radio" value={r} className="h-5 w-5" {...registration} />
            {RATING_LABEL[r]}
          </label>
        ))}
      </div>
      {children}
    </fieldset>
  );
}
