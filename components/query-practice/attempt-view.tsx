import { StatusTag } from '@/components/status-tag';
import type { QueryRubricJson } from '@/db/schema';
import { formatDateTime } from '@/lib/format';
import { CRITERIA_IDS, DECISION_CRITERION, QUERY_CRITERIA, criteriaMet } from '@/lib/query-practice/schemas';
import { PrecheckHints } from './precheck-hints';

type Attempt = {
  queryNeeded: boolean;
  addressedTo: string | null;
  queryText: string | null;
  reasoning: string;
  prechecks: { id: string; message: string }[];
  createdAt: Date;
};

/** What the apprentice submitted: their decision, the query and its pre-check hints, and their reasoning. */
export function AttemptAnswer({ attempt, who = 'Your' }: { attempt: Attempt; who?: string }) {
  return (
    <section aria-labelledby="answer-heading" className="space-y-4 bg-white p-5">
      <h2 id="answer-heading" className="text-2xl font-bold">
        {who} answer
      </h2>
      <p className="text-sm text-nhs-grey-1">Submitted {formatDateTime(attempt.createdAt)}</p>
      <p>
        <strong>Decision: </strong>
        {attempt.queryNeeded ? 'a query to the consultant is needed' : 'no query is needed: the notes settle it'}
      </p>
      {attempt.queryNeeded && (
        <>
          <p>
            <strong>To: </strong>
            {attempt.addressedTo}
          </p>
          <div>
            <h3 className="font-bold">Query</h3>
            <blockquote className="mt-1 whitespace-pre-line break-words border-l-4 border-nhs-grey-4 pl-3">{attempt.queryText}</blockquote>
          </div>
          <PrecheckHints flags={attempt.prechecks} />
        </>
      )}
      <div>
        <h3 className="font-bold">Reasoning</h3>
        <p className="whitespace-pre-line break-words">{attempt.reasoning}</p>
      </div>
    </section>
  );
}

/** The scenario's side for the trainer (and for the apprentice once marked): the gap, what it changes, the model query. */
export function ScenarioKey({ k }: { k: { queryNeeded: boolean; gap: string; changes: string; modelQuery: string } }) {
  return (
    <section aria-labelledby="key-heading" className="space-y-3 border-l-4 border-nhs-blue bg-white p-5">
      <h2 id="key-heading" className="text-2xl font-bold">
        The scenario&apos;s answer
      </h2>
      <p>
        <StatusTag tone={k.queryNeeded ? 'blue' : 'grey'}>{k.queryNeeded ? 'A query is needed' : 'No query is needed'}</StatusTag>
      </p>
      <div>
        <h3 className="font-bold">{k.queryNeeded ? 'The gap in the notes' : 'What settles it'}</h3>
        <p className="break-words">{k.gap}</p>
      </div>
      <div>
        <h3 className="font-bold">What the answer changes in the coding</h3>
        <p className="break-words">{k.changes}</p>
      </div>
      <div>
        <h3 className="font-bold">{k.queryNeeded ? 'A model query' : 'Why no query is sent'}</h3>
        <blockquote className="mt-1 whitespace-pre-line break-words border-l-4 border-nhs-grey-4 pl-3">{k.modelQuery}</blockquote>
      </div>
    </section>
  );
}

/** The summary a list shows for a marked rubric: "4 of 5" or the decision alone. */
export function markSummary(rubric: QueryRubricJson | null): string {
  const n = criteriaMet(rubric);
  const decision = rubric?.[DECISION_CRITERION]?.met;
  if (n) return `Marked: ${n.met} of ${n.of}${decision === false ? ', decision not right' : ''}`;
  return `Marked: decision ${decision ? 'right' : 'not right'}`;
}

/** The trainer's marking, criterion by criterion, with the feedback. */
export function Marking({ rubric, feedback, markerName, markedAt, heading = 'Your trainer\'s marking' }: { rubric: QueryRubricJson; feedback: string | null; markerName: string | null; markedAt: Date | null; heading?: string }) {
  const n = criteriaMet(rubric);
  const decision = rubric[DECISION_CRITERION];
  return (
    <section aria-labelledby="marking-heading" className="space-y-3 bg-white p-5">
      <h2 id="marking-heading" className="text-2xl font-bold">
        {heading}
      </h2>
      <p className="text-sm text-nhs-grey-1">
        {markerName ? `Marked by ${markerName}` : 'Marked'}
        {markedAt ? ` on ${formatDateTime(markedAt)}` : ''}
        {n ? ` · ${n.met} of ${n.of} criteria met` : ''}
      </p>
      <ul className="divide-y divide-nhs-grey-4 border border-nhs-grey-4">
        <li className="p-3">
          <StatusTag tone={decision?.met ? 'green' : 'red'}>{decision?.met ? 'Right' : 'Not right'}</StatusTag> <strong>Decision (query or no query)</strong>
        </li>
        {CRITERIA_IDS.map((c) => {
          const r = rubric[c];
          return (
            <li key={c} className="p-3">
              {r ? <StatusTag tone={r.met ? 'green' : 'red'}>{r.met ? 'Met' : 'Not met'}</StatusTag> : <StatusTag tone="grey">Not applicable</StatusTag>} <strong>{QUERY_CRITERIA[c].label}</strong>
              {r?.comment && <p className="mt-1 break-words text-sm">{r.comment}</p>}
            </li>
          );
        })}
      </ul>
      {feedback && (
        <div>
          <h3 className="font-bold">Feedback</h3>
          <p className="whitespace-pre-line break-words">{feedback}</p>
        </div>
      )}
    </section>
  );
}
