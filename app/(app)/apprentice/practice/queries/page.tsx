import type { Metadata } from 'next';
import Link from 'next/link';
import { listQueryScenarios } from '@/lib/dal';
import { requireRole } from '@/lib/dal/session';
import { PageHeader } from '@/components/app-shell';
import { DataTable } from '@/components/data-table';
import { StatusTag } from '@/components/status-tag';
import { markSummary } from '@/components/query-practice/attempt-view';
import { SPECIALTIES } from '@/lib/content/case';

export const metadata: Metadata = { title: 'Clinical query practice' };

export default async function QueryScenariosPage() {
  const viewer = await requireRole('apprentice');
  const rows = await listQueryScenarios(viewer);
  return (
    <>
      <p className="mb-4">
        <Link href="/apprentice/practice">← More practice</Link>
      </p>
      <PageHeader
        title="Clinical query practice"
        lead="Read each set of notes and decide whether the documentation leaves a gap that only the consultant can settle. If it does, write the query you would send; your trainer marks it."
      />
      <DataTable caption="Query scenarios" head={['Scenario', 'Specialty', 'Your latest answer']}>
        {rows.map((r) => (
          <tr key={r.id}>
            <td>
              <Link href={`/apprentice/practice/queries/${r.id}`} className="font-bold">
                {r.title}
              </Link>
              <div className="text-sm text-nhs-grey-1">{r.ksbs.join(', ')}</div>
            </td>
            <td>{SPECIALTIES[r.specialty as keyof typeof SPECIALTIES] ?? r.specialty}</td>
            <td>
              {!r.latest ? (
                <span className="text-nhs-grey-1">Not tried</span>
              ) : r.latest.status === 'submitted' ? (
                <Link href={`/apprentice/practice/queries/attempts/${r.latest.id}`}>
                  <StatusTag tone="yellow">Waiting for marking</StatusTag>
                </Link>
              ) : (
                <Link href={`/apprentice/practice/queries/attempts/${r.latest.id}`}>
                  <StatusTag tone="green">{markSummary(r.latest.rubric)}</StatusTag>
                </Link>
              )}
            </td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}
