'use client';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import type { FormResult } from '@/lib/forms/result';
import { useActiveTime } from '@/components/practice/use-active-time';
import { CodeListEditor } from './code-list-editor';

type FourStep = { leadTerm: string; indexEntry: string; tabularCheck: string };
export type AttemptSubmission = {
  caseId: string;
  diagnoses: string[];
  procedures: string[];
  fourStep?: ({ code: string } & FourStep)[];
  activeSeconds?: number;
};
const EMPTY: FourStep = { leadTerm: '', indexEntry: '', tabularCheck: '' };
const STEPS: { key: keyof FourStep; label: string; hint: string }[] = [
  { key: 'leadTerm', label: 'Lead term', hint: 'The main term you looked up in the alphabetical index.' },
  { key: 'indexEntry', label: 'Index entry followed', hint: 'The entry and any subterms or cross-references you followed.' },
  { key: 'tabularCheck', label: 'Tabular check made', hint: 'What you checked in the tabular list: inclusions, exclusions, notes, the fourth character.' },
];

export function AnswerForm({ caseId, action }: { caseId: string; action: (input: AttemptSubmission) => Promise<FormResult<string>> }) {
  const router = useRouter();
  const activeSeconds = useActiveTime();
  const [diagnoses, setDiagnoses] = useState<string[]>([]);
  const [procedures, setProcedures] = useState<string[]>([]);
  const [recordSteps, setRecordSteps] = useState(false);
  // Kept by code, so what was typed stays when a code is moved or the mode is switched off and on.
  const [steps, setSteps] = useState<Record<string, FourStep>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [stepsError, setStepsError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const codes = [...new Set([...diagnoses, ...procedures])];
  const set = (code: string, key: keyof FourStep, value: string) => setSteps((s) => ({ ...s, [code]: { ...(s[code] ?? EMPTY), [key]: value } }));

  return (
    <form
      method="post"
      onSubmit={(e) => {
        e.preventDefault();
        setMessage(null);
        setStepsError(null);
        start(async () => {
          try {
            const fourStep = recordSteps ? codes.map((code) => ({ code, ...(steps[code] ?? EMPTY) })) : undefined;
            const result = await action({ caseId, diagnoses, procedures, fourStep, activeSeconds: activeSeconds() });
            if (result.ok) router.push(`/attempts/${result.data}`);
            else {
              const { fourStep: stepErrors, ...rest } = result.fieldErrors ?? {};
              if (stepErrors?.length) setStepsError(stepErrors[0]!);
              const other = result.message ?? Object.values(rest).flat()[0];
              setMessage(other ?? (stepErrors?.length ? 'Check the four-step process you recorded.' : 'Check your answer and try again.'));
            }
          } catch {
            setMessage('Something went wrong on our side and your answer was not saved. Please try again.');
          }
        });
      }}
      className="space-y-8"
    >
      {message && (
        <div role="alert" className="border-4 border-nhs-red bg-white p-4 font-bold text-nhs-red">
          {message}
        </div>
      )}
      <CodeListEditor label="Diagnoses (ICD-10)" scheme="icd10" codes={diagnoses} onChange={setDiagnoses} hint="The first is the primary diagnosis. Put an asterisk code directly after its dagger code." />
      <CodeListEditor label="Procedures (OPCS-4)" scheme="opcs4" codes={procedures} onChange={setProcedures} hint="The first is the primary procedure. Site, laterality (Z) and approach (Y) codes go directly after the code they qualify." />
      <div className="border-l-4 border-nhs-grey-4 pl-4">
        <div className="flex items-start gap-3">
          <input id="four-step" type="checkbox" checked={recordSteps} onChange={(e) => setRecordSteps(e.target.checked)} aria-describedby="four-step-hint" className="mt-1 h-5 w-5 shrink-0" />
          <div>
            <label htmlFor="four-step" className="font-bold">
              Record the four-step process
            </label>
            <p id="four-step-hint" className="text-sm text-nhs-grey-1">
              Optional. For each code: the lead term, the index entry you followed and the check you made in the tabular list. Your trainer sees it beside your attempt.
            </p>
          </div>
        </div>
        {recordSteps && (
          <div className="mt-4 space-y-4">
            {stepsError && (
              <p id="four-step-error" className="font-bold text-nhs-red">
                <span className="sr-only">Error: </span>
                {stepsError}
              </p>
            )}
            {codes.length === 0 ? (
              <p>Add a code above to record how you found it.</p>
            ) : (
              codes.map((code, i) => (
                <fieldset key={code} className="border border-nhs-grey-4 bg-white p-4">
                  <legend className="px-1 font-bold">How you found {code}</legend>
                  {STEPS.map((s) => {
                    const id = `four-step-${i}-${s.key}`;
                    return (
                      <div key={s.key} className="mt-3">
                        <label htmlFor={id} className="block font-bold">
                          {s.label}
                        </label>
                        <p id={`${id}-hint`} className="text-sm text-nhs-grey-1">
                          {s.hint}
                        </p>
                        <input
                          id={id}
                          value={steps[code]?.[s.key] ?? ''}
                          onChange={(e) => set(code, s.key, e.target.value)}
                          maxLength={s.key === 'leadTerm' ? 200 : 300}
                          autoComplete="off"
                          aria-describedby={`${id}-hint${stepsError ? ' four-step-error' : ''}`}
                          className="mt-1 block w-full max-w-xl border-2 border-nhs-black px-3 py-2"
                        />
                      </div>
                    );
                  })}
                </fieldset>
              ))
            )}
          </div>
        )}
      </div>
      <button type="submit" disabled={pending} className="inline-flex items-center gap-2 bg-nhs-green px-5 py-3 text-lg font-bold text-white shadow-[0_4px_0_#00401e] disabled:opacity-70">
        {pending && <span aria-hidden className="h-4 w-4 animate-spin rounded-full border-2 border-white border-t-transparent" />}
        Submit for marking
      </button>
      <p className="text-sm text-nhs-grey-1">Each submission is saved as it is and cannot be changed; you can try a case as often as you like.</p>
    </form>
  );
}
