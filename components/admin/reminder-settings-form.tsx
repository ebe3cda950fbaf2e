'use client';
import { FormMessage, SubmitButton, TextField } from '@/components/form/fields';
import { useServerForm } from '@/components/form/use-server-form';
import { REMINDER_RANGES, ReminderSettings } from '@/lib/reminders/settings';
import type { FormResult } from '@/lib/forms/result';

type Values = Record<keyof ReminderSettings, number | string>;

const FIELDS: { name: keyof ReminderSettings; label: string; hint: string }[] = [
  { name: 'reviewDueDays', label: 'Days before a progress review is due', hint: 'The apprentice, their trainers and employer contacts are reminded this many days ahead, and again once it is overdue.' },
  { name: 'reviewUnsignedDays', label: 'Days a recorded review may wait for signatures', hint: 'Then whoever has not signed is reminded.' },
  { name: 'witnessUnansweredDays', label: 'Days a witness request may wait', hint: 'Then the witness is reminded; the calendar shows the statement as due on that day.' },
  { name: 'markingWorkingDays', label: 'Working days evidence may wait for marking', hint: 'Weekdays; then the assigned trainers are reminded.' },
];

export function ReminderSettingsFormView({ initial, save }: { initial: Values; save: (v: Values) => Promise<FormResult<unknown>> }) {
  const { form, onSubmit, message, saved } = useServerForm<Values, unknown>(ReminderSettings, save, initial);
  const { register, formState } = form;
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-6" aria-label="Reminder thresholds">
      <FormMessage message={message} saved={saved} savedText="Reminder thresholds saved. The next hourly run uses them." />
      <div className="grid gap-4 sm:grid-cols-2">
        {FIELDS.map((f) => (
          <TextField
            key={f.name}
            label={f.label}
            hint={f.hint}
            type="number"
            inputMode="numeric"
            min={REMINDER_RANGES[f.name][0]}
            max={REMINDER_RANGES[f.name][1]}
            step={1}
            required
            registration={register(f.name)}
            error={formState.errors[f.name]}
          />
        ))}
      </div>
      <SubmitButton pending={formState.isSubmitting}>Save reminder thresholds</SubmitButton>
    </form>
  );
}
