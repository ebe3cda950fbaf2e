import 'server-only';
import { and, asc, eq, gt, isNull, lte, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { getDb, type DbOrTx } from '@/db/client';
import { learningSchedules } from './schedules';
import { apprenticeships, assessmentAttempts, assessmentBlueprints, assessmentSittings, evidence, otjEntries, progressReviews, users, witnessStatements } from '@/db/schema';
import { countByRule, dueReminders, REMINDER_RULES, type ReminderFacts, type ReminderRule } from '@/lib/reminders/rules';
import { writeAudit } from './access';
import { writtenWaitingSql } from './assessment-results';
import { queueNotificationEmails } from './notification-mail';
import { notify, type Created } from './notify';
import { progressSettings } from './progress';
import { reminderSettings } from './reminder-settings';

const apprentice = alias(users, 'apprentice');
const DAY_MS = 86_400_000;

// The people about an apprenticeship, as JSON arrays (parsed the same by PostgreSQL and PGlite). Only active
// accounts: a disabled one is told nothing.
const trainersOf = (apprenticeshipId: unknown) =>
  sql<string[]>`(select coalesce(json_agg(ta.trainer_id order by ta.trainer_id), '[]'::json) from trainer_assignments ta
    join users tu on tu.id = ta.trainer_id and tu.active where ta.apprenticeship_id = ${apprenticeshipId})`;
const employerContactsOf = (employerId: unknown) =>
  sql<string[]>`(select coalesce(json_agg(eu.id order by eu.id), '[]'::json) from users eu
    where eu.organisation_id = ${employerId} and eu.role = 'employer' and eu.active)`;

export type ReminderRun = { at: Date; due: Record<ReminderRule, number>; sent: Record<ReminderRule, number> };

/**
 * Sends the reminders due at `now` (issue 17, point 3): the scheduled job runs it every hour, and
 * `npm run reminders:run -- --at …` runs it at any moment to see what fires. The facts are read in five
 * set-based statements whatever the number of apprentices; the rules (lib/reminders/rules.ts) decide. Each
 * reminder is a notification keyed by rule, record and occurrence, unique per recipient: a second run, or
 * two at once, sends nothing twice (the later insert of a key waits for the first and then does nothing).
 * Internal to the service (no viewer): only the job and the script call it, and its notifications go to
 * the people each record is about.
 */
export async function runReminders(now: Date = new Date(), db?: DbOrTx): Promise<ReminderRun> {
  db ??= await getDb();
  const [settings, progress] = await Promise.all([reminderSettings(db), progressSettings(db)]);
  const facts = await reminderFacts(db, now, settings, progress.reviewIntervalWeeks);
  const reminders = dueReminders(facts, settings, now);
  const sent = countByRule([]);
  const told: Created[] = [];
  await db.transaction(async (tx) => {
    for (const r of reminders) {
      const created = await notify(tx, { recipients: r.recipients, kind: 'reminder', title: r.title, link: r.link, key: r.key });
      sent[r.rule] += created.length;
      told.push(...created);
    }
    const total = REMINDER_RULES.reduce((n, rule) => n + sent[rule], 0);
    // One entry per run that sent anything, not per hourly run that found nothing new.
    if (total > 0) await writeAudit(tx, null, { action: 'reminders.send', entityType: 'notification', after: { at: now.toISOString(), sent } });
  });
  await queueNotificationEmails(told);
  return { at: now, due: countByRule(reminders), sent };
}

async function reminderFacts(db: DbOrTx, now: Date, s: { reviewUnsignedDays: number; witnessUnansweredDays: number; markingWorkingDays: number }, reviewIntervalWeeks: number): Promise<ReminderFacts> {
  // Each statement reads only rows old enough for its rule to be near (the rules decide exactly, on UK dates).
  const before = (days: number) => new Date(now.getTime() - (days - 1) * DAY_MS);
  const [mine, unsignedReviews, witnessRequests, submitted, sittings] = await Promise.all([
    db
      .select({
        id: apprenticeships.id,
        apprenticeId: apprenticeships.apprenticeId,
        apprenticeName: apprentice.name,
        trainerIds: trainersOf(apprenticeships.id),
        employerContactIds: employerContactsOf(apprenticeships.employerId),
        startDate: apprenticeships.startDate,
        plannedEndDate: apprenticeships.plannedEndDate,
        plannedOtjHours: apprenticeships.plannedOtjHours,
        otjMinutes: sql<number>`(select coalesce(sum(o.minutes), 0) from otj_entries o where o.apprentice_id = ${apprenticeships.apprenticeId} and o.status <> 'queried')`.mapWith(Number),
        lastReviewDate: sql<string | null>`(select max(pr.review_date)::text from progress_reviews pr where pr.apprenticeship_id = ${apprenticeships.id})`,
      })
      .from(apprenticeships)
      .innerJoin(apprentice, eq(apprentice.id, apprenticeships.apprenticeId))
      .where(and(eq(apprenticeships.status, 'active'), eq(apprentice.active, true)))
      .orderBy(asc(apprenticeships.id)),
    db
      .select({
        id: progressReviews.id,
        apprenticeId: apprenticeships.apprenticeId,
        apprenticeName: apprentice.name,
        employerContactIds: employerContactsOf(apprenticeships.employerId),
        reviewDate: progressReviews.reviewDate,
        createdAt: progressReviews.createdAt,
        apprenticeSigned: sql<boolean>`${progressReviews.apprenticeSignedAt} is not null`,
        employerSigned: sql<boolean>`${progressReviews.employerSignedAt} is not null`,
      })
      .from(progressReviews)
      .innerJoin(apprenticeships, eq(apprenticeships.id, progressReviews.apprenticeshipId))
      .innerJoin(apprentice, eq(apprentice.id, apprenticeships.apprenticeId))
      .where(and(or(isNull(progressReviews.apprenticeSignedAt), isNull(progressReviews.employerSignedAt)), lte(progressReviews.createdAt, before(s.reviewUnsignedDays)), eq(apprenticeships.status, 'active')))
      .orderBy(asc(progressReviews.id)),
    db
      .select({ id: witnessStatements.id, witnessId: witnessStatements.witnessId, apprenticeName: apprentice.name, requestedAt: witnessStatements.requestedAt })
      .from(witnessStatements)
      .innerJoin(evidence, eq(evidence.id, witnessStatements.evidenceId))
      .innerJoin(apprentice, eq(apprentice.id, evidence.apprenticeId))
      .innerJoin(users, and(eq(users.id, witnessStatements.witnessId), eq(users.active, true)))
      .where(and(eq(witnessStatements.status, 'requested'), lte(witnessStatements.requestedAt, before(s.witnessUnansweredDays))))
      .orderBy(asc(witnessStatements.id)),
    waitingToMark(db, before(s.markingWorkingDays)),
    db
      .select({
        id: assessmentSittings.id,
        title: assessmentBlueprints.title,
        opensAt: assessmentSittings.opensAt,
        closesAt: assessmentSittings.closesAt,
        notStartedIds: sql<string[]>`(select coalesce(json_agg(i.apprentice_id order by i.apprentice_id), '[]'::json) from assessment_invitations i
          where i.sitting_id = ${assessmentSittings.id} and not exists (select 1 from assessment_attempts a where a.sitting_id = i.sitting_id and a.apprentice_id = i.apprentice_id))`,
        notSubmittedIds: sql<string[]>`(select coalesce(json_agg(i.apprentice_id order by i.apprentice_id), '[]'::json) from assessment_invitations i
          where i.sitting_id = ${assessmentSittings.id} and not exists (select 1 from assessment_attempts a where a.sitting_id = i.sitting_id and a.apprentice_id = i.apprentice_id and a.status <> 'in_progress'))`,
      })
      .from(assessmentSittings)
      .innerJoin(assessmentBlueprints, eq(assessmentBlueprints.id, assessmentSittings.blueprintId))
      .where(and(lte(assessmentSittings.opensAt, now), gt(assessmentSittings.closesAt, now)))
      .orderBy(asc(assessmentSittings.id)),
  ]);
  const schedules = await learningSchedules(db, mine.map((a) => a.id)); // issue 20: three queries for them all
  return { apprenticeships: mine.map((a) => ({ ...a, schedule: schedules.get(a.id) })), unsignedReviews, witnessRequests, submitted, sittings, reviewIntervalWeeks };
}

// The trainers of an apprentice's apprenticeships (the marking queue's reach), active accounts only.
const trainersOfApprentice = (apprenticeId: unknown) =>
  sql<string[]>`(select coalesce(json_agg(distinct ta.trainer_id), '[]'::json) from trainer_assignments ta
    join apprenticeships ap on ap.id = ta.apprenticeship_id join users tu on tu.id = ta.trainer_id and tu.active
    where ap.apprentice_id = ${apprenticeId})`;

/**
 * What waits for a trainer since before `cutoff` (ten working days take at least ten calendar days; the rule
 * counts the weekdays): evidence submitted, papers with a written answer unmarked, and each apprentice's
 * off-the-job entries logged and not yet reviewed (one reminder per apprentice, for the oldest).
 */
async function waitingToMark(db: DbOrTx, cutoff: Date): Promise<ReminderFacts['submitted']> {
  const since = sql`coalesce(${evidence.submittedAt}, ${evidence.updatedAt})`;
  const [pieces, papers, logs] = await Promise.all([
    db
      .select({ id: evidence.id, submissionNo: evidence.submissionNo, apprenticeName: apprentice.name, trainerIds: trainersOfApprentice(evidence.apprenticeId), submittedAt: sql<Date>`${since}`.mapWith((v) => new Date(v)) })
      .from(evidence)
      .innerJoin(apprentice, eq(apprentice.id, evidence.apprenticeId))
      .where(and(eq(evidence.status, 'submitted'), sql`${since} <= ${cutoff.toISOString()}::timestamptz`))
      .orderBy(asc(evidence.id)),
    db
      .select({ id: assessmentAttempts.id, apprenticeName: apprentice.name, trainerIds: trainersOfApprentice(assessmentAttempts.apprenticeId), submittedAt: assessmentAttempts.submittedAt })
      .from(assessmentAttempts)
      .innerJoin(apprentice, eq(apprentice.id, assessmentAttempts.apprenticeId))
      .where(and(writtenWaitingSql(), lte(assessmentAttempts.submittedAt, cutoff)))
      .orderBy(asc(assessmentAttempts.id)),
    db
      .select({
        apprenticeId: otjEntries.apprenticeId,
        apprenticeName: apprentice.name,
        trainerIds: trainersOfApprentice(otjEntries.apprenticeId),
        oldestId: sql<string>`(array_agg(${otjEntries.id} order by ${otjEntries.createdAt}, ${otjEntries.id}))[1]`,
        oldest: sql<Date>`min(${otjEntries.createdAt})`.mapWith((v) => new Date(v)),
        apprenticeshipId: sql<string>`(select a2.id from apprenticeships a2 where a2.apprentice_id = ${otjEntries.apprenticeId}
          order by a2.status = 'active' desc, a2.start_date desc, a2.id limit 1)`,
      })
      .from(otjEntries)
      .innerJoin(apprentice, eq(apprentice.id, otjEntries.apprenticeId))
      .where(eq(otjEntries.status, 'logged'))
      .groupBy(otjEntries.apprenticeId, apprentice.name)
      .having(sql`min(${otjEntries.createdAt}) <= ${cutoff.toISOString()}::timestamptz`)
      .orderBy(asc(otjEntries.apprenticeId)),
  ]);
  return [
    ...pieces.map((e) => ({ kind: 'evidence' as const, id: e.id, occurrence: String(e.submissionNo), apprenticeName: e.apprenticeName, trainerIds: e.trainerIds, submittedAt: e.submittedAt, link: `/evidence/${e.id}` })),
    ...papers.map((p) => ({ kind: 'written' as const, id: p.id, occurrence: 'submitted', apprenticeName: p.apprenticeName, trainerIds: p.trainerIds, submittedAt: p.submittedAt!, link: `/assessments/${p.id}` })),
    ...logs.map((o) => ({ kind: 'otj' as const, id: o.apprenticeId, occurrence: o.oldestId, apprenticeName: o.apprenticeName, trainerIds: o.trainerIds, submittedAt: o.oldest, link: `/apprenticeships/${o.apprenticeshipId}/otj` })),
  ];
}
