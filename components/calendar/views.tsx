import Link from 'next/link';
import type { CalendarEvent, DayCell, DayEntry } from '@/lib/calendar-events';
import { ukToday } from '@/lib/otj/plan';
import { formatDate, formatDateLong, formatTime } from '@/lib/format';

const WEEKDAYS = [
  ['Mon', 'Monday'],
  ['Tue', 'Tuesday'],
  ['Wed', 'Wednesday'],
  ['Thu', 'Thursday'],
  ['Fri', 'Friday'],
  ['Sat', 'Saturday'],
  ['Sun', 'Sunday'],
] as const;

/** A window's part as a few words before its title ("Opens 09:00"); whole-day dates have none. */
function partLabel(entry: DayEntry): string | null {
  if (entry.event.when.allDay) return null;
  const { start, end } = entry.event.when;
  if (entry.part === 'opens') return `Opens ${formatTime(start)}`;
  if (entry.part === 'closes') return `Closes ${formatTime(end)}`;
  return `${formatTime(start)} to ${formatTime(end)}`;
}

/** The month as a table: one row per week, a column per weekday, the events of each day in its cell. */
export function MonthTable({ weeks, caption }: { weeks: DayCell[][]; caption: string }) {
  return (
    <table className="w-full table-fixed border-collapse bg-white">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr>
          {WEEKDAYS.map(([short, long]) => (
            <th key={short} scope="col" className="border border-nhs-grey-4 p-1 text-left text-sm">
              <abbr title={long} className="no-underline">
                {short}
              </abbr>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {weeks.map((week) => (
          <tr key={week[0]!.date}>
            {week.map((day) => (
              <td
                key={day.date}
                aria-current={day.today ? 'date' : undefined}
                className={`h-24 border border-nhs-grey-4 p-1 align-top text-xs [overflow-wrap:anywhere] sm:text-sm ${day.inMonth ? '' : 'bg-nhs-grey-5 text-nhs-grey-1'} ${day.today ? 'outline-4 -outline-offset-4 outline-nhs-blue' : ''}`}
              >
                <span className={`block font-bold ${day.today ? 'text-nhs-blue' : ''}`}>
                  <span className="sr-only">{formatDateLong(day.date)}</span>
                  <span aria-hidden="true">{Number(day.date.slice(8))}</span>
                  {day.today && <span className="sr-only"> (today)</span>}
                </span>
                {day.entries.length > 0 && (
                  // Narrow screens: a count linking to the day in the list below the table (titles do not fit a seventh of 320 px).
                  <a href={`#day-${day.date}`} className="mt-1 block font-bold sm:hidden">
                    {day.entries.length}
                    <span className="sr-only"> {day.entries.length === 1 ? 'date' : 'dates'}, listed below</span>
                  </a>
                )}
                {day.entries.length > 0 && (
                  <ul className="mt-1 hidden space-y-1 sm:block">
                    {day.entries.map((entry) => (
                      <li key={`${entry.event.uid}/${entry.part}`}>
                        <Link href={entry.event.href} className="block">
                          {partLabel(entry) && <span className="block font-bold">{partLabel(entry)}</span>}
                          {entry.event.title}
                        </Link>
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The month's days that have dates, as a list: what the narrow table's counts link to. */
export function MonthList({ weeks, empty }: { weeks: DayCell[][]; empty: string }) {
  const days = weeks.flat().filter((d) => d.entries.length > 0);
  if (days.length === 0) return <p className="bg-white p-4">{empty}</p>;
  return (
    <ol className="space-y-4">
      {days.map((day) => (
        <li key={day.date} id={`day-${day.date}`} className="bg-white p-4">
          <h4 className="font-bold">
            {formatDateLong(day.date)}
            {day.today && ' (today)'}
          </h4>
          <ul className="mt-2 space-y-2">
            {day.entries.map((entry) => (
              <li key={`${entry.event.uid}/${entry.part}`} className="[overflow-wrap:anywhere]">
                {partLabel(entry) && <span className="block font-bold">{partLabel(entry)}</span>}
                <Link href={entry.event.href}>{entry.event.title}</Link>
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ol>
  );
}

function whenLabel(e: CalendarEvent, date: string): string | null {
  if (e.when.allDay) return null;
  const opens = e.when.start;
  const closes = e.when.end;
  // Listed on a day after it opened: it is open now (the agenda lists a window already open under today).
  if (ukToday(opens) < date) return `Open now: closes ${formatDate(ukToday(closes))} at ${formatTime(closes)}`;
  return `Opens ${formatTime(opens)}, closes ${ukToday(opens) === ukToday(closes) ? '' : `${formatDate(ukToday(closes))} at `}${formatTime(closes)}`;
}

/** What is ahead, by date: a heading per day and its events. */
export function AgendaList({ groups, today }: { groups: { date: string; events: CalendarEvent[] }[]; today: string }) {
  if (groups.length === 0) return <p className="bg-white p-4">Nothing in the coming year.</p>;
  return (
    <ol className="space-y-4">
      {groups.map((g) => (
        <li key={g.date} className="bg-white p-4">
          <h3 className="font-bold">
            {formatDateLong(g.date)}
            {g.date === today && ' (today)'}
          </h3>
          <ul className="mt-2 space-y-2">
            {g.events.map((e) => (
              <li key={e.uid} className="[overflow-wrap:anywhere]">
                <Link href={e.href}>{e.title}</Link>
                {whenLabel(e, g.date) && <span className="block text-nhs-grey-1">{whenLabel(e, g.date)}</span>}
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ol>
  );
}
