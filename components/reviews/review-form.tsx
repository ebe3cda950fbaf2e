'use client';
import { dateInputBounds, PAST_WINDOW } from '@/lib/forms/fields';
import { useId } from 'react';
import { useRouter } from 'next/navigation';
import { FormMessage, SubmitButton, TextAreaField, TextField } from '@/components/form/fields';
import { useServerForm } from '@/components/form/use-server-form';
import { KsbPicker } from '@/components/evidence/ksb-picker';
import { ReviewInput } from '@/lib/reviews/schemas';
import type { FormResult } from '@/lib/forms/result';
import { formatDate } from '@/lib/format';
import { formatHours } from '@/lib/otj/plan';
import type { Break } from '@/lib/funding/breaks';
import { reviewGap } from '@/lib/reviews/gap';
import { SKILL_WORDS, type SkillStatus } from '@/lib/reviews/prefill';

type Values = {
  apprenticeshipId: string;
  reviewDate: string;
  progressSummary: string;
  ksbsDiscussed: string[];
  targets: string;
  englishMaths: string;
  supportDiscussed: string;
  wellbeing: string;
  safeguardingConcern: 'no' | 'yes' | '';
  safeguardingNotes: string;
};

/** What changed since the last review (lib/dal/review-since.ts), shown above the form and behind its suggested text. */
export type SincePanel = {
  since: string | null;
  startDate: string;
  evidenceAccepted: number;
  ksbsNewlyMet: string[];
  otjHoursLogged: number;
  mocks: { title: string; grade: string; percent: number; at: Date }[];
  englishMaths: { now: { english: SkillStatus; maths: SkillStatus }; then: { english: SkillStatus; maths: SkillStatus } | null };
  planVersion: number | null;
  prefill: { englishMaths: string; supportDiscussed: string; targets: string };
};

/** One part of the minimum content under its heading (not a landmark: the form has seven). */
function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="space-y-3 border-t border-nhs-grey-4 pt-4">
      <h3 className="text-xl font-bold">{title}</h3>
      {children}
    </div>
  );
}

function skillChange(name: string, now: SkillStatus, then: SkillStatus | null) {
  return then && then !== now ? `${name} ${SKILL_WORDS[now]} (was ${SKILL_WORDS[then]})` : `${name} ${SKILL_WORDS[now]}`;
}

/** "Since the last review on D": the figures the trainer reports on, each counted from the day after it. */
export function SinceLastReviewPanel({ s }: { s: SincePanel }) {
  const id = useId();
  const title = s.since ? `Since the last review on ${formatDate(s.since)}` : `Since the start on ${formatDate(s.startDate)}`;
  return (
    <section aria-labelledby={id} className="border-l-8 border-nhs-blue bg-nhs-grey-5 p-4">
      <h3 id={id} className="mb-2 text-xl font-bold">
        {title}
      </h3>
      <dl className="grid grid-cols-1 gap-x-8 gap-y-2 sm:grid-cols-2">
        <div>
          <dt className="font-bold">Evidence accepted</dt>
          <dd>{s.evidenceAccepted === 1 ? '1 piece' : `${s.evidenceAccepted} pieces`}</dd>
        </div>
        <div>
          <dt className="font-bold">KSBs newly met</dt>
          <dd>{s.ksbsNewlyMet.length ? `${s.ksbsNewlyMet.length}: ${s.ksbsNewlyMet.join(', ')}` : 'None'}</dd>
        </div>
        <div>
          <dt className="font-bold">Off-the-job hours logged</dt>
          <dd>{formatHours(s.otjHoursLogged)} hours</dd>
        </div>
        <div>
          <dt className="font-bold">English and maths</dt>
          <dd>
            {skillChange('English', s.englishMaths.now.english, s.englishMaths.then?.english ?? null)}; {skillChange('maths', s.englishMaths.now.maths, s.englishMaths.then?.maths ?? null)}
          </dd>
        </div>
        <div className="sm:col-span-2">
          <dt className="font-bold">Mock assessment results</dt>
          <dd>
            {s.mocks.length ? (
              <ul className="list-disc pl-6">
                {s.mocks.map((m, i) => (
                  <li key={i}>
                    {m.title}: {m.grade} ({Math.round(m.percent)}%), {formatDate(m.at)}
                  </li>
                ))}
              </ul>
            ) : (
              'None'
            )}
          </dd>
        </div>
      </dl>
      <p className="mt-2 text-sm text-nhs-grey-1">The English and maths, support and next steps fields below start with suggested text from these figures and the {s.planVersion === null ? 'apprenticeship (no training plan signed yet)' : `signed training plan (version ${s.planVersion})`}: check and change it.</p>
    </section>
  );
}

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
  since,
  interval,
  startDate,
  action,
}: {
  apprenticeshipId: string;
  today: string;
  ksbs: { code: string; text: string }[];
  otjToday: { logged: number; planned: number };
  since: SincePanel;
  interval: { weeks: number; breaks: Break[]; lastReviewDate: string | null };
  startDate: string;
  action: (v: Values) => Promise<FormResult<string>>;
}) {
  const router = useRouter();
  const radios = useId();
  const initial: Values = {
    apprenticeshipId,
    reviewDate: today,
    progressSummary: '',
    ksbsDiscussed: [],
    targets: since.prefill.targets,
    englishMaths: since.prefill.englishMaths,
    supportDiscussed: since.prefill.supportDiscussed,
    wellbeing: '',
    safeguardingConcern: '',
    safeguardingNotes: '',
  };
  const { form, onSubmit, message } = useServerForm<Values, string>(ReviewInput, action, initial, (id) => router.push(`/reviews/${id}`));
  const { register, formState, setValue, watch } = form;
  const e = formState.errors;
  const chosen = watch('ksbsDiscussed');
  const concern = watch('safeguardingConcern');
  const reviewDate = watch('reviewDate');
  // Before saving: would the date chosen be later than the funding rules' interval allows?
  const gap = /^\d{4}-\d{2}-\d{2}$/.test(reviewDate ?? '') && reviewDate >= startDate ? reviewGap({ reviewDate, previousDate: interval.lastReviewDate, startDate, breaks: interval.breaks, intervalWeeks: interval.weeks }) : null;
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-5">
      <FormMessage message={message} />
      <TextField label="Date of the review" type="date" {...dateInputBounds(PAST_WINDOW)} required className="sm:max-w-xs" hint="The day the apprentice, employer and you met. Not in the future." registration={register('reviewDate')} error={e.reviewDate} />
      <div aria-live="polite">
        {gap?.message && (
          <p className="border-l-8 border-nhs-red bg-white p-3">
            <strong>This review would be late.</strong> {gap.message}
          </p>
        )}
      </div>
      <SinceLastReviewPanel s={since} />
      <Section title="Progress against the training plan">
        <TextAreaField label="Progress since the last review" hint={`What the apprentice has done against the training plan, and how well. ${NO_PATIENT_DATA}`} rows={6} registration={register('progressSummary')} error={e.progressSummary} />
      </Section>
      <Section title="Off-the-job hours">
        <p className="border-l-8 border-nhs-blue bg-nhs-grey-5 p-3">
          Filled in from the log as it stands on the review date, not typed. As at today: <strong>{otjToday.logged.toFixed(2)}</strong> hours logged against{' '}
          <strong>{otjToday.planned.toFixed(2)}</strong> planned to date.
        </p>
      </Section>
      <Section title="Knowledge, skills and behaviours">
        <KsbPicker
          ksbs={ksbs}
          value={chosen}
          onChange={(codes) => setValue('ksbsDiscussed', codes, { shouldDirty: true, shouldValidate: formState.isSubmitted })}
          error={e.ksbsDiscussed?.message}
          legend="Knowledge, skills and behaviours discussed"
        />
      </Section>
      <Section title="English and maths">
        <TextAreaField label="English and maths" hint="Where English and maths at Level 2 stand and what is planned. Starts with the status now and at the last review." rows={3} registration={register('englishMaths')} error={e.englishMaths} />
      </Section>
      <Section title="Support, including reasonable adjustments">
        <TextAreaField label="Support discussed" hint="The support in place, including any reasonable adjustments, and whether it is working. Starts with what the signed training plan agreed." rows={4} registration={register('supportDiscussed')} error={e.supportDiscussed} />
      </Section>
      <Section title="Wellbeing and safeguarding">
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
      </Section>
      <Section title="Next steps">
        <TextAreaField label="Targets for the next period" hint="Report on the actions from the last review, then what the apprentice will do before the next review, and by when." rows={7} registration={register('targets')} error={e.targets} />
      </Section>
      <p className="text-nhs-grey-1">Saving records the review as signed by you; the apprentice and their employer then add a comment and sign.</p>
      <SubmitButton pending={formState.isSubmitting}>Record the review</SubmitButton>
    </form>
  );
}
