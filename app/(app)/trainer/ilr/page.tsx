import type { Metadata } from 'next';
import { listIlrRecords } from '@/lib/dal';
import { orNotFound, requireRole } from '@/lib/dal/session';
import { IlrView } from '@/components/ilr/ilr-view';

export const metadata: Metadata = { title: 'Learner-record figures' };
export const dynamic = 'force-dynamic';

export default async function TrainerIlrPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const viewer = await requireRole('trainer');
  const query = await searchParams;
  const data = await orNotFound(listIlrRecords(viewer, { cohortId: query.cohortId ?? '' }));
  return <IlrView data={data} basePath="/trainer/ilr" scopeWords="the apprenticeships assigned to you" />;
}
