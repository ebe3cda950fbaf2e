import type { Metadata } from 'next';
import Link from 'next/link';
import { cache } from 'react';
import { getQueryScenario } from '@/lib/dal';
import { orNotFound, requireRole } from '@/lib/dal/session';
import { PageHeader } from '@/components/app-shell';
import { QueryCaseNotes } from '@/components/query-practice/case-notes';
import { QueryForm } from '@/components/query-practice/query-form';
import { markSummary } from '@/components/query-practice/attempt-view';
import { SPECIALTIES } from '@/lib/content/case';
import { formatDateTime } from '@/lib/format';
import { submitQueryAttemptAction } from './actions';

const load = cache(async (id: string) => {
  const viewer = await requireRole('apprentice');
  return orNotFound(getQueryScenario(viewer, id));
});

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  return { title: `Clinical query: ${(await load((await params).id)).title}` };
}

export default async function QueryScenarioPage({ params }: { params: Promise<{ id: string }> }) {
  const s = await load((await params).id);
  return (
    <>
      <p className="mb-4">
        <Link href="/apprentice/practice/queries">← All query scenarios</Link>
      </p>
      <PageHeader title={s.title} lead={`${SPECIALTIES[s.specialty as keyof typeof SPECIALTIES] ?? s.specialty} · practises ${s.ksbs.join(', ')}`} />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <QueryCaseNotes notes={s.notes} />
        <section aria-labelledby="decide-heading" className="self-start bg-white p-5">
          <h2 id="decide-heading" className="mb-4 text-2xl font-bold">
            Your decision
          </h2>
          <QueryForm scenarioId={s.id} submit={submitQueryAttemptAction} />
          {s.attempts.length > 0 && (
            <div className="mt-8 border-t border-nhs-grey-4 pt-4">
              <h3 className="mb-2 font-bold">Your earlier answers</h3>
              <ul className="space-y-1">
                {s.attempts.map((a) => (
                  <li key={a.id}>
                    <Link href={`/apprentice/practice/queries/attempts/${a.id}`}>{formatDateTime(a.createdAt)}</Link> · {a.status === 'marked' ? markSummary(a.rubric) : 'waiting for marking'}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </section>
      </div>
    </>
  );
}
