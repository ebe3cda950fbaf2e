import Link from 'next/link';
import { DataTable } from '@/components/data-table';
import { formatDateTime } from '@/lib/format';

/** Written answers from mock papers waiting for the trainer's mark, oldest first. */
export function WrittenQueue({ rows }: { rows: { attemptId: string; item: number; apprenticeName: string; title: string; submittedAt: Date | null }[] }) {
  return (
    <section aria-labelledby="written-heading" className="mb-8">
      <h2 id="written-heading" className="mb-3 text-2xl font-bold">
        Written answers to mark ({rows.length})
      </h2>
      {rows.length === 0 ? (
        <p className="bg-white p-4 text-nhs-grey-1">No written answer is waiting.</p>
      ) : (
        <DataTable caption="Written answers from mock papers waiting for your mark, oldest first" head={['Submitted', 'Apprentice', 'Paper', '']}>
          {rows.map((w) => (
            <tr key={`${w.attemptId}-${w.item}`}>
              <td className="whitespace-nowrap">{w.submittedAt ? formatDateTime(w.submittedAt) : '—'}</td>
              <td>{w.apprenticeName}</td>
              <td>
                {w.title}, question {w.item + 1}
              </td>
              <td>
                <Link href={`/assessments/${w.attemptId}/written/${w.item}`} className="font-bold">
                  Mark<span className="sr-only"> {w.apprenticeName}’s answer to question {w.item + 1}</span>
                </Link>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}
