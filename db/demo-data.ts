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

export const demoCohorts = [
  { key: 'sep25', name: 'September 2025', startDate: '2025-09-01' },
  { key: 'mar26', name: 'March 2026', startDate: '2026-03-02' },
] as const;

type DemoApprentice = {
  email: string;
  name: string;
  org: 'ashwell' | 'kingsmere';
  cohort: 'sep25' | 'mar26';
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
  { email: 'ryan.doyle@ashwell.example', name: 'Ryan Doyle', org: 'ashwell', cohort: 'mar26', weeklyHours: 37.5, trainer: okafor },
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
