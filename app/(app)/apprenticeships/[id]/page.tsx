import type { Metadata } from 'next';
import Link from 'next/link';
import { getApprenticeship } from '@/lib/dal';
import { orNotFound, requireViewer, ROLE_HOME } from '@/lib/dal/session';
import { PageHeader } from '@/components/app-shell';
import { ApprenticeshipSummary } from '@/components/apprenticeship-summary';

export const metadata: Metadata = { title: 'Apprenticeship' };

export default async function ApprenticeshipPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requireViewer();
  const { id } = await params;
  const a = await orNotFound(getApprenticeship(viewer, id));
  return (
    <>
      <p className="mb-4">
        <Link href={ROLE_HOME[viewer.role]}>← Back</Link>
      </p>
      <PageHeader title="Apprenticeship" lead={`${a.apprenticeName} at ${a.employerName}`}>
        {viewer.role === 'admin' && (
          <Link href={`/admin/apprentices/${a.id}`} className="bg-nhs-blue px-4 py-2 font-bold text-white no-underline hover:bg-nhs-dark-blue hover:text-white">
            Edit
          </Link>
        )}
      </PageHeader>
      <ApprenticeshipSummary a={a} />
    </>
  );
}
