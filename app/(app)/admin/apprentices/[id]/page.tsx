import type { Metadata } from 'next';
import Link from 'next/link';
import { cache } from 'react';
import { threadPath } from '@/lib/conversations/rules';
import { getApprenticeship, listAssignedTrainers, listCohorts, listOrganisations, listTrainers } from '@/lib/dal';
import { orNotFound, requireRole } from '@/lib/dal/session';
import { PageHeader } from '@/components/app-shell';
import { ApprenticeshipForm } from '@/components/admin/apprenticeship-form';
import { TrainerAssignments } from '@/components/admin/trainer-assignments';
import { assignTrainerAction, unassignTrainerAction, updateApprenticeshipAction } from '../actions';

// One read for the page and its <title>; out of reach is the same 404 in both.
const load = cache(async (id: string) => {
  const viewer = await requireRole('admin');
  return { viewer, a: await orNotFound(getApprenticeship(viewer, id)) };
});

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { a } = await load((await params).id);
  return { title: `${a.apprenticeName}'s apprenticeship` };
}

export default async function AdminApprenticeshipPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { viewer, a } = await load(id);
  const [organisations, cohorts, trainers, assigned] = await Promise.all([
    listOrganisations(viewer),
    listCohorts(viewer),
    listTrainers(viewer),
    listAssignedTrainers(viewer, id),
  ]);
  return (
    <>
      <p className="mb-4">
        <Link href="/admin/apprentices">← Apprentices</Link>
      </p>
      <PageHeader title={a.apprenticeName} lead={`${a.apprenticeEmail} · ${a.employerName}`}>
        <div className="flex gap-4">
          <Link href={`/apprenticeships/${a.id}`}>View as others see it</Link>
          <Link href={`/admin/users/${a.apprenticeId}`}>Account</Link>
        </div>
      </PageHeader>
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
        <section aria-labelledby="edit" className="bg-white p-5 lg:col-span-2">
          <h2 id="edit" className="sr-only">
            Edit apprenticeship
          </h2>
          <ApprenticeshipForm
            employers={organisations.filter((o) => o.kind === 'employer')}
            cohorts={cohorts}
            action={updateApprenticeshipAction}
            initial={{
              id: a.id,
              version: a.version,
              employerId: a.employerId,
              cohortId: a.cohortId ?? '',
              startDate: a.startDate,
              plannedEndDate: a.plannedEndDate,
              weeklyHours: a.weeklyHours,
              plannedOtjHours: a.plannedOtjHours,
              englishStatus: a.englishStatus,
              mathsStatus: a.mathsStatus,
              status: a.status,
            }}
          />
        </section>
        <section aria-labelledby="trainers" className="self-start bg-white p-5">
          <h2 id="trainers" className="mb-4 text-2xl font-bold">
            Trainers
          </h2>
          <TrainerAssignments apprenticeshipId={a.id} assigned={assigned} trainers={trainers} assign={assignTrainerAction} unassign={unassignTrainerAction} />
          {assigned.length > 0 && (
            <>
              <h3 className="mt-6 font-bold">Direct conversations</h3>
              <p className="text-sm text-nhs-grey-1">Between the apprentice and each trainer. You may read them for oversight; you cannot post in them.</p>
              <ul className="mt-2 list-disc pl-6">
                {assigned.map((t) => (
                  <li key={t.id}>
                    <Link href={threadPath({ type: 'direct', id: a.id, trainerId: t.id })}>With {t.name}</Link>
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      </div>
    </>
  );
}
