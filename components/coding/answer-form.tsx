'use client';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import type { FormResult } from '@/lib/forms/result';
import { CodeListEditor } from './code-list-editor';

export function AnswerForm({ caseId, action }: { caseId: string; action: (input: { caseId: string; diagnoses: string[]; procedures: string[] }) => Promise<FormResult<string>> }) {
  const router = useRouter();
  const [diagnoses, setDiagnoses] = useState<string[]>([]);
  const [procedures, setProcedures] = useState<string[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [pending, start] = useTransition();

  return (
    <form
      method="post"
      onSubmit={(e) => {
        e.preventDefault();
        setMessage(null);
        start(async () => {
          try {
            const result = await action({ caseId, diagnoses, procedures });
            if (result.ok) router.push(`/attempts/${result.data}`);
            else setMessage(result.message ?? Object.values(result.fieldErrors ?? {}).flat()[0] ?? 'Check your answer and try again.');
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
      <button type="submit" disabled={pending} className="inline-flex items-center gap-2 bg-nhs-green px-5 py-3 text-lg font-bold text-white shadow-[0_4px_0_#00401e] disabled:opacity-70">
        {pending && <span aria-hidden className="h-4 w-4 animate-spin rounded-full border-2 border-white border-t-transparent" />}
        Submit for marking
      </button>
      <p className="text-sm text-nhs-grey-1">Each submission is saved as it is and cannot be changed; you can try a case as often as you like.</p>
    </form>
  );
}
