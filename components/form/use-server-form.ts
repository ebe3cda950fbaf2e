'use client';
import { useState } from 'react';
import { useForm, type DefaultValues, type FieldValues, type Path, type UseFormReturn } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import type { z } from 'zod';
import type { FormResult } from '@/lib/forms/result';

/**
 * react-hook-form with the zod schema the server uses. The browser check is a courtesy; the
 * server's answer (field messages or one message) is shown the same way, and what was typed stays.
 */
export function useServerForm<V extends FieldValues, T>(
  schema: z.ZodType,
  action: (values: V) => Promise<FormResult<T>>,
  defaultValues: DefaultValues<V>,
  onSuccess?: (data: T, form: UseFormReturn<V>) => void,
) {
  const form = useForm<V>({
    // raw: send what was typed; the server parses with the same schema.
    resolver: zodResolver(schema as never, undefined, { raw: true }) as never,
    defaultValues,
    mode: 'onSubmit',
    reValidateMode: 'onChange',
  });
  const [message, setMessage] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  const onSubmit = form.handleSubmit(async (values) => {
    setMessage(null);
    setSaved(false);
    let result: FormResult<T>;
    try {
      result = await action(values);
    } catch {
      setMessage('Something went wrong on our side and nothing was saved. Please try again.');
      return;
    }
    if (result.ok) {
      setSaved(true);
      onSuccess?.(result.data, form);
      return;
    }
    if (result.message) setMessage(result.message);
    let first = true;
    for (const [field, messages] of Object.entries(result.fieldErrors ?? {})) {
      if (messages?.[0]) {
        form.setError(field as Path<V>, { type: 'server', message: messages[0] }, { shouldFocus: first });
        first = false;
      }
    }
  });

  return { form, onSubmit, message, saved, setSaved };
}
