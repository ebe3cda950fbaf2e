import { isoDay } from '@/lib/calendar';
import { formatDate } from '@/lib/format';
import { isBehindPlan, isoOfUtcDay, plannedHoursToDate, weeklyShare } from '@/lib/otj/plan';
import { nextReviewDueDay } from '@/lib/progress/schedule';
import { movedPlannedEnd, onBreak, otjExpectedBy, reviewDue as scheduleReviewDue, type LearningSchedule } from '@/lib/funding/schedule';

/**
 * "Needs you" (issue 17, point 1): what each role has to act on, computed from rows the data access
 * layer reads (lib/dal/tasks.ts) and never stored. Plain functions of those rows and of `today` / `now`
 * passed in, so the tests fix the clock.
 *
 * Every task says what, for whom, since when or due when, and links to the page of that record.
 * Tasks are ordered by their time (oldest "since" and soonest "due" first), then by a unique key.
 */
export type TaskKind =
  // apprentice
  | 'evidence_referred'
  | 'review_to_sign'
  | 'witness_waiting'
  | 'witness_returned'
  | 'paper_in_progress'
  | 'paper_open'
  | 'paper_scheduled'
  | 'otj_behind'
  | 'gateway_missing'
  | 'next_review'
  | 'initial_assessment' // issue 20: initial assessment
  // trainer
  | 'evidence_to_mark'
  | 'written_to_mark'
  | 'query_to_mark'
  | 'otj_to_review'
  | 'review_overdue'
  | 'review_due'
  | 'gateway_to_confirm'
  | 'no_activity'
  | 'signatures_outstanding'
  | 'initial_assessment_to_confirm' // issue 20: initial assessment
  // employer
  | 'witness_to_sign'
  | 'at_red'
  // admin
  | 'account_locked'
  | 'never_signed_in'
  | 'no_trainer'
  | 'failed_jobs'
  // issue 20: training plan (apprentice, employer, trainer)
  | 'plan_to_sign';

export type Task = {
  /** Unique within one person's list: the kind and the record's id. */
  key: string;
  kind: TaskKind;
  /** What: a short sentence, the link's text. */
  title: string;
  /** For whom: the apprentice (or user) it is about, when that is not the viewer. */
  who: string | null;
  /** Why, or more of what, in a few words. */
  detail: string | null;
  /**
   * Since when (waiting), due when, when a window closes, or 'as_of' for a state whose start is not
   * recorded (at red, gateway waiting): an ISO date ('2026-03-01') or an ISO timestamp.
   */
  when: { type: 'since' | 'due' | 'closes' | 'as_of'; at: string };
  /** Overdue or otherwise pressing: shown in red. */
  urgent: boolean;
  href: string;
};

export const KSB_TOTAL = 59;
/** How many days ahead a review counts as due: soon enough to book the meeting with all three (lib/dal/reviews.ts listReviewsDue uses it too). */
export const REVIEW_DUE_WITHIN_DAYS = 14;
/** A witness statement signed within this many days is shown to the apprentice as returned. */
export const WITNESS_RETURNED_DAYS = 14;
/** Gateway items are shown to the apprentice from this many days before the projected gateway (planned end less 3 months). */
export const GATEWAY_HORIZON_DAYS = 120;

const iso = (d: Date | string) => (typeof d === 'string' ? d : d.toISOString());
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Time, then key: the one order every list is shown in. */
export function sortTasks(tasks: Task[]): Task[] {
  return [...tasks].sort((a, b) => (a.when.at < b.when.at ? -1 : a.when.at > b.when.at ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** How many tasks of each kind: the counts shown above the list. */
export function countByKind(tasks: Task[]): Partial<Record<TaskKind, number>> {
  const counts: Partial<Record<TaskKind, number>> = {};
  for (const t of tasks) counts[t.kind] = (counts[t.kind] ?? 0) + 1;
  return counts;
}

// ── Shared rules ──────────────────────────────────────────────────────────────────────────────────

export type Confirmations = { trainer: boolean; employer: boolean };

/**
 * Gateway waits on this role's confirmation when it has not given it and either the other role has
 * (the apprentice is being put forward) or every KSB is met in accepted evidence.
 */
export function gatewayWaitsOn(role: 'trainer' | 'employer', c: Confirmations, ksbsMet: number, ksbTotal = KSB_TOTAL): boolean {
  const mine = role === 'trainer' ? c.trainer : c.employer;
  const other = role === 'trainer' ? c.employer : c.trainer;
  return !mine && (other || ksbsMet >= ksbTotal);
}

/** The next review as a day: overdue (negative days left), due within the horizon, or later. */
export function reviewDue(startDate: string, lastReviewDate: string | null, intervalWeeks: number, today: string, schedule?: LearningSchedule) {
  // issue 20: the learning schedule moves the date by the days in a break; during one, nothing is due.
  const onSchedule = schedule ? scheduleReviewDue(schedule, lastReviewDate, intervalWeeks, today) : null;
  const dueDay = onSchedule?.day ?? nextReviewDueDay(startDate, lastReviewDate, intervalWeeks);
  const daysLeft = dueDay - isoDay(today);
  if (onSchedule?.paused) return { due: isoOfUtcDay(dueDay), daysLeft, overdue: false, soon: false };
  return { due: isoOfUtcDay(dueDay), daysLeft, overdue: daysLeft < 0, soon: daysLeft <= REVIEW_DUE_WITHIN_DAYS };
}

// ── Apprentice ────────────────────────────────────────────────────────────────────────────────────

export type ApprenticeFacts = {
  referred: { id: string; title: string; decidedAt: Date }[];
  reviewsToSign: { id: string; reviewDate: string; trainerName: string; createdAt: Date }[];
  witness: { id: string; evidenceId: string; evidenceTitle: string; witnessName: string; status: 'requested' | 'signed'; requestedAt: Date; signedAt: Date | null }[];
  /** Sittings the apprentice is invited to, not yet started, not yet closed. */
  sittings: { id: string; title: string; opensAt: Date; closesAt: Date }[];
  inProgress: { id: string; title: string; deadline: Date }[];
  apprenticeship: {
    id: string;
    startDate: string;
    plannedEndDate: string;
    plannedOtjHours: number;
    otjMinutes: number;
    ksbsMet: number;
    /** issue 20: the signed plan in force and breaks (lib/dal/schedules.ts). */
    schedule?: LearningSchedule;
    english: string;
    maths: string;
    lastReviewDate: string | null;
    confirmations: Confirmations;
    /** issue 20: initial assessment. False until the apprentice submits theirs (absent: not asked). */
    assessmentSubmitted?: boolean;
  } | null;
  reviewIntervalWeeks: number;
};

const SKILL_DONE = ['achieved', 'exempt', 'not_required'];

export function apprenticeTasks(f: ApprenticeFacts, today: string, now: Date): Task[] {
  const tasks: Task[] = [];
  for (const e of f.referred)
    tasks.push({ key: `evidence_referred:${e.id}`, kind: 'evidence_referred', title: `Referred back: ${e.title}`, who: null, detail: 'Read the feedback, improve it and submit again.', when: { type: 'since', at: iso(e.decidedAt) }, urgent: false, href: `/apprentice/evidence/${e.id}` });
  for (const r of f.reviewsToSign)
    tasks.push({ key: `review_to_sign:${r.id}`, kind: 'review_to_sign', title: `Sign your progress review of ${formatDate(r.reviewDate)}`, who: null, detail: `Recorded by ${r.trainerName}.`, when: { type: 'since', at: iso(r.createdAt) }, urgent: false, href: `/reviews/${r.id}` });
  const returnedFrom = isoDay(today) - WITNESS_RETURNED_DAYS;
  for (const w of f.witness) {
    if (w.status === 'requested')
      tasks.push({ key: `witness_waiting:${w.id}`, kind: 'witness_waiting', title: `Witness statement asked of ${w.witnessName}: ${w.evidenceTitle}`, who: null, detail: 'Waiting for their statement; remind them if it is long.', when: { type: 'since', at: iso(w.requestedAt) }, urgent: false, href: `/apprentice/evidence/${w.evidenceId}` });
    else if (w.signedAt && isoDay(iso(w.signedAt).slice(0, 10)) >= returnedFrom)
      tasks.push({ key: `witness_returned:${w.id}`, kind: 'witness_returned', title: `Witness statement returned by ${w.witnessName}: ${w.evidenceTitle}`, who: null, detail: 'Read it and submit the piece if it is ready.', when: { type: 'since', at: iso(w.signedAt) }, urgent: false, href: `/apprentice/evidence/${w.evidenceId}` });
  }
  for (const a of f.inProgress)
    tasks.push({ key: `paper_in_progress:${a.id}`, kind: 'paper_in_progress', title: `Resume ${a.title}`, who: null, detail: 'The server submits it at its deadline.', when: { type: 'closes', at: iso(a.deadline) }, urgent: true, href: `/assessments/${a.id}` });
  for (const s of f.sittings) {
    const open = s.opensAt.getTime() <= now.getTime();
    tasks.push(
      open
        ? { key: `paper_open:${s.id}`, kind: 'paper_open', title: `Sit ${s.title}`, who: null, detail: 'Scheduled by your trainer: open now.', when: { type: 'closes', at: iso(s.closesAt) }, urgent: true, href: '/apprentice/assessments' }
        : { key: `paper_scheduled:${s.id}`, kind: 'paper_scheduled', title: `${s.title} is scheduled`, who: null, detail: `Open from ${formatDate(s.opensAt)} to ${formatDate(s.closesAt)}.`, when: { type: 'due', at: iso(s.opensAt) }, urgent: false, href: '/apprentice/assessments' },
    );
  }
  const a = f.apprenticeship;
  // issue 20: initial assessment. The first thing a new starter does; it starts their KSB map and training plan.
  if (a && a.assessmentSubmitted === false)
    tasks.push({ key: `initial_assessment:${a.id}`, kind: 'initial_assessment', title: 'Complete your initial assessment', who: null, detail: 'Rate yourself against the 59 items of the standard and say what you have learned and done before.', when: { type: 'since', at: a.startDate }, urgent: false, href: '/apprentice/initial-assessment' });
  if (a) {
    const plannedEnd = a.schedule ? movedPlannedEnd(a.schedule, today) : a.plannedEndDate;
    const plan = { startDate: a.startDate, plannedEndDate: plannedEnd, plannedOtjHours: a.schedule?.plannedOtjHours ?? a.plannedOtjHours };
    const planned = a.schedule ? otjExpectedBy(a.schedule, today) : plannedHoursToDate(plan, today);
    const logged = a.otjMinutes / 60;
    const paused = a.schedule ? Boolean(onBreak(a.schedule, today)) : false;
    if (!paused && isBehindPlan(planned, logged, weeklyShare(plan))) {
      const behind = Math.round((planned - logged) * 4) / 4;
      tasks.push({ key: `otj_behind:${a.id}`, kind: 'otj_behind', title: `Log your off-the-job hours: ${plural(behind, 'hour')} behind plan`, who: null, detail: `${Math.round(logged * 4) / 4} logged of ${Math.round(planned)} planned to date.`, when: { type: 'as_of', at: today }, urgent: false, href: '/apprentice/otj' });
    }
    const gateway = isoDay(plannedEnd) - 91; // planned end less three months: the usual EPA period
    if (gateway - isoDay(today) <= GATEWAY_HORIZON_DAYS) {
      const missing = [
        a.ksbsMet < KSB_TOTAL && `${KSB_TOTAL - a.ksbsMet} KSBs not met yet`,
        isBehindPlan(planned, logged, 0) && 'off-the-job hours below plan',
        (!SKILL_DONE.includes(a.english) || !SKILL_DONE.includes(a.maths)) && 'English or maths at Level 2',
        !a.confirmations.trainer && "your trainer's confirmation",
        !a.confirmations.employer && "your employer's confirmation",
      ].filter((x): x is string => Boolean(x));
      if (missing.length)
        tasks.push({ key: `gateway_missing:${a.id}`, kind: 'gateway_missing', title: `Gateway: ${plural(missing.length, 'item')} still missing`, who: null, detail: `${missing.join('; ')}.`, when: { type: 'due', at: isoOfUtcDay(gateway) }, urgent: gateway < isoDay(today), href: '/apprentice/progress' });
    }
    const r = reviewDue(a.startDate, a.lastReviewDate, f.reviewIntervalWeeks, today, a.schedule);
    tasks.push({ key: `next_review:${a.id}`, kind: 'next_review', title: r.overdue ? 'Your progress review is overdue' : 'Your next progress review', who: null, detail: 'With your trainer and your employer: bring your questions.', when: { type: 'due', at: r.due }, urgent: r.overdue, href: '/apprentice/progress' });
  }
  return sortTasks(tasks);
}

/** A new starter's first steps, each done once its record exists: shown instead of the KSB list. */
export type StarterFacts = { ksbsMet: number; attempts: number; answers: number; evidence: number; otjEntries: number };

/**
 * A new starter: no KSB met yet, so the list of the standard on their home would be 59 "Not met yet".
 * They get the first steps instead (their trainer's first accepted evidence ends it).
 */
export function isNewStarter(f: StarterFacts): boolean {
  return f.ksbsMet === 0;
}

export function startHere(f: StarterFacts) {
  return [
    { key: 'standard', title: 'Read the standard you will be assessed against', detail: 'The 59 knowledge, skills and behaviours you will show by the end.', href: '/standard', done: false },
    { key: 'case', title: 'Code your first case scenario', detail: 'Marked at once, the way the clinical coding audit marks an episode.', href: '/apprentice/cases', done: f.attempts > 0 },
    { key: 'questions', title: 'Answer a few theory questions', detail: 'Terminology, anatomy and the classification rules.', href: '/apprentice/questions', done: f.answers > 0 },
    { key: 'otj', title: 'Log your first off-the-job hours', detail: 'Every hour of training away from your normal work counts towards your plan.', href: '/apprentice/otj', done: f.otjEntries > 0 },
    { key: 'evidence', title: 'Add your first piece of evidence', detail: 'Something you did at work, tied to the items it shows. Once your trainer accepts it, your map of the standard starts to fill in.', href: '/apprentice/evidence/new', done: f.evidence > 0 },
  ];
}

// ── Trainer ───────────────────────────────────────────────────────────────────────────────────────

export type TrainerFacts = {
  toMark: { id: string; title: string; apprenticeName: string; submittedAt: Date; versionNo: number }[];
  written: { attemptId: string; item: number; title: string; apprenticeName: string; submittedAt: Date }[];
  /** Clinical query practice attempts waiting for marking (issue 19, point 2). */
  queries?: { id: string; title: string; apprenticeName: string; submittedAt: Date }[];
  otj: { apprenticeshipId: string; apprenticeName: string; entries: number; minutes: number; oldest: Date }[];
  apprenticeships: {
    id: string;
    apprenticeName: string;
    startDate: string;
    /** issue 20: the signed plan in force and breaks (lib/dal/schedules.ts). */
    schedule?: LearningSchedule;
    lastReviewDate: string | null;
    lastActivity: Date | null;
    ksbsMet: number;
    confirmations: Confirmations;
  }[];
  /** Reviews this trainer recorded that still lack a signature. */
  unsigned: { id: string; apprenticeName: string; reviewDate: string; createdAt: Date; apprenticeSigned: boolean; employerSigned: boolean }[];
  reviewIntervalWeeks: number;
  inactivityWeeks: number;
  /** issue 20: initial assessment. Submitted by the apprentice, not yet confirmed by the trainer. */
  assessmentsToConfirm?: { apprenticeshipId: string; apprenticeName: string; submittedAt: Date }[];
};

export function trainerTasks(f: TrainerFacts, today: string): Task[] {
  const tasks: Task[] = [];
  for (const e of f.toMark)
    tasks.push({ key: `evidence_to_mark:${e.id}`, kind: 'evidence_to_mark', title: `Mark evidence: ${e.title}`, who: e.apprenticeName, detail: e.versionNo > 1 ? `Resubmission (version ${e.versionNo}).` : null, when: { type: 'since', at: iso(e.submittedAt) }, urgent: false, href: `/evidence/${e.id}` });
  // One task per paper: its first unmarked written answer is where marking starts.
  const papers = new Map<string, TrainerFacts['written']>();
  for (const w of f.written) papers.set(w.attemptId, [...(papers.get(w.attemptId) ?? []), w]);
  for (const [attemptId, items] of papers) {
    const first = items.reduce((a, b) => (b.item < a.item ? b : a));
    tasks.push({ key: `written_to_mark:${attemptId}`, kind: 'written_to_mark', title: items.length === 1 ? `Mark a written answer: ${first.title}, question ${first.item + 1}` : `Mark ${items.length} written answers: ${first.title}`, who: first.apprenticeName, detail: null, when: { type: 'since', at: iso(first.submittedAt) }, urgent: false, href: `/assessments/${attemptId}/written/${first.item}` });
  }
  for (const q of f.queries ?? [])
    tasks.push({ key: `query_to_mark:${q.id}`, kind: 'query_to_mark', title: `Mark a clinical query: ${q.title}`, who: q.apprenticeName, detail: null, when: { type: 'since', at: iso(q.submittedAt) }, urgent: false, href: `/trainer/queries/${q.id}` });
  // issue 20: initial assessment
  for (const x of f.assessmentsToConfirm ?? [])
    tasks.push({ key: `initial_assessment_to_confirm:${x.apprenticeshipId}`, kind: 'initial_assessment_to_confirm', title: `Confirm ${x.apprenticeName}’s initial assessment`, who: x.apprenticeName, detail: 'Confirm or adjust their ratings and record any recognised prior learning.', when: { type: 'since', at: iso(x.submittedAt) }, urgent: false, href: `/apprenticeships/${x.apprenticeshipId}/initial-assessment` });
  for (const o of f.otj)
    tasks.push({ key: `otj_to_review:${o.apprenticeshipId}`, kind: 'otj_to_review', title: `Review ${plural(o.entries, 'off-the-job entry', 'off-the-job entries')}`, who: o.apprenticeName, detail: `${Math.round((o.minutes / 60) * 4) / 4} hours logged.`, when: { type: 'since', at: iso(o.oldest) }, urgent: false, href: `/apprenticeships/${o.apprenticeshipId}/otj` });
  const inactiveFrom = isoDay(today) - 7 * f.inactivityWeeks;
  for (const a of f.apprenticeships) {
    const r = reviewDue(a.startDate, a.lastReviewDate, f.reviewIntervalWeeks, today, a.schedule);
    if (r.soon)
      tasks.push({ key: `${r.overdue ? 'review_overdue' : 'review_due'}:${a.id}`, kind: r.overdue ? 'review_overdue' : 'review_due', title: r.overdue ? 'Progress review overdue' : 'Progress review due', who: a.apprenticeName, detail: a.lastReviewDate ? `Last review ${formatDate(a.lastReviewDate)}.` : 'No review yet.', when: { type: 'due', at: r.due }, urgent: r.overdue, href: `/apprenticeships/${a.id}/reviews` });
    if (gatewayWaitsOn('trainer', a.confirmations, a.ksbsMet))
      tasks.push({ key: `gateway_to_confirm:${a.id}`, kind: 'gateway_to_confirm', title: 'Confirm readiness for gateway', who: a.apprenticeName, detail: a.confirmations.employer ? 'The employer has confirmed.' : 'Every KSB is met.', when: { type: 'as_of', at: today }, urgent: false, href: `/apprenticeships/${a.id}/progress#gateway-confirm-heading` });
    // Nothing done for the inactivity period (an admin setting); a new start is counted from its start date.
    const last = a.lastActivity ? iso(a.lastActivity).slice(0, 10) : a.startDate;
    if (isoDay(last) <= inactiveFrom)
      tasks.push({ key: `no_activity:${a.id}`, kind: 'no_activity', title: `No activity for ${plural(isoDay(today) - isoDay(last), 'day')}`, who: a.apprenticeName, detail: a.lastActivity ? null : 'Nothing done since the start.', when: { type: 'since', at: last }, urgent: true, href: `/apprenticeships/${a.id}/progress` });
  }
  for (const r of f.unsigned) {
    const waiting = [!r.apprenticeSigned && 'the apprentice', !r.employerSigned && 'the employer'].filter(Boolean).join(' and ');
    tasks.push({ key: `signatures_outstanding:${r.id}`, kind: 'signatures_outstanding', title: `Signatures outstanding on the review of ${formatDate(r.reviewDate)}`, who: r.apprenticeName, detail: `Waiting for ${waiting}.`, when: { type: 'since', at: iso(r.createdAt) }, urgent: false, href: `/reviews/${r.id}` });
  }
  return sortTasks(tasks);
}

// ── Employer ──────────────────────────────────────────────────────────────────────────────────────

export type EmployerFacts = {
  reviewsToSign: { id: string; apprenticeName: string; reviewDate: string; trainerName: string; createdAt: Date }[];
  witness: { id: string; apprenticeName: string; evidenceTitle: string; requestedAt: Date }[];
  apprenticeships: { id: string; apprenticeName: string; ksbsMet: number; confirmations: Confirmations; rag: { rag: 'red' | 'amber' | 'green'; reasons: { rag: string; text: string }[] } }[];
};

export function employerTasks(f: EmployerFacts, today: string): Task[] {
  const tasks: Task[] = [];
  for (const r of f.reviewsToSign)
    tasks.push({ key: `review_to_sign:${r.id}`, kind: 'review_to_sign', title: `Sign the progress review of ${formatDate(r.reviewDate)}`, who: r.apprenticeName, detail: `Recorded by ${r.trainerName}.`, when: { type: 'since', at: iso(r.createdAt) }, urgent: false, href: `/reviews/${r.id}` });
  for (const w of f.witness)
    tasks.push({ key: `witness_to_sign:${w.id}`, kind: 'witness_to_sign', title: `Witness statement: ${w.evidenceTitle}`, who: w.apprenticeName, detail: 'Confirm work you saw them do.', when: { type: 'since', at: iso(w.requestedAt) }, urgent: false, href: `/employer/witness/${w.id}` });
  for (const a of f.apprenticeships) {
    if (gatewayWaitsOn('employer', a.confirmations, a.ksbsMet))
      tasks.push({ key: `gateway_to_confirm:${a.id}`, kind: 'gateway_to_confirm', title: 'Confirm readiness for gateway', who: a.apprenticeName, detail: a.confirmations.trainer ? 'The trainer has confirmed.' : 'Every KSB is met.', when: { type: 'as_of', at: today }, urgent: false, href: `/apprenticeships/${a.id}/progress#gateway-confirm-heading` });
    if (a.rag.rag === 'red')
      tasks.push({ key: `at_red:${a.id}`, kind: 'at_red', title: 'At red', who: a.apprenticeName, detail: a.rag.reasons.filter((x) => x.rag === 'red').map((x) => x.text).join('; ') || null, when: { type: 'as_of', at: today }, urgent: true, href: `/apprenticeships/${a.id}/progress` });
  }
  return sortTasks(tasks);
}

// ── Admin ─────────────────────────────────────────────────────────────────────────────────────────

export type AdminFacts = {
  locked: { userId: string; name: string; lockedAt: Date }[];
  neverSignedIn: { userId: string; name: string; role: string; createdAt: Date }[];
  noTrainer: { apprenticeshipId: string; apprenticeName: string; startDate: string }[];
  failedJobs: { queue: string; failed: number }[];
};

export function adminTasks(f: AdminFacts, now: Date): Task[] {
  const tasks: Task[] = [];
  for (const u of f.locked)
    tasks.push({ key: `account_locked:${u.userId}`, kind: 'account_locked', title: 'Account locked by failed sign-ins', who: u.name, detail: 'Unlock it if the person asks.', when: { type: 'since', at: iso(u.lockedAt) }, urgent: true, href: `/admin/users/${u.userId}` });
  for (const u of f.neverSignedIn)
    tasks.push({ key: `never_signed_in:${u.userId}`, kind: 'never_signed_in', title: 'Never signed in', who: u.name, detail: `${u.role[0]!.toUpperCase()}${u.role.slice(1)}.`, when: { type: 'since', at: iso(u.createdAt) }, urgent: false, href: `/admin/users/${u.userId}` });
  for (const a of f.noTrainer)
    tasks.push({ key: `no_trainer:${a.apprenticeshipId}`, kind: 'no_trainer', title: 'Apprenticeship with no trainer', who: a.apprenticeName, detail: 'Assign a trainer.', when: { type: 'since', at: a.startDate }, urgent: true, href: `/admin/apprentices/${a.apprenticeshipId}` });
  for (const j of f.failedJobs)
    if (j.failed > 0)
      tasks.push({ key: `failed_jobs:${j.queue}`, kind: 'failed_jobs', title: `${plural(j.failed, 'failed job')} in ${j.queue}`, who: null, detail: 'See what went wrong and try again.', when: { type: 'as_of', at: iso(now) }, urgent: true, href: '/admin/jobs' });
  return sortTasks(tasks);
}

// issue 20: training plan. A version waiting for the viewer's signature (apprentice, employer contact or trainer).
export function planTasks(rows: { id: string; apprenticeshipId: string; version: number; apprenticeName: string; createdAt: Date }[], role: 'apprentice' | 'employer' | 'trainer'): Task[] {
  return rows.map((p) => ({
    key: `plan_to_sign:${p.id}`,
    kind: 'plan_to_sign' as const,
    title: `Sign the training plan (version ${p.version})`,
    who: role === 'apprentice' ? null : p.apprenticeName,
    detail: p.version > 1 ? 'A change to the plan: the earlier version stays in force until all three sign.' : 'The apprentice, the employer and the training provider each sign.',
    when: { type: 'since' as const, at: iso(p.createdAt) },
    urgent: false,
    href: role === 'apprentice' ? '/apprentice/plan' : `/apprenticeships/${p.apprenticeshipId}/plan`,
  }));
}
