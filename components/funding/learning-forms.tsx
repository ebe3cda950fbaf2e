'use client';
import { useRouter } from 'next/navigation';
import { FormMessage, SelectField, SubmitButton, TextAreaField, TextField } from '@/components/form/fields';
import { useServerForm } from '@/components/form/use-server-form';
import { BreakEndInput, BreakStartInput, OutcomeInput } from '@/lib/funding/schemas';
import { WITHDRAW_REASONS } from '@/lib/funding/withdraw-reasons';
import type { FormResult } from '@/lib/forms/result';

type Action = (v: unknown) => Promise<FormResult<number>>;

/** Record a break in learning: its first day and why. */
export function BreakStartForm({ apprenticeshipId, version, today, action }: { apprenticeshipId: string; version: number; today: string; action: Action }) {
  const router = useRouter();
  const { form, onSubmit, message, saved } = useServerForm<{ apprenticeshipId: string; startDate: string; reason: string; version: number }, number>(
    BreakStartInput,
    action,
    { apprenticeshipId, startDate: today, reason: '', version },
    () => router.refresh(),
  );
  const { register, formState } = form;
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Record a break in learning">
      <TextField type="date" required label="First day of the break" max={today} registration={register('startDate')} error={formState.errors.startDate} className="max-w-xs" />
      <TextAreaField label="Reason" rows={3} hint="For example long-term illness or caring for a relative. No patient details." registration={register('reason')} error={formState.errors.reason} />
      <SubmitButton pending={formState.isSubmitting}>Record the break</SubmitButton>
      <FormMessage message={message} saved={saved} savedText="Break in learning recorded." />
    </form>
  );
}

/** Record the return: the day learning resumes. */
export function BreakEndForm({ apprenticeshipId, version, today, action }: { apprenticeshipId: string; version: number; today: string; action: Action }) {
  const router = useRouter();
  const { form, onSubmit, message, saved } = useServerForm<{ apprenticeshipId: string; endDate: string; version: number }, number>(
    BreakEndInput,
    action,
    { apprenticeshipId, endDate: today, version },
    () => router.refresh(),
  );
  const { register, formState } = form;
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Record the return">
      <TextField type="date" required label="Return date" hint="The day learning resumes." max={today} registration={register('endDate')} error={formState.errors.endDate} className="max-w-xs" />
      <SubmitButton pending={formState.isSubmitting}>Record the return</SubmitButton>
      <FormMessage message={message} saved={saved} savedText="Return recorded." />
    </form>
  );
}

/** Completed or withdrawn, with the actual end date and, for a withdrawal, the ILR reason. */
export function OutcomeForm({ apprenticeshipId, version, today, action }: { apprenticeshipId: string; version: number; today: string; action: Action }) {
  const router = useRouter();
  const { form, onSubmit, message, saved } = useServerForm<{ apprenticeshipId: string; outcome: string; actualEndDate: string; withdrawReason: string; version: number }, number>(
    OutcomeInput,
    action,
    { apprenticeshipId, outcome: 'completed', actualEndDate: today, withdrawReason: '', version },
    () => router.refresh(),
  );
  const { register, formState, watch } = form;
  const withdrawn = watch('outcome') === 'withdrawn';
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Record the end of the apprenticeship">
      <SelectField
        label="Outcome"
        options={[
          { value: 'completed', label: 'Completed' },
          { value: 'withdrawn', label: 'Withdrawn' },
        ]}
        registration={register('outcome')}
        error={formState.errors.outcome}
        className="max-w-xs"
      />
      <TextField type="date" required label="Actual end date" hint="The last day in learning. Not in the future." max={today} registration={register('actualEndDate')} error={formState.errors.actualEndDate} className="max-w-xs" />
      {withdrawn && (
        <SelectField
          label="Reason for withdrawal (ILR)"
          placeholder="Choose a reason"
          options={WITHDRAW_REASONS.map((r) => ({ value: String(r.code), label: `${r.code}: ${r.label}` }))}
          registration={register('withdrawReason')}
          error={formState.errors.withdrawReason}
        />
      )}
      <SubmitButton pending={formState.isSubmitting}>Record the end</SubmitButton>
      <FormMessage message={message} saved={saved} savedText="Recorded. The actual off-the-job hours are worked out from the log." />
    </form>
  );
}
