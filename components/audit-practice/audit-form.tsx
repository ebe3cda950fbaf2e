'use client';
import { useRouter } from 'next/navigation';
import { useRef, useState, useTransition } from 'react';
import type { FormResult } from '@/lib/forms/result';
import { AUDIT_ERROR_TYPES, AUDIT_ERROR_TYPE_IDS } from '@/lib/audit-practice/error-types';
import { useActiveTime } from '@/components/practice/use-active-time';

type Code = { code: string; title: string };
type CodeState = { verdict: '' | 'correct' | 'error'; errorType: string; correction: string };
type Figure = { correct: string; of: string };
const FIGURES = [
  ['primaryDiagnosis', 'Primary diagnosis'],
  ['secondaryDiagnoses', 'Secondary diagnoses'],
  ['primaryProcedure', 'Primary procedure'],
  ['secondaryProcedures', 'Secondary procedures'],
] as const;
type FigureKey = (typeof FIGURES)[number][0];
const MAX_OMITTED = 5;

export type AuditSubmission = {
  episodeId: string;
  diagnoses: { verdict: 'correct' | 'error'; errorType: string; correction: string }[];
  procedures: { verdict: 'correct' | 'error'; errorType: string; correction: string }[];
  omitted: string[];
  figures: Record<FigureKey, Figure>;
  activeSeconds: number;
};

const inputClass = (bad: boolean) => `mt-1 block w-full rounded-none border-2 bg-white px-3 py-2 text-base ${bad ? 'border-nhs-red' : 'border-nhs-black'}`;
const WHOLE = /^\d{1,2}$/;

/**
 * The apprentice's audit of a coder's episode: a verdict on each code (and for a wrong one its error type and
 * correction), the codes the coder left out, and the coder's four audit figures.
 */
export function AuditForm({ episodeId, diagnoses, procedures, action }: { episodeId: string; diagnoses: Code[]; procedures: Code[]; action: (input: AuditSubmission) => Promise<FormResult<string>> }) {
  const router = useRouter();
  const activeSeconds = useActiveTime();
  const blank = (): CodeState => ({ verdict: '', errorType: '', correction: '' });
  const [codes, setCodes] = useState({ diagnoses: diagnoses.map(blank), procedures: procedures.map(blank) });
  const [omitted, setOmitted] = useState<string[]>([]);
  const [figures, setFigures] = useState<Record<FigureKey, Figure>>({ primaryDiagnosis: { correct: '', of: '' }, secondaryDiagnoses: { correct: '', of: '' }, primaryProcedure: { correct: '', of: '' }, secondaryProcedures: { correct: '', of: '' } });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const summary = useRef<HTMLDivElement>(null);

  const setCode = (side: 'diagnoses' | 'procedures', i: number, patch: Partial<CodeState>) => setCodes((c) => ({ ...c, [side]: c[side].map((s, k) => (k === i ? { ...s, ...patch } : s)) }));

  function validate(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const side of ['diagnoses', 'procedures'] as const)
      codes[side].forEach((s, i) => {
        const code = (side === 'diagnoses' ? diagnoses : procedures)[i]!.code;
        if (!s.verdict) out[`${side}-${i}-verdict`] = `Choose whether ${code} is correct or an error.`;
        else if (s.verdict === 'error' && !s.errorType) out[`${side}-${i}-type`] = `Choose the error type for ${code}.`;
      });
    omitted.forEach((o, i) => {
      if (!/^[A-Za-z]\d{2}(\.?[0-9X]\d?)?X?$/.test(o.trim().replace(/\s/g, ''))) out[`omitted-${i}`] = 'Enter a code like I10X or Z94.3, or remove this row.';
    });
    for (const [key, label] of FIGURES) {
      const f = figures[key];
      const both = f.correct.trim() === '' && f.of.trim() === '';
      if (both) continue;
      if (!WHOLE.test(f.correct.trim()) || !WHOLE.test(f.of.trim())) out[`figure-${key}`] = `Enter the ${label.toLowerCase()} figure as two whole numbers, or leave both blank.`;
      else if (Number(f.correct) > Number(f.of)) out[`figure-${key}`] = `The ${label.toLowerCase()} figure cannot have more correct than audited.`;
    }
    return out;
  }

  const errorList = Object.entries(errors);
  return (
    <form
      method="post"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setMessage(null);
        const found = validate();
        setErrors(found);
        if (Object.keys(found).length) {
          requestAnimationFrame(() => summary.current?.focus());
          return;
        }
        const toAnswer = (s: CodeState) => ({ verdict: s.verdict as 'correct' | 'error', errorType: s.verdict === 'error' ? s.errorType : '', correction: s.verdict === 'error' ? s.correction.trim() : '' });
        start(async () => {
          try {
            const result = await action({
              episodeId,
              diagnoses: codes.diagnoses.map(toAnswer),
              procedures: codes.procedures.map(toAnswer),
              omitted: omitted.map((o) => o.trim()).filter(Boolean),
              figures,
              activeSeconds: activeSeconds(),
            });
            if (result.ok) router.push(`/apprentice/practice/audit/attempts/${result.data}`);
            else setMessage(result.message ?? Object.values(result.fieldErrors ?? {}).flat()[0] ?? 'Check your audit and try again.');
          } catch {
            setMessage('Something went wrong on our side and your audit was not saved. Please try again.');
          }
        });
      }}
      className="space-y-8"
    >
      {errorList.length > 0 && (
        <div ref={summary} tabIndex={-1} role="alert" aria-labelledby="audit-error-summary" className="border-4 border-nhs-red bg-white p-4">
          <h2 id="audit-error-summary" className="mb-2 text-xl font-bold">
            There is a problem
          </h2>
          <ul className="list-disc space-y-1 pl-5">
            {errorList.map(([id, text]) => (
              <li key={id}>
                <a href={`#${id}`} className="font-bold text-nhs-red">
                  {text}
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}
      {message && (
        <div role="alert" className="border-4 border-nhs-red bg-white p-4 font-bold text-nhs-red">
          {message}
        </div>
      )}
      {(['diagnoses', 'procedures'] as const).map((side) => {
        const list = side === 'diagnoses' ? diagnoses : procedures;
        if (list.length === 0) return null;
        return (
          <section key={side} aria-labelledby={`${side}-heading`} className="space-y-4">
            <h3 id={`${side}-heading`} className="text-xl font-bold">
              {side === 'diagnoses' ? 'Your verdict on each diagnosis' : 'Your verdict on each procedure'}
            </h3>
            {list.map((c, i) => {
              const s = codes[side][i]!;
              const verdictError = errors[`${side}-${i}-verdict`];
              const typeError = errors[`${side}-${i}-type`];
              const name = `${side}-${i}`;
              const position = i === 0 ? (side === 'diagnoses' ? 'primary diagnosis' : 'primary procedure') : `secondary ${side === 'diagnoses' ? 'diagnosis' : 'procedure'} ${i}`;
              return (
                <fieldset key={name} className={`border border-nhs-grey-4 p-4 ${verdictError || typeError ? 'border-l-4 border-l-nhs-red' : ''}`}>
                  <legend className="px-1 font-bold">
                    <span className="font-mono">{c.code}</span> {c.title} <span className="font-normal text-nhs-grey-1">({position})</span>
                  </legend>
                  {verdictError && (
                    <p className="text-sm font-bold text-nhs-red">
                      <span className="sr-only">Error: </span>
                      {verdictError}
                    </p>
                  )}
                  <div id={`${name}-verdict`} tabIndex={-1} className="mt-2 flex flex-wrap gap-6">
                    {(['correct', 'error'] as const).map((v) => (
                      <label key={v} className="flex items-center gap-2">
                        <input type="radio" name={`${name}-verdict`} value={v} checked={s.verdict === v} onChange={() => setCode(side, i, { verdict: v })} className="h-6 w-6" />
                        {v === 'correct' ? 'Correct' : 'Error'}
                      </label>
                    ))}
                  </div>
                  {s.verdict === 'error' && (
                    <div className="mt-3 grid grid-cols-1 gap-3 sm:grid-cols-2">
                      <div>
                        <label htmlFor={`${name}-type`} className="block font-bold">
                          Error type
                        </label>
                        {typeError && (
                          <p id={`${name}-type-error`} className="text-sm font-bold text-nhs-red">
                            <span className="sr-only">Error: </span>
                            {typeError}
                          </p>
                        )}
                        <select id={`${name}-type`} value={s.errorType} onChange={(e) => setCode(side, i, { errorType: e.target.value })} aria-invalid={typeError ? true : undefined} aria-describedby={typeError ? `${name}-type-error` : undefined} className={inputClass(!!typeError)}>
                          <option value="">Choose…</option>
                          {AUDIT_ERROR_TYPE_IDS.map((t) => (
                            <option key={t} value={t}>
                              {AUDIT_ERROR_TYPES[t].label}
                            </option>
                          ))}
                        </select>
                      </div>
                      <div>
                        <label htmlFor={`${name}-correction`} className="block font-bold">
                          Correction
                        </label>
                        <p id={`${name}-correction-hint`} className="text-sm text-nhs-grey-1">
                          The right code, if it should be a different code or go first. Leave blank if the code should simply go or move.
                        </p>
                        <input id={`${name}-correction`} value={s.correction} onChange={(e) => setCode(side, i, { correction: e.target.value })} autoComplete="off" spellCheck={false} aria-describedby={`${name}-correction-hint`} className={`${inputClass(false)} font-mono uppercase`} maxLength={12} />
                      </div>
                    </div>
                  )}
                </fieldset>
              );
            })}
          </section>
        );
      })}

      <section aria-labelledby="omitted-heading" className="space-y-3">
        <h3 id="omitted-heading" className="text-xl font-bold">
          Codes the coder left out
        </h3>
        <p className="text-nhs-grey-1">Add each code the notes support that the coder did not give (ICD-10 or OPCS-4).</p>
        {omitted.map((o, i) => (
          <div key={i} className={`flex flex-wrap items-end gap-3 ${errors[`omitted-${i}`] ? 'border-l-4 border-nhs-red pl-3' : ''}`}>
            <div className="min-w-0 flex-1">
              <label htmlFor={`omitted-${i}`} className="block font-bold">
                Omitted code {i + 1}
              </label>
              {errors[`omitted-${i}`] && (
                <p id={`omitted-${i}-error`} className="text-sm font-bold text-nhs-red">
                  <span className="sr-only">Error: </span>
                  {errors[`omitted-${i}`]}
                </p>
              )}
              <input id={`omitted-${i}`} value={o} onChange={(e) => setOmitted((xs) => xs.map((x, k) => (k === i ? e.target.value : x)))} autoComplete="off" spellCheck={false} maxLength={12} aria-invalid={errors[`omitted-${i}`] ? true : undefined} aria-describedby={errors[`omitted-${i}`] ? `omitted-${i}-error` : undefined} className={`${inputClass(!!errors[`omitted-${i}`])} font-mono uppercase`} />
            </div>
            <button type="button" onClick={() => setOmitted((xs) => xs.filter((_, k) => k !== i))} className="border-2 border-nhs-black bg-white px-3 py-2 font-bold">
              Remove<span className="sr-only"> omitted code {i + 1}</span>
            </button>
          </div>
        ))}
        {omitted.length < MAX_OMITTED && (
          <button
            type="button"
            onClick={() => {
              setOmitted((xs) => [...xs, '']);
              requestAnimationFrame(() => document.getElementById(`omitted-${omitted.length}`)?.focus());
            }}
            className="border-2 border-nhs-blue bg-white px-4 py-2 font-bold text-nhs-blue"
          >
            Add a code the coder omitted
          </button>
        )}
      </section>

      <section aria-labelledby="figures-heading" className="space-y-3">
        <h3 id="figures-heading" className="text-xl font-bold">
          The coder&apos;s four audit figures
        </h3>
        <p className="text-nhs-grey-1">As the national clinical coding audit reports them: codes correct of codes audited. A wrong, sequenced or missing primary scores 0 of 1; an unnecessary or missing secondary counts in the &ldquo;of&rdquo;; position errors (dagger/asterisk, Y/Z) count as errors. Leave both boxes blank when there is nothing to audit.</p>
        {FIGURES.map(([key, label]) => {
          const err = errors[`figure-${key}`];
          return (
            <fieldset key={key} id={`figure-${key}`} tabIndex={-1} className={`border border-nhs-grey-4 p-4 ${err ? 'border-l-4 border-l-nhs-red' : ''}`}>
              <legend className="px-1 font-bold">{label}</legend>
              {err && (
                <p className="text-sm font-bold text-nhs-red">
                  <span className="sr-only">Error: </span>
                  {err}
                </p>
              )}
              <div className="flex flex-wrap items-end gap-3">
                <div>
                  <label htmlFor={`figure-${key}-correct`} className="block">
                    Correct
                  </label>
                  <input id={`figure-${key}-correct`} inputMode="numeric" autoComplete="off" value={figures[key].correct} onChange={(e) => setFigures((f) => ({ ...f, [key]: { ...f[key], correct: e.target.value } }))} className={`${inputClass(!!err)} w-20`} maxLength={2} />
                </div>
                <span className="pb-2">of</span>
                <div>
                  <label htmlFor={`figure-${key}-of`} className="block">
                    Audited
                  </label>
                  <input id={`figure-${key}-of`} inputMode="numeric" autoComplete="off" value={figures[key].of} onChange={(e) => setFigures((f) => ({ ...f, [key]: { ...f[key], of: e.target.value } }))} className={`${inputClass(!!err)} w-20`} maxLength={2} />
                </div>
              </div>
            </fieldset>
          );
        })}
      </section>

      <button type="submit" disabled={pending} className="inline-flex items-center gap-2 bg-nhs-green px-5 py-3 text-lg font-bold text-white shadow-[0_4px_0_#00401e] disabled:opacity-70">
        {pending && <span aria-hidden className="h-4 w-4 animate-spin rounded-full border-2 border-white border-t-transparent" />}
        Submit audit
      </button>
      <p className="text-sm text-nhs-grey-1">Your audit is marked at once and saved as it is; you can audit an episode as often as you like.</p>
    </form>
  );
}
