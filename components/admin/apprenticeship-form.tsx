'use client';
import { useRouter } from 'next/navigation';
import { TextField, SelectField, FormMessage, SubmitButton } from '@/components/form/fields';
import { useServerForm } from '@/components/form/use-server-form';
import { ApprenticeInput, ApprenticeshipUpdate, APPRENTICESHIP_STATUSES, FUNCTIONAL_SKILL_STATUSES, PLANNED_OTJ_HOURS, WEEKLY_HOURS } from '@/lib/admin/schemas';
import { SKILL_STATUS_LABEL, STATUS_LABEL } from '@/lib/format';
import { dateInputBounds, MAX_DURATION, PLANNED_END_WINDOW, START_WINDOW } from '@/lib/forms/fields';
import type { FormResult } from '@/lib/forms/result';

export type ApprenticeshipValues = {
  id?: string;
  version?: number;
  name?: string;
  email?: string;
  temporaryPassword?: string;
  employerId: string;
  cohortId: string;
  startDate: string;
  plannedEndDate: string;
  weeklyHours: string | number;
  plannedOtjHours: string | number;
  englishStatus: string;
  mathsStatus: string;
  status?: string;
};

type Option = { id: string; name: string };

/** New apprentice (person + apprenticeship) or, with `initial.id`, edit an apprenticeship. */
export function ApprenticeshipForm({
  initial,
  employers,
  cohorts,
  action,
}: {
  initial: ApprenticeshipValues;
  employers: Option[];
  cohorts: Option[];
  action: (v: ApprenticeshipValues) => Promise<FormResult<unknown>>;
}) {
  const router = useRouter();
  const editing = Boolean(initial.id);
  const { form, onSubmit, message, saved } = useServerForm<ApprenticeshipValues, unknown>(
    editing ? ApprenticeshipUpdate : ApprenticeInput,
    action,
    initial,
    (result, form) => {
      if (!editing) return router.push(`/admin/apprentices/${result as string}`);
      // The saved row's new version guards the next save against someone else's change.
      form.setValue('version', result as number);
      router.refresh();
    },
  );
  const { register, formState } = form;
  const e = formState.errors;
  const skillOptions = FUNCTIONAL_SKILL_STATUSES.map((s) => ({ value: s, label: SKILL_STATUS_LABEL[s]! }));
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-6">
      <FormMessage message={message} saved={saved} savedText="Apprenticeship saved." />
      {!editing && (
        <fieldset className="space-y-5">
          <legend className="mb-2 text-xl font-bold">The apprentice</legend>
          <div className="grid grid-cols-1 gap-5 sm:grid-cols-2">
            <TextField label="Full name" autoComplete="off" registration={register('name')} error={e.name} />
            <TextField label="Email address" type="email" autoComplete="off" registration={register('email')} error={e.email} />
          </div>
          <TextField
            label="Temporary password"
            hint="At least 12 characters. They must choose their own at first sign-in; give it to them by a separate channel."
            type="password"
            autoComplete="new-password"
            registration={register('temporaryPassword')}
            error={e.temporaryPassword}
          />
        </fieldset>
      )}
      <fieldset className="space-y-5">
        <legend className="mb-2 text-xl font-bold">The apprenticeship</legend>
        <div className="grid grid-cols-1 gap-5 sm:grid-cols-2">
          <SelectField label="Employer" placeholder="Choose the employer" options={employers.map((o) => ({ value: o.id, label: o.name }))} registration={register('employerId')} error={e.employerId} />
          <SelectField label="Cohort" placeholder="No cohort" options={cohorts.map((o) => ({ value: o.id, label: o.name }))} registration={register('cohortId')} error={e.cohortId} />
          <TextField label="Start date" type="date" {...dateInputBounds(START_WINDOW)} required registration={register('startDate')} error={e.startDate} />
          <TextField label="Planned end date" type="date" {...dateInputBounds(PLANNED_END_WINDOW)} required hint={`Typically 18 to 24 months after the start; at most ${MAX_DURATION.years} years`} registration={register('plannedEndDate')} error={e.plannedEndDate} />
          <TextField label="Weekly contracted hours" type="number" inputMode="decimal" min={WEEKLY_HOURS.min} max={WEEKLY_HOURS.max} step={0.01} required registration={register('weeklyHours')} error={e.weeklyHours} />
          <TextField
            label="Planned off-the-job hours"
            type="number"
            inputMode="numeric"
            min={PLANNED_OTJ_HOURS.min}
            max={PLANNED_OTJ_HOURS.max}
            step={1}
            required
            hint="From the training plan. For starts from 1 August 2025, at least 187."
            registration={register('plannedOtjHours')}
            error={e.plannedOtjHours}
          />
          <SelectField label="English" hint="Level 2 English before gateway" options={skillOptions} registration={register('englishStatus')} error={e.englishStatus} />
          <SelectField label="Maths" hint="Level 2 maths before gateway" options={skillOptions} registration={register('mathsStatus')} error={e.mathsStatus} />
          {editing && (
            <SelectField
              label="Status"
              options={APPRENTICESHIP_STATUSES.map((s) => ({ value: s, label: STATUS_LABEL[s]! }))}
              registration={register('status')}
              error={e.status}
            />
          )}
        </div>
      </fieldset>
      <SubmitButton pending={formState.isSubmitting}>{editing ? 'Save apprenticeship' : 'Add apprentice'}</SubmitButton>
    </form>
  );
}
