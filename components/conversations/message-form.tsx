'use client';
import { useEffect, useRef } from 'react';
import { useRouter } from 'next/navigation';
import { FormMessage, SubmitButton, TextAreaField } from '@/components/form/fields';
import { useServerForm } from '@/components/form/use-server-form';
import { PostMessageInput } from '@/lib/conversations/schemas';
import type { FormResult } from '@/lib/forms/result';

type Values = { subjectType: string; subjectId: string; trainerId?: string; body: string };

/** Posts a message. What was typed stays when it is refused; once posted, focus goes to the confirmation. */
export function MessageForm({
  subject,
  label,
  hint,
  action,
}: {
  subject: { subjectType: string; subjectId: string; trainerId?: string };
  label: string;
  hint: string;
  action: (v: Values) => Promise<FormResult<string>>;
}) {
  const router = useRouter();
  const initial: Values = { ...subject, body: '' };
  const { form, onSubmit, message, saved } = useServerForm<Values, string>(PostMessageInput, action, initial, (_id, f) => {
    f.reset(initial);
    router.refresh();
  });
  const status = useRef<HTMLDivElement>(null);
  // A screen reader hears that it was posted, and the keyboard continues from there (the textarea is empty again).
  useEffect(() => {
    if (saved) status.current?.focus();
  }, [saved]);
  const { register, formState } = form;
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-4">
      <div ref={status} tabIndex={-1}>
        <FormMessage message={message} saved={saved} savedText="Your message was posted. It is the last one above." />
      </div>
      <TextAreaField label={label} hint={hint} rows={4} registration={register('body')} error={formState.errors.body} />
      <SubmitButton pending={formState.isSubmitting}>Post message</SubmitButton>
    </form>
  );
}
