import { openCalendarFeed } from '@/lib/dal/calendar';
import { calendarIcs } from '@/lib/calendar-events';
import { publicOrigin } from '@/lib/calendar-events/origin';

export const dynamic = 'force-dynamic';

const NO_STORE = { 'Cache-Control': 'private, no-store' };

/**
 * A person's calendar as an ICS feed, for Outlook and other calendar apps to subscribe to. The secret in the
 * address is the authorization (there is no session); an unknown or revoked secret answers 404, the same as
 * any address that is not a feed. A feed may end in ".ics" (some calendar apps expect it).
 */
export async function GET(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const now = new Date();
  const feed = await openCalendarFeed(token.replace(/\.ics$/, ''), now);
  if (!feed) return new Response('No calendar feed at this address. It may have been revoked: make a new one on your Calendar page.', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...NO_STORE } });
  const body = calendarIcs(feed.events, { name: `Coder Pathway: ${feed.ownerName}`, baseUrl: publicOrigin(request.headers, request.url), stamp: now });
  return new Response(body, {
    headers: { 'Content-Type': 'text/calendar; charset=utf-8', 'Content-Disposition': 'inline; filename="coder-pathway.ics"', 'X-Content-Type-Options': 'nosniff', ...NO_STORE },
  });
}
