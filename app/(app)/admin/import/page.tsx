import type { Metadata } from 'next';
import { requireRole } from '@/lib/dal/session';
import { PageHeader } from '@/components/app-shell';
import { ImportForm } from '@/components/admin/import-form';
import { CSV_COLUMNS } from '@/lib/admin/csv-import';
import { importApprenticesAction } from './actions';

export const metadata: Metadata = { title: 'Import apprentices' };

const TEMPLATE = `${CSV_COLUMNS.join(',')}\nJo Example,jo.example@ashwell.example,Ashwell Vale Hospitals NHS Trust,September 2025,2025-09-01,2027-03-01,37.5\n`;

export default async function ImportPage() {
  await requireRole('admin');
  return (
    <>
      <PageHeader
        title="Import apprentices"
        lead="Add many apprentices at once from a spreadsheet saved as CSV. Every row is checked first: if any row has a problem, nothing is imported."
      />
      <p className="mb-6">
        <a href={`data:text/csv;charset=utf-8,${encodeURIComponent(TEMPLATE)}`} download="apprentice-import-template.csv">
          Download a template CSV file
        </a>{' '}
        (employers and cohorts must already exist, by name).
      </p>
      <div className="bg-white p-5">
        <ImportForm action={importApprenticesAction} />
      </div>
    </>
  );
}
