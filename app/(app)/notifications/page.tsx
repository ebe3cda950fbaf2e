import type { Metadata } from 'next';
import Link from 'next/link';
import { listNotifications } from '@/lib/dal';
import { requireViewer } from '@/lib/dal/session';
import { PageHeader } from '@/components/app-shell';
import { Pagination } from '@/components/pagination';
import { StatusTag } from '@/components/status-tag';
import { formatDateTime } from '@/lib/format';
import { KIND_INFO } from '@/lib/notifications/kinds';
import { markAllReadAction } from './actions';

export const metadata: Metadata = { title: 'Notifications' };
export const dynamic = 'force-dynamic';

export default async function NotificationsPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const viewer = await requireViewer();
  const { page: requested } = await searchParams;
  const list = await listNotifications(viewer, { page: Number(requested ?? 1) || 1 });
  return (
    <>
      <PageHeader
        title="Notifications"
        lead={list.total === 0 ? 'Nothing yet. You will be told here when something needs you or changes.' : list.unread ? `${list.unread} unread.` : 'All read.'}
      >
        <div className="flex flex-wrap items-center gap-4">
          {list.unread > 0 && (
            <form action={markAllReadAction}>
              <button type="submit" className="border-2 border-nhs-blue bg-white px-4 py-2 font-bold text-nhs-blue hover:bg-nhs-grey-5">
                Mark all as read
              </button>
            </form>
          )}
          <Link href="/notifications/settings">Email settings</Link>
        </div>
      </PageHeader>
      {list.rows.length > 0 && (
        <ol className="max-w-4xl space-y-3" aria-label="Notifications, newest first">
          {list.rows.map((n) => (
            <li key={n.id} className={`bg-white p-4 ${n.readAt ? 'border-l-8 border-transparent' : 'border-l-8 border-nhs-blue'}`}>
              <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
                {/* A plain link, not next/link: a prefetch would mark it read before anyone followed it. */}
                <a href={`/notifications/open/${n.id}`} className={`break-words ${n.readAt ? '' : 'font-bold'}`}>
                  {n.title}
                </a>
                {!n.readAt && <StatusTag tone="blue">Unread</StatusTag>}
              </div>
              <p className="mt-1 text-sm text-nhs-grey-1">
                {KIND_INFO[n.kind].label} · {formatDateTime(n.createdAt)}
              </p>
            </li>
          ))}
        </ol>
      )}
      <Pagination total={list.total} page={list.page} pageSize={list.pageSize} hrefFor={(p) => `/notifications?page=${p}`} />
    </>
  );
}
