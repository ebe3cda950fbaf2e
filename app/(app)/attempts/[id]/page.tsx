import type { Metadata } from 'next';
import Link from 'next/link';
import { getAttempt } from '@/lib/dal';
import { orNotFound, requireViewer } from '@/lib/dal/session';
import { PageHeader } from '@/components/app-shell';
import { AttemptResult } from '@/components/coding/attempt-result';
import { formatDateTime } from '@/lib/format';

export const metadata: Metadata = { title: 'Marked attempt' };

export default async function AttemptPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requireViewer();
  const { id } = await params;
  const a = await orNotFound(getAttempt(viewer, id));
  const own = viewer.userId === a.apprenticeId;
  return (
    <>
      <p className="mb-4">
        {own ? <Link href={`/apprentice/cases/${a.caseId}`}>← Back to the case</Link> : <Link href="/">← Back</Link>}
      </p>
      <PageHeader title={a.caseTitle} lead={`${own ? 'Your attempt' : `${a.apprenticeName}'s attempt`}, ${formatDateTime(a.createdAt)}. Marked as the national clinical coding audit marks an episode.`}>
        {own && (
          <Link href={`/apprentice/cases/${a.caseId}`} className="bg-nhs-blue px-4 py-2 font-bold text-white no-underline hover:bg-nhs-dark-blue hover:text-white">
            Try again
          </Link>
        )}
      </PageHeader>
      <AttemptResult answer={a.answer} result={a.result} expected={a.expected} />
    </>
  );
}
