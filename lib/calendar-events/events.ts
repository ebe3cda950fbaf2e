import type { Role } from '@/db/schema';
import { isoDay } from '@/lib/calendar';
import { isoOfUtcDay, ukToday } from '@/lib/otj/plan';
import { nextReviewDueDay } from '@/lib/progress/schedule';
import { movedPlannedEnd, reviewDue, type LearningSchedule } from '@/lib/funding/schedule';

/**
 * The calendar (issue 17, point 5): the dates a person should see, built from rows the data access layer
 * reads (lib/dal/calendar.ts) and already limited to what the person may see. Plain functions, so the
 * tests fix the dates. Nothing here carries evidence text, review notes or feedback: titles name the kind
 * of date and the apprentice, because the same events go into an ICS feed that leaves the service.
 */
export type CalendarEventKind = 'review_due' | 'review_recorded' | 'paper_window' | 'gateway' | 'planned_end' | 'witness_due';

export type CalendarEvent = {
  /** Stable per record (never per date), so a calendar that subscribed updates the event when its date moves. */
  uid: string;
  kind: CalendarEventKind;
  title: string;
  /** The apprentice it is about, when that is not the viewer. */
  who: string | null;
  /** A date ('YYYY-MM-DD', UK) for the whole day, or a window with a start and an end. */
  when: { allDay: true; date: string } | { allDay: false; start: Date; end: Date };
  /** The path of the record's place in the app. */
  href: string;
};

/** The projected gateway: planned end less three months, the usual end-point assessment period (as lib/tasks/rules.ts). */
export const GATEWAY_BEFORE_END_DAYS = 91;

export type CalendarFacts = {
  role: Role;
  /** Active apprenticeships in reach: the next review, gateway and planned end. */
  apprenticeships: { id: string; apprenticeName: string; startDate: string; plannedEndDate: string; lastReviewDate: string | null; schedule?: LearningSchedule }[];
  /** issue 20: the day the schedules are read on (breaks still going on move dates a day a day). */
  today?: string;
  /** Progress reviews recorded, in reach, with whether both signatures are in. */
  reviews: { id: string; apprenticeName: string; reviewDate: string; signed: boolean }[];
  /** Paper sittings in reach (one row per sitting), with the one apprentice's name when there is only one. */
  sittings: { id: string; title: string; opensAt: Date; closesAt: Date; invited: number; apprenticeName: string | null }[];
  /** Witness statements asked for and not yet given, in reach. */
  witness: { id: string; evidenceId: string; apprenticeName: string; witnessName: string; requestedAt: Date }[];
  reviewIntervalWeeks: number;
  /** A requested statement is due this many days after the request (the reminder's threshold). */
  witnessDueDays: number;
};

const UID_DOMAIN = 'coderpathway';
const uidOf = (kind: CalendarEventKind, id: string) => `${kind}-${id}@${UID_DOMAIN}`;

/** Where each kind of date lives in the app for each role (an apprentice has pages of their own). */
function apprenticeshipHref(role: Role, id: string) {
  return role === 'apprentice' ? '/apprentice/progress' : role === 'admin' ? `/admin/apprentices/${id}` : `/apprenticeships/${id}`;
}
function witnessHref(role: Role, w: CalendarFacts['witness'][number]) {
  if (role === 'apprentice') return `/apprentice/evidence/${w.evidenceId}`;
  if (role === 'employer') return `/employer/witness/${w.id}`;
  return `/evidence/${w.evidenceId}`;
}

/** The day a requested witness statement is due: the UK date of the request plus the threshold. */
export function witnessDueDate(requestedAt: Date, days: number): string {
  return isoOfUtcDay(isoDay(ukToday(requestedAt)) + days);
}

/** Every event the facts give, in calendar order (start, then uid). */
export function buildCalendarEvents(f: CalendarFacts): CalendarEvent[] {
  const own = f.role === 'apprentice';
  const about = (name: string) => (own ? null : name);
  const suffix = (name: string) => (own ? '' : `: ${name}`);
  const events: CalendarEvent[] = [];
  for (const a of f.apprenticeships) {
    const href = apprenticeshipHref(f.role, a.id);
    // issue 20: the schedule moves the dates by the days in a break; during one, no review is shown as due.
    const asOf = f.today ?? a.startDate;
    const onSchedule = a.schedule ? reviewDue(a.schedule, a.lastReviewDate, f.reviewIntervalWeeks, asOf) : null;
    const plannedEnd = a.schedule ? movedPlannedEnd(a.schedule, asOf) : a.plannedEndDate;
    const due = isoOfUtcDay(onSchedule?.day ?? nextReviewDueDay(a.startDate, a.lastReviewDate, f.reviewIntervalWeeks));
    if (!onSchedule?.paused) events.push({ uid: uidOf('review_due', a.id), kind: 'review_due', title: `Progress review due${suffix(a.apprenticeName)}`, who: about(a.apprenticeName), when: { allDay: true, date: due }, href });
    const gateway = isoOfUtcDay(isoDay(plannedEnd) - GATEWAY_BEFORE_END_DAYS);
    events.push({ uid: uidOf('gateway', a.id), kind: 'gateway', title: `Projected gateway${suffix(a.apprenticeName)}`, who: about(a.apprenticeName), when: { allDay: true, date: gateway }, href });
    events.push({ uid: uidOf('planned_end', a.id), kind: 'planned_end', title: `Planned end of the apprenticeship${suffix(a.apprenticeName)}`, who: about(a.apprenticeName), when: { allDay: true, date: plannedEnd }, href });
  }
  for (const r of f.reviews)
    events.push({
      uid: uidOf('review_recorded', r.id),
      kind: 'review_recorded',
      title: `Progress review${r.signed ? '' : ' (awaiting signatures)'}${suffix(r.apprenticeName)}`,
      who: about(r.apprenticeName),
      when: { allDay: true, date: r.reviewDate },
      href: `/reviews/${r.id}`,
    });
  for (const s of f.sittings) {
    const whom = own ? '' : s.apprenticeName ? `: ${s.apprenticeName}` : ` (${s.invited} apprentices)`;
    events.push({
      uid: uidOf('paper_window', s.id),
      kind: 'paper_window',
      title: `Mock paper window: ${s.title}${whom}`,
      who: own ? null : s.apprenticeName,
      when: { allDay: false, start: s.opensAt, end: s.closesAt },
      href: own ? '/apprentice/assessments' : f.role === 'trainer' ? `/trainer/assessments/${s.id}` : '/assessments/blueprints',
    });
  }
  for (const w of f.witness)
    events.push({
      uid: uidOf('witness_due', w.id),
      kind: 'witness_due',
      title: f.role === 'employer' ? `Witness statement due: ${w.apprenticeName}` : `Witness statement due from ${w.witnessName}${suffix(w.apprenticeName)}`,
      who: about(w.apprenticeName),
      when: { allDay: true, date: witnessDueDate(w.requestedAt, f.witnessDueDays) },
      href: witnessHref(f.role, w),
    });
  return sortEvents(events);
}

/** The UK date an event starts on (a window: the day it opens). */
export function startDate(e: CalendarEvent): string {
  return e.when.allDay ? e.when.date : ukToday(e.when.start);
}
/** The UK date an event ends on (a window: the day it closes). */
export function endDate(e: CalendarEvent): string {
  return e.when.allDay ? e.when.date : ukToday(e.when.end);
}
const sortKey = (e: CalendarEvent) => (e.when.allDay ? `${e.when.date}T00` : e.when.start.toISOString());

export function sortEvents(events: CalendarEvent[]): CalendarEvent[] {
  return [...events].sort((a, b) => {
    const ka = sortKey(a);
    const kb = sortKey(b);
    return ka < kb ? -1 : ka > kb ? 1 : a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0;
  });
}

/** Events touching the dates from `from` to `to` inclusive (a window that spans the range counts). */
export function inRange(events: CalendarEvent[], range: { from: string; to: string }): CalendarEvent[] {
  return events.filter((e) => endDate(e) >= range.from && startDate(e) <= range.to);
}
