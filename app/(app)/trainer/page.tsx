import type { Metadata } from 'next';
import { listApprenticeships, listTasks } from '@/lib/dal';
import { requireRole } from '@/lib/dal/session';
import { PageHeader } from '@/components/app-shell';
import { ApprenticeTable } from '@/components/apprentice-table';
import { NeedsYou } from '@/components/tasks/needs-you';

export const metadata: Metadata = { title: 'My apprentices' };

export default async function TrainerHome({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const viewer = await requireRole('trainer');
  const [result, needs] = await Promise.all([listApprenticeships(viewer, await searchParams), listTasks(viewer)]);
  return (
    <>
      <PageHeader title="My apprentices" lead="The apprentices you are assigned to as trainer." />
      <NeedsYou tasks={needs.tasks} counts={needs.counts} />
      <ApprenticeTable basePath="/trainer" caption="Apprentices assigned to you" detailHref={(id) => `/apprenticeships/${id}`} {...result} />
    </>
  );
}
