'use client';
import { useRouter } from 'next/navigation';
import { FormMessage, SubmitButton } from '@/components/form/fields';
import { useServerForm } from '@/components/form/use-server-form';
import type { FormResult } from '@/lib/forms/result';
import type { z } from 'zod';

/** A one-button form (revoke a link, rebuild the pack): the values are fixed, the answer refreshes the page. */
export function GatewaySmallForm<V extends Record<string, string>>({ schema, values, action, label }: { schema: z.ZodType; values: V; action: (v: V) => Promise<FormResult<string>>; label: string }) {
  const router = useRouter();
  const { form, onSubmit, message } = useServerForm<V, string>(schema, action, values as never, () => router.refresh());
  return (
    <form method="post" onSubmit={onSubmit} noValidate>
      <FormMessage message={message} />
      <SubmitButton pending={form.formState.isSubmitting}>{label}</SubmitButton>
    </form>
  );
}
