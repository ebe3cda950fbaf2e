import { and, eq, inArray, sql } from 'drizzle-orm';
import { addMonths, format, parseISO } from 'date-fns';
import standardFile from '@/content/standards/st0535.json';
import { Standard } from '@/lib/content/standard';
import { hashPassword } from '@/lib/auth/password';
import { defaultPlannedOtjHours } from '@/lib/apprenticeship/dates';
import type { DbOrTx } from './client';
import { apprenticeships, auditLog, cohorts, ksbs, organisations, otjEntries, standards, trainerAssignments, users } from './schema';
import { loadAuditEpisodes, loadBlueprints, loadCases, loadClassifications, loadQueryScenarios, loadQuestions, loadWrittenItems } from './content-load';
import { DEMO_PASSWORD, demoApprentices, demoCohorts, demoOrganisations, demoOtjHistory, demoStaff, seedDemoWitnessStatements } from './demo-data';
import { seedDemoEvidence } from './demo-evidence';
import { seedDemoProgress } from './demo-progress';
import { seedDemoAuditAttempt, seedDemoPracticeTime } from './demo-practice';
import { seedDemoConversations } from './demo-conversations';
import { seedDemoAssessments } from './demo-assessments';
import { seedDemoDrills } from './demo-drills';
import { seedDemoQueryPractice } from './demo-query-practice';
import { seedDemoInitialAssessments } from './demo-initial-assessments'; // issue 20: initial assessment
import { seedDemoTrainingPlans } from './demo-training-plans'; // issue 20: training plan
import { ukToday } from '@/lib/otj/plan';

/** Loads content/: the standard, the classifications, cases and questions (each only when changed). */
export async function seedContent(db: DbOrTx) {
  await seedStandard(db);
  await loadClassifications(db);
  await loadCases(db);
  await loadAuditEpisodes(db);
  await loadQuestions(db);
  await loadWrittenItems(db);
  await loadBlueprints(db);
  await loadQueryScenarios(db);
}

/** The standard and its KSBs, updating rows whose text changed. */
async function seedStandard(db: DbOrTx) {
  const doc = Standard.parse(standardFile);
  await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(standards)
      .values({ reference: doc.reference, version: doc.version, title: doc.title, level: doc.level })
      .onConflictDoUpdate({ target: [standards.reference, standards.version], set: { title: doc.title, level: doc.level } })
      .returning({ id: standards.id });
    await tx
      .insert(ksbs)
      .values(doc.ksbs.map((k, i) => ({ standardId: row!.id, code: k.code, kind: k.kind, text: k.text, sortOrder: i + 1 })))
      .onConflictDoUpdate({
        target: [ksbs.standardId, ksbs.code],
        set: { kind: sql`excluded.kind`, text: sql`excluded.text`, sortOrder: sql`excluded.sort_order` },
      });
  });
}

export async function seedDemoIfEmpty(db: DbOrTx) {
  const [{ n }] = (await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(users)) as [{ n: number }];
  if (n === 0) await seedDemo(db);
}

/** The demo organisations, people and apprenticeships. Idempotent: what exists is left as it is. */
export async function seedDemo(db: DbOrTx) {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    await tx
      .insert(organisations)
      .values(demoOrganisations.map(({ key: _k, ...o }) => o))
      .onConflictDoNothing();
    const orgRows = await tx
      .select({ id: organisations.id, name: organisations.name })
      .from(organisations)
      .where(inArray(organisations.name, demoOrganisations.map((o) => o.name)));
    const orgId = (key: string) => orgRows.find((r) => r.name === demoOrganisations.find((o) => o.key === key)!.name)!.id;

    await tx.insert(cohorts).values(demoCohorts.map(({ key: _k, ...c }) => c)).onConflictDoNothing();
    const cohortRows = await tx.select({ id: cohorts.id, name: cohorts.name }).from(cohorts);
    const cohortId = (key: string) => cohortRows.find((r) => r.name === demoCohorts.find((c) => c.key === key)!.name)!.id;

    await tx
      .insert(users)
      .values([
        ...demoStaff.map((s) => ({ email: s.email, name: s.name, role: s.role, organisationId: orgId(s.org), passwordHash })),
        ...demoApprentices.map((a) => ({ email: a.email, name: a.name, role: 'apprentice' as const, organisationId: orgId(a.org), passwordHash })),
      ])
      .onConflictDoNothing();
    const userRows = await tx
      .select({ id: users.id, email: users.email })
      .from(users)
      .where(inArray(users.email, [...demoStaff.map((s) => s.email), ...demoApprentices.map((a) => a.email)]));
    const userId = (email: string) => userRows.find((u) => u.email === email)!.id;

    const [standard] = await tx.select({ id: standards.id }).from(standards).where(eq(standards.reference, 'ST0535'));
    for (const a of demoApprentices) {
      const id = userId(a.email);
      const [existing] = await tx.select({ id: apprenticeships.id }).from(apprenticeships).where(eq(apprenticeships.apprenticeId, id));
      if (existing) continue;
      const start = demoCohorts.find((c) => c.key === a.cohort)!.startDate;
      const end = format(addMonths(parseISO(start), 18), 'yyyy-MM-dd'); // typical duration 18–24 months
      const [app] = await tx
        .insert(apprenticeships)
        .values({
          apprenticeId: id,
          employerId: orgId(a.org),
          cohortId: cohortId(a.cohort),
          standardId: standard!.id,
          startDate: start,
          plannedEndDate: end,
          weeklyHours: a.weeklyHours,
          plannedOtjHours: defaultPlannedOtjHours(start, end, a.weeklyHours),
          englishStatus: a.cohort === 'sep25' ? 'achieved' : 'exempt',
          mathsStatus: a.cohort === 'sep25' ? 'achieved' : 'in_progress',
        })
        .returning({ id: apprenticeships.id });
      await tx.insert(trainerAssignments).values({ trainerId: userId(a.trainer), apprenticeshipId: app!.id }).onConflictDoNothing();
    }
    await seedDemoEvidence(tx);
    await seedDemoWitnessStatements(tx);
    await seedDemoOtj(tx);
    await seedDemoProgress(tx);
    await seedDemoPracticeTime(tx);
    await seedDemoAuditAttempt(tx);
    await seedDemoDrills(tx);
    await seedDemoAssessments(tx);
    await seedDemoConversations(tx);
    await seedDemoQueryPractice(tx);
    await seedDemoInitialAssessments(tx); // issue 20: initial assessment
    await seedDemoTrainingPlans(tx); // issue 20: training plan
    const [already] = await tx.select({ id: auditLog.id }).from(auditLog).where(and(eq(auditLog.action, 'seed.demo'))).limit(1);
    if (!already) await tx.insert(auditLog).values({ action: 'seed.demo', entityType: 'system', after: { users: userRows.length } });
  });
}

/** The demo apprentices' off-the-job logs (db/demo-data.ts), for those who have none yet. */
async function seedDemoOtj(tx: DbOrTx) {
  const rows = await tx
    .select({
      apprenticeId: apprenticeships.apprenticeId,
      email: users.email,
      startDate: apprenticeships.startDate,
      plannedEndDate: apprenticeships.plannedEndDate,
      plannedOtjHours: apprenticeships.plannedOtjHours,
      weeklyHours: apprenticeships.weeklyHours,
      trainerId: sql<string | null>`(select ta.trainer_id from trainer_assignments ta where ta.apprenticeship_id = ${apprenticeships.id} order by ta.assigned_at limit 1)`,
      hasLog: sql<boolean>`exists (select 1 from otj_entries o where o.apprentice_id = ${apprenticeships.apprenticeId})`,
    })
    .from(apprenticeships)
    .innerJoin(users, eq(users.id, apprenticeships.apprenticeId))
    .where(inArray(users.email, demoApprentices.map((a) => a.email)));
  const today = ukToday();
  const values = rows
    .filter((r) => !r.hasLog)
    .flatMap((r) =>
      demoOtjHistory(r.email, r, today).map(({ reviewedOn, ...e }) => ({
        ...e,
        apprenticeId: r.apprenticeId,
        reviewerId: reviewedOn ? r.trainerId : null,
        reviewedAt: reviewedOn ? new Date(`${reviewedOn}T16:00:00Z`) : null,
      })),
    );
  for (let i = 0; i < values.length; i += 500) await tx.insert(otjEntries).values(values.slice(i, i + 500));
}
