import Link from 'next/link';
import { DataTable } from '@/components/data-table';
import { formatDate, formatDateTime } from '@/lib/format';
import { StatusTag } from '@/components/status-tag';
import { ReviewStatus } from './review-status';

type Row = {
  id: string;
  reviewDate: string;
  trainerName: string;
  apprenticeSignedAt: Date | null;
  employerSignedAt: Date | null;
  employerSignedName: string | null;
  awaiting: ('apprentice' | 'employer')[];
  gap: { late: boolean; message: string | null };
};

/** An apprenticeship's progress reviews, newest first, each opening the full review. */
export function ReviewList({ reviews, caption = 'Progress reviews' }: { reviews: Row[]; caption?: string }) {
  if (reviews.length === 0) return <p className="text-nhs-grey-1">No progress review has been recorded yet.</p>;
  return (
    <DataTable caption={caption} head={['Review date', 'Recorded by', 'Apprentice signed', 'Employer signed', 'Status']}>
      {reviews.map((r) => (
        <tr key={r.id}>
          <td>
            <Link href={`/reviews/${r.id}`}>Review of {formatDate(r.reviewDate)}</Link>
          </td>
          <td>{r.trainerName}</td>
          <td>{r.apprenticeSignedAt ? formatDateTime(r.apprenticeSignedAt) : 'Not yet'}</td>
          <td>{r.employerSignedAt ? `${r.employerSignedName}, ${formatDateTime(r.employerSignedAt)}` : 'Not yet'}</td>
          <td>
            <ReviewStatus r={r} />
            {r.gap.message && (
              <p className="mt-1 text-sm">
                <StatusTag tone="red">Late</StatusTag> {r.gap.message}
              </p>
            )}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
