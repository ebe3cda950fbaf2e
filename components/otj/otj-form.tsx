'use client';
import { dateInputBounds, PAST_WINDOW } from '@/lib/forms/fields';
import { useRouter } from 'next/navigation';
import { useWatch } from 'react-hook-form';
import { FormMessage, SelectField, SubmitButton, TextAreaField, TextField } from '@/components/form/fields';
import { useServerForm } from '@/components/form/use-server-form';
import { KsbPicker } from '@/components/evidence/ksb-picker';
import type { FormResult } from '@/lib/forms/result';
import { OTJ_ACTIVITY_TYPES, OtjInput, OtjUpdate } from '@/lib/otj/schemas';

export type OtjFormValues = { id?: string; rowVersion?: number; activityDate: string; hours: string; activityType: string; description: string; ksbs: string[] };

/** Log an activity, or edit one not yet accepted. What was typed stays when the server refuses it. */
export function OtjForm({ initial, ksbs, save, doneHref }: { initial: OtjFormValues; ksbs: { code: string; text: string }[]; save: (v: OtjFormValues) => Promise<FormResult<unknown>>; doneHref?: string }) {
  const router = useRouter();
  const editing = Boolean(initial.id);
  const { form, onSubmit, message, saved } = useServerForm<OtjFormValues, unknown>(editing ? OtjUpdate : OtjInput, save, initial, (_result, f) => {
    if (doneHref) return router.push(doneHref);
    // Ready for the next activity: same day and type are the likeliest, the rest starts empty.
    f.reset({ ...f.getValues(), hours: '', description: '', ksbs: [] });
    router.refresh();
  });
  const { register, formState, control, setValue } = form;
  const chosen = useWatch({ control, name: 'ksbs' }) ?? [];
  const e = formState.errors;
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-5">
      <FormMessage message={message} saved={saved} savedText={editing ? 'Changes saved.' : 'Activity logged.'} />
      <div className="grid grid-cols-1 gap-5 sm:grid-cols-3">
        <TextField label="Date of the activity" type="date" {...dateInputBounds(PAST_WINDOW)} required registration={register('activityDate')} error={e.activityDate} />
        <TextField label="Hours" hint="In quarter hours: 1.5 is an hour and a half." inputMode="decimal" required registration={register('hours')} error={e.hours} />
        <SelectField
          label="Type of activity"
          options={Object.entries(OTJ_ACTIVITY_TYPES).map(([value, label]) => ({ value, label }))}
          registration={register('activityType')}
          error={e.activityType}
        />
      </div>
      <TextAreaField
        label="What you did"
        hint="The activity and what you learnt from it. Never include patient details: anything that looks like an NHS number is refused."
        rows={4}
        registration={register('description')}
        error={e.description}
      />
      <KsbPicker
        legend="Knowledge, skills and behaviours this training builds"
        ksbs={ksbs}
        value={chosen}
        onChange={(codes) => setValue('ksbs', codes, { shouldDirty: true, shouldValidate: formState.isSubmitted })}
        error={e.ksbs?.message}
      />
      <SubmitButton pending={formState.isSubmitting}>{editing ? 'Save changes' : 'Log activity'}</SubmitButton>
    </form>
  );
}
