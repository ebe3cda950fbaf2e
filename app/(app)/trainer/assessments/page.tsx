import type { Metadata } from 'next';
import Link from 'next/link';
import { listApprenticeships, listBlueprints, listCohorts, listSittings, listWrittenToMark } from '@/lib/dal';
import { requireRole } from '@/lib/dal/session';
import { PageHeader } from '@/components/app-shell';
import { DataTable } from '@/components/data-table';
import { ScheduleForm } from '@/components/assessments/schedule-form';
import { WrittenQueue } from '@/components/assessments/written-queue';
import { formatDateTime } from '@/lib/format';
import { scheduleSittingAction } from '../../assessments/actions';

export const metadata: Metadata = { title: 'Mock assessments' };

export default async function TrainerAssessmentsPage() {
  const viewer = await requireRole('trainer');
  const [sittings, blueprints, cohorts, apprentices, written] = await Promise.all([listSittings(viewer), listBlueprints(viewer), listCohorts(viewer), listApprenticeships(viewer, { sort: 'name' }), listWrittenToMark(viewer)]);
  const now = new Date().getTime();
  return (
    <>
      <PageHeader title="Mock assessments" lead="Schedule timed papers for your apprentices, follow them while they sit, and mark the written answers.">
        <Link href="/assessments/blueprints">Papers and blueprints</Link>
      </PageHeader>
      <WrittenQueue rows={written} />
      <section aria-labelledby="sittings-heading" className="mb-8">
        <h2 id="sittings-heading" className="mb-3 text-2xl font-bold">
          Scheduled papers
        </h2>
        {sittings.length === 0 ? (
          <p className="bg-white p-4 text-nhs-grey-1">Nothing scheduled yet.</p>
        ) : (
          <DataTable caption="Scheduled papers, newest window first" head={['Paper', 'Window', 'Invited', 'Not started', 'In progress', 'Submitted', 'Marked']}>
            {sittings.map((s) => (
              <tr key={s.id}>
                <td>
                  <Link href={`/trainer/assessments/${s.id}`} className="font-bold">
                    {s.title}
                  </Link>
                  {s.cohortName && <span className="block text-sm text-nhs-grey-1">{s.cohortName}</span>}
                </td>
                <td className="whitespace-nowrap">
                  {formatDateTime(s.opensAt)} – {formatDateTime(s.closesAt)}
                  {s.closesAt.getTime() < now ? <span className="block text-sm text-nhs-grey-1">closed</span> : s.opensAt.getTime() > now ? <span className="block text-sm text-nhs-grey-1">not open yet</span> : <span className="block text-sm font-bold text-nhs-green">open</span>}
                </td>
                <td>{s.invited}</td>
                <td>{s.invited - s.inProgress - s.submitted - s.marked}</td>
                <td>{s.inProgress}</td>
                <td>{s.submitted}</td>
                <td>{s.marked}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
      <section aria-labelledby="schedule-heading" className="bg-white p-5">
        <h2 id="schedule-heading" className="mb-3 text-2xl font-bold">
          Schedule a paper
        </h2>
        <ScheduleForm
          blueprints={blueprints.map((b) => ({ key: b.key, title: b.title, minutes: b.minutes }))}
          cohorts={cohorts.map((c) => ({ id: c.id, name: c.name }))}
          apprentices={apprentices.rows.map((a) => ({ id: a.apprenticeId, name: a.apprenticeName }))}
          action={scheduleSittingAction}
        />
      </section>
    </>
  );
}
