import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { listApprenticeships, listOrganisations, listUsers } from '@/lib/dal';
import { requireRole } from '@/lib/dal/session';
import { PageHeader } from '@/components/app-shell';
import { ApprenticeTable } from '@/components/apprentice-table';
import { DataTable } from '@/components/data-table';
import { OrganisationForm } from '@/components/admin/organisation-form';
import { StatusTag } from '@/components/status-tag';
import { ROLE_LABEL } from '@/lib/navigation';
import { updateOrganisationAction } from '../actions';

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | undefined>> };

const KIND_LABEL = { employer: 'Employer', training_provider: 'Training provider' } as const;

async function organisationOf(id: string) {
  const viewer = await requireRole('admin');
  const org = (await listOrganisations(viewer)).find((o) => o.id === id);
  if (!org) notFound();
  return { viewer, org };
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { org } = await organisationOf((await params).id);
  return { title: `${org.name} (organisation)` };
}

/** An organisation: the people who sign in for it, the apprentices it employs, then its details to edit. */
export default async function OrganisationPage({ params, searchParams }: Props) {
  const { id } = await params;
  const { viewer, org } = await organisationOf(id);
  const [people, employed] = await Promise.all([
    listUsers(viewer, { organisationId: org.id }),
    org.kind === 'employer' ? listApprenticeships(viewer, { ...(await searchParams), employerId: org.id } as never) : null,
  ]);
  return (
    <>
      <p className="mb-4">
        <Link href="/admin/organisations">← Organisations</Link>
      </p>
      <PageHeader title={org.name} lead={`${KIND_LABEL[org.kind]}${org.odsCode ? `, ODS code ${org.odsCode}` : ''}.`} />
      <section aria-labelledby="org-people" className="mb-8">
        <h2 id="org-people" className="mb-3 text-xl font-bold">
          People who sign in for {org.name}
        </h2>
        {people.length === 0 ? (
          <p className="bg-white p-4">Nobody yet. Add a user and choose this organisation.</p>
        ) : (
          <DataTable caption={`People at ${org.name}`} head={['Name', 'Role', 'Status']}>
            {people.map((u) => (
              <tr key={u.id}>
                <td>
                  <Link href={`/admin/users/${u.id}`} className="font-bold">
                    {u.name}
                  </Link>
                  <div className="text-sm break-all text-nhs-grey-1">{u.email}</div>
                </td>
                <td>{ROLE_LABEL[u.role]}</td>
                <td>{u.active ? <StatusTag tone="green">Active</StatusTag> : <StatusTag tone="red">Disabled</StatusTag>}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
      {employed && (
        <section aria-labelledby="org-apprentices" className="mb-8">
          <h2 id="org-apprentices" className="mb-3 text-xl font-bold">
            Apprentices employed by {org.name}
          </h2>
          <ApprenticeTable basePath={`/admin/organisations/${org.id}`} caption={`Apprentices employed by ${org.name}`} detailHref={(a) => `/admin/apprentices/${a}`} showEmployer={false} showTrainers {...employed} />
        </section>
      )}
      <section aria-labelledby="org-edit" className="max-w-2xl bg-white p-5">
        <h2 id="org-edit" className="mb-3 text-xl font-bold">
          Change the organisation
        </h2>
        <OrganisationForm initial={{ id: org.id, version: org.version, name: org.name, kind: org.kind, odsCode: org.odsCode ?? '' }} action={updateOrganisationAction} />
      </section>
    </>
  );
}
