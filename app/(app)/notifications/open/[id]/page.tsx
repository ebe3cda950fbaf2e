import { redirect } from 'next/navigation';
import { markNotificationRead } from '@/lib/dal';
import { orNotFound, requireViewer } from '@/lib/dal/session';

// Following a notification: it is marked read, then the browser goes to its place. Linked with a plain
// <a> (no prefetch), so only a real visit marks it. Another person's notification is the 404 page.
export default async function OpenNotification({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requireViewer();
  const { id } = await params;
  const { link } = await orNotFound(markNotificationRead(viewer, id));
  redirect(link);
}
