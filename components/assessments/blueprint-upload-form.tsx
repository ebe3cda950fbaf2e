'use client';
import { useRouter } from 'next/navigation';
import { FormMessage, SubmitButton, TextAreaField } from '@/components/form/fields';
import { useServerForm } from '@/components/form/use-server-form';
import { z } from 'zod';
import type { FormResult } from '@/lib/forms/result';

const Upload = z.object({ definition: z.string().trim().min(2, 'Paste the blueprint’s JSON or choose a file.') });
type Values = { definition: string };

/** A new or changed blueprint as JSON, pasted or read from a file; the server checks it as content:check does. */
export function BlueprintUploadForm({ action }: { action: (v: unknown) => Promise<FormResult<string>> }) {
  const router = useRouter();
  const { form, onSubmit, message, saved } = useServerForm<Values, string>(Upload, action, { definition: '' }, () => router.refresh());
  const { register, formState, setValue } = form;
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-4">
      <FormMessage message={message} saved={saved} savedText="Blueprint saved as a new version. Papers already started keep the version they were drawn from." />
      <div>
        <label htmlFor="blueprint-file" className="block font-bold">
          Blueprint file (.json)
        </label>
        <input
          id="blueprint-file"
          type="file"
          accept="application/json,.json"
          className="mt-1 block max-w-full"
          onChange={async (e) => {
            const file = e.target.files?.[0];
            if (file) setValue('definition', await file.text(), { shouldValidate: true });
          }}
        />
      </div>
      <TextAreaField label="Or paste the JSON" hint="Start from a current blueprint’s JSON below. Its id decides which paper it replaces." rows={14} registration={register('definition')} error={formState.errors.definition} />
      <SubmitButton pending={formState.isSubmitting}>Check and save</SubmitButton>
    </form>
  );
}
