import type { Metadata } from 'next';
import Link from 'next/link';
import { cache } from 'react';
import { getQueryAttempt } from '@/lib/dal';
import { orNotFound, requireRole } from '@/lib/dal/session';
import { PageHeader } from '@/components/app-shell';
import { QueryCaseNotes } from '@/components/query-practice/case-notes';
import { AttemptAnswer, Marking, ScenarioKey } from '@/components/query-practice/attempt-view';

const load = cache(async (id: string) => {
  const viewer = await requireRole('apprentice');
  return orNotFound(getQueryAttempt(viewer, id));
});

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  return { title: `Your query: ${(await load((await params).id)).scenario.title}` };
}

export default async function QueryAttemptPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ submitted?: string }> }) {
  const a = await load((await params).id);
  const { submitted } = await searchParams;
  return (
    <>
      <p className="mb-4">
        <Link href={`/apprentice/practice/queries/${a.scenario.id}`}>← Back to the scenario</Link>
      </p>
      <PageHeader title={`Your answer: ${a.scenario.title}`} />
      {submitted && a.status === 'submitted' && (
        <div role="status" className="mb-6 border-l-8 border-nhs-green bg-white p-4 font-bold text-nhs-green">
          Submitted. Your trainer will mark it; the model answer is shown here once they have.
        </div>
      )}
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <div className="space-y-6">
          <AttemptAnswer attempt={a} />
          {a.status === 'marked' && a.rubric ? (
            <Marking rubric={a.rubric} feedback={a.feedback} markerName={a.markerName} markedAt={a.markedAt} />
          ) : (
            <p className="bg-white p-5">Waiting for your trainer to mark it.</p>
          )}
          {a.key && <ScenarioKey k={a.key} />}
        </div>
        <QueryCaseNotes notes={a.scenario.notes} />
      </div>
    </>
  );
}
