import { eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from './client';
import { apprenticeships, initialAssessments, settings, trainerAssignments, trainingPlans, users } from './schema';
import { draftPlan } from '@/lib/training-plan/draft';
import { readFundingSettings } from '@/lib/funding/settings';
import { demoApprentices, demoStaff } from './demo-data';

// Training plans in the demo (issue 20 point 2): every apprentice with a confirmed initial assessment has a
// version 1 signed by all three on their start date; Mei Tanaka also has a version 2 (her weekly hours reduced)
// signed by her trainer only, awaiting her and her employer. Ellie Brooks has a confirmed initial assessment
// but no plan (the browser test drafts hers); Ryan Doyle, the new starter, has neither.
const RYAN = 'ryan.doyle@ashwell.example';
const ELLIE = 'ellie.brooks@ashwell.example';
const MEI = 'mei.tanaka@ashwell.example';

const EMPLOYER_OF: Record<string, string> = { ashwell: 'coding.manager@ashwell.example', kingsmere: 'coding.manager@kingsmere.example' };

export async function seedDemoTrainingPlans(tx: DbOrTx) {
  const [{ n } = { n: 0 }] = await tx.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(trainingPlans);
  if (n > 0) return;
  const [stored] = await tx.select({ value: settings.value }).from(settings).where(eq(settings.key, 'funding'));
  const s = readFundingSettings(stored?.value);
  const people = await tx
    .select({ id: users.id, email: users.email, name: users.name })
    .from(users)
    .where(inArray(users.email, [...demoApprentices.map((a) => a.email), ...demoStaff.map((p) => p.email)]));
  const person = (email: string) => people.find((p) => p.email === email);
  for (const d of demoApprentices) {
    if (d.email === RYAN) continue;
    const me = person(d.email);
    const employer = person(EMPLOYER_OF[d.org]!);
    if (!me || !employer) continue;
    const [a] = await tx
      .select({ id: apprenticeships.id, startDate: apprenticeships.startDate, weeklyHours: apprenticeships.weeklyHours, trainerId: trainerAssignments.trainerId })
      .from(apprenticeships)
      .innerJoin(trainerAssignments, eq(trainerAssignments.apprenticeshipId, apprenticeships.id))
      .where(eq(apprenticeships.apprenticeId, me.id))
      .limit(1);
    if (!a) continue;
    const trainer = people.find((p) => p.id === a.trainerId)!;
    const confirmedAt = new Date(`${a.startDate}T10:00:00Z`);
    // The initial-assessment part seeds these too; whichever runs first makes it (one per apprenticeship).
    await tx
      .insert(initialAssessments)
      .values({ apprenticeshipId: a.id, submittedAt: confirmedAt, confirmedRatings: {}, confirmedBy: a.trainerId, confirmedAt, rplReason: null })
      .onConflictDoNothing({ target: initialAssessments.apprenticeshipId });
    if (d.email === ELLIE) continue;
    const [ia] = await tx.select().from(initialAssessments).where(eq(initialAssessments.apprenticeshipId, a.id));
    if (!ia?.confirmedAt) continue;
    const draft = draftPlan({ startDate: a.startDate, weeklyHours: a.weeklyHours, rpl: { hours: ia.rplHours, months: ia.rplMonths, ksbs: ia.rplKsbs } }, s);
    const signedAt = new Date(`${a.startDate}T14:00:00Z`);
    const v1 = {
      apprenticeshipId: a.id,
      version: 1,
      plannedStartDate: draft.plannedStartDate,
      plannedEndDate: draft.plannedEndDate,
      durationMonths: draft.durationMonths,
      weeklyHours: draft.weeklyHours,
      rulesYear: draft.rulesYear,
      standardOtjHours: draft.standardOtjHours,
      rplHours: draft.rplHours,
      rplMonths: draft.rplMonths,
      plannedOtjHours: draft.plannedOtjHours,
      activities: draft.activities,
      support: 'A named mentor in the coding team; fortnightly one-to-one with the trainer; protected study time each week.',
      reasonableAdjustments: 'None asked for at the start.',
      englishPlan: 'Functional Skills English level 2 already achieved: certificate seen.',
      mathsPlan: 'Functional Skills maths level 2 already achieved: certificate seen.',
      createdBy: a.trainerId,
      createdAt: confirmedAt,
    };
    await tx.insert(trainingPlans).values({
      ...v1,
      apprenticeSignedAt: signedAt,
      employerSignerId: employer.id,
      employerSignedName: employer.name,
      employerSignedAt: signedAt,
      providerSignerId: trainer.id,
      providerSignedName: trainer.name,
      providerSignedAt: signedAt,
    });
    if (d.email === MEI) {
      const changedAt = new Date(Date.now() - 2 * 86_400_000);
      await tx.insert(trainingPlans).values({
        ...v1,
        version: 2,
        weeklyHours: 30,
        changeSummary: 'Weekly hours reduced from 37.5 to 30 at Mei’s request (caring responsibilities); the planned off-the-job hours and the end date stay as agreed.',
        reasonableAdjustments: 'Study sessions kept to her working days (Monday to Thursday).',
        createdAt: changedAt,
        providerSignerId: trainer.id,
        providerSignedName: trainer.name,
        providerSignedAt: changedAt,
      });
    }
  }
}
