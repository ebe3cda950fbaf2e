import ical from 'ical-generator';
import type { CalendarEvent } from './events';

/**
 * A person's events as an iCalendar feed (RFC 5545) that Outlook, Google and Apple calendars subscribe to.
 * Written with ical-generator rather than by hand: line folding, escaping and date forms are where
 * hand-written feeds go wrong. Dates are whole days (VALUE=DATE); paper windows are timed in UTC.
 * Each event keeps the UID of its record, so a subscribed calendar moves an event whose date changes
 * rather than adding a second one. Titles only: no evidence text, notes or feedback leave the service.
 */
export function calendarIcs(events: CalendarEvent[], o: { name: string; baseUrl: string; stamp: Date }): string {
  const cal = ical({
    name: o.name,
    prodId: { company: 'Coder Pathway', product: 'calendar', language: 'EN' },
    // Outlook reads this as how often to fetch again.
    ttl: 60 * 60 * 6,
  });
  for (const e of events) {
    const url = new URL(e.href, o.baseUrl).toString();
    if (e.when.allDay)
      cal.createEvent({ id: e.uid, allDay: true, start: new Date(`${e.when.date}T00:00:00Z`), summary: e.title, url, stamp: o.stamp });
    else cal.createEvent({ id: e.uid, start: e.when.start, end: e.when.end, summary: e.title, url, stamp: o.stamp });
  }
  return cal.toString();
}
