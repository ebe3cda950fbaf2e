import type { Metadata } from 'next';
import Link from 'next/link';
import { cache } from 'react';
import { getThread } from '@/lib/dal';
import { orNotFound, requireViewer } from '@/lib/dal/session';
import { PageHeader } from '@/components/app-shell';
import { CommentsPanel } from '@/components/conversations/comments-panel';

type Props = { params: Promise<{ apprenticeshipId: string; trainerId: string }> };

// One read for the page and its <title>. Refused (404) for anyone but the two of them and an administrator, before anything is shown.
const load = cache(async (apprenticeshipId: string, trainerId: string) => {
  const viewer = await requireViewer();
  const ref = { type: 'direct' as const, id: apprenticeshipId, trainerId };
  return { viewer, ref, thread: await orNotFound(getThread(viewer, ref)) };
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { apprenticeshipId, trainerId } = await params;
  const { viewer, thread } = await load(apprenticeshipId, trainerId);
  // The apprentice's thread is titled by their trainer, the trainer's by their apprentice; an administrator reads both sides.
  return { title: viewer.role === 'admin' ? `Conversation between ${thread.apprenticeName} and ${thread.trainerName}` : thread.title };
}

/** A direct thread between an apprentice and one of their trainers; an administrator may read it, not post. */
export default async function DirectThreadPage({ params }: Props) {
  const { apprenticeshipId, trainerId } = await params;
  const { viewer, ref, thread } = await load(apprenticeshipId, trainerId);
  return (
    <>
      <p className="mb-4">
        {viewer.role === 'admin' ? <Link href={`/admin/apprentices/${apprenticeshipId}`}>← {thread.apprenticeName}</Link> : <Link href="/messages">← Messages</Link>}
      </p>
      <PageHeader title={viewer.role === 'admin' ? `${thread.apprenticeName} and ${thread.trainerName}` : thread.title} lead={`Apprentice ${thread.apprenticeName}, trainer ${thread.trainerName}.`} />
      <CommentsPanel viewer={viewer} subject={ref} heading="Messages" label="Write a message" />
    </>
  );
}
