'use client';
import { useRouter } from 'next/navigation';
import { FormMessage, SubmitButton } from '@/components/form/fields';
import { useServerForm } from '@/components/form/use-server-form';
import type { FormResult } from '@/lib/forms/result';
import { GatewayLinkRevokeInput, GatewayPackRebuildInput } from '@/lib/gateway/schemas';

// The schema is chosen here, not passed from the server page: a zod schema is no plain object to send to a client component.
const SCHEMAS = { revoke: GatewayLinkRevokeInput, rebuild: GatewayPackRebuildInput } as const;

/** A one-button form (revoke a link, rebuild the pack): the values are fixed, the answer refreshes the page. */
export function GatewaySmallForm<V extends Record<string, string>>({
  kind,
  values,
  action,
  label,
  variant = 'primary',
}: {
  kind: keyof typeof SCHEMAS;
  values: V;
  action: (v: V) => Promise<FormResult<string>>;
  label: string;
  variant?: 'primary' | 'secondary';
}) {
  const router = useRouter();
  const { form, onSubmit, message } = useServerForm<V, string>(SCHEMAS[kind], action, values as never, () => router.refresh());
  return (
    <form method="post" onSubmit={onSubmit} noValidate>
      <FormMessage message={message} />
      <SubmitButton pending={form.formState.isSubmitting} variant={variant}>
        {label}
      </SubmitButton>
    </form>
  );
}
