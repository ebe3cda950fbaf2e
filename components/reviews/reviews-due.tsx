import Link from 'next/link';
import { listReviewsDue } from '@/lib/dal';
import type { Viewer } from '@/lib/dal/viewer';
import { formatDate } from '@/lib/format';
import { StatusTag } from '@/components/status-tag';

const SHOWN = 8;

/** A compact list for the trainer's and employer's home: reviews overdue or due within 14 days, soonest first. */
export async function ReviewsDue({ viewer }: { viewer: Viewer }) {
  const rows = await listReviewsDue(viewer);
  if (rows.length === 0) return null;
  const overdue = rows.filter((r) => r.overdue).length;
  return (
    <section aria-labelledby="reviews-due" className="mb-6 bg-white p-4">
      <h2 id="reviews-due" className="text-xl font-bold">
        Reviews due or overdue
      </h2>
      <p className="mb-2 text-nhs-grey-1">
        {overdue} overdue, {rows.length - overdue} due in the next 14 days.
      </p>
      <ul className="divide-y divide-nhs-grey-4">
        {rows.slice(0, SHOWN).map((r) => (
          <li key={r.apprenticeshipId} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-1">
            <span id={`due-${r.apprenticeshipId}`} className="font-bold">
              {r.apprenticeName}
            </span>
            {viewer.role !== 'employer' && <span className="text-nhs-grey-1">{r.employerName}</span>}
            {r.overdue ? <StatusTag tone="red">{`Overdue ${r.daysOverdue} ${r.daysOverdue === 1 ? 'day' : 'days'}`}</StatusTag> : <StatusTag tone="yellow">{`Due ${formatDate(r.due)}`}</StatusTag>}
            <span className="text-sm text-nhs-grey-1">{r.lastReviewDate ? `last review ${formatDate(r.lastReviewDate)}` : 'no review yet'}</span>
            {/* The name is the link's description, not its text: the apprentice tables keep the only links named after the apprentice. */}
            <Link href={`/apprenticeships/${r.apprenticeshipId}/reviews`} aria-describedby={`due-${r.apprenticeshipId}`}>
              {viewer.role === 'trainer' ? 'Record a review' : 'See reviews'}
            </Link>
          </li>
        ))}
      </ul>
      {rows.length > SHOWN && <p className="mt-2 text-sm text-nhs-grey-1">and {rows.length - SHOWN} more: sort the progress table by next review to see them all.</p>}
    </section>
  );
}
