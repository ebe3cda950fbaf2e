import { describe, expect, it } from 'vitest';
import { agenda, buildCalendarEvents, calendarIcs, gridRange, inRange, monthGrid, parseMonth, shiftMonth, witnessDueDate, type CalendarFacts } from '@/lib/calendar-events';

const facts = (over: Partial<CalendarFacts> = {}): CalendarFacts => ({
  role: 'trainer',
  apprenticeships: [{ id: 'a1', apprenticeName: 'Sam Whitfield', startDate: '2026-01-05', plannedEndDate: '2027-07-30', lastReviewDate: '2026-10-01' }],
  reviews: [{ id: 'r1', apprenticeName: 'Sam Whitfield', reviewDate: '2026-10-01', signed: false }],
  sittings: [{ id: 's1', title: 'Mock paper 1', opensAt: new Date('2026-12-14T09:00:00Z'), closesAt: new Date('2026-12-18T17:00:00Z'), invited: 3, apprenticeName: null }],
  witness: [{ id: 'w1', evidenceId: 'e1', apprenticeName: 'Sam Whitfield', witnessName: 'Jo Carter', requestedAt: new Date('2026-12-01T23:30:00Z') }],
  reviewIntervalWeeks: 12,
  witnessDueDays: 5,
  ...over,
});

describe('calendar events', () => {
  it('gives each record its dates with stable ids', () => {
    const events = buildCalendarEvents(facts());
    const by = Object.fromEntries(events.map((e) => [e.kind, e]));
    expect(by.review_due!.when).toEqual({ allDay: true, date: '2026-12-24' }); // 12 weeks after 1 October
    expect(by.gateway!.when).toEqual({ allDay: true, date: '2027-04-30' }); // planned end less 91 days
    expect(by.planned_end!.when).toEqual({ allDay: true, date: '2027-07-30' });
    expect(by.review_recorded!.title).toBe('Progress review (awaiting signatures): Sam Whitfield');
    expect(by.paper_window!.title).toBe('Mock paper window: Mock paper 1 (3 apprentices)');
    expect(by.paper_window!.href).toBe('/trainer/assessments/s1');
    expect(by.witness_due!.href).toBe('/evidence/e1');
    expect(events.map((e) => e.uid)).toContain('review_due-a1@coderpathway');
    // The id names the record, not the date: a later review moves the event rather than adding one.
    const later = buildCalendarEvents(facts({ apprenticeships: [{ ...facts().apprenticeships[0]!, lastReviewDate: '2026-12-20' }] }));
    expect(later.find((e) => e.kind === 'review_due')).toMatchObject({ uid: 'review_due-a1@coderpathway', when: { date: '2027-03-14' } });
  });

  it('a witness statement is due the threshold after the UK date it was asked for', () => {
    // 23:30 UTC on 1 December is still 1 December in London (GMT).
    expect(witnessDueDate(new Date('2026-12-01T23:30:00Z'), 5)).toBe('2026-12-06');
    // 23:30 UTC on 1 July is 2 July in London (BST).
    expect(witnessDueDate(new Date('2026-07-01T23:30:00Z'), 5)).toBe('2026-07-07');
  });

  it('speaks to an apprentice about their own dates, with their own pages', () => {
    const events = buildCalendarEvents(facts({ role: 'apprentice', sittings: [{ ...facts().sittings[0]!, invited: 1, apprenticeName: 'Sam Whitfield' }] }));
    expect(events.every((e) => e.who === null)).toBe(true);
    expect(events.find((e) => e.kind === 'review_due')).toMatchObject({ title: 'Progress review due', href: '/apprentice/progress' });
    expect(events.find((e) => e.kind === 'paper_window')).toMatchObject({ title: 'Mock paper window: Mock paper 1', href: '/apprentice/assessments' });
    expect(events.find((e) => e.kind === 'witness_due')).toMatchObject({ title: 'Witness statement due from Jo Carter', href: '/apprentice/evidence/e1' });
  });

  it('sorts by start then id, and a window spanning a range is in it', () => {
    const events = buildCalendarEvents(facts());
    const starts = events.map((e) => (e.when.allDay ? e.when.date : e.when.start.toISOString().slice(0, 10)));
    expect(starts).toEqual([...starts].sort());
    expect(inRange(events, { from: '2026-12-15', to: '2026-12-16' }).map((e) => e.kind)).toEqual(['paper_window']);
    expect(inRange(events, { from: '2026-12-19', to: '2026-12-23' })).toEqual([]);
  });
});

describe('month grid', () => {
  it('reads ?month= and falls back to the current month', () => {
    expect(parseMonth('2026-02', '2026-12-07')).toEqual({ year: 2026, month: 2 });
    for (const bad of [undefined, '2026-13', '26-01', '2026-1', '9999-01', 'x']) expect(parseMonth(bad, '2026-12-07')).toEqual({ year: 2026, month: 12 });
    expect(shiftMonth({ year: 2026, month: 12 }, 1)).toEqual({ year: 2027, month: 1 });
    expect(shiftMonth({ year: 2026, month: 1 }, -1)).toEqual({ year: 2025, month: 12 });
  });

  it('lays a month out in whole Monday-to-Sunday weeks', () => {
    // December 2026 starts on a Tuesday and ends on a Thursday.
    expect(gridRange({ year: 2026, month: 12 })).toEqual({ from: '2026-11-30', to: '2027-01-03' });
    // February 2027 starts on a Monday and ends on a Sunday: exactly four weeks.
    expect(gridRange({ year: 2027, month: 2 })).toEqual({ from: '2027-02-01', to: '2027-02-28' });
    const weeks = monthGrid({ year: 2026, month: 12 }, [], '2026-12-07');
    expect(weeks).toHaveLength(5);
    expect(weeks.every((w) => w.length === 7)).toBe(true);
    expect(weeks[0]![0]).toMatchObject({ date: '2026-11-30', inMonth: false });
    expect(weeks.flat().filter((d) => d.today).map((d) => d.date)).toEqual(['2026-12-07']);
  });

  it('puts all-day events on their day and a window on the days it opens and closes', () => {
    const weeks = monthGrid({ year: 2026, month: 12 }, buildCalendarEvents(facts()), '2026-12-07');
    const on = (date: string) => weeks.flat().find((d) => d.date === date)!.entries.map((x) => `${x.event.kind}/${x.part}`);
    expect(on('2026-12-14')).toEqual(['paper_window/opens']);
    expect(on('2026-12-18')).toEqual(['paper_window/closes']);
    expect(on('2026-12-16')).toEqual([]);
    expect(on('2026-12-24')).toEqual(['review_due/all_day']);
    expect(on('2026-12-06')).toEqual(['witness_due/all_day']);
  });

  it('the agenda lists what is ahead by date, an open window today', () => {
    const groups = agenda(buildCalendarEvents(facts()), '2026-12-15');
    expect(groups.map((g) => [g.date, g.events.map((e) => e.kind)])).toEqual([
      ['2026-12-15', ['paper_window']],
      ['2026-12-24', ['review_due']],
      ['2027-04-30', ['gateway']],
      ['2027-07-30', ['planned_end']],
    ]);
  });
});

describe('ICS feed', () => {
  it('writes a VCALENDAR with whole-day and timed events under stable UIDs', () => {
    const ics = calendarIcs(buildCalendarEvents(facts()), { name: 'Coder Pathway: Pat Patel', baseUrl: 'https://pathway.example', stamp: new Date('2026-12-07T09:00:00Z') });
    const text = ics.replace(/\r\n /g, '');
    expect(text).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(text).toContain('X-WR-CALNAME:Coder Pathway: Pat Patel');
    expect(text).toContain('UID:review_due-a1@coderpathway');
    expect(text).toContain('DTSTART;VALUE=DATE:20261224');
    expect(text).toContain('DTSTART:20261214T090000Z');
    expect(text).toContain('DTEND:20261218T170000Z');
    expect(text).toContain('URL;VALUE=URI:https://pathway.example/trainer/assessments/s1');
    expect(text.match(/BEGIN:VEVENT/g)).toHaveLength(6);
  });
});

describe('public origin', () => {
  it('is the forwarded host and protocol behind a proxy, else the request’s own', async () => {
    const { publicOrigin } = await import('@/lib/calendar-events/origin');
    expect(publicOrigin(new Headers({ 'x-forwarded-host': 'pathway.nhs.example, inner', 'x-forwarded-proto': 'https' }), 'http://10.0.0.5:3000/api/calendar/x')).toBe('https://pathway.nhs.example');
    expect(publicOrigin(new Headers({ host: 'localhost:3000' }), 'http://localhost:3000/api/calendar/x')).toBe('http://localhost:3000');
  });
});
