'use client';
import { useRouter } from 'next/navigation';
import { FormMessage, SubmitButton, TextAreaField, TextField } from '@/components/form/fields';
import { useServerForm } from '@/components/form/use-server-form';
import { KSB_KIND_LABEL, type KsbKind } from '@/lib/content/standard';
import type { FundingSettings } from '@/lib/funding/settings';
import type { FormResult } from '@/lib/forms/result';
import { ConfirmAssessmentInput, RATING_LABEL, rplPreview } from '@/lib/initial-assessment/schemas';
import { RatingFieldset } from './rating-fieldset';
import { RplFigures } from './rpl-figures';

type Ksb = { code: string; kind: KsbKind; text: string };
type Rating = '' | 'none' | 'some' | 'confident';
type Values = { apprenticeshipId: string; rowVersion: number; ratings: Record<string, Rating>; trainerNotes: string; rplKsbs: string[]; rplReason: string; rplHours: string; rplMonths: string };

const whole = (v: string) => (/^\s*\d{1,5}\s*$/.test(v) ? Number(v) : 0);

/**
 * The trainer's confirmation: each KSB starts at the apprentice's own rating, to confirm or adjust, with a box
 * for recognised prior learning; then the reason, the hours and months it removes, and live, what that makes of
 * the planned off-the-job hours and duration.
 */
export function ConfirmAssessmentForm({ apprenticeshipId, rowVersion, ksbs, selfRatings, apprenticeName, apprenticeship, settings, save }: {
  apprenticeshipId: string;
  rowVersion: number;
  ksbs: Ksb[];
  selfRatings: Record<string, Rating>;
  apprenticeName: string;
  apprenticeship: { startDate: string; plannedEndDate: string; weeklyHours: number };
  settings: FundingSettings;
  save: (v: Values) => Promise<FormResult<number>>;
}) {
  const router = useRouter();
  const first = apprenticeName.split(' ')[0];
  const { form, onSubmit, message } = useServerForm<Values, number>(
    ConfirmAssessmentInput,
    save,
    { apprenticeshipId, rowVersion, ratings: Object.fromEntries(ksbs.map((k) => [k.code, selfRatings[k.code] ?? ''])), trainerNotes: '', rplKsbs: [], rplReason: '', rplHours: '0', rplMonths: '0' },
    () => router.replace(`/apprenticeships/${apprenticeshipId}/initial-assessment?confirmed=1`, { scroll: true }),
  );
  const { register, formState, watch } = form;
  const e = formState.errors;
  const ratingErr = (c: string) => (e.ratings as Record<string, { message?: string }> | undefined)?.[c]?.message;
  const [hours, months, ratings] = watch(['rplHours', 'rplMonths', 'ratings']);
  const rpl = { hours: whole(hours), months: whole(months) };
  const preview = rplPreview(apprenticeship, rpl, settings);
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-6">
      <FormMessage message={message} />
      {(['K', 'S', 'B'] as const).map((kind) => {
        const items = ksbs.filter((k) => k.kind === kind);
        return (
          <section key={kind} aria-labelledby={`confirm-${kind}`} className="bg-white p-4">
            <h2 id={`confirm-${kind}`} className="mb-2 text-2xl font-bold">
              {KSB_KIND_LABEL[kind]} <span className="text-lg font-normal text-nhs-grey-1">({items.length})</span>
            </h2>
            <div className="divide-y divide-nhs-grey-4 border border-nhs-grey-4">
              {items.map((k) => {
                const own = selfRatings[k.code];
                const changed = own && ratings[k.code] && ratings[k.code] !== own;
                return (
                  <RatingFieldset
                    key={k.code}
                    ksb={k}
                    registration={register(`ratings.${k.code}`)}
                    error={ratingErr(k.code)}
                    note={
                      <>
                        {first}’s rating: <strong>{own ? RATING_LABEL[own] : 'not rated'}</strong>
                        {changed && <span className="font-bold text-nhs-dark-blue"> (adjusted)</span>}
                      </>
                    }
                  >
                    <label className="flex items-center gap-2 text-sm">
                      <input type="checkbox" value={k.code} className="h-5 w-5" {...register('rplKsbs')} />
                      Covered by recognised prior learning
                    </label>
                  </RatingFieldset>
                );
              })}
            </div>
          </section>
        );
      })}
      <section aria-labelledby="rpl-heading" className="space-y-4 bg-white p-4">
        <h2 id="rpl-heading" className="text-2xl font-bold">
          Recognised prior learning
        </h2>
        {e.rplKsbs?.message && (
          <p className="font-bold text-nhs-red" role="alert">
            <span className="sr-only">Error: </span>
            {e.rplKsbs.message}
          </p>
        )}
        <TextAreaField id="ia-rpl-reason" label="Reason" hint="What the prior learning is and how you checked it (certificates, a conversation, work seen). Leave empty if there is none." rows={3} error={e.rplReason} registration={register('rplReason')} />
        <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
          <TextField label="Off-the-job hours it removes" hint="Whole hours; 0 if none." inputMode="numeric" error={e.rplHours} registration={register('rplHours')} />
          <TextField label="Months it removes" hint="Whole months; 0 if none." inputMode="numeric" error={e.rplMonths} registration={register('rplMonths')} />
        </div>
        <section aria-labelledby="rpl-effect-heading" aria-live="polite">
          <h3 id="rpl-effect-heading" className="mb-2 text-lg font-bold">
            What the training plan will start from
          </h3>
          <RplFigures preview={preview} rpl={rpl} settings={settings} />
        </section>
      </section>
      <section aria-labelledby="notes-heading" className="bg-white p-4">
        <h2 id="notes-heading" className="sr-only">
          Notes
        </h2>
        <TextAreaField id="ia-notes" label="Your notes" hint={`What you and ${first} agreed, and why you adjusted any rating. Never include patient details.`} rows={4} error={e.trainerNotes} registration={register('trainerNotes')} />
      </section>
      <SubmitButton pending={formState.isSubmitting}>Confirm initial assessment</SubmitButton>
    </form>
  );
}
