import type { Metadata } from 'next';
import Link from 'next/link';
import { listOrganisations } from '@/lib/dal';
import { requireRole } from '@/lib/dal/session';
import { PageHeader } from '@/components/app-shell';
import { DataTable } from '@/components/data-table';
import { OrganisationForm } from '@/components/admin/organisation-form';
import { ORGANISATION_KIND_LABEL } from '@/lib/format';
import { createOrganisationAction } from './actions';

export const metadata: Metadata = { title: 'Organisations' };

export default async function OrganisationsPage() {
  const viewer = await requireRole('admin');
  const organisations = await listOrganisations(viewer);
  return (
    <>
      <PageHeader title="Organisations" lead="Employers (NHS trusts and others) and the training provider." />
      <DataTable caption="Organisations" head={['Organisation', 'Kind', 'ODS code', 'Users', 'Apprenticeships']}>
        {organisations.map((o) => (
          <tr key={o.id}>
            <td>
              <Link href={`/admin/organisations/${o.id}`} className="font-bold">
                {o.name}
              </Link>
            </td>
            <td>{ORGANISATION_KIND_LABEL[o.kind]}</td>
            <td>{o.odsCode ?? '—'}</td>
            <td>{o.users}</td>
            <td>{o.apprenticeships}</td>
          </tr>
        ))}
      </DataTable>
      <section aria-labelledby="add-org" className="mt-10 max-w-2xl bg-white p-5">
        <h2 id="add-org" className="mb-4 text-2xl font-bold">
          Add an organisation
        </h2>
        <OrganisationForm action={createOrganisationAction} />
      </section>
    </>
  );
}
