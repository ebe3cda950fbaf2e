'use client';
import { dateInputBounds, PAST_WINDOW } from '@/lib/forms/fields';
import { useId } from 'react';
import { useRouter } from 'next/navigation';
import { FormMessage, SubmitButton, TextAreaField, TextField } from '@/components/form/fields';
import { useServerForm } from '@/components/form/use-server-form';
import { KsbPicker } from '@/components/evidence/ksb-picker';
import { ReviewInput } from '@/lib/reviews/schemas';
import type { FormResult } from '@/lib/forms/result';

type Values = {
  apprenticeshipId: string;
  reviewDate: string;
  progressSummary: string;
  ksbsDiscussed: string[];
  targets: string;
  wellbeing: string;
  safeguardingConcern: 'no' | 'yes' | '';
  safeguardingNotes: string;
};

const NO_PATIENT_DATA = 'Never include patient details: anything that looks like an NHS number is refused.';

/**
 * The trainer's record of a tripartite review. The off-the-job hours are shown, not typed: the server
 * takes them from the log as it stood on the review date.
 */
export function ReviewForm({
  apprenticeshipId,
  today,
  ksbs,
  otjToday,
  action,
}: {
  apprenticeshipId: string;
  today: string;
  ksbs: { code: string; text: string }[];
  otjToday: { logged: number; planned: number };
  action: (v: Values) => Promise<FormResult<string>>;
}) {
  const router = useRouter();
  const radios = useId();
  const initial: Values = { apprenticeshipId, reviewDate: today, progressSummary: '', ksbsDiscussed: [], targets: '', wellbeing: '', safeguardingConcern: '', safeguardingNotes: '' };
  const { form, onSubmit, message } = useServerForm<Values, string>(ReviewInput, action, initial, (id) => router.push(`/reviews/${id}`));
  const { register, formState, setValue, watch } = form;
  const e = formState.errors;
  const chosen = watch('ksbsDiscussed');
  const concern = watch('safeguardingConcern');
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-5">
      <FormMessage message={message} />
      <TextField label="Date of the review" type="date" {...dateInputBounds(PAST_WINDOW)} required className="sm:max-w-xs" hint="The day the apprentice, employer and you met. Not in the future." registration={register('reviewDate')} error={e.reviewDate} />
      <TextAreaField label="Progress since the last review" hint={`What the apprentice has done and how well. ${NO_PATIENT_DATA}`} rows={6} registration={register('progressSummary')} error={e.progressSummary} />
      <KsbPicker
        ksbs={ksbs}
        value={chosen}
        onChange={(codes) => setValue('ksbsDiscussed', codes, { shouldDirty: true, shouldValidate: formState.isSubmitted })}
        error={e.ksbsDiscussed?.message}
        legend="Knowledge, skills and behaviours discussed"
      />
      <TextAreaField label="Targets for the next period" hint="What the apprentice will do before the next review, and by when." rows={5} registration={register('targets')} error={e.targets} />
      <div className="border-l-8 border-nhs-blue bg-nhs-grey-5 p-3" aria-labelledby={`${radios}-otj`} role="group">
        <p id={`${radios}-otj`} className="font-bold">
          Off-the-job hours
        </p>
        <p>
          Filled in from the log as it stands on the review date, not typed. As at today: <strong>{otjToday.logged.toFixed(2)}</strong> hours logged against{' '}
          <strong>{otjToday.planned.toFixed(2)}</strong> planned to date.
        </p>
      </div>
      <TextAreaField label="Wellbeing" hint="How the apprentice says they are, and any support agreed." rows={3} registration={register('wellbeing')} error={e.wellbeing} />
      <fieldset className={e.safeguardingConcern ? 'border-l-4 border-nhs-red pl-3' : ''} aria-describedby={e.safeguardingConcern ? `${radios}-error` : undefined}>
        <legend className="font-bold">Safeguarding check: is there a concern?</legend>
        {e.safeguardingConcern?.message && (
          <p id={`${radios}-error`} className="text-sm font-bold text-nhs-red">
            <span className="sr-only">Error: </span>
            {e.safeguardingConcern.message}
          </p>
        )}
        <div className="mt-2 flex gap-6">
          {(['no', 'yes'] as const).map((v) => (
            <label key={v} className="flex items-center gap-2">
              <input type="radio" value={v} className="h-5 w-5" {...register('safeguardingConcern')} />
              {v === 'no' ? 'No concern' : 'Yes, a concern'}
            </label>
          ))}
        </div>
      </fieldset>
      <TextAreaField
        label="Safeguarding notes"
        hint={concern === 'yes' ? 'Required: the concern and what was done (who it was referred to).' : 'Only when there is a concern.'}
        rows={3}
        registration={register('safeguardingNotes')}
        error={e.safeguardingNotes}
      />
      <p className="text-nhs-grey-1">Saving records the review as signed by you; the apprentice and their employer then add a comment and sign.</p>
      <SubmitButton pending={formState.isSubmitting}>Record the review</SubmitButton>
    </form>
  );
}
