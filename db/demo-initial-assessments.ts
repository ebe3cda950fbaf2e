import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from './client';
import { apprenticeships, initialAssessments, trainerAssignments, users, type KsbRatings, type KsbStartRating } from './schema';
import { ST0535_KSB_CODES } from '@/lib/content/standard';
import { demoApprentices } from './demo-data';

/*
 * Initial assessments in the demo (issue 20, point 1): every demo apprentice but Ryan Doyle has one, submitted in
 * their first days and confirmed by their trainer a few days later. Ryan, the new starter, has none: he is the one
 * the walk-through takes from the initial assessment to a signed plan. Aisha brings NHS administration experience,
 * recognised as prior learning on the K-items about the NHS, information governance and data protection; Lucy a
 * medical terminology course, on K1 and K2.
 */
const NEW_STARTER = 'ryan.doyle@ashwell.example';

type Rpl = { ksbs: string[]; reason: string; hours: number; months: number };
const PRIOR: Record<string, { priorLearning: string; experience: string; rpl?: Rpl }> = {
  'aisha.rahman@ashwell.example': {
    priorLearning: 'Level 3 Business Administration apprenticeship (2021). Trust mandatory training: information governance, data security awareness.',
    experience: 'Three years as a ward clerk and outpatient booking administrator at Ashwell General: patient administration system, referral to treatment data, subject access requests.',
    rpl: {
      ksbs: ['K3', 'K10', 'K11', 'K13', 'K14', 'K15'],
      reason: 'Three years of NHS administration at Ashwell General with the trust’s information governance and data security training (certificates seen): the NHS data sets, information governance, data protection and confidentiality are already known and practised.',
      hours: 20,
      months: 1,
    },
  },
  'lucy.chen@kingsmere.example': {
    priorLearning: 'Medical terminology short course (Open College, 2024), passed with merit.',
    experience: 'Eighteen months as a medical secretary in the orthopaedic department at Kingsmere: typing clinic letters and operation notes.',
    rpl: { ksbs: ['K1', 'K2'], reason: 'Medical terminology course passed with merit (certificate seen) and daily use of the terms as a medical secretary.', hours: 12, months: 0 },
  },
};

/** A plausible rating for each KSB: behaviours and workplace knowledge higher, the coding skills lower, varied by person. */
function ratingsFor(email: string): KsbRatings {
  const seed = [...email].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 11);
  const out: KsbRatings = {};
  for (const [i, code] of ST0535_KSB_CODES.entries()) {
    const roll = (seed >>> i % 24) % 10 ^ (i % 3);
    const base = code.startsWith('B') ? 6 : code.startsWith('K') ? 3 : 1; // higher base, more "confident"
    const score = (roll + base) % 12;
    out[code] = (score >= 8 ? 'confident' : score >= 4 ? 'some' : 'none') as KsbStartRating;
  }
  const rpl = PRIOR[email]?.rpl;
  for (const c of rpl?.ksbs ?? []) out[c] = 'confident';
  return out;
}

/** The trainer's view: one rating the apprentice was too sure of, and one they undersold. */
function confirm(self: KsbRatings): KsbRatings {
  const out = { ...self };
  const over = ST0535_KSB_CODES.find((c) => c.startsWith('S') && self[c] === 'confident');
  if (over) out[over] = 'some';
  const under = ST0535_KSB_CODES.find((c) => c.startsWith('B') && self[c] === 'none');
  if (under) out[under] = 'some';
  return out;
}

export async function seedDemoInitialAssessments(tx: DbOrTx) {
  const [{ n } = { n: 0 }] = await tx.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(initialAssessments);
  if (n > 0) return;
  const rows = await tx
    .select({ id: apprenticeships.id, email: users.email, startDate: apprenticeships.startDate, trainerId: sql<string | null>`(select ${trainerAssignments.trainerId} from ${trainerAssignments} where ${trainerAssignments.apprenticeshipId} = ${apprenticeships.id} order by ${trainerAssignments.trainerId} limit 1)` })
    .from(apprenticeships)
    .innerJoin(users, eq(users.id, apprenticeships.apprenticeId));
  const day = (iso: string, plus: number) => new Date(Date.parse(`${iso}T10:00:00Z`) + plus * 86_400_000);
  const values = rows
    .filter((r) => demoApprentices.some((d) => d.email === r.email) && r.email !== NEW_STARTER && r.trainerId)
    .map((r) => {
      const self = ratingsFor(r.email);
      const prior = PRIOR[r.email];
      return {
        apprenticeshipId: r.id,
        selfRatings: self,
        priorLearning: prior?.priorLearning ?? 'GCSEs including English and maths; no previous coding training.',
        experience: prior?.experience ?? 'Some months in the clinical coding office before the apprenticeship, filing and retrieving case notes.',
        submittedAt: day(r.startDate, 3),
        confirmedRatings: confirm(self),
        trainerNotes: 'Went through the ratings together at the first meeting. The coding skills start low, as expected; the plan builds them from the first month.',
        rplKsbs: prior?.rpl?.ksbs ?? [],
        rplReason: prior?.rpl?.reason ?? null,
        rplHours: prior?.rpl?.hours ?? 0,
        rplMonths: prior?.rpl?.months ?? 0,
        confirmedBy: r.trainerId,
        confirmedAt: day(r.startDate, 7),
        rowVersion: 3,
        createdAt: day(r.startDate, 2),
        updatedAt: day(r.startDate, 7),
      };
    });
  if (values.length) await tx.insert(initialAssessments).values(values);
}
