import { and, eq, inArray } from 'drizzle-orm';
import { subDays } from 'date-fns';
import type { DbOrTx } from './client';
import { evidence, evidenceKsbDecisions, evidenceKsbs, evidenceReviews, evidenceVersions, users } from './schema';

type Piece = {
  apprentice: string;
  title: string;
  type: typeof evidence.$inferInsert.type;
  daysAgo: number;
  account: string;
  ksbs: string[];
  review?: { by: string; outcome: 'accepted' | 'referred'; met: string[]; feedback: string; daysAgo: number };
};

const PATEL = 'trainer.patel@coderpathway.example';
const OKAFOR = 'trainer.okafor@coderpathway.example';

// Pieces at every stage, so each role sees a working portfolio: accepted, referred back, waiting.
const PIECES: Piece[] = [
  {
    apprentice: 'sam.whitfield@ashwell.example',
    title: 'Coding audit of twenty general surgery episodes',
    type: 'work_product',
    daysAgo: 30,
    account:
      'With my mentor I took part in the department’s monthly audit of general surgery episodes. I re-coded twenty finished consultant episodes from the case notes, compared my codes with those submitted, and recorded each difference against the audit categories (primary diagnosis, secondary diagnoses, primary procedure, secondary procedures). I found two omitted secondary diagnoses and one wrong fourth character, and explained each to the coder concerned using the four-step process.',
    ksbs: ['S3', 'S5', 'S13'],
    review: { by: PATEL, outcome: 'accepted', met: ['S3', 'S5', 'S13'], feedback: 'A clear, well-structured audit write-up. Keep the re-coding sheets with the audit records.', daysAgo: 24 },
  },
  {
    apprentice: 'sam.whitfield@ashwell.example',
    title: 'Reflective account: querying a missing histology result',
    type: 'reflective_account',
    daysAgo: 12,
    account:
      'A colorectal episode could not be coded fully because the histology report was not in the notes. I contacted the ward clerk and then the consultant’s secretary, explained why the morphology matters for the coded record, and agreed to hold the episode until the report was filed.',
    ksbs: ['S9', 'S18', 'B2'],
    review: {
      by: PATEL,
      outcome: 'referred',
      met: ['S18'],
      feedback:
        'Good instinct to hold the episode. Say more about how you adapted your explanation for the secretary (S9), and what you would do if the report had not arrived before the coding deadline (B2).',
      daysAgo: 8,
    },
  },
  {
    apprentice: 'aisha.rahman@ashwell.example',
    title: 'Observation: coding a complex cardiology episode',
    type: 'observation_record',
    daysAgo: 6,
    account:
      'My workplace mentor observed me code an NSTEMI episode with several comorbidities. I worked through the discharge summary, the angiography report and the drug chart, sequenced the acute condition first and added the relevant comorbidities, and explained my choices as I went.',
    ksbs: ['K4', 'S2', 'S15'],
  },
  {
    apprentice: 'tom.hargreaves@ashwell.example',
    title: 'Professional discussion record: sequencing rules',
    type: 'professional_discussion_record',
    daysAgo: 2,
    account:
      'A recorded discussion with my trainer about how the primary diagnosis is chosen, where the national standards override the order in the notes, and how I check my sequencing before I finish an episode.',
    ksbs: ['K5', 'K6', 'S4'],
  },
  {
    apprentice: 'lucy.chen@kingsmere.example',
    title: 'Certificate: information governance e-learning',
    type: 'certificate',
    daysAgo: 16,
    account:
      'I completed the organisation’s mandatory data security awareness training and passed the assessment. The certificate records the date and the modules covered, including confidentiality and the safe handling of case notes.',
    ksbs: ['K11', 'K14', 'S25'],
  },
  {
    apprentice: 'owen.price@kingsmere.example',
    title: 'Work product: data quality report on missing comorbidities',
    type: 'work_product',
    daysAgo: 4,
    account:
      'I ran the monthly report of episodes with no secondary diagnoses for patients over 75, checked a sample against the notes, and sent the team leader a short summary of the patterns I found and what the department could do about them.',
    ksbs: ['S16', 'S20', 'K7'],
  },
];

/** Demo evidence at each stage, written directly (the seed has no signed-in viewer). Idempotent by title. */
export async function seedDemoEvidence(tx: DbOrTx) {
  const people = await tx
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(inArray(users.email, [...new Set([...PIECES.map((p) => p.apprentice), PATEL, OKAFOR])]));
  const idOf = (email: string) => people.find((p) => p.email === email)?.id;
  const now = new Date();
  for (const p of PIECES) {
    const apprenticeId = idOf(p.apprentice);
    if (!apprenticeId) continue;
    const [exists] = await tx.select({ id: evidence.id }).from(evidence).where(and(eq(evidence.apprenticeId, apprenticeId), eq(evidence.title, p.title)));
    if (exists) continue;
    const submittedAt = subDays(now, p.daysAgo);
    const activityDate = subDays(now, p.daysAgo + 3).toISOString().slice(0, 10);
    const [row] = await tx
      .insert(evidence)
      .values({
        apprenticeId,
        title: p.title,
        type: p.type,
        activityDate,
        account: p.account,
        status: p.review?.outcome ?? 'submitted',
        submissionNo: 1,
        rowVersion: p.review ? 3 : 2,
        createdAt: subDays(submittedAt, 1),
        updatedAt: p.review ? subDays(now, p.review.daysAgo) : submittedAt,
        submittedAt,
      })
      .returning({ id: evidence.id });
    await tx.insert(evidenceKsbs).values(p.ksbs.map((ksbCode) => ({ evidenceId: row!.id, ksbCode })));
    await tx.insert(evidenceVersions).values({ evidenceId: row!.id, versionNo: 1, title: p.title, type: p.type, activityDate, account: p.account, ksbs: p.ksbs, files: [], submittedAt });
    if (!p.review) continue;
    const [review] = await tx
      .insert(evidenceReviews)
      .values({ evidenceId: row!.id, versionNo: 1, reviewerId: idOf(p.review.by)!, outcome: p.review.outcome, feedback: p.review.feedback, createdAt: subDays(now, p.review.daysAgo) })
      .returning({ id: evidenceReviews.id });
    await tx.insert(evidenceKsbDecisions).values(p.ksbs.map((ksbCode) => ({ reviewId: review!.id, ksbCode, met: p.review!.met.includes(ksbCode) })));
  }
}
