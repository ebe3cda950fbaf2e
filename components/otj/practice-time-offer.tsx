'use client';
import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { FormMessage, SubmitButton } from '@/components/form/fields';
import { useServerForm } from '@/components/form/use-server-form';
import type { FormResult } from '@/lib/forms/result';
import { PracticeTimeConfirm } from '@/lib/otj/schemas';
import { formatDate } from '@/lib/format';
import type { PracticeDay } from '@/lib/practice/otj-offer';
import { formatHours } from '@/lib/otj/plan';

type Values = { dates: string[] };

/**
 * The apprentice's practice offered as off-the-job training (issue 19, point 5): every day with at least a
 * quarter of an hour is ticked, and one button logs them all, for the trainer to review like other entries.
 */
export function PracticeTimeOffer({ days, confirm }: { days: PracticeDay[]; confirm: (v: Values) => Promise<FormResult<{ ids: string[]; minutes: number }>> }) {
  const router = useRouter();
  const loggable = days.filter((d) => d.minutes > 0);
  const [done, setDone] = useState<{ entries: number; minutes: number } | null>(null);
  const { form, onSubmit, message, saved } = useServerForm<Values, { ids: string[]; minutes: number }>(PracticeTimeConfirm, confirm, { dates: loggable.map((d) => d.activityDate) }, (r) => {
    setDone({ entries: r.ids.length, minutes: r.minutes });
    router.refresh();
  });
  const error = form.formState.errors.dates?.message ?? (form.formState.errors.dates as { root?: { message?: string } } | undefined)?.root?.message;
  const savedText = done ? `${done.entries === 1 ? '1 entry' : `${done.entries} entries`} logged (${formatHours(done.minutes / 60)} hours), waiting for your trainer's review.` : 'Logged.';
  if (days.length === 0) return saved ? <FormMessage message={null} saved savedText={savedText} /> : <p className="text-nhs-grey-1">No practice waiting to be logged. Time you spend coding cases, answering questions and on other practice here is counted and offered as off-the-job training.</p>;
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-3">
      <FormMessage message={message} saved={saved} savedText={savedText} />
      <fieldset aria-describedby={error ? 'practice-dates-error' : undefined} className={error ? 'border-l-4 border-nhs-red pl-3' : ''}>
        <legend className="mb-2 font-bold">Days to log</legend>
        {error && (
          <p id="practice-dates-error" className="text-sm font-bold text-nhs-red">
            <span className="sr-only">Error: </span>
            {error}
          </p>
        )}
        <ul className="divide-y divide-nhs-grey-4 border-y border-nhs-grey-4">
          {days.map((d) => (
            <li key={d.activityDate} className="flex items-start gap-3 py-3">
              {d.minutes > 0 ? (
                <input id={`practice-${d.activityDate}`} type="checkbox" value={d.activityDate} {...form.register('dates')} className="mt-1 h-6 w-6 shrink-0" />
              ) : (
                <span className="mt-1 h-6 w-6 shrink-0" aria-hidden="true" />
              )}
              <Describe htmlFor={d.minutes > 0 ? `practice-${d.activityDate}` : undefined}>
                <span className="font-bold">
                  {formatDate(d.activityDate)}: {d.minutes > 0 ? `${formatHours(d.minutes / 60)} hours` : 'less than a quarter of an hour, not enough to log'}
                </span>
                <span className="block text-sm">{d.description}</span>
                <span className="block text-sm text-nhs-grey-1">{d.ksbs.length ? `KSBs: ${d.ksbs.join(', ')}` : 'No KSBs'}</span>
              </Describe>
            </li>
          ))}
        </ul>
      </fieldset>
      {loggable.length > 0 && <SubmitButton pending={form.formState.isSubmitting}>Log the ticked days as off-the-job training</SubmitButton>}
    </form>
  );
}

/** A day that can be ticked is its checkbox's label; one too short to log is plain text. */
function Describe({ htmlFor, children }: { htmlFor?: string; children: React.ReactNode }) {
  return htmlFor ? (
    <label htmlFor={htmlFor} className="min-w-0">
      {children}
    </label>
  ) : (
    <div className="min-w-0">{children}</div>
  );
}
