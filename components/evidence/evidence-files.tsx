'use client';
import { useEffect, useId, useRef, useState } from 'react';
import { sendFile as send } from '@/lib/files/send-file';
import { ALLOWED_TEXT, ALLOWED_TYPES, LIMITS_TEXT, MAX_FILE_BYTES, MAX_FILES_PER_EVIDENCE, formatFileSize, tooLargeMessage, tooManyMessage } from '@/lib/files/limits';

export type EvidenceFileRow = { id: string; fileName: string; mediaType: string; sizeBytes: number };

type Upload = { key: number; fileName: string; loaded: number; total: number; checking: boolean };

const typeLabel = (mediaType: string) => (ALLOWED_TYPES as Record<string, { label: string }>)[mediaType]?.label ?? mediaType;
const ACCEPT = [...Object.keys(ALLOWED_TYPES), ...Object.values(ALLOWED_TYPES).flatMap((t) => t.extensions.map((e) => `.${e}`))].join(',');

/**
 * The files of a piece of evidence: a list with download links and, while the piece may be edited, an
 * upload control (progress per file) and remove buttons (confirmed first). Uploads are separate from
 * the text form, so nothing typed there is lost when a file is refused.
 *
 * On a piece not saved yet (no `evidenceId`), chosen files wait in the browser and `onNeedDraft` asks the
 * form to save the draft; they upload as soon as it has an id.
 */
export function EvidenceFiles({
  evidenceId,
  initialFiles,
  editable,
  onNeedDraft,
  onBusyChange,
}: {
  evidenceId: string | undefined;
  initialFiles: EvidenceFileRow[];
  editable: boolean;
  onNeedDraft?: () => void;
  /** Told when files start and stop waiting or uploading, so the form does not leave the page under them. */
  onBusyChange?: (busy: boolean) => void;
}) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [files, setFiles] = useState(initialFiles);
  const list = useRef<HTMLUListElement>(null);
  // Once the piece has its most files the picker is disabled, and focus would fall to <body>: it goes to the
  // newest file's link instead.
  const focusNewest = useRef(false);
  useEffect(() => {
    if (!focusNewest.current) return;
    focusNewest.current = false;
    list.current?.querySelector<HTMLAnchorElement>('li:last-child a')?.focus();
  }, [files]);
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [errors, setErrors] = useState<string[]>([]);
  const [announce, setAnnounce] = useState('');
  const [confirming, setConfirming] = useState<string | null>(null);
  const [removing, setRemoving] = useState<string | null>(null);
  const nextKey = useRef(0);
  // Files chosen before the draft had an id: shown in `waiting`, kept in `waitingRef` for the upload.
  const [waiting, setWaiting] = useState<File[]>([]);
  const waitingRef = useRef<File[]>([]);
  const busy = uploads.length > 0;
  const [sending, setSending] = useState(false);
  useEffect(() => onBusyChange?.(sending || waiting.length > 0), [sending, waiting.length, onBusyChange]);
  // The draft has just been saved: the files chosen before it had an id go now.
  useEffect(() => {
    if (!evidenceId || !waitingRef.current.length) return;
    const chosen = waitingRef.current;
    waitingRef.current = [];
    void startUpload(chosen, evidenceId);
    // Once per id: the function is new each render, and running again would upload twice.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [evidenceId]);

  async function startUpload(chosen: File[], evidenceId: string) {
    setSending(true);
    setWaiting([]);
    try {
      await upload(chosen, evidenceId);
    } finally {
      setSending(false);
    }
  }

  async function onChoose(chosen: File[]) {
    if (input.current) input.current.value = '';
    if (!chosen.length) return;
    if (!evidenceId) {
      const room = MAX_FILES_PER_EVIDENCE - files.length - waiting.length;
      const refused = chosen.filter((f, i) => f.size > MAX_FILE_BYTES || i >= room);
      setErrors(refused.map((f) => (f.size > MAX_FILE_BYTES ? tooLargeMessage(f.name, f.size) : `“${f.name}” was not added. ${tooManyMessage()}`)));
      const kept = chosen.filter((f) => !refused.includes(f));
      if (!kept.length) return;
      waitingRef.current = [...waitingRef.current, ...kept];
      setWaiting(waitingRef.current);
      setAnnounce(`${kept.map((f) => f.name).join(', ')}: ${kept.length === 1 ? 'waits' : 'wait'} for the draft to be saved.`);
      onNeedDraft?.();
      return;
    }
    await startUpload(chosen, evidenceId);
  }

  async function upload(chosen: File[], evidenceId: string) {
    const problems: string[] = [];
    let room = MAX_FILES_PER_EVIDENCE - files.length;
    const toSend: File[] = [];
    for (const file of chosen) {
      // Checked here to save a long wait; the server checks again, and decides the type from the bytes.
      if (file.size > MAX_FILE_BYTES) problems.push(tooLargeMessage(file.name, file.size));
      else if (room <= 0) problems.push(`“${file.name}” was not added. ${tooManyMessage()}`);
      else {
        toSend.push(file);
        room--;
      }
    }
    setErrors(problems);
    let added = 0; // `files` here is as it was when the files were chosen
    for (const file of toSend) {
      const key = nextKey.current++;
      let lastTenth = -1;
      setUploads((u) => [...u, { key, fileName: file.name, loaded: 0, total: file.size, checking: false }]);
      const { status, body } = await send(`/api/evidence/${evidenceId}/files`, file, (loaded, total) => {
        setUploads((u) => u.map((x) => (x.key === key ? { ...x, loaded, total, checking: loaded >= total } : x)));
        // Screen readers hear every tenth, not every event.
        const tenth = Math.floor((loaded / Math.max(total, 1)) * 10);
        if (tenth !== lastTenth) {
          lastTenth = tenth;
          setAnnounce(loaded >= total ? `Checking ${file.name}…` : `Uploading ${file.name}: ${tenth * 10}%`);
        }
      });
      setUploads((u) => u.filter((x) => x.key !== key));
      if (status === 201 && body) {
        if (document.activeElement === input.current && files.length + ++added >= MAX_FILES_PER_EVIDENCE) focusNewest.current = true;
        setFiles((f) => [...f, body as EvidenceFileRow]);
        setAnnounce(`${file.name} uploaded.`);
      } else {
        const message = (body as { error?: string } | null)?.error ?? `“${file.name}” could not be uploaded: the connection failed. Try again.`;
        problems.push(message);
        setErrors([...problems]);
        setAnnounce(`${file.name} was not uploaded.`);
      }
    }
  }

  async function remove(file: EvidenceFileRow) {
    setRemoving(file.id);
    const res = await fetch(`/api/files/${file.id}`, { method: 'DELETE' }).catch(() => null);
    setRemoving(null);
    setConfirming(null);
    if (res?.ok) {
      setFiles((f) => f.filter((x) => x.id !== file.id));
      setErrors([]);
      setAnnounce(`${file.fileName} removed.`);
    } else {
      const body = (await res?.json().catch(() => null)) as { error?: string } | null;
      setErrors([body?.error ?? `“${file.fileName}” could not be removed. Try again.`]);
    }
  }

  return (
    <section aria-labelledby={`${id}-heading`} className="space-y-4">
      <h2 id={`${id}-heading`} className="text-xl font-bold">
        Files
      </h2>
      {files.length === 0 ? (
        <p className="text-nhs-grey-1">No files yet.</p>
      ) : (
        <ul ref={list} className="divide-y divide-nhs-grey-4 border border-nhs-grey-4 bg-white" aria-label="Files of this evidence">
          {files.map((f) => (
            <li key={f.id} className="flex flex-wrap items-center gap-x-4 gap-y-2 px-3 py-2">
              <a href={`/api/files/${f.id}`} download={f.fileName} className="font-bold break-all">
                {f.fileName}
              </a>
              <span className="text-sm text-nhs-grey-1">
                {typeLabel(f.mediaType)}, {formatFileSize(f.sizeBytes)}
              </span>
              {editable &&
                (confirming === f.id ? (
                  <span className="ml-auto flex items-center gap-2" role="group" aria-label={`Remove ${f.fileName}?`}>
                    <span className="text-sm font-bold">Remove this file?</span>
                    <button type="button" onClick={() => remove(f)} disabled={removing === f.id} className="bg-nhs-red px-3 py-1 font-bold text-white disabled:opacity-70">
                      {removing === f.id ? 'Removing…' : `Yes, remove ${f.fileName}`}
                    </button>
                    <button type="button" onClick={() => setConfirming(null)} className="border-2 border-nhs-black bg-white px-3 py-1 font-bold">
                      Cancel
                    </button>
                  </span>
                ) : (
                  <button type="button" onClick={() => setConfirming(f.id)} className="ml-auto border-2 border-nhs-black bg-white px-3 py-1 font-bold" aria-label={`Remove ${f.fileName}`}>
                    Remove
                  </button>
                ))}
            </li>
          ))}
        </ul>
      )}

      {waiting.length > 0 && (
        <div className="border-l-8 border-nhs-blue bg-nhs-grey-5 p-3">
          <p className="font-bold">Waiting for the draft to be saved, then uploaded:</p>
          <ul className="mt-1 list-disc pl-6" aria-label="Files waiting to upload">
            {waiting.map((f, i) => (
              <li key={`${f.name}-${i}`} className="break-all">
                {f.name} <span className="text-sm text-nhs-grey-1">({formatFileSize(f.size)})</span>
              </li>
            ))}
          </ul>
          <p className="mt-1 text-sm">A draft needs a title and the date of the activity.</p>
        </div>
      )}

      {editable && (
        <div className={errors.length ? 'border-l-4 border-nhs-red pl-3' : ''}>
          <label htmlFor={`${id}-input`} className="block font-bold">
            Add files
          </label>
          <p id={`${id}-hint`} className="text-sm text-nhs-grey-1">
            {ALLOWED_TEXT}. {LIMITS_TEXT} Never include patient details: a PDF or Word file holding anything that looks like an NHS number is refused.
          </p>
          <div id={`${id}-errors`} role="alert">
            {errors.map((message, i) => (
              <p key={i} className="mt-1 text-sm font-bold text-nhs-red">
                <span className="sr-only">Error: </span>
                {message}
              </p>
            ))}
          </div>
          <input
            ref={input}
            id={`${id}-input`}
            type="file"
            multiple
            accept={ACCEPT}
            // Not disabled while uploading: a disabled control drops focus to <body> (WCAG 2.4.3). The picker
            // just does not open until the uploads are done.
            disabled={files.length >= MAX_FILES_PER_EVIDENCE}
            aria-disabled={busy || undefined}
            onClick={(e) => {
              if (busy) e.preventDefault();
            }}
            aria-invalid={errors.length ? true : undefined}
            aria-describedby={errors.length ? `${id}-hint ${id}-errors` : `${id}-hint`}
            onChange={(e) => onChoose(Array.from(e.target.files ?? []))}
            className="mt-2 block w-full border-2 border-nhs-black bg-white p-2 file:mr-3 file:border-0 file:bg-nhs-blue file:px-3 file:py-1 file:font-bold file:text-white"
          />
          {files.length >= MAX_FILES_PER_EVIDENCE && <p className="mt-1 text-sm">This piece has {MAX_FILES_PER_EVIDENCE} files, the most allowed: remove one to add another.</p>}
          {uploads.length > 0 && (
            <ul className="mt-3 space-y-2" aria-label="Uploads in progress">
              {uploads.map((u) => (
                <li key={u.key}>
                  <label htmlFor={`${id}-progress-${u.key}`} className="block text-sm">
                    {u.checking ? `Checking ${u.fileName}…` : `Uploading ${u.fileName}`}
                  </label>
                  <progress id={`${id}-progress-${u.key}`} max={Math.max(u.total, 1)} value={u.loaded} className="h-3 w-full accent-nhs-blue">
                    {Math.round((u.loaded / Math.max(u.total, 1)) * 100)}%
                  </progress>
                </li>
              ))}
            </ul>
          )}
          <p role="status" aria-live="polite" className="sr-only" data-testid="upload-status">
            {announce}
          </p>
        </div>
      )}
    </section>
  );
}
