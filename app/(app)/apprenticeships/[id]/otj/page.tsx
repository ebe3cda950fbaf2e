import type { Metadata } from 'next';
import Link from 'next/link';
import { cache } from 'react';
import { getApprenticeship, getOtjSummary, listOtjEntries } from '@/lib/dal';
import { orNotFound, requireViewer } from '@/lib/dal/session';
import { PageHeader } from '@/components/app-shell';
import { pageParam } from '@/lib/forms/fields';
import { OtjChart } from '@/components/otj/otj-chart';
import { OtjEntriesTable } from '@/components/otj/otj-entries-table';
import { Pagination } from '@/components/pagination';
import { OtjPlanFlag, OtjTotals } from '@/components/otj/otj-totals';
import { OtjRuleFacts } from '@/components/funding/otj-rule';
import { OtjBulkAcceptForm } from '@/components/otj/otj-bulk-accept';
import { acceptOtjEntriesAction, reviewOtjEntryAction } from './actions';

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ page?: string }> };

// One read for the page and its <title>; out of reach is the same 404 in both.
const load = cache(async (id: string) => {
  const viewer = await requireViewer();
  return { viewer, a: await orNotFound(getApprenticeship(viewer, id)) };
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { a } = await load((await params).id);
  return { title: `${a.apprenticeName}: off-the-job log` };
}

const PAGE_SIZE = 25;

export default async function ApprenticeshipOtjPage({ params, searchParams }: Props) {
  const { id } = await params;
  const page = pageParam((await searchParams).page);
  const { viewer, a } = await load(id);
  // Employers see the totals and the chart; what was done stays between the apprentice and the trainer.
  const [summary, entries] = await Promise.all([orNotFound(getOtjSummary(viewer, id)), viewer.role === 'employer' ? null : orNotFound(listOtjEntries(viewer, id))]);
  const waiting = entries?.filter((e) => e.status === 'logged').length ?? 0;
  const trainer = viewer.role === 'trainer';
  const shown = entries?.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE) ?? [];
  const openShown = shown.some((e) => e.reviewable);
  const rows = (
    <OtjEntriesTable
      rows={shown}
      caption={`Off-the-job entries of ${a.apprenticeName}, newest first`}
      review={trainer ? reviewOtjEntryAction : undefined}
      selectable={trainer && openShown}
    />
  );
  // The trainer ticks entries on this page and accepts them together with one comment.
  const table = trainer && openShown ? <OtjBulkAcceptForm accept={acceptOtjEntriesAction}>{rows}</OtjBulkAcceptForm> : rows;
  return (
    <>
      <p className="mb-4">
        <Link href={`/apprenticeships/${a.id}`}>← {a.apprenticeName}</Link>
      </p>
      <PageHeader title={`Off-the-job log: ${a.apprenticeName}`} lead={`At ${a.employerName}`} />
      <section aria-labelledby="progress-heading" className="mb-8 space-y-4 bg-white p-5">
        <h2 id="progress-heading" className="text-2xl font-bold">
          Hours against the plan
        </h2>
        <OtjPlanFlag s={summary} who={`${a.apprenticeName} is`} />
        <OtjTotals s={summary} />
        <OtjRuleFacts rule={summary.rule} planVersion={summary.planVersion} />
        <OtjChart
          series={summary.series}
          plannedOtjHours={summary.plan.plannedOtjHours}
          asOf={summary.asOf}
          plannedToDate={summary.progress.plannedToDate}
          logged={summary.progress.logged}
        />
      </section>
      {entries && (
        <section aria-labelledby="entries-heading">
          <h2 id="entries-heading" className="mb-1 text-2xl font-bold">
            Entries
          </h2>
          <p className="mb-3 text-nhs-grey-1">{waiting === 1 ? '1 entry awaits review.' : `${waiting} entries await review.`}</p>
          {entries.length === 0 ? (
            <p className="text-nhs-grey-1">Nothing logged yet.</p>
          ) : (
            <>
              {table}
              <Pagination total={entries.length} page={page} pageSize={PAGE_SIZE} hrefFor={(p) => `/apprenticeships/${id}/otj?page=${p}#entries-heading`} />
            </>
          )}
        </section>
      )}
    </>
  );
}
