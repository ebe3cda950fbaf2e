import Link from 'next/link';
import { DataTable } from '@/components/data-table';
import { formatDateTime } from '@/lib/format';

type Row = {
  id: string;
  caseTitle: string;
  createdAt: Date;
  pdCorrect: number | null;
  pdOf: number | null;
  sdCorrect: number | null;
  sdOf: number | null;
  ppCorrect: number | null;
  ppOf: number | null;
  spCorrect: number | null;
  spOf: number | null;
};

const cell = (correct: number | null, of: number | null) => (of ? `${correct}/${of}` : '—');

/** Marked coding attempts, newest first, with the four audit figures. */
export function AttemptsTable({ rows, caption }: { rows: Row[]; caption: string }) {
  if (rows.length === 0) return <p className="text-nhs-grey-1">No coding attempts yet.</p>;
  return (
    <DataTable caption={caption} head={['When', 'Case', 'Primary diagnosis', 'Secondary diagnoses', 'Primary procedure', 'Secondary procedures']}>
      {rows.map((r) => (
        <tr key={r.id}>
          <td className="whitespace-nowrap">
            <Link href={`/attempts/${r.id}`}>{formatDateTime(r.createdAt)}</Link>
          </td>
          <td>{r.caseTitle}</td>
          <td>{cell(r.pdCorrect, r.pdOf)}</td>
          <td>{cell(r.sdCorrect, r.sdOf)}</td>
          <td>{cell(r.ppCorrect, r.ppOf)}</td>
          <td>{cell(r.spCorrect, r.spOf)}</td>
        </tr>
      ))}
    </DataTable>
  );
}
