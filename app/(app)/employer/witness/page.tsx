import type { Metadata } from 'next';
import Link from 'next/link';
import { listWitnessRequests } from '@/lib/dal';
import { requireRole } from '@/lib/dal/session';
import { PageHeader } from '@/components/app-shell';
import { DataTable } from '@/components/data-table';
import { StatusTag } from '@/components/status-tag';
import { EVIDENCE_TYPES } from '@/lib/evidence/schemas';
import { WITNESS_STATUS_LABEL } from '@/lib/evidence/witness-schemas';
import { formatDateTime } from '@/lib/format';

export const metadata: Metadata = { title: 'Witness statements' };

export default async function WitnessRequestsPage() {
  const viewer = await requireRole('employer');
  const rows = await listWitnessRequests(viewer);
  const waiting = rows.filter((r) => r.status === 'requested').length;
  const signed = rows.length - waiting;
  return (
    <>
      <PageHeader
        title="Witness statements"
        lead={`Apprentices ask you to confirm work you saw them do. ${waiting} waiting for your statement, ${signed} signed.`}
      />
      {rows.length === 0 ? (
        <p className="text-nhs-grey-1">No apprentice has asked you for a witness statement yet.</p>
      ) : (
        <DataTable caption="Witness statements asked of you, waiting ones first" head={['Evidence', 'Apprentice', 'Type', 'Asked', 'Status']}>
          {rows.map((r) => (
            <tr key={r.id}>
              <td>
                <Link href={`/employer/witness/${r.id}`} className="font-bold">
                  {r.evidenceTitle}
                </Link>
              </td>
              <td>{r.apprenticeName}</td>
              <td>{EVIDENCE_TYPES[r.evidenceType]}</td>
              <td className="whitespace-nowrap">{formatDateTime(r.requestedAt)}</td>
              <td>
                <StatusTag tone={r.status === 'signed' ? 'green' : 'yellow'}>{WITNESS_STATUS_LABEL[r.status]}</StatusTag>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}
