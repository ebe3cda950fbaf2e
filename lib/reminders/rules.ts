import { isoDay } from '@/lib/calendar';
import { formatDate } from '@/lib/format';
import { isBehindPlan, isoOfUtcDay, plannedHoursToDate, ukToday, weeklyShare } from '@/lib/otj/plan';
import { nextReviewDueDay } from '@/lib/progress/schedule';
import { movedPlannedEnd, onBreak, otjExpectedBy, reviewDue, type LearningSchedule } from '@/lib/funding/schedule';
import type { ReminderSettings } from './settings';

/**
 * Reminders (issue 17, point 3): which reminders are due at a moment, as plain functions of the rows the
 * data access layer reads (lib/dal/reminders.ts) and of `now`, so a test or a person moves the clock.
 *
 * Each reminder's key names the rule, the record and the occurrence: the same reminder computed again
 * (the next hourly run, a second worker at once) has the same key, and notifications are unique per
 * recipient and key, so each is sent once. A new occurrence (the next review's due date, the next ISO
 * week, a resubmission) has a new key and is sent again. Titles name people and dates only, never
 * evidence text: they go into email.
 */
export type ReminderRule = 'review-due-soon' | 'review-overdue' | 'review-unsigned' | 'witness-unanswered' | 'marking-waiting' | 'otj-behind' | 'paper-opens' | 'paper-closes';
export const REMINDER_RULES: readonly ReminderRule[] = ['review-due-soon', 'review-overdue', 'review-unsigned', 'witness-unanswered', 'marking-waiting', 'otj-behind', 'paper-opens', 'paper-closes'];

export type Reminder = { rule: ReminderRule; key: string; recipients: string[]; title: string; link: string };

/** A paper's closing reminder goes this long before it closes (a fixed day: a window is a few days long). */
export const PAPER_CLOSING_HOURS = 24;

export type ReminderFacts = {
  /** Active apprenticeships, with the people about them. */
  apprenticeships: {
    id: string;
    apprenticeId: string;
    apprenticeName: string;
    trainerIds: string[];
    employerContactIds: string[];
    startDate: string;
    plannedEndDate: string;
    plannedOtjHours: number;
    otjMinutes: number;
    lastReviewDate: string | null;
    /** issue 20: the signed plan in force and breaks (lib/dal/schedules.ts). */
    schedule?: LearningSchedule;
  }[];
  /** Progress reviews missing a signature. */
  unsignedReviews: { id: string; apprenticeId: string; apprenticeName: string; employerContactIds: string[]; reviewDate: string; createdAt: Date; apprenticeSigned: boolean; employerSigned: boolean }[];
  /** Witness statements asked for and not given. */
  witnessRequests: { id: string; witnessId: string; apprenticeName: string; requestedAt: Date }[];
  /**
   * What waits for a trainer, with the trainers who mark it: evidence (the occurrence is its submission
   * number), a paper's written answers, and an apprentice's off-the-job entries (the occurrence is the
   * oldest entry waiting, so once it is reviewed a still-older-than-the-threshold one is a new reminder).
   */
  submitted: { kind: 'evidence' | 'written' | 'otj'; id: string; occurrence: string; apprenticeName: string; trainerIds: string[]; submittedAt: Date; link: string }[];
  /** Sittings open or about to close, with the invited apprentices who have not submitted. */
  sittings: { id: string; title: string; opensAt: Date; closesAt: Date; notStartedIds: string[]; notSubmittedIds: string[] }[];
  reviewIntervalWeeks: number;
};

/** The ISO week of a date ('2026-W50'), the occurrence of a weekly reminder. */
export function isoWeek(date: string): string {
  const day = isoDay(date);
  const weekday = (((day + 3) % 7) + 7) % 7; // Monday 0 (day 0 was a Thursday)
  const thursday = day - weekday + 3; // the week belongs to the year its Thursday is in
  const year = Number(isoOfUtcDay(thursday).slice(0, 4));
  const week = Math.floor((thursday - isoDay(`${year}-01-01`)) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Weekdays after `from` up to and including `to` (UK dates): a piece submitted on Friday has waited 1 working day on Monday. */
export function workingDaysBetween(from: string, to: string): number {
  let n = 0;
  for (let d = isoDay(from) + 1; d <= isoDay(to); d++) {
    const weekday = (((d + 3) % 7) + 7) % 7;
    if (weekday < 5) n++;
  }
  return n;
}

const daysAgo = (at: Date, today: string) => isoDay(today) - isoDay(ukToday(at));

export function dueReminders(f: ReminderFacts, s: ReminderSettings, now: Date): Reminder[] {
  const today = ukToday(now);
  const out: Reminder[] = [];
  const push = (r: Reminder) => {
    if (r.recipients.length) out.push(r);
  };

  for (const a of f.apprenticeships) {
    // issue 20: the schedule moves the due date by the days in a break; during one, nothing is reminded.
    const paused = a.schedule ? Boolean(onBreak(a.schedule, today)) : false;
    const due = a.schedule ? reviewDue(a.schedule, a.lastReviewDate, f.reviewIntervalWeeks, today).day : nextReviewDueDay(a.startDate, a.lastReviewDate, f.reviewIntervalWeeks);
    const dueDate = isoOfUtcDay(due);
    const daysLeft = due - isoDay(today);
    const rule: ReminderRule | null = paused ? null : daysLeft < 0 ? 'review-overdue' : daysLeft <= s.reviewDueDays ? 'review-due-soon' : null;
    if (rule) {
      const key = `${rule}:${a.id}:${dueDate}`;
      const when = rule === 'review-overdue' ? `was due on ${formatDate(dueDate)}` : `is due on ${formatDate(dueDate)}`;
      push({ rule, key, recipients: [a.apprenticeId], title: `Your progress review ${when}`, link: '/apprentice/progress' });
      push({ rule, key, recipients: [...a.trainerIds, ...a.employerContactIds], title: `${a.apprenticeName}'s progress review ${when}`, link: `/apprenticeships/${a.id}` });
    }
    const plan = { startDate: a.startDate, plannedEndDate: a.schedule ? movedPlannedEnd(a.schedule, today) : a.plannedEndDate, plannedOtjHours: a.schedule?.plannedOtjHours ?? a.plannedOtjHours };
    const planned = a.schedule ? otjExpectedBy(a.schedule, today) : plannedHoursToDate(plan, today);
    if (!paused && today >= a.startDate && isBehindPlan(planned, a.otjMinutes / 60, weeklyShare(plan)))
      push({ rule: 'otj-behind', key: `otj-behind:${a.id}:${isoWeek(today)}`, recipients: [a.apprenticeId], title: 'Your off-the-job hours are behind plan: log your training this week', link: '/apprentice/otj' });
  }

  for (const r of f.unsignedReviews) {
    if (daysAgo(r.createdAt, today) < s.reviewUnsignedDays) continue;
    const key = `review-unsigned:${r.id}`;
    const title = `The progress review of ${formatDate(r.reviewDate)} is waiting for your signature`;
    if (!r.apprenticeSigned) push({ rule: 'review-unsigned', key, recipients: [r.apprenticeId], title, link: `/reviews/${r.id}` });
    if (!r.employerSigned) push({ rule: 'review-unsigned', key, recipients: r.employerContactIds, title: `${r.apprenticeName}'s progress review of ${formatDate(r.reviewDate)} is waiting for your signature`, link: `/reviews/${r.id}` });
  }

  for (const w of f.witnessRequests)
    if (daysAgo(w.requestedAt, today) >= s.witnessUnansweredDays)
      push({ rule: 'witness-unanswered', key: `witness-unanswered:${w.id}`, recipients: [w.witnessId], title: `${w.apprenticeName} is waiting for your witness statement`, link: `/employer/witness/${w.id}` });

  const WHAT = { evidence: 'Evidence', written: 'A written answer', otj: 'Off-the-job entries' } as const;
  for (const e of f.submitted)
    if (workingDaysBetween(ukToday(e.submittedAt), today) > s.markingWorkingDays)
      push({
        rule: 'marking-waiting',
        key: `marking-waiting:${e.kind}:${e.id}:${e.occurrence}`,
        recipients: e.trainerIds,
        title: `${WHAT[e.kind]} from ${e.apprenticeName} ${e.kind === 'otj' ? 'have' : 'has'} waited more than ${s.markingWorkingDays} working days for ${e.kind === 'otj' ? 'review' : 'marking'}`,
        link: e.link,
      });

  const t = now.getTime();
  for (const p of f.sittings) {
    // Only while open: before it opens there is nothing to sit, after it closes nothing to do.
    if (t < p.opensAt.getTime() || t >= p.closesAt.getTime()) continue;
    push({ rule: 'paper-opens', key: `paper-opens:${p.id}`, recipients: p.notStartedIds, title: `${p.title} is open: sit it by ${formatDate(ukToday(p.closesAt))}`, link: '/apprentice/assessments' });
    if (t >= p.closesAt.getTime() - PAPER_CLOSING_HOURS * 3_600_000)
      push({ rule: 'paper-closes', key: `paper-closes:${p.id}`, recipients: p.notSubmittedIds, title: `${p.title} closes within a day`, link: '/apprentice/assessments' });
  }
  return out;
}

/** How many reminders of each rule (each recipient counted), for the script's report. */
export function countByRule(reminders: Reminder[]): Record<ReminderRule, number> {
  const counts = Object.fromEntries(REMINDER_RULES.map((r) => [r, 0])) as Record<ReminderRule, number>;
  for (const r of reminders) counts[r.rule] += r.recipients.length;
  return counts;
}
