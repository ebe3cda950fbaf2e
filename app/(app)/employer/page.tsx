import type { Metadata } from 'next';
import Link from 'next/link';
import { listApprenticeships, listWitnessRequests } from '@/lib/dal';
import { requireRole } from '@/lib/dal/session';
import { PageHeader } from '@/components/app-shell';
import { ApprenticeTable } from '@/components/apprentice-table';
import { ReviewsDue } from '@/components/reviews/reviews-due';
import { ReviewsToSign } from '@/components/reviews/reviews-to-sign';

export const metadata: Metadata = { title: 'Our apprentices' };

export default async function EmployerHome({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const viewer = await requireRole('employer');
  const [result, witnessRequests] = await Promise.all([listApprenticeships(viewer, await searchParams), listWitnessRequests(viewer)]);
  const witnessWaiting = witnessRequests.filter((r) => r.status === 'requested').length;
  const employer = result.rows[0]?.employerName;
  return (
    <>
      <PageHeader title="Our apprentices" lead={employer ? `Clinical coding apprentices employed by ${employer}.` : 'Clinical coding apprentices employed by your organisation.'} />
      <ReviewsToSign viewer={viewer} />
      {witnessWaiting > 0 && (
        <p className="mb-6 border-l-8 border-nhs-warm-yellow bg-white p-4">
          <Link href="/employer/witness" className="font-bold">
            {witnessWaiting === 1 ? '1 witness statement is' : `${witnessWaiting} witness statements are`} waiting for you
          </Link>
          : apprentices have asked you to confirm work you saw them do.
        </p>
      )}
      <ReviewsDue viewer={viewer} />
      <ApprenticeTable
        basePath="/employer"
        caption="Apprentices employed by your organisation"
        detailHref={(id) => `/apprenticeships/${id}`}
        showEmployer={false}
        showTrainers
        {...result}
      />
    </>
  );
}
