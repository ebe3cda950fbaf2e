import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { listOrganisations } from '@/lib/dal';
import { requireRole } from '@/lib/dal/session';
import { PageHeader } from '@/components/app-shell';
import { OrganisationForm } from '@/components/admin/organisation-form';
import { updateOrganisationAction } from '../actions';

export const metadata: Metadata = { title: 'Edit organisation' };

export default async function EditOrganisationPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requireRole('admin');
  const { id } = await params;
  const org = (await listOrganisations(viewer)).find((o) => o.id === id);
  if (!org) notFound();
  return (
    <>
      <p className="mb-4">
        <Link href="/admin/organisations">← Organisations</Link>
      </p>
      <PageHeader title={`Edit ${org.name}`} />
      <div className="max-w-2xl bg-white p-5">
        <OrganisationForm initial={{ id: org.id, version: org.version, name: org.name, kind: org.kind, odsCode: org.odsCode ?? '' }} action={updateOrganisationAction} />
      </div>
    </>
  );
}
