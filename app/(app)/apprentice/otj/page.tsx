import type { Metadata } from 'next';
import { getOtjSummary, getOwnApprenticeship, getPracticeTimeOffer, getStandard, listOtjEntries } from '@/lib/dal';
import { requireRole } from '@/lib/dal/session';
import { PageHeader } from '@/components/app-shell';
import { pageParam } from '@/lib/forms/fields';
import { OtjChart } from '@/components/otj/otj-chart';
import { OtjEntriesTable } from '@/components/otj/otj-entries-table';
import { Pagination } from '@/components/pagination';
import { OtjForm } from '@/components/otj/otj-form';
import { OtjPlanFlag, OtjTotals } from '@/components/otj/otj-totals';
import { PracticeTimeOffer } from '@/components/otj/practice-time-offer';
import { confirmPracticeTimeAction, createOtjEntryAction } from './actions';

export const metadata: Metadata = { title: 'Off-the-job log' };

const PAGE_SIZE = 25;

export default async function OtjLogPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const viewer = await requireRole('apprentice');
  const own = await getOwnApprenticeship(viewer);
  if (!own)
    return (
      <>
        <PageHeader title="Off-the-job log" />
        <p>No apprenticeship is recorded for you yet. Your training provider adds it; then you can log your training here.</p>
      </>
    );
  const page = pageParam((await searchParams).page);
  const [summary, entries, standard, practice] = await Promise.all([getOtjSummary(viewer, own.id), listOtjEntries(viewer, own.id), getStandard(viewer), getPracticeTimeOffer(viewer)]);
  return (
    <>
      <PageHeader
        title="Off-the-job log"
        lead="Training in your paid hours that is not your normal work: teaching, practice, shadowing, mentoring, writing assignments. Your trainer checks each entry."
      />
      <section aria-labelledby="progress-heading" className="mb-8 space-y-4 bg-white p-5">
        <h2 id="progress-heading" className="text-2xl font-bold">
          Hours against your plan
        </h2>
        <OtjPlanFlag s={summary} />
        <OtjTotals s={summary} />
        <OtjChart
          series={summary.series}
          plannedOtjHours={summary.plan.plannedOtjHours}
          asOf={summary.asOf}
          plannedToDate={summary.progress.plannedToDate}
          logged={summary.progress.logged}
        />
      </section>
      <section aria-labelledby="practice-heading" className="mb-8 max-w-3xl bg-white p-5">
        <h2 id="practice-heading" className="mb-2 text-2xl font-bold">
          Practice to log
        </h2>
        <p className="mb-4 text-nhs-grey-1">
          The time you spend practising here counts as off-the-job training: coding cases, theory questions, audit and query practice, mock papers. Only active time is counted (a page left idle
          for a minute stops counting), up to a limit for each piece of practice.
        </p>
        <PracticeTimeOffer days={practice} confirm={confirmPracticeTimeAction} />
      </section>
      <section aria-labelledby="log-heading" className="mb-8 max-w-3xl bg-white p-5">
        <h2 id="log-heading" className="mb-4 text-2xl font-bold">
          Log an activity
        </h2>
        <OtjForm
          ksbs={standard.ksbs}
          save={createOtjEntryAction}
          initial={{ activityDate: summary.asOf, hours: '', activityType: 'teaching', description: '', ksbs: [] }}
        />
      </section>
      <section aria-labelledby="entries-heading">
        <h2 id="entries-heading" className="mb-3 text-2xl font-bold">
          Your entries
        </h2>
        {entries.length === 0 ? (
          <p className="text-nhs-grey-1">Nothing logged yet.</p>
        ) : (
          <>
            <OtjEntriesTable rows={entries.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE)} caption="Your off-the-job entries, newest first" editHref={(id) => `/apprentice/otj/${id}`} />
            <Pagination total={entries.length} page={page} pageSize={PAGE_SIZE} hrefFor={(p) => `/apprentice/otj?page=${p}#entries-heading`} />
          </>
        )}
      </section>
    </>
  );
}
