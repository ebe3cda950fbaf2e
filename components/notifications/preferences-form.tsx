'use client';
import { FormMessage, SubmitButton } from '@/components/form/fields';
import { useServerForm } from '@/components/form/use-server-form';
import { DELIVERY_LABEL, KIND_INFO, NOTIFICATION_KINDS } from '@/lib/notifications/kinds';
import { DELIVERIES, PreferencesForm, type Preferences } from '@/lib/notifications/preferences';
import type { FormResult } from '@/lib/forms/result';

/** One fieldset per kind of notification, each a choice of email each time, a daily digest, or none. */
export function PreferencesFormView({ initial, save, digestTime }: { initial: Preferences; save: (v: Preferences) => Promise<FormResult<unknown>>; digestTime: string }) {
  const { form, onSubmit, message, saved } = useServerForm<Preferences, unknown>(PreferencesForm, save, initial);
  const { register, formState } = form;
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-5">
      <FormMessage message={message} saved={saved} savedText="Your email choices are saved. They apply to notifications from now on." />
      {NOTIFICATION_KINDS.map((kind) => {
        const error = formState.errors[kind]?.message;
        const hintId = `pref-${kind}-hint`;
        return (
          <fieldset key={kind} aria-describedby={hintId} className={`border border-nhs-grey-4 p-4 ${error ? 'border-l-4 border-l-nhs-red' : ''}`}>
            <legend className="px-1 font-bold">{KIND_INFO[kind].label}</legend>
            <p id={hintId} className="mb-2 text-sm text-nhs-grey-1">
              {KIND_INFO[kind].hint}
            </p>
            {error && (
              <p className="text-sm font-bold text-nhs-red">
                <span className="sr-only">Error: </span>
                {String(error)}
              </p>
            )}
            {DELIVERIES.map((d) => (
              <label key={d} className="flex items-start gap-3 py-1">
                <input type="radio" value={d} {...register(kind)} className="mt-1 h-5 w-5 shrink-0" />
                <span>{d === 'digest' ? `One email a day at ${digestTime} (the daily digest)` : DELIVERY_LABEL[d]}</span>
              </label>
            ))}
          </fieldset>
        );
      })}
      <SubmitButton pending={formState.isSubmitting}>Save email choices</SubmitButton>
    </form>
  );
}
