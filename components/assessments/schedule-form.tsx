'use client';
import { useRouter } from 'next/navigation';
import { FormMessage, SelectField, SubmitButton, TextField } from '@/components/form/fields';
import { useServerForm } from '@/components/form/use-server-form';
import { MAX_WINDOW_MONTHS, SittingInput } from '@/lib/assessments/schemas';
import type { FormResult } from '@/lib/forms/result';

type Values = { blueprintKey: string; cohortId: string; apprenticeIds: string[]; opensAt: string; closesAt: string };

// datetime-local has no time zone: the browser's own (the trainer's) is meant, so it is made absolute here.
const absolute = (local: string) => (local && !Number.isNaN(new Date(local).getTime()) ? new Date(local).toISOString() : local);
const localInput = (d: Date) => new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

/** Schedules a paper for a cohort or chosen apprentices, with the window in which they may start it. */
export function ScheduleForm({
  blueprints,
  cohorts,
  apprentices,
  action,
}: {
  blueprints: { key: string; title: string; minutes: number }[];
  cohorts: { id: string; name: string }[];
  apprentices: { id: string; name: string }[];
  action: (v: unknown) => Promise<FormResult<string>>;
}) {
  const router = useRouter();
  const now = new Date();
  const { form, onSubmit, message, saved } = useServerForm<Values, string>(
    SittingInput,
    (v) => action({ ...v, opensAt: absolute(v.opensAt), closesAt: absolute(v.closesAt) }),
    { blueprintKey: '', cohortId: '', apprenticeIds: [], opensAt: localInput(now), closesAt: localInput(new Date(now.getTime() + 7 * 86_400_000)) },
    (id) => router.push(`/trainer/assessments/${id}`),
  );
  const { register, formState } = form;
  // The schema's window (lib/assessments/schemas.ts), for the browser's picker.
  const earliest = localInput(new Date(now.getTime() - 7 * 86_400_000));
  const latest = localInput(new Date(now.getTime() + 2 * 365 * 86_400_000));
  const apprenticeError = formState.errors.apprenticeIds as { message?: string } | undefined;
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-4">
      <FormMessage message={message} saved={saved} savedText="Scheduled." />
      <SelectField label="Paper" placeholder="Choose a paper" options={blueprints.map((b) => ({ value: b.key, label: `${b.title} (${b.minutes} min)` }))} registration={register('blueprintKey')} error={formState.errors.blueprintKey} />
      <SelectField label="Cohort" hint="Everyone of yours in the cohort is invited; or leave this and choose apprentices below." placeholder="No cohort" options={cohorts.map((c) => ({ value: c.id, label: c.name }))} registration={register('cohortId')} error={formState.errors.cohortId} />
      <fieldset aria-describedby={apprenticeError ? 'apprentices-error' : undefined}>
        <legend className="font-bold">Apprentices</legend>
        {apprenticeError?.message && (
          <p id="apprentices-error" className="font-bold text-nhs-red">
            <span className="sr-only">Error:</span> {apprenticeError.message}
          </p>
        )}
        <div className="mt-2 grid grid-cols-1 max-h-64 gap-1 overflow-y-auto border border-nhs-grey-4 p-2 sm:grid-cols-2">
          {apprentices.map((a) => (
            <label key={a.id} className="flex items-center gap-2">
              <input type="checkbox" value={a.id} className="h-5 w-5" {...register('apprenticeIds')} />
              {a.name}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <TextField type="datetime-local" label="Opens" hint="UK time." min={earliest} max={latest} required registration={register('opensAt')} error={formState.errors.opensAt} />
        <TextField type="datetime-local" label="Closes" hint={`Nobody can start after this; a paper started before it runs its full time. At most ${MAX_WINDOW_MONTHS} months after it opens.`} min={earliest} max={latest} required registration={register('closesAt')} error={formState.errors.closesAt} />
      </div>
      <SubmitButton pending={formState.isSubmitting}>Schedule paper</SubmitButton>
    </form>
  );
}
