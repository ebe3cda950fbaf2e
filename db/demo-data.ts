// Fictional people and organisations for the demo. No real person, trust or NHS number.
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from './client';
import { evidence, evidenceKsbs, evidenceVersions, users, witnessStatements } from './schema';
export const DEMO_PASSWORD = 'Pathway-demo-2026';

export const demoOrganisations = [
  { key: 'provider', name: 'Northgate Coding Academy', kind: 'training_provider', odsCode: null },
  { key: 'ashwell', name: 'Ashwell Vale Hospitals NHS Trust', kind: 'employer', odsCode: 'ZZ1' },
  { key: 'kingsmere', name: 'Kingsmere University Hospitals NHS Foundation Trust', kind: 'employer', odsCode: 'ZZ2' },
] as const;

export const demoStaff = [
  { email: 'admin@coderpathway.example', name: 'Alex Morgan', role: 'admin', org: 'provider' },
  { email: 'trainer.patel@coderpathway.example', name: 'Priya Patel', role: 'trainer', org: 'provider' },
  { email: 'trainer.okafor@coderpathway.example', name: 'Daniel Okafor', role: 'trainer', org: 'provider' },
  { email: 'coding.manager@ashwell.example', name: 'Helen Birch', role: 'employer', org: 'ashwell' },
  { email: 'coding.manager@kingsmere.example', name: 'Marcus Reid', role: 'employer', org: 'kingsmere' },
] as const;

/** Four weeks before the day the demo data is made, on a Monday: a cohort that has always just started. */
function recentIntakeStart(today = new Date()): string {
  const d = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - 28));
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}

export const demoCohorts = [
  { key: 'sep25', name: 'September 2025', startDate: '2025-09-01' },
  { key: 'mar26', name: 'March 2026', startDate: '2026-03-02' },
  { key: 'recent', name: 'Latest intake', startDate: recentIntakeStart() },
] as const;

type DemoApprentice = {
  email: string;
  name: string;
  org: 'ashwell' | 'kingsmere';
  cohort: 'sep25' | 'mar26' | 'recent';
  weeklyHours: number;
  trainer: 'trainer.patel@coderpathway.example' | 'trainer.okafor@coderpathway.example';
};

const patel = 'trainer.patel@coderpathway.example';
const okafor = 'trainer.okafor@coderpathway.example';

export const demoApprentices: DemoApprentice[] = [
  { email: 'sam.whitfield@ashwell.example', name: 'Sam Whitfield', org: 'ashwell', cohort: 'sep25', weeklyHours: 37.5, trainer: patel },
  { email: 'aisha.rahman@ashwell.example', name: 'Aisha Rahman', org: 'ashwell', cohort: 'sep25', weeklyHours: 37.5, trainer: patel },
  { email: 'tom.hargreaves@ashwell.example', name: 'Tom Hargreaves', org: 'ashwell', cohort: 'sep25', weeklyHours: 30, trainer: patel },
  { email: 'lucy.chen@kingsmere.example', name: 'Lucy Chen', org: 'kingsmere', cohort: 'sep25', weeklyHours: 37.5, trainer: patel },
  { email: 'owen.price@kingsmere.example', name: 'Owen Price', org: 'kingsmere', cohort: 'sep25', weeklyHours: 37.5, trainer: okafor },
  { email: 'grace.adeyemi@kingsmere.example', name: 'Grace Adeyemi', org: 'kingsmere', cohort: 'sep25', weeklyHours: 22.5, trainer: okafor },
  { email: 'ryan.doyle@ashwell.example', name: 'Ryan Doyle', org: 'ashwell', cohort: 'recent', weeklyHours: 37.5, trainer: okafor },
  { email: 'mei.tanaka@ashwell.example', name: 'Mei Tanaka', org: 'ashwell', cohort: 'mar26', weeklyHours: 37.5, trainer: okafor },
  { email: 'ellie.brooks@ashwell.example', name: 'Ellie Brooks', org: 'ashwell', cohort: 'mar26', weeklyHours: 30, trainer: patel },
  { email: 'jordan.kaur@kingsmere.example', name: 'Jordan Kaur', org: 'kingsmere', cohort: 'mar26', weeklyHours: 37.5, trainer: okafor },
  { email: 'nathan.lowe@kingsmere.example', name: 'Nathan Lowe', org: 'kingsmere', cohort: 'mar26', weeklyHours: 37.5, trainer: okafor },
  { email: 'zara.hussain@kingsmere.example', name: 'Zara Hussain', org: 'kingsmere', cohort: 'mar26', weeklyHours: 37.5, trainer: patel },
];

// ── Witness statements (issue 5) ─────────────────────────────────────────────────────────────────
// Two submitted pieces of Sam Whitfield's: one waiting for Helen Birch's statement, one she has signed.
const witnessDemo = {
  apprentice: 'sam.whitfield@ashwell.example',
  witness: 'coding.manager@ashwell.example',
  pieces: [
    {
      title: 'Coding a day-case endoscopy list',
      type: 'work_product',
      activityDate: '2026-01-14',
      account:
        'I coded a full day-case endoscopy list of eighteen episodes, using the four-step process for each one. Where a biopsy result was not yet back I coded the reason for the procedure and raised a query with the endoscopist rather than guessing.',
      ksbs: ['S3', 'S5', 'B2'],
      message: 'Please confirm that I coded the endoscopy list on 14 January and raised the queries myself.',
      signed: null,
    },
    {
      title: 'Validating a ward’s discharge coding',
      type: 'observation_record',
      activityDate: '2026-02-18',
      account:
        'With my manager watching, I validated the coding of twelve discharges from the respiratory ward against the case notes and the national standards, and corrected two sequencing errors with the reasons recorded.',
      ksbs: ['K4', 'S3'],
      message: 'Could you write a short statement about the validation session you watched on 18 February?',
      signed: {
        statement:
          'I observed Sam validate twelve respiratory discharges on 18 February. Sam checked each against the case notes and the national standards, found two sequencing errors, explained the rule behind each, and corrected them without prompting.',
        signedName: 'Helen Birch',
        signedJobTitle: 'Clinical coding manager',
        signedOn: '2026-02-20',
      },
    },
  ],
} as const;

/** Seeds the witness-statement demo. Idempotent: a piece already there (by title) is left as it is. */
export async function seedDemoWitnessStatements(tx: DbOrTx) {
  const people = await tx.select({ id: users.id, email: users.email }).from(users);
  const apprenticeId = people.find((u) => u.email === witnessDemo.apprentice)?.id;
  const witnessId = people.find((u) => u.email === witnessDemo.witness)?.id;
  if (!apprenticeId || !witnessId) return;
  for (const piece of witnessDemo.pieces) {
    const [existing] = await tx.select({ id: evidence.id }).from(evidence).where(and(eq(evidence.apprenticeId, apprenticeId), eq(evidence.title, piece.title)));
    if (existing) continue;
    const submittedAt = new Date(`${piece.activityDate}T16:00:00Z`);
    const [row] = await tx
      .insert(evidence)
      .values({ apprenticeId, title: piece.title, type: piece.type, activityDate: piece.activityDate, account: piece.account, status: 'submitted', submissionNo: 1, submittedAt })
      .returning({ id: evidence.id });
    const evidenceId = row!.id;
    await tx.insert(evidenceKsbs).values(piece.ksbs.map((ksbCode) => ({ evidenceId, ksbCode })));
    await tx.insert(evidenceVersions).values({
      evidenceId,
      versionNo: 1,
      title: piece.title,
      type: piece.type,
      activityDate: piece.activityDate,
      account: piece.account,
      ksbs: [...piece.ksbs],
      files: [],
      submittedAt,
    });
    const requestedAt = new Date(submittedAt.getTime() + 3_600_000);
    await tx.insert(witnessStatements).values(
      piece.signed
        ? { evidenceId, witnessId, requestMessage: piece.message, requestedAt, status: 'signed', ...piece.signed, signedAt: new Date(`${piece.signed.signedOn}T10:00:00Z`), rowVersion: 2 }
        : { evidenceId, witnessId, requestMessage: piece.message, requestedAt },
    );
  }
}

// ---- Off-the-job training history --------------------------------------------------------------
// A realistic log for each demo apprentice, up to yesterday: day release most weeks, with shadowing,
// mentoring and writing up around it, holidays skipped. Entries more than three weeks old are
// accepted by the trainer, later ones await review, and one of Sam's is queried. Tom Hargreaves
// has logged little more than half his plan (clearly behind); everyone else is on track.
// Deterministic for a given `today`, so reseeding the same day gives the same log.

export type DemoOtjEntry = {
  activityDate: string;
  minutes: number;
  activityType: 'teaching' | 'practical_training' | 'shadowing' | 'mentoring' | 'learning_support' | 'writing_assignments' | 'other';
  description: string;
  ksbs: string[];
  status: 'logged' | 'accepted' | 'queried';
  reviewComment: string | null;
  reviewedOn: string | null;
};

const OTJ_MAIN: Pick<DemoOtjEntry, 'activityType' | 'description' | 'ksbs'>[] = [
  { activityType: 'teaching', description: 'Day release at Northgate: ICD-10 chapter conventions and the four-step coding process, with worked examples.', ksbs: ['K5', 'S5'] },
  { activityType: 'teaching', description: 'Day release at Northgate: anatomy and physiology of the digestive system, and deconstructing medical terms.', ksbs: ['K1', 'K2'] },
  { activityType: 'practical_training', description: 'Practice coding of twenty anonymised inpatient case notes against the national standards, reviewed with the tutor.', ksbs: ['K4', 'S3', 'S4'] },
  { activityType: 'teaching', description: 'Day release at Northgate: OPCS-4 procedure coding, method and site codes, and sequencing.', ksbs: ['K4', 'K6', 'S4'] },
  { activityType: 'teaching', description: 'Online module: information governance, data protection and confidentiality in clinical coding.', ksbs: ['K11', 'K13', 'K14'] },
  { activityType: 'practical_training', description: 'Coding workshop: extracting diagnoses from discharge summaries and operation notes, then checking against the case notes.', ksbs: ['S2', 'S15', 'K8'] },
];
const OTJ_EXTRA: Pick<DemoOtjEntry, 'activityType' | 'description' | 'ksbs'>[] = [
  { activityType: 'shadowing', description: 'Shadowed a senior coder auditing a sample of episodes; noted the common errors and how they were corrected.', ksbs: ['S13', 'S20'] },
  { activityType: 'mentoring', description: 'Monthly mentoring session with my workplace mentor: reviewed my coding queries and set goals for next month.', ksbs: ['B3', 'S18'] },
  { activityType: 'writing_assignments', description: 'Wrote up my reflective account on using coded data for planning and the secondary uses service.', ksbs: ['K7', 'K19'] },
  { activityType: 'learning_support', description: 'Revision session with the learning support tutor on medical terminology and abbreviations.', ksbs: ['K2', 'S6'] },
  { activityType: 'shadowing', description: 'Shadowed the information team: how coded data flows to the secondary uses service and the deadlines involved.', ksbs: ['K18', 'K19'] },
  { activityType: 'other', description: 'Attended the regional coding network meeting: national standards updates and coding clinic questions.', ksbs: ['K6', 'K10'] },
];

const SAM_EMAIL = 'sam.whitfield@ashwell.example';
const BEHIND_EMAIL = 'tom.hargreaves@ashwell.example';
const QUERY_COMMENT = 'Was this the audit on the Tuesday? The session sheet shows 1.5 hours, not the time logged here. Please check and correct the hours.';

/** The off-the-job history of one demo apprentice, from their start to the day before `today`. */
export function demoOtjHistory(
  email: string,
  a: { startDate: string; plannedEndDate: string; plannedOtjHours: number; weeklyHours: number },
  today: string,
): DemoOtjEntry[] {
  const DAY = 86_400_000;
  const day = (iso: string) => Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY);
  const iso = (n: number) => new Date(n * DAY).toISOString().slice(0, 10);
  const start = day(a.startDate);
  const end = day(a.plannedEndDate);
  const yesterday = day(today) - 1;
  const seed = [...email].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7);
  // Behind: a little over half the plan. On track: the plan plus 1–7%.
  const factor = email === BEHIND_EMAIL ? 0.55 : 1.01 + (seed % 7) / 100;
  const planned = (n: number) => (a.plannedOtjHours * Math.min(1, Math.max(0, (n - start) / Math.max(1, end - start))));
  const dayCap = Math.min(7.5, a.weeklyHours);
  const entries: DemoOtjEntry[] = [];
  let logged = 0;
  for (let w = 0; start + 7 * w + 6 <= yesterday && start + 7 * w < end; w++) {
    const monday = start + 7 * w;
    const md = iso(monday).slice(5);
    // Christmas, new year and a summer week off.
    if ((md >= '12-22' && md <= '12-31') || (md >= '08-08' && md <= '08-14')) continue;
    // On track means a little ahead (two hours' margin), so the week not yet written up never flags.
    let need = Math.floor((planned(monday + 7) * factor + (email === BEHIND_EMAIL ? 0 : 2) - logged) * 4) / 4;
    // Weekdays in the order used: Tuesday (day release), Thursday, Wednesday, Friday, Monday.
    const offsets = [1, 3, 2, 4, 0];
    for (let i = 0; need >= 0.25 && i < offsets.length; i++) {
      const hours = Math.min(need, i === 0 ? Math.min(dayCap, Math.max(3.5, need - 1.5)) : dayCap);
      const pick = i === 0 ? OTJ_MAIN[(w + seed) % OTJ_MAIN.length]! : OTJ_EXTRA[(w + i + seed) % OTJ_EXTRA.length]!;
      const date = monday + offsets[i]!;
      const old = yesterday - date > 21;
      entries.push({ ...pick, activityDate: iso(date), minutes: Math.round(hours * 4) * 15, status: old ? 'accepted' : 'logged', reviewComment: null, reviewedOn: old ? iso(date + 7) : null });
      logged += hours;
      need -= hours;
    }
  }
  // One queried entry: Sam's second activity about five weeks ago.
  if (email === SAM_EMAIL) {
    const target = entries.filter((e) => day(e.activityDate) <= yesterday - 35 && e.activityType !== 'teaching' && e.activityType !== 'practical_training').at(-1);
    if (target) Object.assign(target, { status: 'queried', reviewComment: QUERY_COMMENT });
  }
  return entries;
}
