import type { Metadata } from 'next';
import Link from 'next/link';
import { differenceInCalendarDays } from 'date-fns';
import { listApprenticeships, listCohorts, listMarkingQueue, listOtjToReview, listQueriesToMark, listWrittenToMark } from '@/lib/dal';
import { OtjReviewQueue } from '@/components/otj/otj-review-queue';
import { WrittenQueue } from '@/components/assessments/written-queue';
import { requireRole } from '@/lib/dal/session';
import { PageHeader } from '@/components/app-shell';
import { DataTable } from '@/components/data-table';
import { FilterButton, FilterSelect, FilterText } from '@/components/filter-fields';
import { Pagination } from '@/components/pagination';
import { EVIDENCE_TYPES } from '@/lib/evidence/schemas';
import { formatDateTime } from '@/lib/format';

export const metadata: Metadata = { title: 'Marking' };

type Search = { cohortId?: string; apprenticeId?: string; ksb?: string; page?: string };

export default async function MarkingQueuePage({ searchParams }: { searchParams: Promise<Search> }) {
  const viewer = await requireRole('trainer');
  const filter = await searchParams;
  const [queue, cohorts, apprentices, written, otj, queries] = await Promise.all([
    listMarkingQueue(viewer, filter),
    listCohorts(viewer),
    listApprenticeships(viewer, { sort: 'name' }),
    listWrittenToMark(viewer),
    listOtjToReview(viewer),
    listQueriesToMark(viewer),
  ]);
  const filtered = Boolean(filter.cohortId || filter.apprenticeId || filter.ksb);
  const hrefFor = (page: number) => `/trainer/marking?${new URLSearchParams({ ...filter, page: String(page) } as Record<string, string>)}`;
  const now = new Date();
  return (
    <>
      <PageHeader
        title="Marking"
        lead={`${queue.total} ${queue.total === 1 ? 'piece' : 'pieces'} of evidence waiting for your decision${filtered ? ' with these filters' : ''}, oldest first.`}
      />
      <form action="/trainer/marking" className="mb-6 grid grid-cols-1 gap-3 bg-white p-4 sm:grid-cols-4 sm:items-end">
        <FilterSelect id="m-cohort" name="cohortId" label="Cohort" value={filter.cohortId} options={Object.fromEntries(cohorts.map((c) => [c.id, c.name]))} />
        <FilterSelect id="m-apprentice" name="apprenticeId" label="Apprentice" value={filter.apprenticeId} options={Object.fromEntries(apprentices.rows.map((a) => [a.apprenticeId, a.apprenticeName]))} />
        <FilterText id="m-ksb" name="ksb" label="KSB" value={filter.ksb} placeholder="e.g. S3" />
        <FilterButton />
      </form>
      {queue.rows.length === 0 ? (
        <p className="bg-white p-4 text-nhs-grey-1">{filtered ? 'Nothing waiting matches these filters.' : 'Nothing is waiting to be marked. Well done.'}</p>
      ) : (
        <DataTable caption="Evidence waiting to be marked, oldest first" head={['Submitted', 'Apprentice', 'Evidence', 'KSBs claimed', 'Waiting']}>
          {queue.rows.map((r) => {
            const days = r.submittedAt ? differenceInCalendarDays(now, r.submittedAt) : 0;
            return (
              <tr key={r.id}>
                <td className="whitespace-nowrap">{r.submittedAt ? formatDateTime(r.submittedAt) : '—'}</td>
                <td>
                  {r.apprenticeName}
                  {r.cohortName && <span className="block text-sm text-nhs-grey-1">{r.cohortName}</span>}
                </td>
                <td>
                  <Link href={`/evidence/${r.id}`} className="font-bold">
                    {r.title}
                  </Link>
                  <span className="block text-sm text-nhs-grey-1">
                    {EVIDENCE_TYPES[r.type]}
                    {r.versionNo > 1 ? ` · resubmission (version ${r.versionNo})` : ''}
                  </span>
                </td>
                <td>{r.ksbs.join(', ')}</td>
                <td className={`whitespace-nowrap ${days >= 14 ? 'font-bold text-nhs-red' : ''}`}>{days === 0 ? 'today' : `${days} ${days === 1 ? 'day' : 'days'}`}</td>
              </tr>
            );
          })}
        </DataTable>
      )}
      <Pagination total={queue.total} page={queue.page} pageSize={queue.pageSize} hrefFor={hrefFor} />
      <div className="mt-10">
        <WrittenQueue rows={written} />
        <section aria-labelledby="queries-heading" className="mb-10">
          <h2 id="queries-heading" className="mb-2 text-2xl font-bold">
            <Link href="/trainer/queries">Clinical queries to mark ({queries.length})</Link>
          </h2>
          <p className="text-nhs-grey-1">
            {queries.length === 0 ? 'No clinical query answers are waiting.' : `Your apprentices' answers to clinical query scenarios, oldest from ${formatDateTime(queries[0]!.submittedAt)}.`}
          </p>
        </section>
        <OtjReviewQueue rows={otj} />
      </div>
    </>
  );
}
