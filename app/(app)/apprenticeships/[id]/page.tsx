import type { Metadata } from 'next';
import Link from 'next/link';
import { getApprenticeship, getOtjSummary, listAttempts } from '@/lib/dal';
import { orNotFound, requireViewer, ROLE_HOME } from '@/lib/dal/session';
import { PageHeader } from '@/components/app-shell';
import { ApprenticeshipSummary } from '@/components/apprenticeship-summary';
import { AttemptsTable } from '@/components/coding/attempts-table';
import { OtjOverview } from '@/components/otj/otj-overview';

export const metadata: Metadata = { title: 'Apprenticeship' };

export default async function ApprenticeshipPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requireViewer();
  const { id } = await params;
  const a = await orNotFound(getApprenticeship(viewer, id));
  // Employers see readiness, not individual practice attempts (policy 'attempt.read').
  const attempts = viewer.role === 'employer' ? null : await listAttempts(viewer, { apprenticeId: a.apprenticeId });
  const otj = await getOtjSummary(viewer, a.id);
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
      <OtjOverview s={otj} name={a.apprenticeName} href={viewer.role === 'apprentice' ? '/apprentice/otj' : `/apprenticeships/${a.id}/otj`} linkText={viewer.role === 'employer' ? 'Off-the-job totals and chart' : 'Off-the-job log and entries'} />
      {attempts && (
        <section aria-labelledby="attempts-heading" className="mt-8">
          <h2 id="attempts-heading" className="mb-3 text-2xl font-bold">
            Coding practice
          </h2>
          <AttemptsTable rows={attempts} caption={`Coding attempts by ${a.apprenticeName}`} />
        </section>
      )}
    </>
  );
}
