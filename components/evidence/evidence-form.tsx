'use client';
import { dateInputBounds, PAST_WINDOW } from '@/lib/forms/fields';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useRef, useState, useTransition } from 'react';
import { useWatch } from 'react-hook-form';
import { FormMessage, SelectField, SubmitButton, TextField } from '@/components/form/fields';
import { useServerForm } from '@/components/form/use-server-form';
import { EVIDENCE_TYPES, EvidenceInput, EvidenceUpdate } from '@/lib/evidence/schemas';
import type { FormResult } from '@/lib/forms/result';
import { formatTime } from '@/lib/format';
import { KsbPicker } from './ksb-picker';
import { EvidenceFiles, type EvidenceFileRow } from './evidence-files';

type Values = { id?: string; rowVersion?: number; title: string; type: string; activityDate: string; account: string; ksbs: string[] };

export function EvidenceForm({
  initial,
  ksbs,
  save,
  update,
  submit,
  files = [],
  justCreated = false,
}: {
  initial: Values;
  /** The piece's files: listed, and added to, between the form and "Submit for marking". */
  files?: EvidenceFileRow[];
  /** The page arrived from "Create draft": focus goes back to the button pressed, now "Save draft". */
  justCreated?: boolean;
  ksbs: { code: string; text: string }[];
  save: (v: Values) => Promise<FormResult<unknown>>;
  /** Saves an existing draft; with it, a new piece is created and then kept saved as the apprentice types. */
  update?: (v: Values) => Promise<FormResult<unknown>>;
  submit?: (v: { id: string; rowVersion: number }) => Promise<FormResult<unknown>>;
}) {
  const router = useRouter();
  const [draftId, setDraftId] = useState(initial.id);
  const editing = Boolean(draftId);
  const [submitMessage, setSubmitMessage] = useState<string | null>(null);
  const [submitting, startSubmit] = useTransition();
  // Files waiting for the draft, or uploading: creating the draft then keeps the page (and them) in place.
  const filesBusy = useRef(false);
  const onFilesBusy = useCallback((busy: boolean) => {
    filesBusy.current = busy;
  }, []);
  const { form, onSubmit, message, saved } = useServerForm<Values, unknown>(editing ? EvidenceUpdate : EvidenceInput, (v) => (v.id ? (update ?? save)(v) : save(v)), initial, (result, f) => {
    if (!draftId) {
      const id = result as string;
      if (filesBusy.current) {
        f.reset({ ...f.getValues(), id, rowVersion: 1 });
        setDraftId(id);
        window.history.replaceState(null, '', `/apprentice/evidence/${id}`);
        return;
      }
      // The draft's own page, where the button pressed is now "Save draft": focus returns to it there.
      return router.replace(`/apprentice/evidence/${id}?saved=created`, { scroll: false });
    }
    // What was saved is the baseline now: "Submit for marking" is offered without saving again.
    f.reset({ ...f.getValues(), rowVersion: result as number });
    router.refresh();
  });
  useEffect(() => {
    if (!justCreated) return;
    document.getElementById('evidence-save')?.focus();
    const url = new URL(window.location.href);
    url.searchParams.delete('saved');
    window.history.replaceState(window.history.state, '', url);
  }, [justCreated]);
  const { register, formState, control, setValue } = form;
  const chosen = useWatch({ control, name: 'ksbs' }) ?? [];
  const e = formState.errors;
  const autosave = useAutosave(form, draftId, justCreated, (id) => {
    setDraftId(id);
    // Stay on the page (and keep what is being typed) while the address becomes the draft's own.
    window.history.replaceState(null, '', `/apprentice/evidence/${id}`);
  }, draftId ? (update ?? save) : save, update ? save : null);
  return (
    <div className="space-y-6">
      <form method="post" onSubmit={onSubmit} noValidate className="space-y-5">
        <FormMessage message={message} saved={saved} savedText="Draft saved." />
        <TextField label="Title" registration={register('title')} error={e.title} />
        <div className="grid grid-cols-1 gap-5 sm:grid-cols-2">
          <SelectField label="Type of evidence" options={Object.entries(EVIDENCE_TYPES).map(([value, label]) => ({ value, label }))} registration={register('type')} error={e.type} />
          <TextField label="Date of the activity" type="date" {...dateInputBounds(PAST_WINDOW)} required registration={register('activityDate')} error={e.activityDate} />
        </div>
        <div className={e.account ? 'border-l-4 border-nhs-red pl-3' : ''}>
          <label htmlFor="evidence-account" className="block font-bold">
            Your account
          </label>
          <p id="evidence-account-hint" className="text-sm text-nhs-grey-1">
            What you did, how, and what it shows. Never include patient details: anything that looks like an NHS number is refused.
          </p>
          {e.account?.message && (
            <p id="evidence-account-error" className="text-sm font-bold text-nhs-red">
              <span className="sr-only">Error: </span>
              {e.account.message}
            </p>
          )}
          <textarea
            id="evidence-account"
            rows={10}
            aria-invalid={e.account ? true : undefined}
            aria-describedby={e.account ? 'evidence-account-hint evidence-account-error' : 'evidence-account-hint'}
            className="mt-1 block w-full border-2 border-nhs-black bg-white px-3 py-2"
            {...register('account')}
          />
        </div>
        <KsbPicker ksbs={ksbs} value={chosen} onChange={(codes) => setValue('ksbs', codes, { shouldDirty: true })} error={e.ksbs?.message} />
        <div className="flex flex-wrap items-center gap-4">
          <SubmitButton id="evidence-save" pending={formState.isSubmitting} variant={editing ? 'secondary' : 'primary'}>
            {editing ? 'Save draft' : 'Create draft'}
          </SubmitButton>
          <p role="status" aria-live="polite" className={`text-sm ${autosave.failed ? 'font-bold text-nhs-red' : 'text-nhs-grey-1'}`}>
            {autosave.text}
          </p>
        </div>
      </form>
      <EvidenceFiles evidenceId={draftId} initialFiles={files} editable onNeedDraft={() => void onSubmit()} onBusyChange={onFilesBusy} />
      {editing && submit && (
        <section aria-labelledby="submit-heading" className="border-t border-nhs-grey-4 pt-5">
          <h2 id="submit-heading" className="text-xl font-bold">
            Send to your trainer
          </h2>
          <p className="mb-3 text-nhs-grey-1">Save your changes first. Once submitted, the evidence cannot be edited unless your trainer refers it back.</p>
          {submitMessage && (
            <p role="alert" className="mb-3 border-4 border-nhs-red p-3 font-bold text-nhs-red">
              {submitMessage}
            </p>
          )}
          <button
            type="button"
            disabled={submitting || formState.isDirty}
            onClick={() =>
              startSubmit(async () => {
                const result = await submit({ id: draftId!, rowVersion: form.getValues('rowVersion')! });
                if (result.ok) router.refresh();
                else setSubmitMessage(result.message ?? Object.values(result.fieldErrors ?? {}).flat()[0] ?? 'It could not be submitted.');
              })
            }
            className="bg-nhs-green px-4 py-2 font-bold text-white shadow-[0_4px_0_#00401e] disabled:opacity-60"
          >
            {submitting ? 'Submitting…' : formState.isDirty ? 'Save your changes before submitting' : 'Submit for marking'}
          </button>
        </section>
      )}
    </div>
  );
}

const AUTOSAVE_AFTER_MS = 2000;

/**
 * Saves the draft a couple of seconds after the apprentice stops typing, so a closed tab loses
 * nothing. A new piece is created on its first save (once it has a title). What is typed while a
 * save is on its way stays unsaved-and-dirty, and is saved next.
 */
function useAutosave(
  form: ReturnType<typeof useServerForm<Values, unknown>>['form'],
  draftId: string | undefined,
  justCreated: boolean,
  onCreated: (id: string) => void,
  saveExisting: (v: Values) => Promise<FormResult<unknown>>,
  create: ((v: Values) => Promise<FormResult<unknown>>) | null,
) {
  const [state, setState] = useState<{ text: string; failed: boolean }>({
    text: justCreated ? 'Draft saved. From now on, changes save automatically.' : draftId ? 'Changes save automatically.' : '',
    failed: false,
  });
  const values = useWatch({ control: form.control });
  const saving = useRef(false);
  const { isDirty } = form.formState;

  useEffect(() => {
    if (!isDirty || saving.current) return;
    if (!draftId && !create) return;
    const timer = setTimeout(async () => {
      const snapshot = form.getValues();
      const schema = draftId ? EvidenceUpdate : EvidenceInput;
      if (!schema.safeParse(snapshot).success) {
        setState({ text: draftId ? 'Not saved yet: finish the fields marked as needed, or press Save draft to see what is missing.' : 'Give the evidence a title and date, and it will be saved as a draft automatically.', failed: false });
        return;
      }
      saving.current = true;
      setState({ text: 'Saving…', failed: false });
      try {
        const result = draftId ? await saveExisting(snapshot) : await create!(snapshot);
        if (!result.ok) {
          setState({ text: result.message ?? `Not saved: ${Object.values(result.fieldErrors ?? {}).flat()[0] ?? 'check the fields'}`, failed: true });
          return;
        }
        const saved = draftId ? { ...snapshot, rowVersion: result.data as number } : { ...snapshot, id: result.data as string, rowVersion: 1 };
        // The saved values become the baseline. Anything typed while the save was on its way stays
        // (and stays dirty, so it is saved next); react-hook-form only clears isDirty on a full reset.
        const typedSince = JSON.stringify({ ...form.getValues(), id: 0, rowVersion: 0 }) !== JSON.stringify({ ...snapshot, id: 0, rowVersion: 0 });
        if (typedSince) {
          form.reset(saved, { keepValues: true, keepErrors: true });
          form.setValue('rowVersion', saved.rowVersion);
          if (!draftId) form.setValue('id', saved.id);
        } else form.reset(saved, { keepErrors: true });
        if (!draftId) onCreated(saved.id!);
        setState({ text: `Saved automatically at ${formatTime(new Date())}.`, failed: false });
      } catch {
        setState({ text: 'Could not save just now (are you offline?). Your text is still here; it will be saved when you type again or press Save draft.', failed: true });
      } finally {
        saving.current = false;
      }
    }, AUTOSAVE_AFTER_MS);
    return () => clearTimeout(timer);
    // values: every change restarts the timer.
  }, [values, isDirty, draftId, create, saveExisting, form, onCreated]);

  return state;
}
