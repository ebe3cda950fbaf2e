import type { Metadata } from 'next';
import { listApprenticeships, listTasks } from '@/lib/dal';
import { requireRole } from '@/lib/dal/session';
import { PageHeader } from '@/components/app-shell';
import { ApprenticeTable } from '@/components/apprentice-table';
import { ReviewsDue } from '@/components/reviews/reviews-due';
import { NeedsYou } from '@/components/tasks/needs-you';

export const metadata: Metadata = { title: 'Our apprentices' };

export default async function EmployerHome({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const viewer = await requireRole('employer');
  const [result, needs] = await Promise.all([listApprenticeships(viewer, await searchParams), listTasks(viewer)]);
  const employer = result.rows[0]?.employerName;
  return (
    <>
      <PageHeader title="Our apprentices" lead={employer ? `Clinical coding apprentices employed by ${employer}.` : 'Clinical coding apprentices employed by your organisation.'} />
      <NeedsYou tasks={needs.tasks} counts={needs.counts} />
      <ReviewsDue viewer={viewer} />
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
