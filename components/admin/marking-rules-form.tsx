'use client';
import { FormMessage, SubmitButton } from '@/components/form/fields';
import { useServerForm } from '@/components/form/use-server-form';
import { MarkingRulesForm } from '@/lib/coding/marking-rules-form';
import type { FormResult } from '@/lib/forms/result';

type Values = { unnecessary: string; swap: string; conventions: string };

const QUESTIONS = [
  {
    name: 'unnecessary',
    legend: 'A secondary code that is not needed (or repeated, or not a valid code)',
    options: [
      ['lowers', 'Lowers the secondary figure: it counts among the codes audited (default)'],
      ['reported', 'Is reported, but the figure counts only the expected codes'],
    ],
  },
  {
    name: 'swap',
    legend: 'A primary and a secondary given the wrong way round',
    options: [
      ['primary', 'Cost the primary figure only (default)'],
      ['both', 'Cost the primary figure and the secondary figure'],
    ],
  },
  {
    name: 'conventions',
    legend: 'A dagger/asterisk order error or an OPCS-4 Y/Z code out of place',
    options: [
      ['reported', 'Is reported without changing a figure (default)'],
      ['scored', 'Counts as a secondary error'],
    ],
  },
] as const;

export function MarkingRulesFormView({ initial, save }: { initial: Values; save: (v: Values) => Promise<FormResult<unknown>> }) {
  const { form, onSubmit, message, saved } = useServerForm<Values, unknown>(MarkingRulesForm, save, initial);
  const { register, formState } = form;
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-5">
      <FormMessage message={message} saved={saved} savedText="Marking rules saved. New marks use them; stored marks keep the rules they were made under until re-marked." />
      {QUESTIONS.map((q) => {
        const error = formState.errors[q.name]?.message;
        return (
          <fieldset key={q.name} className={`border border-nhs-grey-4 p-4 ${error ? 'border-l-4 border-l-nhs-red' : ''}`} aria-invalid={error ? true : undefined}>
            <legend className="px-1 font-bold">{q.legend}</legend>
            {error && (
              <p className="text-sm font-bold text-nhs-red">
                <span className="sr-only">Error: </span>
                {String(error)}
              </p>
            )}
            {q.options.map(([value, label]) => (
              <label key={value} className="flex items-start gap-3 py-1">
                <input type="radio" value={value} {...register(q.name)} className="mt-1 h-5 w-5 shrink-0" />
                <span>{label}</span>
              </label>
            ))}
          </fieldset>
        );
      })}
      <SubmitButton pending={formState.isSubmitting}>Save marking rules</SubmitButton>
    </form>
  );
}
