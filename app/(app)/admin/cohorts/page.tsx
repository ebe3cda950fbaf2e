import type { Metadata } from 'next';
import Link from 'next/link';
import { listCohorts } from '@/lib/dal';
import { requireRole } from '@/lib/dal/session';
import { PageHeader } from '@/components/app-shell';
import { DataTable } from '@/components/data-table';
import { CohortForm } from '@/components/admin/cohort-form';
import { formatDate } from '@/lib/format';
import { createCohortAction } from './actions';

export const metadata: Metadata = { title: 'Cohorts' };

export default async function CohortsPage() {
  const viewer = await requireRole('admin');
  const cohorts = await listCohorts(viewer);
  return (
    <>
      <PageHeader title="Cohorts" lead="Groups of apprentices who start together and are taught together." />
      <DataTable caption="Cohorts" head={['Cohort', 'Start date', 'Apprentices']}>
        {cohorts.map((c) => (
          <tr key={c.id}>
            <td>
              <Link href={`/admin/cohorts/${c.id}`} className="font-bold">
                {c.name}
              </Link>
            </td>
            <td>{formatDate(c.startDate)}</td>
            <td>{c.apprenticeships}</td>
          </tr>
        ))}
      </DataTable>
      <section aria-labelledby="add-cohort" className="mt-10 max-w-2xl bg-white p-5">
        <h2 id="add-cohort" className="mb-4 text-2xl font-bold">
          Add a cohort
        </h2>
        <CohortForm action={createCohortAction} />
      </section>
    </>
  );
}
