import type { Metadata } from 'next';
import Link from 'next/link';
import { cache } from 'react';
import { getAuditAttempt } from '@/lib/dal';
import { orNotFound, requireViewer } from '@/lib/dal/session';
import { PageHeader } from '@/components/app-shell';
import { DataTable } from '@/components/data-table';
import { StatusTag } from '@/components/status-tag';
import { FIGURE_NAME } from '@/lib/audit-practice/mark-audit';
import { AUDIT_RULES, FIGURE_FIELDS } from '@/lib/audit-practice/verify';
import { describeMarkingRules } from '@/lib/coding/mark';
import { formatDateTime } from '@/lib/format';

// One read for the page and its <title>; out of reach is the same 404 in both. The apprentice's trainer and an
// administrator read it too (policy 'audit_practice.read').
const load = cache(async (id: string) => {
  const viewer = await requireViewer();
  return { viewer, a: await orNotFound(getAuditAttempt(viewer, id)) };
});

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { a } = await load((await params).id);
  return { title: `Marked audit: ${a.title}` };
}

const figureText = (f: { correct: number | null; of: number | null } | null) => (f && f.correct !== null && f.of !== null ? `${f.correct} of ${f.of}` : 'None to audit');

export default async function AuditAttemptPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { a } = await load(id);
  const { result } = a;
  const share = a.of ? a.correct / a.of : 0;
  return (
    <>
      <p className="mb-4">{a.own ? <Link href="/apprentice/practice/audit">← All episodes</Link> : <Link href="/">← Back</Link>}</p>
      <PageHeader title={a.title} lead={`${a.own ? 'Your audit' : `${a.apprenticeName}'s audit`}, ${formatDateTime(a.createdAt)}. Each judgement is marked against the audit key.`}>
        {a.own && (
          <Link href={`/apprentice/practice/audit/${a.episodeId}`} className="bg-nhs-blue px-4 py-2 font-bold text-white no-underline hover:bg-nhs-dark-blue hover:text-white">
            Audit it again
          </Link>
        )}
      </PageHeader>
      <section aria-labelledby="score-heading" className="mb-8 bg-white p-5">
        <h2 id="score-heading" className="mb-2 text-2xl font-bold">
          Score
        </h2>
        <p className="text-lg">
          <StatusTag tone={share >= 0.9 ? 'green' : share >= 0.7 ? 'yellow' : 'red'}>
            {a.correct} of {a.of} judgements right
          </StatusTag>
        </p>
      </section>
      <section aria-labelledby="figures-heading" className="mb-8">
        <h2 id="figures-heading" className="mb-3 text-2xl font-bold">
          The coder&apos;s audit figures
        </h2>
        <DataTable caption="The coder's four audit figures: the true figure and yours" head={['Figure', 'True figure', 'Yours']}>
          {FIGURE_FIELDS.map((f) => (
            <tr key={f}>
              <th scope="row" className="text-left font-bold">
                {FIGURE_NAME[f]}
              </th>
              <td>{figureText(result.figures[f])}</td>
              <td>{figureText(a.answer.figures[f])}</td>
            </tr>
          ))}
        </DataTable>
        <h3 className="mt-4 font-bold">How the true figures were counted</h3>
        <p className="mt-1 text-sm">
          No public source settles every counting rule of the clinical coding audit, so these are the rules this practice uses. They differ from coding practice in one place: here a
          dagger/asterisk or OPCS-4 Y/Z position error counts against its figure, as an auditor would count the code as wrong.
        </p>
        <ul className="mt-2 list-disc pl-5 text-sm">
          {describeMarkingRules(AUDIT_RULES).map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="judgements-heading" className="mb-8">
        <h2 id="judgements-heading" className="mb-3 text-2xl font-bold">
          Each judgement
        </h2>
        <ol className="space-y-3">
          {result.judgements.map((j, i) => (
            <li key={i} className={`border-l-4 bg-white p-4 ${j.right ? 'border-nhs-green' : 'border-nhs-red'}`}>
              <p className="flex flex-wrap items-center gap-2 font-bold">
                <StatusTag tone={j.right ? 'green' : 'red'}>{j.right ? 'Right' : 'Wrong'}</StatusTag>
                <span className="wrap-break-word">{j.about}</span>
              </p>
              <p className="mt-1">
                Key: {j.expected}. {a.own ? 'You' : a.apprenticeName}: {j.given}.
              </p>
              {j.explanation && <p className="mt-1 text-nhs-grey-1">{j.explanation}</p>}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
