'use client';
import { useId, useState, useTransition } from 'react';
import type { FormResult } from '@/lib/forms/result';
import { useClaimActiveTime } from './question-time';

type Q = { id: string; type: string; stem: string; options: string[] | null; classification: string | null; ksbs: string[] };
type Outcome = { correct: boolean; explanation: string; answer: (number | string)[] };

/** One theory question with immediate feedback and the explanation. */
export function QuestionCard({ q, n, action }: { q: Q; n: number; action: (input: { questionId: string; answer: number[] | string; activeSeconds?: number }) => Promise<FormResult<Outcome>> }) {
  const id = useId();
  const [chosen, setChosen] = useState<number[]>([]);
  const [code, setCode] = useState('');
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const multiple = q.type === 'multiple';
  const claim = useClaimActiveTime();

  function submit(e: React.FormEvent) {
    e.preventDefault();
    if (q.type === 'code' ? !code.trim() : chosen.length === 0) return setError(q.type === 'code' ? 'Type a code.' : 'Choose an answer.');
    setError(null);
    start(async () => {
      const result = await action({ questionId: q.id, answer: q.type === 'code' ? code : chosen, activeSeconds: claim?.() });
      if (result.ok) setOutcome(result.data);
      else setError(result.message ?? Object.values(result.fieldErrors ?? {}).flat()[0] ?? 'That answer could not be saved.');
    });
  }

  return (
    <li className="border border-nhs-grey-4 bg-white p-5">
      <form method="post" onSubmit={submit} noValidate>
        <fieldset disabled={outcome !== null}>
          <legend className="mb-3 text-lg font-bold">
            <span className="mr-2 text-nhs-grey-1">{n}.</span>
            {q.stem}
          </legend>
          <p className="mb-3 text-sm text-nhs-grey-1">
            {q.ksbs.join(', ')}
            {multiple && ' · select all that apply'}
          </p>
          {error && (
            <p id={`${id}-error`} className="mb-2 font-bold text-nhs-red">
              <span className="sr-only">Error: </span>
              {error}
            </p>
          )}
          {q.type === 'code' ? (
            <div>
              <label htmlFor={`${id}-code`} className="block font-bold">
                {q.classification === 'opcs4' ? 'OPCS-4' : 'ICD-10'} code
              </label>
              <input
                id={`${id}-code`}
                value={code}
                onChange={(e) => setCode(e.target.value)}
                autoComplete="off"
                aria-describedby={error ? `${id}-error` : undefined}
                className="mt-1 block w-40 border-2 border-nhs-black px-3 py-2 font-mono"
              />
            </div>
          ) : (
            <ul className="space-y-2">
              {q.options!.map((o, i) => {
                const isAnswer = outcome?.answer.includes(i);
                return (
                  <li key={i}>
                    <label className={`flex items-start gap-3 ${outcome && isAnswer ? 'font-bold text-nhs-green' : ''}`}>
                      <input
                        type={multiple ? 'checkbox' : 'radio'}
                        name={`${id}-option`}
                        checked={chosen.includes(i)}
                        onChange={(e) => setChosen(multiple ? (e.target.checked ? [...chosen, i] : chosen.filter((c) => c !== i)) : [i])}
                        className="mt-1 h-5 w-5 shrink-0"
                      />
                      <span>
                        {o}
                        {outcome && isAnswer && <span className="sr-only"> (right answer)</span>}
                      </span>
                    </label>
                  </li>
                );
              })}
            </ul>
          )}
          {!outcome && (
            <button type="submit" disabled={pending} className="mt-4 bg-nhs-green px-4 py-2 font-bold text-white shadow-[0_4px_0_#00401e] disabled:opacity-70">
              {pending ? 'Checking…' : 'Check answer'}
            </button>
          )}
        </fieldset>
      </form>
      <div aria-live="polite">
        {outcome && (
          <div className={`mt-4 border-l-8 p-4 ${outcome.correct ? 'border-nhs-green bg-[#e6f2eb]' : 'border-nhs-red bg-[#fbe9e7]'}`}>
            <p className="font-bold">{outcome.correct ? 'Right.' : `Not quite.${q.type === 'code' ? ` The answer is ${outcome.answer.join(' or ')}.` : ''}`}</p>
            <p>{outcome.explanation}</p>
          </div>
        )}
      </div>
    </li>
  );
}
