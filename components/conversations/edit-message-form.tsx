'use client';
import { useRouter } from 'next/navigation';
import { FormMessage, SubmitButton, TextAreaField } from '@/components/form/fields';
import { useServerForm } from '@/components/form/use-server-form';
import { EditMessageInput } from '@/lib/conversations/schemas';
import type { FormResult } from '@/lib/forms/result';

type Values = { messageId: string; version: number; body: string };

/** Changes one's own message in place while the 5-minute window is open (the server checks the window again). */
export function EditMessageForm({ messageId, version, body, until, action }: { messageId: string; version: number; body: string; until: string; action: (v: Values) => Promise<FormResult<number>> }) {
  const router = useRouter();
  const { form, onSubmit, message } = useServerForm<Values, number>(EditMessageInput, action, { messageId, version, body }, () => router.refresh());
  const { register, formState } = form;
  return (
    <details className="mt-2">
      <summary className="cursor-pointer text-nhs-blue underline">
        Change this message<span className="sr-only"> (you can until {until})</span>
      </summary>
      <form method="post" onSubmit={onSubmit} noValidate className="mt-3 space-y-3">
        <FormMessage message={message} />
        <TextAreaField label="Your message" hint={`You can change it until ${until}; after that it is final.`} rows={3} registration={register('body')} error={formState.errors.body} />
        <SubmitButton pending={formState.isSubmitting}>Save change</SubmitButton>
      </form>
    </details>
  );
}
