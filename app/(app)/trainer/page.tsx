import type { Metadata } from 'next';
import { listApprenticeships } from '@/lib/dal';
import { requireRole } from '@/lib/dal/session';
import { PageHeader } from '@/components/app-shell';
import { ApprenticeTable } from '@/components/apprentice-table';
import { ReviewsDue } from '@/components/reviews/reviews-due';

export const metadata: Metadata = { title: 'My apprentices' };

export default async function TrainerHome({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const viewer = await requireRole('trainer');
  const result = await listApprenticeships(viewer, await searchParams);
  return (
    <>
      <PageHeader title="My apprentices" lead="The apprentices you are assigned to as trainer." />
      <ReviewsDue viewer={viewer} />
      <ApprenticeTable basePath="/trainer" caption="Apprentices assigned to you" detailHref={(id) => `/apprenticeships/${id}`} {...result} />
    </>
  );
}
