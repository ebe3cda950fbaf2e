'use server';
import { headers } from 'next/headers';
import { revalidatePath } from 'next/cache';
import { createCalendarFeed, revokeCalendarFeed } from '@/lib/dal';
import { requireViewer } from '@/lib/dal/session';
import { publicOrigin } from '@/lib/calendar-events/origin';

/** The feed's full address as this request reached the service (behind a proxy, as the browser saw it). */
async function absolute(path: string): Promise<string> {
  const h = await headers();
  // A server action is a POST from our own page: its Origin header is the browser's own.
  return `${h.get('origin') ?? publicOrigin(h, 'http://localhost')}${path}`;
}

/** A new feed; its address is returned this once, to be shown and copied (only its hash is stored). */
export async function createFeedAction(): Promise<{ url: string }> {
  const viewer = await requireViewer();
  const feed = await createCalendarFeed(viewer);
  revalidatePath('/calendar');
  return { url: await absolute(feed.path) };
}

export async function revokeFeedAction(): Promise<void> {
  const viewer = await requireViewer();
  await revokeCalendarFeed(viewer);
  revalidatePath('/calendar');
}
