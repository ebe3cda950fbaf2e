'use client';
import { useRouter } from 'next/navigation';
import { FormMessage, SubmitButton, TextAreaField } from '@/components/form/fields';
import { useServerForm } from '@/components/form/use-server-form';
import { GatewayConfirmInput } from '@/lib/reviews/schemas';
import type { FormResult } from '@/lib/forms/result';

type Values = { apprenticeshipId: string; note: string };

/**
 * The apprentice's, trainer's or employer's confirmation of readiness for gateway, given once with a note. `who` names the
 * apprentice where several forms share a page; `onConfirmed` runs after the save (the page is refreshed too).
 */
export function GatewayConfirmForm({
  apprenticeshipId,
  action,
  who,
  onConfirmed,
  self = false,
}: {
  apprenticeshipId: string;
  action: (v: Values) => Promise<FormResult<string>>;
  who?: string;
  onConfirmed?: () => void;
  /** The apprentice confirming for themselves (issue 20): "I am ready for gateway". */
  self?: boolean;
}) {
  const router = useRouter();
  const { form, onSubmit, message } = useServerForm<Values, string>(GatewayConfirmInput, action, { apprenticeshipId, note: '' }, () => {
    onConfirmed?.();
    router.refresh();
  });
  const { register, formState } = form;
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-4">
      <FormMessage message={message} />
      <TextAreaField
        label={self ? 'Why you are ready for gateway' : `Why ${who ?? 'the apprentice'} is ready for gateway`}
        hint="A short note (at least four words). Your name and today’s date are recorded with it; a confirmation cannot be withdrawn."
        rows={3}
        registration={register('note')}
        error={formState.errors.note}
      />
      <SubmitButton pending={formState.isSubmitting}>{self ? 'I am ready for gateway' : who ? `Confirm ${who} is ready for gateway` : 'Confirm readiness for gateway'}</SubmitButton>
    </form>
  );
}
