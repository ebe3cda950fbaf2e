import type { Metadata } from 'next';
import Link from 'next/link';
import { listConversations } from '@/lib/dal';
import { requireRole } from '@/lib/dal/session';
import { PageHeader } from '@/components/app-shell';
import { StatusTag } from '@/components/status-tag';
import { formatDateTime } from '@/lib/format';

export const metadata: Metadata = { title: 'Messages' };

/** One's conversations, newest first with what is unread, and the direct threads one may start. */
export default async function MessagesPage() {
  const viewer = await requireRole('apprentice', 'trainer', 'employer');
  const { threads, contacts } = await listConversations(viewer);
  const unread = threads.reduce((n, t) => n + t.unread, 0);
  return (
    <>
      <PageHeader
        title="Messages"
        lead={`Comments on evidence, progress reviews and coding attempts${viewer.role === 'employer' ? '' : ', and your direct conversations'}. ${unread === 0 ? 'Nothing unread.' : `${unread} unread.`}`}
      />
      <section aria-labelledby="threads-heading" className="mb-8 max-w-3xl">
        <h2 id="threads-heading" className="mb-3 text-xl font-bold">
          Conversations
        </h2>
        {threads.length === 0 ? (
          <p className="text-nhs-grey-1">No conversations yet. Comments appear here once someone writes on a record you can see.</p>
        ) : (
          <ul className="space-y-2">
            {threads.map((t) => (
              <li key={t.id} className={`border-l-4 bg-white p-3 ${t.unread ? 'border-nhs-blue' : 'border-nhs-grey-4'}`}>
                <p className="flex flex-wrap items-center gap-2">
                  <Link href={t.link} className="font-bold [overflow-wrap:anywhere]">
                    {t.title}
                  </Link>
                  {t.unread > 0 && <StatusTag tone="blue">{`${t.unread} unread`}</StatusTag>}
                </p>
                <p className="text-sm text-nhs-grey-1">
                  {viewer.role === 'apprentice' ? '' : `${t.apprenticeName} · `}last message {formatDateTime(t.lastMessageAt)}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
      {contacts.length > 0 && (
        <section aria-labelledby="direct-heading" className="max-w-3xl">
          <h2 id="direct-heading" className="mb-1 text-xl font-bold">
            {viewer.role === 'apprentice' ? 'Message your trainer' : 'Message an apprentice'}
          </h2>
          <p className="mb-3 text-nhs-grey-1">A conversation between the two of you, not about one record.</p>
          <ul className="list-disc space-y-1 pl-6">
            {contacts.map((c) => (
              <li key={`${c.apprenticeshipId}-${c.trainerId}`}>
                <Link href={c.link}>{c.name}</Link>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
