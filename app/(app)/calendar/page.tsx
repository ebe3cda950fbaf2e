import type { Metadata } from 'next';
import Link from 'next/link';
import { getCalendarFeed, listCalendarEvents } from '@/lib/dal';
import { requireViewer } from '@/lib/dal/session';
import { PageHeader } from '@/components/app-shell';
import { AgendaList, MonthList, MonthTable } from '@/components/calendar/views';
import { FeedPanel } from '@/components/calendar/feed-panel';
import { agenda, gridRange, monthGrid, monthParam, parseMonth, shiftMonth } from '@/lib/calendar-events';
import { isoDay } from '@/lib/calendar';
import { isoOfUtcDay, ukToday } from '@/lib/otj/plan';
import { formatMonth } from '@/lib/format';
import { createFeedAction, revokeFeedAction } from './actions';

export const metadata: Metadata = { title: 'Calendar' };

/** How far ahead the agenda looks. */
const AGENDA_DAYS = 365;

type View = 'month' | 'agenda';

/**
 * Each person's dates (issue 17, point 5): a month grid and an agenda. With no view chosen, a wide screen
 * shows the month and a narrow one the agenda (a seven-column grid of event titles does not fit 320 px);
 * the links choose one at any width. The feed section makes the address Outlook subscribes to.
 */
export default async function CalendarPage({ searchParams }: { searchParams: Promise<{ month?: string; view?: string }> }) {
  const viewer = await requireViewer();
  const params = await searchParams;
  const today = ukToday();
  const month = parseMonth(params.month, today);
  const view: View | null = params.view === 'month' || params.view === 'agenda' ? params.view : null;
  const [monthEvents, ahead, feed] = await Promise.all([
    listCalendarEvents(viewer, gridRange(month)),
    listCalendarEvents(viewer, { from: today, to: isoOfUtcDay(isoDay(today) + AGENDA_DAYS) }),
    getCalendarFeed(viewer),
  ]);
  const weeks = monthGrid(month, monthEvents, today);
  const title = formatMonth(`${monthParam(month)}-01`);
  const link = (m: { year: number; month: number }, v: View | null = view) => `/calendar?month=${monthParam(m)}${v ? `&view=${v}` : ''}`;
  const showMonth = view === 'month' ? 'block' : view === 'agenda' ? 'hidden' : 'hidden sm:block';
  const showAgenda = view === 'agenda' ? 'block' : view === 'month' ? 'hidden' : 'block sm:hidden';

  return (
    <>
      <PageHeader
        title="Calendar"
        lead={
          viewer.role === 'admin'
            ? 'Administrators have no apprenticeship dates of their own, so this calendar is empty; the feed below still works.'
            : 'Progress reviews, mock paper windows, gateway and planned end dates, and witness statements due. Each date links to its place.'
        }
      />
      <nav aria-label="Calendar view" className="mb-4 flex flex-wrap gap-4">
        <Link href={link(month, 'month')} aria-current={view === 'month' ? 'page' : undefined} className={view === 'month' ? 'font-bold' : ''}>
          Month view
        </Link>
        <Link href={link(month, 'agenda')} aria-current={view === 'agenda' ? 'page' : undefined} className={view === 'agenda' ? 'font-bold' : ''}>
          Agenda view
        </Link>
      </nav>

      <section aria-labelledby="month-heading" className={`${showMonth} mb-10`}>
        <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
          <h2 id="month-heading" className="text-2xl font-bold">
            {title}
          </h2>
          <nav aria-label="Months" className="flex flex-wrap gap-4">
            <Link href={link(shiftMonth(month, -1))}>
              Previous month<span className="sr-only">: {formatMonth(`${monthParam(shiftMonth(month, -1))}-01`)}</span>
            </Link>
            <Link href={link(parseMonth(undefined, today))}>This month</Link>
            <Link href={link(shiftMonth(month, 1))}>
              Next month<span className="sr-only">: {formatMonth(`${monthParam(shiftMonth(month, 1))}-01`)}</span>
            </Link>
          </nav>
        </div>
        <MonthTable weeks={weeks} caption={`${title}: your dates, a row per week from Monday`} />
        {/* Narrow screens: the table shows how many dates each day has; here they are, by day. */}
        <div className="mt-4 sm:hidden">
          <h3 className="mb-2 text-xl font-bold">Dates in {title}</h3>
          <MonthList weeks={weeks} empty="No dates in this month." />
        </div>
      </section>

      <section aria-labelledby="agenda-heading" className={`${showAgenda} mb-10`}>
        <h2 id="agenda-heading" className="mb-3 text-2xl font-bold">
          Coming up
        </h2>
        <AgendaList groups={agenda(ahead, today)} today={today} />
      </section>

      <section aria-labelledby="feed-heading" className="max-w-3xl">
        <h2 id="feed-heading" className="mb-3 text-2xl font-bold">
          Subscribe in Outlook
        </h2>
        <p className="mb-4">
          A calendar feed puts these dates into Outlook (or Google or Apple Calendar) and keeps them up to date. It holds the dates and their titles only, never evidence, notes or feedback.
        </p>
        <FeedPanel feed={feed && { createdAt: feed.createdAt.toISOString(), lastFetchedAt: feed.lastFetchedAt?.toISOString() ?? null }} create={createFeedAction} revoke={revokeFeedAction} />
      </section>
    </>
  );
}
