import Link from 'next/link';
import { DataTable } from '@/components/data-table';
import { formatDateTime } from '@/lib/format';
import { formatHours } from '@/lib/otj/plan';

/** Off-the-job entries waiting for the trainer's review, one row per apprentice, oldest first (they count in the navigation's marking count). */
export function OtjReviewQueue({ rows }: { rows: { apprenticeshipId: string; apprenticeName: string; entries: number; minutes: number; oldest: Date }[] }) {
  const total = rows.reduce((n, r) => n + r.entries, 0);
  return (
    <section aria-labelledby="otj-queue-heading" className="mb-8">
      <h2 id="otj-queue-heading" className="mb-3 text-2xl font-bold">
        Off-the-job entries to review ({total})
      </h2>
      {rows.length === 0 ? (
        <p className="bg-white p-4 text-nhs-grey-1">No off-the-job entry is waiting.</p>
      ) : (
        <DataTable caption="Off-the-job entries waiting for your review, by apprentice, oldest first" head={['Oldest logged', 'Apprentice', 'Entries', 'Hours', '']}>
          {rows.map((r) => (
            <tr key={r.apprenticeshipId}>
              <td className="whitespace-nowrap">{formatDateTime(r.oldest)}</td>
              <td>{r.apprenticeName}</td>
              <td>{r.entries}</td>
              <td>{formatHours(r.minutes / 60)}</td>
              <td>
                <Link href={`/apprenticeships/${r.apprenticeshipId}/otj`} className="font-bold">
                  Review<span className="sr-only"> {r.apprenticeName}’s off-the-job log</span>
                </Link>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}
