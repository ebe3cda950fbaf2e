import type { Metadata } from 'next';
import Link from 'next/link';
import { getOwnApprenticeship, listEvidence } from '@/lib/dal';
import { requireRole } from '@/lib/dal/session';
import { PageHeader } from '@/components/app-shell';
import { DataTable, buttonLink } from '@/components/data-table';
import { StatusTag } from '@/components/status-tag';
import { FilterButton, FilterSelect, FilterText } from '@/components/filter-fields';
import { EVIDENCE_STATUS_LABEL, EVIDENCE_TYPES } from '@/lib/evidence/schemas';
import { formatDate } from '@/lib/format';
import { ExportButton } from '@/components/portfolio/export-button';

export const metadata: Metadata = { title: 'My portfolio' };

const TONE = { draft: 'grey', submitted: 'blue', referred: 'yellow', accepted: 'green' } as const;

export default async function PortfolioPage({ searchParams }: { searchParams: Promise<{ status?: string; type?: string; ksb?: string }> }) {
  const viewer = await requireRole('apprentice');
  const filter = await searchParams;
  const [rows, apprenticeship] = await Promise.all([listEvidence(viewer, { ...filter, apprenticeId: viewer.userId }), getOwnApprenticeship(viewer)]);
  return (
    <>
      <PageHeader title="My portfolio" lead="Evidence of what you can do, each piece tied to the knowledge, skills and behaviours of the standard.">
        <div className="flex flex-wrap items-start gap-4">
          <Link href="/apprentice/evidence/new" className={buttonLink}>
            Add evidence
          </Link>
          {apprenticeship && <ExportButton apprenticeshipId={apprenticeship.id} />}
        </div>
      </PageHeader>
      <form action="/apprentice/evidence" className="mb-6 grid grid-cols-1 gap-3 bg-white p-4 sm:grid-cols-4 sm:items-end">
        <FilterSelect id="e-status" name="status" label="Status" value={filter.status} options={EVIDENCE_STATUS_LABEL} />
        <FilterSelect id="e-type" name="type" label="Type" value={filter.type} options={EVIDENCE_TYPES} />
        <FilterText id="e-ksb" name="ksb" label="KSB" value={filter.ksb} placeholder="e.g. S3" />
        <FilterButton />
      </form>
      {rows.length === 0 ? (
        <p className="text-nhs-grey-1">No evidence yet{filter.status || filter.type || filter.ksb ? ' matches these filters' : ''}.</p>
      ) : (
        <DataTable caption="My evidence" head={['Title', 'Type', 'Activity date', 'KSBs', 'Status']}>
          {rows.map((r) => (
            <tr key={r.id}>
              <td>
                <Link href={`/apprentice/evidence/${r.id}`} className="font-bold">
                  {r.title}
                </Link>
              </td>
              <td>{EVIDENCE_TYPES[r.type]}</td>
              <td className="whitespace-nowrap">{formatDate(r.activityDate)}</td>
              <td>{r.ksbs.join(', ') || '—'}</td>
              <td>
                <StatusTag tone={TONE[r.status]}>{EVIDENCE_STATUS_LABEL[r.status]}</StatusTag>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}
