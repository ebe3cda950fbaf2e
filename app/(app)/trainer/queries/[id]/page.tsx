import type { Metadata } from 'next';
import Link from 'next/link';
import { cache } from 'react';
import { getQueryAttempt } from '@/lib/dal';
import { orNotFound, requireRole } from '@/lib/dal/session';
import { PageHeader } from '@/components/app-shell';
import { QueryCaseNotes } from '@/components/query-practice/case-notes';
import { AttemptAnswer, Marking, ScenarioKey } from '@/components/query-practice/attempt-view';
import { QueryMarkForm } from '@/components/query-practice/mark-form';
import { markQueryAttemptAction } from './actions';

const load = cache(async (id: string) => {
  const viewer = await requireRole('trainer', 'admin');
  return orNotFound(getQueryAttempt(viewer, id));
});

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const a = await load((await params).id);
  return { title: `Mark a clinical query: ${a.scenario.title}` };
}

export default async function MarkQueryPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ saved?: string }> }) {
  const a = await load((await params).id);
  const { saved } = await searchParams;
  return (
    <>
      <p className="mb-4">
        <Link href="/trainer/queries">← Clinical queries to mark</Link>
      </p>
      <PageHeader title={a.scenario.title} lead={`${a.apprenticeName} · practises ${a.scenario.ksbs.join(', ')}`} />
      {saved && a.status === 'marked' && (
        <div role="status" className="mb-6 border-l-8 border-nhs-green bg-white p-4 font-bold text-nhs-green">
          Marking saved. {a.apprenticeName} can see it now.
        </div>
      )}
      <div className="mb-6 grid grid-cols-1 gap-6 lg:grid-cols-2">
        <AttemptAnswer attempt={a} who={`${a.apprenticeName}’s`} />
        {a.key && <ScenarioKey k={a.key} />}
      </div>
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <section aria-labelledby="rubric-heading" className="self-start bg-white p-5">
          <h2 id="rubric-heading" className="mb-4 text-2xl font-bold">
            {a.status === 'marked' ? 'Marking' : 'Your marking'}
          </h2>
          {a.status === 'marked' && a.rubric ? (
            <Marking rubric={a.rubric} feedback={a.feedback} markerName={a.markerName} markedAt={a.markedAt} heading="The marking given" />
          ) : a.canMark ? (
            <QueryMarkForm id={a.id} rowVersion={a.rowVersion} wroteQuery={a.queryNeeded} save={markQueryAttemptAction} />
          ) : (
            <p>Only the apprentice&apos;s trainer or an administrator marks this answer.</p>
          )}
        </section>
        <QueryCaseNotes notes={a.scenario.notes} />
      </div>
    </>
  );
}
