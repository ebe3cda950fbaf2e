import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { listApprenticeships, listCohorts } from '@/lib/dal';
import { requireRole } from '@/lib/dal/session';
import { PageHeader } from '@/components/app-shell';
import { ApprenticeTable } from '@/components/apprentice-table';
import { CohortForm } from '@/components/admin/cohort-form';
import { formatDate } from '@/lib/format';
import { updateCohortAction } from '../actions';

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | undefined>> };

async function cohortOf(id: string) {
  const viewer = await requireRole('admin');
  const cohort = (await listCohorts(viewer)).find((c) => c.id === id);
  if (!cohort) notFound();
  return { viewer, cohort };
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { cohort } = await cohortOf((await params).id);
  return { title: `${cohort.name} (cohort)` };
}

/** A cohort: its apprentices first (what an admin comes for), then its name and start date to edit. */
export default async function CohortPage({ params, searchParams }: Props) {
  const { id } = await params;
  const { viewer, cohort } = await cohortOf(id);
  const result = await listApprenticeships(viewer, { ...(await searchParams), cohortId: cohort.id } as never);
  return (
    <>
      <p className="mb-4">
        <Link href="/admin/cohorts">← Cohorts</Link>
      </p>
      <PageHeader title={cohort.name} lead={`Cohort starting ${formatDate(cohort.startDate)}: ${cohort.apprenticeships} ${cohort.apprenticeships === 1 ? 'apprenticeship' : 'apprenticeships'}.`} />
      <section aria-labelledby="cohort-people" className="mb-8">
        <h2 id="cohort-people" className="mb-3 text-xl font-bold">
          Apprentices in this cohort
        </h2>
        <ApprenticeTable basePath={`/admin/cohorts/${cohort.id}`} caption={`Apprentices in ${cohort.name}`} detailHref={(a) => `/admin/apprentices/${a}`} showTrainers {...result} />
      </section>
      <section aria-labelledby="cohort-edit" className="max-w-2xl bg-white p-5">
        <h2 id="cohort-edit" className="mb-3 text-xl font-bold">
          Change the cohort
        </h2>
        <CohortForm initial={{ id: cohort.id, version: cohort.version, name: cohort.name, startDate: cohort.startDate }} action={updateCohortAction} />
      </section>
    </>
  );
}
