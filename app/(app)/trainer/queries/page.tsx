import type { Metadata } from 'next';
import Link from 'next/link';
import { differenceInCalendarDays } from 'date-fns';
import { listQueriesToMark } from '@/lib/dal';
import { requireRole } from '@/lib/dal/session';
import { PageHeader } from '@/components/app-shell';
import { DataTable } from '@/components/data-table';
import { formatDateTime } from '@/lib/format';

export const metadata: Metadata = { title: 'Clinical queries to mark' };

export default async function QueriesToMarkPage() {
  const viewer = await requireRole('trainer', 'admin');
  const rows = await listQueriesToMark(viewer);
  const now = new Date();
  return (
    <>
      <p className="mb-4">
        <Link href={viewer.role === 'trainer' ? '/trainer/marking' : '/'}>← {viewer.role === 'trainer' ? 'Marking' : 'Home'}</Link>
      </p>
      <PageHeader title="Clinical queries to mark" lead={`${rows.length} ${rows.length === 1 ? 'answer' : 'answers'} to clinical query scenarios waiting for your marking, oldest first.`} />
      {rows.length === 0 ? (
        <p className="bg-white p-4 text-nhs-grey-1">Nothing is waiting to be marked.</p>
      ) : (
        <DataTable caption="Clinical query answers waiting to be marked, oldest first" head={['Submitted', 'Apprentice', 'Scenario', 'Decision', 'Waiting']}>
          {rows.map((r) => {
            const days = differenceInCalendarDays(now, r.submittedAt);
            return (
              <tr key={r.id}>
                <td className="whitespace-nowrap">{formatDateTime(r.submittedAt)}</td>
                <td>{r.apprenticeName}</td>
                <td>
                  <Link href={`/trainer/queries/${r.id}`} className="font-bold">
                    {r.title}
                  </Link>
                </td>
                <td>{r.queryNeeded ? 'Wrote a query' : 'No query needed'}</td>
                <td className={`whitespace-nowrap ${days >= 14 ? 'font-bold text-nhs-red' : ''}`}>{days === 0 ? 'today' : `${days} ${days === 1 ? 'day' : 'days'}`}</td>
              </tr>
            );
          })}
        </DataTable>
      )}
    </>
  );
}
