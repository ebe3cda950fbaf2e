import type { Metadata } from 'next';
import Link from 'next/link';
import { getThread } from '@/lib/dal';
import { orNotFound, requireViewer } from '@/lib/dal/session';
import { PageHeader } from '@/components/app-shell';
import { CommentsPanel } from '@/components/conversations/comments-panel';

export const metadata: Metadata = { title: 'Conversation' };

/** A direct thread between an apprentice and one of their trainers; an administrator may read it, not post. */
export default async function DirectThreadPage({ params }: { params: Promise<{ apprenticeshipId: string; trainerId: string }> }) {
  const viewer = await requireViewer();
  const { apprenticeshipId, trainerId } = await params;
  const ref = { type: 'direct' as const, id: apprenticeshipId, trainerId };
  // Refused (404) for anyone but the two of them and an administrator, before anything is shown.
  const thread = await orNotFound(getThread(viewer, ref));
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
