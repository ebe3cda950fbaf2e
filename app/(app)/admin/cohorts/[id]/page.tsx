import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { listCohorts } from '@/lib/dal';
import { requireRole } from '@/lib/dal/session';
import { PageHeader } from '@/components/app-shell';
import { CohortForm } from '@/components/admin/cohort-form';
import { updateCohortAction } from '../actions';

export const metadata: Metadata = { title: 'Edit cohort' };

export default async function EditCohortPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requireRole('admin');
  const { id } = await params;
  const cohort = (await listCohorts(viewer)).find((c) => c.id === id);
  if (!cohort) notFound();
  return (
    <>
      <p className="mb-4">
        <Link href="/admin/cohorts">← Cohorts</Link>
      </p>
      <PageHeader title={`Edit ${cohort.name}`} />
      <div className="max-w-2xl bg-white p-5">
        <CohortForm initial={{ id: cohort.id, version: cohort.version, name: cohort.name, startDate: cohort.startDate }} action={updateCohortAction} />
      </div>
    </>
  );
}
