'use client';
import { useRouter } from 'next/navigation';
import { FormMessage, SubmitButton, TextAreaField } from '@/components/form/fields';
import { useServerForm } from '@/components/form/use-server-form';
import { ReviewSignInput } from '@/lib/reviews/schemas';
import type { FormResult } from '@/lib/forms/result';

type Values = { id: string; rowVersion: number; comment: string };

/** The apprentice's or the employer contact's comment and signature; the page shows the review read-only once signed. */
export function SignReviewForm({ id, rowVersion, side, action }: { id: string; rowVersion: number; side: 'apprentice' | 'employer'; action: (v: Values) => Promise<FormResult<boolean>> }) {
  const router = useRouter();
  const { form, onSubmit, message } = useServerForm<Values, boolean>(ReviewSignInput, action, { id, rowVersion, comment: '' }, () => router.refresh());
  const { register, formState } = form;
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-4">
      <FormMessage message={message} />
      <TextAreaField
        label={side === 'apprentice' ? 'Your comment' : 'Your comment, for the employer'}
        hint={
          side === 'apprentice'
            ? 'Do you agree with this account and the targets? Anything you would like to add. Never include patient details.'
            : 'How the apprentice is doing at work, and whether you agree with the targets. Never include patient details.'
        }
        rows={4}
        registration={register('comment')}
        error={formState.errors.comment}
      />
      <p className="text-nhs-grey-1">Once you sign, your comment cannot be changed. When the apprentice and the employer have both signed, the review is final.</p>
      <SubmitButton pending={formState.isSubmitting}>Sign</SubmitButton>
    </form>
  );
}
