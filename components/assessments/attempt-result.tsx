import Link from 'next/link';
import type { getAttemptResult } from '@/lib/dal';
import { HowMarked } from '@/components/coding/attempt-result';
import { AUDIT_FIGURES, AUDIT_FIGURE_LABEL } from '@/lib/progress/settings';
import { DataTable } from '@/components/data-table';
import { StatusTag } from '@/components/status-tag';
import { formatDateTime } from '@/lib/format';
import { GradeTag, formatPercent } from './grade-tag';

type Result = Extract<Awaited<ReturnType<typeof getAttemptResult>>, { items: unknown }>;
type Item = Result['items'][number];

const codes = (list: unknown) => (Array.isArray(list) && list.length ? (list as string[]).join(', ') : 'none');

/**
 * A submitted paper: grade overall and per section, the paper's four audit figures summed over its
 * cases, what to practise next, each KSB's marks, and every item with the answer, the expected
 * answer and the mark. `canMark` adds the trainer's mark and remark links to written answers.
 */
export function AttemptResultView({ r, canMark, practiseLinks }: { r: Result; canMark: boolean; practiseLinks: boolean }) {
  const result = r.result!;
  const sectionTitle = new Map(r.sections.map((s) => [s.id, s.title]));
  return (
    <div className="space-y-8">
      <section aria-labelledby="grade-heading" className="flex flex-wrap items-center gap-6 bg-white p-5">
        <div>
          <h2 id="grade-heading" className="text-sm font-normal text-nhs-grey-1">
            Result
          </h2>
          <p className="flex items-center gap-3 text-3xl font-bold">
            {formatPercent(result.percent)} <GradeTag grade={result.grade} status={r.status} />
          </p>
        </div>
        <p className="text-nhs-grey-1">
          Pass at {r.boundaries.pass}% or more. Distinction is given at {r.boundaries.distinction}% or more; this boundary is set by your training provider. Submitted {r.submittedAt ? formatDateTime(r.submittedAt) : ''}
          {r.submittedBy === 'deadline' ? ' by the server at the deadline' : ''}.
          {result.pending ? ' Written answers are waiting for the trainer, so the grade is not final yet.' : ''}
        </p>
      </section>

      <DataTable caption="Sections" head={['Section', 'Marks', 'Percent', 'Grade']}>
        {result.sections.map((s) => (
          <tr key={s.sectionId}>
            <td>{s.title}</td>
            <td className="whitespace-nowrap">
              {s.score} of {s.outOf}
              {s.pending ? ' so far' : ''}
            </td>
            <td>{formatPercent(s.percent)}</td>
            <td>{s.pending ? <StatusTag tone="grey">Awaiting marking</StatusTag> : <GradeTag grade={s.grade} status="marked" />}</td>
          </tr>
        ))}
      </DataTable>

      {result.figures && (
        <section aria-labelledby="figures-heading">
          <h2 id="figures-heading" className="mb-3 text-2xl font-bold">
            Audit figures over the paper’s cases
          </h2>
          <ul className="grid grid-cols-2 gap-4 lg:grid-cols-4">
            {AUDIT_FIGURES.map((f) => (
              <li key={f} className="bg-white p-4">
                <p className="text-sm text-nhs-grey-1">{AUDIT_FIGURE_LABEL[f]}</p>
                <p className="text-2xl font-bold">{formatPercent(result.figures![f].percent)}</p>
                <p className="text-sm">
                  {result.figures![f].correct} of {result.figures![f].of} codes correct
                </p>
              </li>
            ))}
          </ul>
        </section>
      )}

      {r.practiseNext.length > 0 && (
        <section aria-labelledby="next-heading" className="border-l-8 border-nhs-blue bg-white p-5">
          <h2 id="next-heading" className="mb-2 text-xl font-bold">
            What to practise next
          </h2>
          <ul className="space-y-2">
            {r.practiseNext.map((k) => (
              <li key={k.code}>
                <strong>{k.code}</strong> {formatPercent(k.percent)}: {k.text}
                {practiseLinks && (
                  <span className="block text-sm">
                    <Link href={`/apprentice/cases?ksb=${k.code}`}>Cases for {k.code}</Link> · <Link href={`/apprentice/questions/practice?ksb=${k.code}`}>Questions for {k.code}</Link>
                  </span>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="ksb-heading">
        <h2 id="ksb-heading" className="mb-3 text-2xl font-bold">
          By KSB
        </h2>
        <DataTable caption="Marks by KSB" head={['KSB', 'Items', 'Marks', 'Percent']}>
          {r.ksbBreakdown.map((k) => (
            <tr key={k.code}>
              <td>
                <strong>{k.code}</strong> <span className="text-sm text-nhs-grey-1">{k.text}</span>
              </td>
              <td>{k.items}</td>
              <td className="whitespace-nowrap">
                {k.score} of {k.outOf}
              </td>
              <td>{formatPercent(k.percent)}</td>
            </tr>
          ))}
        </DataTable>
      </section>

      <section aria-labelledby="items-heading">
        <h2 id="items-heading" className="mb-3 text-2xl font-bold">
          Every question
        </h2>
        <ol className="space-y-4">
          {r.items.map((it) => (
            <li key={it.index} className="bg-white p-5">
              <ItemResult it={it} section={sectionTitle.get(it.sectionId) ?? ''} attemptId={r.id} canMark={canMark} />
            </li>
          ))}
        </ol>
      </section>
      {r.howMarked && <HowMarked markedUnder={r.howMarked.markedUnder} rules={r.howMarked.rules} marks={[]} />}
    </div>
  );
}

function ItemResult({ it, section, attemptId, canMark }: { it: Item; section: string; attemptId: string; canMark: boolean }) {
  const m = it.mark;
  return (
    <article aria-labelledby={`item-${it.index}`}>
      <p className="text-sm text-nhs-grey-1">
        {section} · {it.ksbs.join(', ')}
      </p>
      <h3 id={`item-${it.index}`} className="mb-2 font-bold">
        {it.index + 1}. {it.title}
      </h3>
      <p className="mb-2">{m ? <strong>{`${m.score} of ${m.outOf} mark${m.outOf === 1 ? '' : 's'}`}</strong> : <StatusTag tone="grey">Awaiting marking</StatusTag>}</p>
      {it.kind === 'coding' && <CodingItem it={it} />}
      {it.kind === 'theory' && <TheoryItem it={it} />}
      {it.kind === 'written' && <WrittenItemResult it={it} />}
      {m?.markedBy && (
        <p className="mt-2 text-sm text-nhs-grey-1">
          Marked by {m.markedBy}, {formatDateTime(m.at)}
          {m.reason ? ` — remarked: ${m.reason}` : ''}
        </p>
      )}
      {canMark && it.kind === 'written' && (
        <p className="mt-2">
          <Link href={`/assessments/${attemptId}/written/${it.index}`} className="font-bold">
            {m?.markedBy ? 'Remark this answer' : m ? 'Mark this answer' : 'Mark this answer'}
          </Link>
        </p>
      )}
    </article>
  );
}

function CodingItem({ it }: { it: Item }) {
  const answer = (it.answer as { diagnoses: string[]; procedures: string[] } | null) ?? { diagnoses: [], procedures: [] };
  const rationale = (it as { rationale?: { diagnoses: { code: string; rationale: string }[]; procedures: { code: string; rationale: string }[] } }).rationale;
  return (
    <div className="space-y-2">
      <dl className="grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-[10rem_1fr]">
        <dt className="font-bold">Your diagnoses</dt>
        <dd className="font-mono">{codes(answer.diagnoses)}</dd>
        <dt className="font-bold">Your procedures</dt>
        <dd className="font-mono">{codes(answer.procedures)}</dd>
        <dt className="font-bold">Expected diagnoses</dt>
        <dd className="font-mono">{codes(rationale?.diagnoses.map((d) => d.code))}</dd>
        <dt className="font-bold">Expected procedures</dt>
        <dd className="font-mono">{codes(rationale?.procedures.map((p) => p.code))}</dd>
      </dl>
      {it.findings.length > 0 ? (
        <ul className="list-disc pl-5">
          {it.findings.map((f, i) => (
            <li key={i}>{f.message}</li>
          ))}
        </ul>
      ) : (
        <p>No findings: coded as expected.</p>
      )}
      {rationale && (
        <details>
          <summary className="cursor-pointer text-nhs-blue">Why these codes</summary>
          <ul className="mt-2 list-disc pl-5">
            {[...rationale.diagnoses, ...rationale.procedures].map((e) => (
              <li key={e.code}>
                <strong className="font-mono">{e.code}</strong> {e.rationale}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

function TheoryItem({ it }: { it: Item }) {
  const t = it as Item & { options?: string[] | null; type?: string; explanation?: string };
  const detail = (it.mark?.detail ?? {}) as { expected?: (number | string)[]; correct?: boolean };
  const show = (a: unknown) => (Array.isArray(a) ? (a as number[]).map((i) => t.options?.[i] ?? String(i)).join('; ') || 'no answer' : typeof a === 'string' && a ? a : 'no answer');
  return (
    <dl className="grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-[10rem_1fr]">
      <dt className="font-bold">Your answer</dt>
      <dd>
        {show(it.answer)} {detail.correct ? <StatusTag tone="green">Right</StatusTag> : <StatusTag tone="red">Not right</StatusTag>}
      </dd>
      <dt className="font-bold">Expected</dt>
      <dd>{t.type === 'code' ? (detail.expected ?? []).join(' or ') : show(detail.expected)}</dd>
      <dt className="font-bold">Why</dt>
      <dd>{t.explanation}</dd>
    </dl>
  );
}

function WrittenItemResult({ it }: { it: Item }) {
  const rubric = (it as { rubric?: { criterion: string; marks: number }[] }).rubric ?? [];
  const detail = (it.mark?.detail ?? {}) as { criteria?: number[]; feedback?: string };
  const text = ((it.answer as { text?: string } | null)?.text ?? '').trim();
  return (
    <div className="space-y-2">
      <blockquote className="whitespace-pre-line border-l-4 border-nhs-grey-4 pl-3">{text || 'No answer was given.'}</blockquote>
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Rubric</caption>
        <thead>
          <tr>
            <th scope="col" className="py-1">
              Criterion
            </th>
            <th scope="col" className="py-1">
              Marks
            </th>
          </tr>
        </thead>
        <tbody>
          {rubric.map((c, i) => (
            <tr key={i} className="border-t border-nhs-grey-4">
              <td className="py-1 pr-2">{c.criterion}</td>
              <td className="whitespace-nowrap py-1">
                {detail.criteria?.[i] ?? '—'} of {c.marks}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {detail.feedback && (
        <p>
          <strong>Feedback:</strong> {detail.feedback}
        </p>
      )}
    </div>
  );
}
