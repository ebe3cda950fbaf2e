'use client';
import { useRouter } from 'next/navigation';
import { useFieldArray } from 'react-hook-form';
import { FormMessage, SubmitButton, TextAreaField, TextField } from '@/components/form/fields';
import { useServerForm } from '@/components/form/use-server-form';
import type { FormResult } from '@/lib/forms/result';
import { PlanChangeInput, PlanDraftInput, PlanEditInput, PlanSignInput } from '@/lib/training-plan/schemas';

type Action<V, T> = (v: V) => Promise<FormResult<T>>;

/** "Draft the training plan": version 1 from the initial assessment and the funding rules. */
export function DraftPlanForm({ apprenticeshipId, action }: { apprenticeshipId: string; action: Action<{ apprenticeshipId: string }, number> }) {
  const router = useRouter();
  const { onSubmit, message, form } = useServerForm<{ apprenticeshipId: string }, number>(PlanDraftInput, action, { apprenticeshipId }, () => router.refresh());
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-4">
      <FormMessage message={message} />
      <SubmitButton pending={form.formState.isSubmitting}>Draft the training plan</SubmitButton>
    </form>
  );
}

type SignValues = { id: string; rowVersion: number; signedName: string };
const SIGN_TEXT = {
  apprentice: 'I have read this training plan and agree to it.',
  employer: 'I sign for the employer: we will give the apprentice the off-the-job time and the support this plan sets out.',
  provider: 'I sign for the training provider: we will deliver the training this plan sets out.',
} as const;

export function SignPlanForm({ id, rowVersion, side, version, action }: { id: string; rowVersion: number; side: keyof typeof SIGN_TEXT; version: number; action: Action<SignValues, boolean> }) {
  const router = useRouter();
  const { form, onSubmit, message } = useServerForm<SignValues, boolean>(PlanSignInput, action, { id, rowVersion, signedName: '' }, () => router.refresh());
  const { register, formState } = form;
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-4">
      <FormMessage message={message} />
      <p>{SIGN_TEXT[side]}</p>
      <TextField label="Your full name" hint="Typing your name signs this version. A signature cannot be taken back." autoComplete="name" registration={register('signedName')} error={formState.errors.signedName} />
      <SubmitButton pending={formState.isSubmitting}>{`Sign version ${version}`}</SubmitButton>
    </form>
  );
}

type ChangeValues = { id: string; rowVersion: number; changeSummary: string };

export function ChangePlanForm({ id, rowVersion, version, action }: { id: string; rowVersion: number; version: number; action: Action<ChangeValues, number> }) {
  const router = useRouter();
  const { form, onSubmit, message } = useServerForm<ChangeValues, number>(PlanChangeInput, action, { id, rowVersion, changeSummary: '' }, () => router.refresh());
  const { register, formState } = form;
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-4">
      <FormMessage message={message} />
      <TextAreaField
        label="What changes, and why"
        hint={`Makes version ${version + 1}, a copy of version ${version} for you to edit. It needs the apprentice’s, the employer’s and your signature again; until then version ${version} stays as it is. Never include patient details.`}
        rows={3}
        registration={register('changeSummary')}
        error={formState.errors.changeSummary}
      />
      <SubmitButton pending={formState.isSubmitting}>Change the plan</SubmitButton>
    </form>
  );
}

export type EditValues = {
  id: string;
  rowVersion: number;
  plannedStartDate: string;
  plannedEndDate: string;
  weeklyHours: string;
  plannedOtjHours: string;
  activities: { month: string; title: string; ksbs: string; otjHours: string }[];
  support: string;
  reasonableAdjustments: string;
  englishPlan: string;
  mathsPlan: string;
};

/** The trainer's edit of a version nobody has signed yet. */
export function EditPlanForm({ initial, action }: { initial: EditValues; action: Action<EditValues, number> }) {
  const router = useRouter();
  const { form, onSubmit, message, saved } = useServerForm<EditValues, number>(PlanEditInput, action, initial, (rowVersion, f) => {
    f.setValue('rowVersion', rowVersion);
    router.refresh();
  });
  const { register, formState, control } = form;
  const rows = useFieldArray({ control, name: 'activities' });
  const e = formState.errors;
  const activitiesError = (e.activities as { message?: string; root?: { message?: string } } | undefined)?.message ?? (e.activities as { root?: { message?: string } } | undefined)?.root?.message;
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-6">
      <FormMessage message={message} saved={saved} savedText="Saved. Sign it when it is ready, then ask the apprentice and the employer to sign." />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField type="date" label="Planned start date" registration={register('plannedStartDate')} error={e.plannedStartDate} />
        <TextField type="date" label="Planned end date" registration={register('plannedEndDate')} error={e.plannedEndDate} />
        <TextField label="Weekly contracted hours" inputMode="decimal" registration={register('weeklyHours')} error={e.weeklyHours} />
        <TextField label="Planned off-the-job hours" hint="Never below what the rule gives after recognised prior learning; the activities must add up to it." inputMode="numeric" registration={register('plannedOtjHours')} error={e.plannedOtjHours} />
      </div>
      <fieldset className={`space-y-3 ${activitiesError ? 'border-l-4 border-nhs-red pl-3' : ''}`} aria-describedby="activities-hint">
        <legend className="text-xl font-bold">Activities by month</legend>
        <p id="activities-hint" className="text-sm text-nhs-grey-1">
          Month 1 is the first month from the planned start. KSBs as codes separated by commas, for example K5, S3.
        </p>
        {activitiesError && (
          <p className="text-sm font-bold text-nhs-red">
            <span className="sr-only">Error: </span>
            {activitiesError}
          </p>
        )}
        <ol className="space-y-3">
          {rows.fields.map((f, i) => {
            const re = e.activities?.[i];
            return (
              <li key={f.id} className="border border-nhs-grey-4 bg-white p-3">
                <fieldset className="grid gap-3 sm:grid-cols-[6rem_1fr_10rem_7rem_auto] sm:items-end">
                  <legend className="sr-only">{`Activity ${i + 1}`}</legend>
                  <TextField label="Month" inputMode="numeric" registration={register(`activities.${i}.month`)} error={re?.month} />
                  <TextField label="Activity" registration={register(`activities.${i}.title`)} error={re?.title} />
                  <TextField label="KSBs" registration={register(`activities.${i}.ksbs`)} error={re?.ksbs as never} />
                  <TextField label="Hours" inputMode="numeric" registration={register(`activities.${i}.otjHours`)} error={re?.otjHours} />
                  <button type="button" className="border-2 border-nhs-black bg-white px-3 py-2 font-bold" onClick={() => rows.remove(i)}>
                    Remove<span className="sr-only">{` activity ${i + 1}`}</span>
                  </button>
                </fieldset>
              </li>
            );
          })}
        </ol>
        <button type="button" className="border-2 border-nhs-black bg-white px-3 py-2 font-bold" onClick={() => rows.append({ month: String(Math.max(1, ...rows.fields.map((r) => Number(r.month) || 1))), title: '', ksbs: '', otjHours: '0' })}>
          Add an activity
        </button>
      </fieldset>
      <TextAreaField label="Support agreed" hint="Mentoring, study time, one-to-ones. Never include patient details." rows={3} registration={register('support')} error={e.support} />
      <TextAreaField label="Reasonable adjustments" hint="Any adjustment agreed for a disability or learning difficulty, or none." rows={3} registration={register('reasonableAdjustments')} error={e.reasonableAdjustments} />
      <TextAreaField label="English plan" rows={2} registration={register('englishPlan')} error={e.englishPlan} />
      <TextAreaField label="Maths plan" rows={2} registration={register('mathsPlan')} error={e.mathsPlan} />
      <SubmitButton pending={formState.isSubmitting}>Save the draft</SubmitButton>
    </form>
  );
}
