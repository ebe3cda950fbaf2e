import type { Metadata } from 'next';
import { listApprenticeships } from '@/lib/dal';
import { requireRole } from '@/lib/dal/session';
import { PageHeader } from '@/components/app-shell';
import { ApprenticeTable } from '@/components/apprentice-table';

export const metadata: Metadata = { title: 'Our apprentices' };

export default async function EmployerHome({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const viewer = await requireRole('employer');
  const result = await listApprenticeships(viewer, await searchParams);
  const employer = result.rows[0]?.employerName;
  return (
    <>
      <PageHeader title="Our apprentices" lead={employer ? `Clinical coding apprentices employed by ${employer}.` : 'Clinical coding apprentices employed by your organisation.'} />
      <ApprenticeTable
        basePath="/employer"
        caption="Apprentices employed by your organisation"
        detailHref={(id) => `/apprenticeships/${id}`}
        showEmployer={false}
        showTrainers
        {...result}
      />
    </>
  );
}
