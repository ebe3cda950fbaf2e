'use client';
import { useRouter } from 'next/navigation';
import { FormMessage, SubmitButton, TextAreaField } from '@/components/form/fields';
import { useServerForm } from '@/components/form/use-server-form';
import { KSB_KIND_LABEL, type KsbKind } from '@/lib/content/standard';
import type { FormResult } from '@/lib/forms/result';
import { RATING_HINT, RATING_LABEL, RATINGS, SelfAssessmentInput } from '@/lib/initial-assessment/schemas';
import { RatingFieldset } from './rating-fieldset';

type Ksb = { code: string; kind: KsbKind; text: string };
type Rating = '' | 'none' | 'some' | 'confident';
type Values = { apprenticeshipId: string; rowVersion: number; intent: 'draft' | 'submit'; ratings: Record<string, Rating>; priorLearning: string; experience: string };

/**
 * The apprentice's self-assessment: one fieldset of three radios per KSB, grouped Knowledge, Skills and
 * Behaviours, then prior learning and experience. "Save draft" keeps what is done; "Submit" needs every item.
 */
export function SelfAssessmentForm({ apprenticeshipId, rowVersion, ksbs, initial, save }: {
  apprenticeshipId: string;
  rowVersion: number;
  ksbs: Ksb[];
  initial: { ratings: Record<string, Rating>; priorLearning: string; experience: string };
  save: (v: Values) => Promise<FormResult<{ rowVersion: number; submitted: boolean }>>;
}) {
  const router = useRouter();
  const { form, onSubmit, message, saved } = useServerForm<Values, { rowVersion: number; submitted: boolean }>(
    SelfAssessmentInput,
    save,
    { apprenticeshipId, rowVersion, intent: 'draft', ratings: Object.fromEntries(ksbs.map((k) => [k.code, initial.ratings[k.code] ?? ''])), priorLearning: initial.priorLearning, experience: initial.experience },
    (data, f) => {
      if (data.submitted) router.replace('/apprentice/initial-assessment?submitted=1', { scroll: true });
      else f.setValue('rowVersion', data.rowVersion);
    },
  );
  const { register, formState, setValue, watch } = form;
  const e = formState.errors;
  const ratingErr = (c: string) => (e.ratings as Record<string, { message?: string }> | undefined)?.[c]?.message;
  const ratings = watch('ratings');
  const done = ksbs.filter((k) => ratings[k.code]).length;
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-6">
      <FormMessage message={message ?? (e.ratings?.root?.message || (e.ratings as { message?: string } | undefined)?.message || null)} saved={saved} savedText="Draft saved. You can come back to it; submit it when every item is rated." />
      <div className="bg-white p-4">
        <h2 className="mb-2 text-xl font-bold">What the ratings mean</h2>
        <dl className="grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-[auto_1fr]">
          {RATINGS.map((r) => (
            <div key={r} className="contents">
              <dt className="font-bold">{RATING_LABEL[r]}</dt>
              <dd>{RATING_HINT[r]}</dd>
            </div>
          ))}
        </dl>
        <p className="mt-3 text-sm" aria-live="polite">
          {done} of {ksbs.length} rated.
        </p>
      </div>
      {(['K', 'S', 'B'] as const).map((kind) => {
        const items = ksbs.filter((k) => k.kind === kind);
        return (
          <section key={kind} aria-labelledby={`rate-${kind}`} className="bg-white p-4">
            <h2 id={`rate-${kind}`} className="mb-2 text-2xl font-bold">
              {KSB_KIND_LABEL[kind]} <span className="text-lg font-normal text-nhs-grey-1">({items.length})</span>
            </h2>
            <div className="divide-y divide-nhs-grey-4 border border-nhs-grey-4">
              {items.map((k) => (
                <RatingFieldset key={k.code} ksb={k} registration={register(`ratings.${k.code}`)} error={ratingErr(k.code)} />
              ))}
            </div>
          </section>
        );
      })}
      <section aria-labelledby="prior-heading" className="space-y-4 bg-white p-4">
        <h2 id="prior-heading" className="text-2xl font-bold">
          Prior learning and experience
        </h2>
        <TextAreaField id="ia-prior-learning" label="Prior learning" hint="Courses, qualifications and training you have done that touch on any of these items, with the year. Never include patient details." rows={4} error={e.priorLearning} registration={register('priorLearning')} />
        <TextAreaField id="ia-experience" label="Experience" hint="Work you have done before that used any of these: the role, where and for how long." rows={4} error={e.experience} registration={register('experience')} />
      </section>
      <div className="flex flex-wrap gap-4">
        <SubmitButton pending={formState.isSubmitting} variant="secondary" onClick={() => setValue('intent', 'draft')}>
          Save draft
        </SubmitButton>
        <SubmitButton pending={formState.isSubmitting} onClick={() => setValue('intent', 'submit')}>
          Submit to my trainer
        </SubmitButton>
      </div>
      <p className="text-sm text-nhs-grey-1">Once submitted, your trainer goes through it with you; you can no longer change it.</p>
    </form>
  );
}
