'use client';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { SelectField, FormMessage, SubmitButton } from '@/components/form/fields';
import { useServerForm } from '@/components/form/use-server-form';
import { AssignmentInput } from '@/lib/admin/schemas';
import type { FormResult } from '@/lib/forms/result';

type Trainer = { id: string; name: string; email: string };
type Input = { trainerId: string; apprenticeshipId: string };

export function TrainerAssignments({
  apprenticeshipId,
  assigned,
  trainers,
  assign,
  unassign,
}: {
  apprenticeshipId: string;
  assigned: Trainer[];
  trainers: (Trainer & { assigned: number })[];
  assign: (v: Input) => Promise<FormResult<unknown>>;
  unassign: (v: Input) => Promise<FormResult<unknown>>;
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [removeMessage, setRemoveMessage] = useState<string | null>(null);
  const { form, onSubmit, message } = useServerForm<Input, unknown>(AssignmentInput, assign, { trainerId: '', apprenticeshipId }, (_data, form) => {
    form.reset({ trainerId: '', apprenticeshipId });
    router.refresh();
  });
  const available = trainers.filter((t) => !assigned.some((a) => a.id === t.id));
  return (
    <div className="space-y-5">
      {assigned.length === 0 ? (
        <p className="font-bold text-nhs-red">No trainer is assigned: nobody will mark this apprentice&apos;s evidence.</p>
      ) : (
        <ul className="divide-y divide-nhs-grey-4 border border-nhs-grey-4">
          {assigned.map((t) => (
            <li key={t.id} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2">
              <span>
                <span className="font-bold">{t.name}</span> <span className="text-sm text-nhs-grey-1">{t.email}</span>
              </span>
              <button
                type="button"
                disabled={pending}
                className="text-nhs-red underline"
                onClick={() =>
                  start(async () => {
                    const result = await unassign({ trainerId: t.id, apprenticeshipId });
                    setRemoveMessage(result.ok ? null : (result.message ?? 'That did not work. Reload and try again.'));
                    router.refresh();
                  })
                }
              >
                Remove<span className="sr-only"> {t.name}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {removeMessage && (
        <p role="alert" className="font-bold text-nhs-red">
          {removeMessage}
        </p>
      )}
      {available.length > 0 && (
        <form method="post" onSubmit={onSubmit} noValidate className="space-y-4">
          <FormMessage message={message} />
          <SelectField
            label="Assign a trainer"
            placeholder="Choose a trainer"
            options={available.map((t) => ({ value: t.id, label: `${t.name} (${t.assigned} apprentices)` }))}
            registration={form.register('trainerId')}
            error={form.formState.errors.trainerId}
          />
          <SubmitButton pending={form.formState.isSubmitting} variant="secondary">
            Assign trainer
          </SubmitButton>
        </form>
      )}
    </div>
  );
}
