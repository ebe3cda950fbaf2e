import type { Metadata } from 'next';
import Link from 'next/link';
import { getApprenticeship, getOtjSummary, listAttempts, listEvidence, listMetKsbs } from '@/lib/dal';
import { orNotFound, requireViewer, ROLE_HOME } from '@/lib/dal/session';
import { PageHeader } from '@/components/app-shell';
import { ApprenticeshipSummary } from '@/components/apprenticeship-summary';
import { AttemptsTable } from '@/components/coding/attempts-table';
import { DataTable } from '@/components/data-table';
import { StatusTag } from '@/components/status-tag';
import { EVIDENCE_STATUS_LABEL, EVIDENCE_TYPES } from '@/lib/evidence/schemas';
import { formatDate } from '@/lib/format';
import { OtjOverview } from '@/components/otj/otj-overview';
import { ExportButton } from '@/components/portfolio/export-button';
import { ExtraTimeForm } from '@/components/assessments/extra-time-form';
import { setExtraTimeAction } from '../../assessments/actions';

const TONE = { draft: 'grey', submitted: 'blue', referred: 'yellow', accepted: 'green' } as const;

export const metadata: Metadata = { title: 'Apprenticeship' };

export default async function ApprenticeshipPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requireViewer();
  const { id } = await params;
  const a = await orNotFound(getApprenticeship(viewer, id));
  // Employers see readiness, not individual practice attempts (policy 'attempt.read').
  const [attempts, evidence, met, otj] = await Promise.all([
    viewer.role === 'employer' ? null : listAttempts(viewer, { apprenticeId: a.apprenticeId }),
    listEvidence(viewer, { apprenticeId: a.apprenticeId }),
    listMetKsbs(viewer, a.apprenticeId),
    getOtjSummary(viewer, a.id),
  ]);
  const metCount = new Set(met.map((m) => m.ksbCode)).size;
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
        {/* Policy 'portfolio.export': the trainer and an admin; the employer contact does not get the whole portfolio. */}
        {(viewer.role === 'trainer' || viewer.role === 'admin') && <ExportButton apprenticeshipId={a.id} label="Download portfolio (ZIP)" />}
      </PageHeader>
      <ApprenticeshipSummary a={a} />
      {(viewer.role === 'trainer' || viewer.role === 'admin') && (
        <section aria-labelledby="adjustments-heading" className="mt-8 bg-white p-5">
          <h2 id="adjustments-heading" className="mb-3 text-xl font-bold">
            Reasonable adjustments
          </h2>
          <ExtraTimeForm apprenticeshipId={a.id} percent={a.extraTimePercent} version={a.version} action={setExtraTimeAction} />
        </section>
      )}
      <section aria-labelledby="evidence-heading" className="mt-8">
        <h2 id="evidence-heading" className="mb-1 text-2xl font-bold">
          Evidence portfolio
        </h2>
        <p className="mb-3 text-nhs-grey-1">
          Knowledge, skills and behaviours met: <strong className="text-nhs-black">{metCount} of 59</strong>
          {metCount > 0 && ` (${[...new Set(met.map((m) => m.ksbCode))].join(', ')})`}.
        </p>
        {evidence.filter((e) => e.status !== 'draft').length === 0 ? (
          <p className="bg-white p-4 text-nhs-grey-1">No evidence submitted yet.</p>
        ) : (
          <DataTable caption={`Evidence submitted by ${a.apprenticeName}`} head={['Title', 'Type', 'Activity date', 'KSBs', 'Status']}>
            {evidence
              .filter((e) => e.status !== 'draft')
              .map((e) => (
                <tr key={e.id}>
                  <td>
                    <Link href={`/evidence/${e.id}`} className="font-bold">
                      {e.title}
                    </Link>
                  </td>
                  <td>{EVIDENCE_TYPES[e.type]}</td>
                  <td className="whitespace-nowrap">{formatDate(e.activityDate)}</td>
                  <td>{e.ksbs.join(', ')}</td>
                  <td>
                    <StatusTag tone={TONE[e.status]}>{EVIDENCE_STATUS_LABEL[e.status]}</StatusTag>
                  </td>
                </tr>
              ))}
          </DataTable>
        )}
      </section>
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
