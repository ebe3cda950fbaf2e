import Link from 'next/link';
import { DataTable } from '@/components/data-table';
import { StatusTag } from '@/components/status-tag';
import { formatDate } from '@/lib/format';
import { formatHours } from '@/lib/otj/plan';
import { OTJ_ACTIVITY_TYPES, OTJ_STATUS_LABEL, OTJ_STATUS_TONE, type OtjActivityType } from '@/lib/otj/schemas';
import { OtjReviewForm } from './otj-review-form';
import { OtjSelectBox } from './otj-bulk-accept';

type Row = {
  id: string;
  activityDate: string;
  hours: number;
  activityType: OtjActivityType;
  description: string | null;
  ksbs: string[];
  status: keyof typeof OTJ_STATUS_LABEL;
  reviewComment: string | null;
  reviewerName: string | null;
  rowVersion: number;
  editable: boolean;
  reviewable: boolean;
};

type ReviewAction = Parameters<typeof OtjReviewForm>[0]['review'];

/** The log, newest first: for the apprentice with Edit links, for the trainer with Accept / Query. */
export function OtjEntriesTable({
  rows,
  caption,
  editHref,
  review,
  selectable = false,
}: {
  rows: Row[];
  caption: string;
  editHref?: (id: string) => string;
  review?: ReviewAction;
  /** A tick box per entry still open, for accepting several at once (inside OtjBulkAcceptForm). */
  selectable?: boolean;
}) {
  const actions = Boolean(editHref || review);
  return (
    <DataTable caption={caption} head={[...(selectable ? [<span key="select">Select</span>] : []), 'Date', 'Hours', 'Type', 'What was done', 'KSBs', 'Status', ...(actions ? [review ? 'Decision' : 'Change'] : [])]}>
      {rows.map((e) => {
        const label = `the entry of ${formatDate(e.activityDate)}, ${formatHours(e.hours)} hours`;
        return (
          <tr key={e.id}>
            {selectable && <td>{e.reviewable && <OtjSelectBox key={`${e.id}-${e.rowVersion}`} id={e.id} rowVersion={e.rowVersion} entryLabel={label} />}</td>}
            <td className="whitespace-nowrap">{formatDate(e.activityDate)}</td>
            <td>{formatHours(e.hours)}</td>
            <td>{OTJ_ACTIVITY_TYPES[e.activityType]}</td>
            <td className="max-w-md">{e.description}</td>
            <td>{e.ksbs.join(', ')}</td>
            <td>
              <StatusTag tone={OTJ_STATUS_TONE[e.status]}>{OTJ_STATUS_LABEL[e.status]}</StatusTag>
              {e.reviewComment && (
                <p className={`mt-1 text-sm ${e.status === 'logged' ? 'text-nhs-grey-1' : ''}`}>
                  {e.status === 'logged' ? 'Earlier query' : e.status === 'queried' ? 'Queried' : 'Comment'}
                  {e.reviewerName ? ` by ${e.reviewerName}` : ''}: “{e.reviewComment}”
                </p>
              )}
            </td>
            {actions && (
              <td>
                {editHref && e.editable && (
                  <Link href={editHref(e.id)} className="font-bold">
                    Edit<span className="sr-only"> {label}</span>
                  </Link>
                )}
                {review && e.reviewable && <OtjReviewForm key={`${e.id}-${e.rowVersion}`} id={e.id} rowVersion={e.rowVersion} entryLabel={label} review={review} />}
              </td>
            )}
          </tr>
        );
      })}
    </DataTable>
  );
}
