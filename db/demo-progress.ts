// A progress history for the demo apprentices (issue 6), so every progress view shows each stage:
// just started, midway, red (behind) and nearly ready for gateway. Coding attempts are real answers
// to real cases, with realistic mistakes, marked by the real marker; theory answers are graded by the
// real grader; KSB coverage comes from accepted evidence with per-KSB decisions; reviews are signed
// by the three parties. All synthetic: no patient, no NHS number. Deterministic for a given day.
import { eq, inArray, sql } from 'drizzle-orm';
import { addDays, differenceInCalendarDays, format, parseISO } from 'date-fns';
import { activeEditionRefs, classificationFromDb } from './classification-read';
import { expectedForMarking } from '@/lib/coding/expected';
import { DEFAULT_MARKING_RULES, figureColumns, mark, type Coding } from '@/lib/coding/mark';
import type { Classification } from '@/lib/coding/classification';
import { grade } from '@/lib/questions/grade';
import { plannedHoursToDate, ukToday } from '@/lib/otj/plan';
import { expectedKsbs } from '@/lib/progress/schedule';
import type { DbOrTx } from './client';
import {
  apprenticeships,
  cases,
  codingAttempts,
  evidence,
  evidenceKsbDecisions,
  evidenceKsbs,
  evidenceReviews,
  evidenceVersions,
  gatewayConfirmations,
  ksbs as ksbTable,
  otjEntries,
  progressReviews,
  questionAnswers,
  questions,
  trainerAssignments,
  users,
} from './schema';

type Stage = 'just_started' | 'midway' | 'red' | 'nearly_ready';

type Profile = {
  email: string;
  stage: Stage;
  attempts: number;
  /** Days before today of the last attempt and answer (a quiet apprentice stopped a while ago). */
  quietDays: number;
  /** Chance of each kind of mistake, at the first attempt and at the last (improving in between). */
  errorFrom: number;
  errorTo: number;
  questions: number;
  theoryFrom: number;
  theoryTo: number;
  /** KSBs met as a share of where the apprentice should be by now (pro rata), or all but `unmet`. */
  coverage: number | { unmet: string[] };
  /** Days since the last progress review; reviews before it every ~12 weeks from the start. */
  lastReviewDaysAgo: number | null;
  /** The latest review waits for the employer's signature (so the employer has one to sign). */
  latestAwaitsEmployer?: boolean;
  gatewayByTrainer?: boolean;
};

// Who is at which stage. README.md's demo accounts section says the same.
export const DEMO_PROGRESS: Profile[] = [
  { email: 'sam.whitfield@ashwell.example', stage: 'nearly_ready', attempts: 180, quietDays: 1, errorFrom: 0.32, errorTo: 0.02, questions: 160, theoryFrom: 0.55, theoryTo: 0.86, coverage: { unmet: ['K19', 'S9', 'B2'] }, lastReviewDaysAgo: 20, gatewayByTrainer: true },
  { email: 'tom.hargreaves@ashwell.example', stage: 'red', attempts: 24, quietDays: 40, errorFrom: 0.4, errorTo: 0.3, questions: 45, theoryFrom: 0.5, theoryTo: 0.58, coverage: 0.3, lastReviewDaysAgo: 120 },
  { email: 'ryan.doyle@ashwell.example', stage: 'just_started', attempts: 6, quietDays: 2, errorFrom: 0.4, errorTo: 0.35, questions: 14, theoryFrom: 0.55, theoryTo: 0.6, coverage: 0, lastReviewDaysAgo: null },
  { email: 'aisha.rahman@ashwell.example', stage: 'midway', attempts: 130, quietDays: 2, errorFrom: 0.32, errorTo: 0.08, questions: 140, theoryFrom: 0.62, theoryTo: 0.79, coverage: 0.97, lastReviewDaysAgo: 9, latestAwaitsEmployer: true },
  { email: 'lucy.chen@kingsmere.example', stage: 'midway', attempts: 95, quietDays: 3, errorFrom: 0.33, errorTo: 0.1, questions: 110, theoryFrom: 0.59, theoryTo: 0.77, coverage: 0.93, lastReviewDaysAgo: 35 },
  { email: 'owen.price@kingsmere.example', stage: 'midway', attempts: 75, quietDays: 4, errorFrom: 0.35, errorTo: 0.13, questions: 90, theoryFrom: 0.59, theoryTo: 0.73, coverage: 0.84, lastReviewDaysAgo: 50 },
  { email: 'grace.adeyemi@kingsmere.example', stage: 'midway', attempts: 60, quietDays: 5, errorFrom: 0.33, errorTo: 0.12, questions: 70, theoryFrom: 0.6, theoryTo: 0.75, coverage: 0.95, lastReviewDaysAgo: 16 },
  { email: 'mei.tanaka@ashwell.example', stage: 'midway', attempts: 70, quietDays: 1, errorFrom: 0.35, errorTo: 0.14, questions: 80, theoryFrom: 0.59, theoryTo: 0.75, coverage: 1.02, lastReviewDaysAgo: 26 },
  { email: 'ellie.brooks@ashwell.example', stage: 'midway', attempts: 45, quietDays: 6, errorFrom: 0.36, errorTo: 0.18, questions: 65, theoryFrom: 0.56, theoryTo: 0.7, coverage: 0.92, lastReviewDaysAgo: 40 },
  { email: 'jordan.kaur@kingsmere.example', stage: 'midway', attempts: 85, quietDays: 2, errorFrom: 0.34, errorTo: 0.12, questions: 100, theoryFrom: 0.6, theoryTo: 0.78, coverage: 1, lastReviewDaysAgo: 12 },
  { email: 'nathan.lowe@kingsmere.example', stage: 'midway', attempts: 50, quietDays: 3, errorFrom: 0.36, errorTo: 0.17, questions: 60, theoryFrom: 0.59, theoryTo: 0.71, coverage: 0.95, lastReviewDaysAgo: 60 },
  { email: 'zara.hussain@kingsmere.example', stage: 'midway', attempts: 65, quietDays: 2, errorFrom: 0.34, errorTo: 0.13, questions: 75, theoryFrom: 0.61, theoryTo: 0.76, coverage: 0.98, lastReviewDaysAgo: 5 },
];

// The employer contact who signs reviews for each demo employer.
const EMPLOYER_CONTACTS = ['coding.manager@ashwell.example', 'coding.manager@kingsmere.example'];

/** A small seeded generator (mulberry32), so the history is the same on every machine. */
function rng(seedText: string) {
  let a = [...seedText].reduce((h, c) => (Math.imul(h, 31) + c.charCodeAt(0)) >>> 0, 2166136261);
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
type Rand = ReturnType<typeof rng>;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

/** Sibling codes (same three-character category, complete, not asterisk) for a wrong fourth character. */
function siblingIndex(c: Classification) {
  const index = { icd10: new Map<string, string[]>(), opcs4: new Map<string, string[]>() };
  for (const scheme of ['icd10', 'opcs4'] as const) {
    for (const e of c[scheme].values()) {
      if (e.hasChildren || e.code.length < 5 || (scheme === 'icd10' && c.asterisks.has(e.code))) continue;
      const list = index[scheme].get(e.category) ?? [];
      list.push(e.code);
      index[scheme].set(e.category, list);
    }
  }
  return (scheme: 'icd10' | 'opcs4', code: string, r: Rand): string | null => {
    const others = (index[scheme].get(code.slice(0, 3)) ?? []).filter((x) => x !== code);
    return others.length ? pick(r, others) : null;
  };
}

/**
 * An answer to a case the way an apprentice gets it wrong: the primary out of sequence, a wrong
 * fourth character, a secondary code left out. `p` is the chance of each mistake.
 */
function answerFor(expected: Coding, p: number, r: Rand, sibling: ReturnType<typeof siblingIndex>): Coding {
  const side = (codes: readonly string[], scheme: 'icd10' | 'opcs4') => {
    const out = [...codes];
    if (out.length >= 2 && r() < p * 0.4) [out[0], out[1]] = [out[1]!, out[0]!];
    else if (out.length && r() < p * 0.6) out[0] = sibling(scheme, out[0]!, r) ?? out[0]!;
    const kept = [out[0]!];
    for (const code of out.slice(1)) {
      const x = r();
      if (x < p * 0.6) continue; // omitted
      kept.push(x < p ? (sibling(scheme, code, r) ?? code) : code);
    }
    return out.length ? kept : [];
  };
  return { diagnoses: side(expected.diagnoses, 'icd10'), procedures: side(expected.procedures, 'opcs4') };
}

type Marked = typeof codingAttempts.$inferInsert;

const sum = (rows: Marked[], k: 'pd' | 'sd' | 'pp' | 'sp') => {
  const [c, o] = rows.reduce(([c, o], a) => [c + ((a[`${k}Correct`] as number | null | undefined) ?? 0), o + ((a[`${k}Of`] as number | null | undefined) ?? 0)], [0, 0]);
  return o ? (100 * c) / o : 100;
};
const allFour = (rows: Marked[]) => (rows.reduce((s, a) => s + (a.pdCorrect ?? 0) + (a.sdCorrect ?? 0) + (a.ppCorrect ?? 0) + (a.spCorrect ?? 0), 0) * 100) / Math.max(1, rows.reduce((s, a) => s + (a.pdOf ?? 0) + (a.sdOf ?? 0) + (a.ppOf ?? 0) + (a.spOf ?? 0), 0));

/** Times spread over [from, to] on weekdays in working hours, oldest first. */
function spread(r: Rand, count: number, from: Date, to: Date): Date[] {
  const span = Math.max(1, to.getTime() - from.getTime());
  const out: Date[] = [];
  for (let i = 0; i < count; i++) {
    // A little denser towards the end: practice picks up nearer the assessment.
    const at = new Date(from.getTime() + span * Math.sqrt((i + r()) / count));
    const day = at.getUTCDay();
    if (day === 0 || day === 6) at.setUTCDate(at.getUTCDate() + (day === 6 ? 2 : 1));
    at.setUTCHours(9 + Math.floor(r() * 8), Math.floor(r() * 60), Math.floor(r() * 60), 0);
    out.push(at > to ? new Date(to.getTime() - (count - i) * 3_600_000) : at);
  }
  return out.sort((a, b) => a.getTime() - b.getTime());
}

// Pieces of evidence an apprentice builds up: titles and accounts that fit any KSB group (synthetic).
const EVIDENCE_TEMPLATES: { type: typeof evidence.$inferInsert.type; title: string; account: string }[] = [
  { type: 'work_product', title: 'Coded episodes from an orthopaedic trauma list', account: 'I coded a morning’s orthopaedic trauma episodes from the case notes and operation notes, sequencing each fracture and its external cause, and checked my codes with my mentor afterwards.' },
  { type: 'reflective_account', title: 'Reflection on a sequencing error I made', account: 'My mentor found that I had sequenced a comorbidity before the condition treated. I wrote down why the rule exists, how I now check the main condition first, and what I changed in my routine.' },
  { type: 'observation_record', title: 'Observed coding of a respiratory ward discharge', account: 'My workplace mentor watched me code a respiratory discharge with several comorbidities and recorded how I used the discharge summary and the drug chart to find every condition that affected care.' },
  { type: 'professional_discussion_record', title: 'Discussion: how coded data is used', account: 'A recorded discussion with my trainer about who uses coded data, how it flows to the national datasets, and why timeliness and accuracy matter for payment and planning.' },
  { type: 'certificate', title: 'Certificate: medical terminology module', account: 'I completed the medical terminology module and its assessment. The certificate lists the body systems covered and the date I passed.' },
  { type: 'work_product', title: 'Query log for a month of coding', account: 'I kept a log of the queries I raised with clinicians in one month, what was unclear in the notes, and how each answer changed the coding.' },
  { type: 'reflective_account', title: 'Reflection: working to the coding deadline', account: 'I reflected on a week when the team was behind the monthly deadline: how I planned my work, asked for help early, and kept the accuracy of my coding while working faster.' },
  { type: 'observation_record', title: 'Observed validation of day-case coding', account: 'My manager observed me validate a sample of day-case episodes against the notes and the national standards, recording each difference I found and how I resolved it.' },
  { type: 'work_product', title: 'Coding of oncology episodes with morphology', account: 'I coded a set of oncology episodes, including the morphology and the sites of secondary spread, and explained to my mentor how I chose the primary site.' },
  { type: 'professional_discussion_record', title: 'Discussion: information governance in practice', account: 'A recorded discussion with my trainer about confidentiality, the safe handling of case notes, and what I would do if I saw a record I had no reason to see.' },
  { type: 'reflective_account', title: 'Reflection: explaining a coding decision to a clinician', account: 'A consultant asked why an episode had been coded as it was. I wrote about how I explained the rule in plain terms, listened to the clinical view, and agreed a way forward.' },
  { type: 'work_product', title: 'Data quality check on procedure coding', account: 'I ran a check on episodes with a procedure but no site code, reviewed a sample against the notes, and sent a short summary of what I found to my team leader.' },
  { type: 'observation_record', title: 'Observed coding of an obstetrics episode', account: 'My mentor observed me code a delivery episode, including the outcome of delivery and the method, and noted how I checked the national standards for the chapter.' },
  { type: 'certificate', title: 'Certificate: data security awareness', account: 'I completed the annual data security awareness training and passed its assessment; the certificate records the modules and the date.' },
  { type: 'work_product', title: 'Coding audit preparation notes', account: 'I prepared the sample and the audit sheets for the department’s internal coding audit and re-coded ten episodes myself, recording each difference against the four audit figures.' },
  { type: 'reflective_account', title: 'Reflection: learning the dagger and asterisk convention', account: 'I reflected on the dagger and asterisk convention: where I went wrong at first, the examples that helped, and how I now check each manifestation code has its cause first.' },
  { type: 'professional_discussion_record', title: 'Discussion: my development plan', account: 'A recorded discussion with my trainer and manager about my progress, the areas I want to improve and the training I have asked for in the next quarter.' },
  { type: 'work_product', title: 'Coded a set of paediatric episodes', account: 'I coded a set of paediatric episodes, taking care with the age-specific codes and the conditions present on admission, and checked my work with a senior coder.' },
  { type: 'observation_record', title: 'Observed use of the coding software and encoder', account: 'My mentor observed me use the coding software and the encoder on live episodes, and recorded how I checked the encoder’s suggestions against the classification books.' },
  { type: 'reflective_account', title: 'Reflection: supporting a new starter', account: 'I wrote about showing a new starter how we work: the four-step process, where the standards are kept, and how I checked they were confident before they coded alone.' },
  { type: 'work_product', title: 'Coded a cardiology list with comorbidities', account: 'I coded a cardiology list including the procedures and the relevant comorbidities, and listed the questions I raised where the notes were unclear.' },
  { type: 'certificate', title: 'Certificate: anatomy and physiology module', account: 'I completed the anatomy and physiology module with its end assessment; the certificate lists the body systems covered.' },
];

/** Gives each demo apprentice with no coding attempts yet the history of their stage. */
export async function seedDemoProgress(tx: DbOrTx) {
  const today = ukToday();
  const now = new Date();
  const rows = await tx
    .select({
      id: apprenticeships.id,
      apprenticeId: apprenticeships.apprenticeId,
      email: users.email,
      employerId: apprenticeships.employerId,
      startDate: apprenticeships.startDate,
      plannedEndDate: apprenticeships.plannedEndDate,
      plannedOtjHours: apprenticeships.plannedOtjHours,
      trainerId: trainerAssignments.trainerId,
      hasAttempts: sql<boolean>`exists (select 1 from coding_attempts ca where ca.apprentice_id = ${apprenticeships.apprenticeId})`,
    })
    .from(apprenticeships)
    .innerJoin(users, eq(users.id, apprenticeships.apprenticeId))
    .innerJoin(trainerAssignments, eq(trainerAssignments.apprenticeshipId, apprenticeships.id))
    .where(inArray(users.email, DEMO_PROGRESS.map((p) => p.email)));
  const todo = rows.filter((r) => !r.hasAttempts);
  if (!todo.length) return;

  const contacts = await tx.select({ id: users.id, name: users.name, organisationId: users.organisationId }).from(users).where(inArray(users.email, EMPLOYER_CONTACTS));
  const trainers = await tx.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, [...new Set(todo.map((t) => t.trainerId))]));
  const caseRows = await tx.select({ id: cases.id, expected: cases.expected, patient: cases.patient }).from(cases).where(eq(cases.active, true)).orderBy(cases.id);
  const questionRows = await tx.select().from(questions).where(eq(questions.active, true)).orderBy(questions.id);
  const ksbCodes = (await tx.select({ code: ksbTable.code }).from(ksbTable).orderBy(ksbTable.sortOrder)).map((k) => k.code);
  const otj = await tx
    .select({ apprenticeId: otjEntries.apprenticeId, activityDate: otjEntries.activityDate, minutes: otjEntries.minutes, status: otjEntries.status })
    .from(otjEntries)
    .where(inArray(otjEntries.apprenticeId, todo.map((t) => t.apprenticeId)));
  // Marked as the app marks: against the active editions, with the default rules.
  const editions = await activeEditionRefs(tx);
  const c = await classificationFromDb(tx, { icd10: editions.icd10!, opcs4: editions.opcs4! });
  const marked = { icd10EditionId: editions.icd10!.id, opcs4EditionId: editions.opcs4!.id, rules: DEFAULT_MARKING_RULES };
  const sibling = siblingIndex(c);

  const attemptRows: Marked[] = [];
  const answerRows: (typeof questionAnswers.$inferInsert)[] = [];
  const reviewRows: (typeof progressReviews.$inferInsert)[] = [];
  const gatewayRows: (typeof gatewayConfirmations.$inferInsert)[] = [];
  const pieces: { apprenticeId: string; trainerId: string; ksbs: string[]; template: (typeof EVIDENCE_TEMPLATES)[number]; activityDate: Date }[] = [];

  for (const a of todo) {
    const p = DEMO_PROGRESS.find((x) => x.email === a.email)!;
    const r = rng(`${p.email}|${today}`);
    const start = parseISO(a.startDate);
    const last = addDays(now, -p.quietDays);
    const firstPractice = addDays(start, p.stage === 'just_started' ? Math.max(0, differenceInCalendarDays(last, start) - 21) : 14);

    // Coding attempts: the chance of a mistake falls from errorFrom to errorTo over the attempts.
    const markOne = (i: number, at: Date, errorScale = 1): Marked => {
      const k = caseRows[Math.floor(r() * caseRows.length)]!;
      const key = expectedForMarking(k.expected);
      const expected = key.stored;
      const e = (p.errorFrom + ((p.errorTo - p.errorFrom) * i) / Math.max(1, p.attempts - 1)) * errorScale;
      const answer = answerFor(expected, e, r, sibling);
      const m = mark(key.coding, answer, c, { rules: marked.rules, patient: k.patient ?? undefined });
      return {
        apprenticeId: a.apprenticeId,
        caseId: k.id,
        answer: { diagnoses: [...answer.diagnoses], procedures: [...answer.procedures] },
        expected,
        findings: m.findings,
        ...figureColumns(m),
        ...marked,
        createdAt: at,
      };
    };
    const times = spread(r, p.attempts, firstPractice, last);
    let mine = times.map((at, i) => markOne(i, at));
    // The stage must show: the nearly-ready apprentice's latest 20 reach the first attainment level
    // and a midway apprentice's trend is not falling. Mistakes are random, so draw the latest 20 again
    // (fewer mistakes each time) until they do; every stored figure is still the marker's.
    const ok = (rows: Marked[]) => {
      const w = rows.slice(-20);
      if (p.stage === 'nearly_ready') return sum(w, 'pd') >= 90 && sum(w, 'sd') >= 80 && sum(w, 'pp') >= 90 && sum(w, 'sp') >= 80 && allFour(w.slice(10)) >= allFour(w.slice(0, 10)) - 5;
      if (p.stage === 'midway') return allFour(w.slice(10)) >= allFour(w.slice(0, 10)) - 5;
      return true;
    };
    for (let tries = 0; tries < 12 && mine.length >= 20 && !ok(mine); tries++) {
      mine = [...mine.slice(0, -20), ...times.slice(-20).map((at, j) => markOne(p.attempts - 20 + j, at, 0.85 ** (tries + 1)))];
    }
    attemptRows.push(...mine);

    // Theory answers: right with a chance rising from theoryFrom to theoryTo.
    const qTimes = spread(r, p.questions, firstPractice, last);
    // Nearly ready passes theory (70% of the last 60); midway sits between 60% and 75%.
    const theoryOk = (right: boolean[]) => {
      const last = right.slice(-60).filter(Boolean).length / Math.min(60, Math.max(1, right.length));
      return p.stage === 'nearly_ready' ? last >= 0.75 : p.stage === 'midway' ? last >= 0.6 && last <= 0.75 : true;
    };
    let rights: boolean[] = [];
    for (let tries = 0; tries < 12 && (tries === 0 || !theoryOk(rights)); tries++)
      rights = qTimes.map((_, i) => r() < p.theoryFrom + ((p.theoryTo - p.theoryFrom) * i) / Math.max(1, p.questions - 1));
    qTimes.forEach((at, i) => {
      const q = pick(r, questionRows);
      const given = rights[i] ? rightAnswer(q) : wrongAnswer(q, r, sibling);
      const gradable = q.type === 'code' ? { type: 'code' as const, classification: q.classification!, answer: q.answer as string[] } : { type: q.type as 'single' | 'multiple', answer: q.answer as number[] };
      answerRows.push({ apprenticeId: a.apprenticeId, questionId: q.id, answer: given, correct: grade(gradable, given, c), createdAt: at });
    });

    // KSBs met in accepted evidence: as many as the stage says, in groups of two to four.
    const expected = expectedKsbs(a.startDate, a.plannedEndDate, now);
    const metCodes =
      typeof p.coverage === 'number'
        ? shuffle(r, ksbCodes).slice(0, Math.min(ksbCodes.length, Math.round(expected * p.coverage)))
        : ksbCodes.filter((k) => !(p.coverage as { unmet: string[] }).unmet.includes(k));
    const groups: string[][] = [];
    for (let i = 0; i < metCodes.length; ) {
      const size = 2 + Math.floor(r() * 3);
      groups.push(metCodes.slice(i, i + size));
      i += size;
    }
    const evidenceUntil = addDays(now, p.stage === 'red' ? -45 : -14);
    const evidenceDates = spread(r, groups.length, addDays(start, 30), evidenceUntil);
    groups.forEach((g, i) => pieces.push({ apprenticeId: a.apprenticeId, trainerId: a.trainerId, ksbs: g, template: EVIDENCE_TEMPLATES[i % EVIDENCE_TEMPLATES.length]!, activityDate: evidenceDates[i]! }));

    // Progress reviews every 12 weeks or a little sooner, up to the last one.
    if (p.lastReviewDaysAgo !== null) {
      const lastReview = addDays(now, -p.lastReviewDaysAgo);
      const count = Math.max(1, Math.ceil(differenceInCalendarDays(lastReview, start) / 84));
      const contact = contacts.find((x) => x.organisationId === a.employerId)!;
      const plan = { startDate: a.startDate, plannedEndDate: a.plannedEndDate, plannedOtjHours: a.plannedOtjHours };
      for (let i = 0; i < count; i++) {
        const date = i === count - 1 ? lastReview : addDays(start, Math.round(((i + 1) * differenceInCalendarDays(lastReview, start)) / count));
        const iso = format(date, 'yyyy-MM-dd');
        const logged = otj.filter((o) => o.apprenticeId === a.apprenticeId && o.status !== 'queried' && o.activityDate <= iso).reduce((s, o) => s + o.minutes, 0) / 60;
        const latest = i === count - 1;
        const awaitsEmployer = latest && p.latestAwaitsEmployer;
        const discussed = shuffle(r, ksbCodes).slice(0, 3);
        reviewRows.push({
          apprenticeshipId: a.id,
          trainerId: a.trainerId,
          reviewDate: iso,
          progressSummary: REVIEW_SUMMARY[p.stage][Math.min(i, REVIEW_SUMMARY[p.stage].length - 1)]!,
          ksbsDiscussed: discussed,
          targets: `Practise ${pick(r, ['sequencing', 'fourth characters', 'dagger and asterisk pairs', 'omitted secondary codes', 'OPCS-4 site and approach codes'])} on at least ten cases; submit evidence for ${discussed.join(', ')}.`,
          otjHoursLogged: Math.round(logged * 4) / 4,
          otjHoursPlanned: Math.round(plannedHoursToDate(plan, iso) * 4) / 4,
          wellbeing: pick(r, ['Settled in the team and enjoying the work.', 'Finding the workload manageable with the day release.', 'A busy month; agreed to protect off-the-job time on Tuesdays.']),
          safeguardingConcern: false,
          apprenticeComment: 'I agree with the summary and the targets.',
          apprenticeSignedAt: addDays(date, 1),
          employerComment: awaitsEmployer ? null : 'Agreed. Good progress at work too.',
          employerSignerId: awaitsEmployer ? null : contact.id,
          employerSignedName: awaitsEmployer ? null : contact.name,
          employerSignedAt: awaitsEmployer ? null : addDays(date, 3),
          rowVersion: awaitsEmployer ? 2 : 3,
          createdAt: date,
        });
      }
    }
    if (p.gatewayByTrainer) {
      const t = trainers.find((x) => x.id === a.trainerId)!;
      gatewayRows.push({ apprenticeshipId: a.id, role: 'trainer', confirmedBy: t.id, confirmedName: t.name, note: 'Ready for gateway once the last KSBs are evidenced.', confirmedAt: addDays(now, -3) });
    }
  }

  for (let i = 0; i < attemptRows.length; i += 250) await tx.insert(codingAttempts).values(attemptRows.slice(i, i + 250));
  for (let i = 0; i < answerRows.length; i += 500) await tx.insert(questionAnswers).values(answerRows.slice(i, i + 500));
  if (reviewRows.length) await tx.insert(progressReviews).values(reviewRows);
  if (gatewayRows.length) await tx.insert(gatewayConfirmations).values(gatewayRows);
  await insertAcceptedEvidence(tx, pieces);
}

const REVIEW_SUMMARY: Record<Stage, string[]> = {
  just_started: ['Settling in: induction done, first practice cases and theory questions started.'],
  midway: [
    'Induction complete; first coded cases show the four-step process is in place. Sequencing needs practice.',
    'Accuracy improving; evidence building steadily across the knowledge items.',
    'Steady progress: most figures improving, evidence on track for the time in learning.',
    'Good progress; coding accuracy close to the first attainment level on most figures.',
    'Continuing to improve; planning the remaining evidence with the employer.',
  ],
  red: [
    'Slow start to practice; agreed a weekly plan for coding cases.',
    'Behind on off-the-job hours and evidence; an action plan agreed with the employer.',
  ],
  nearly_ready: [
    'Strong start; coding accuracy already improving quickly.',
    'Evidence ahead of plan; sequencing and fourth characters now reliable.',
    'Accuracy at the first attainment level on three figures; theory scores above the pass mark.',
    'Close to gateway: three KSBs left to evidence; discussed the end-point assessment plan.',
    'Ready for gateway once the last KSBs are evidenced; trainer confirmed readiness.',
  ],
};

function shuffle<T>(r: Rand, xs: readonly T[]): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

type QuestionRow = typeof questions.$inferSelect;
const rightAnswer = (q: QuestionRow): number[] | string => (q.type === 'code' ? (q.answer as string[])[0]! : (q.answer as number[]));
function wrongAnswer(q: QuestionRow, r: Rand, sibling: ReturnType<typeof siblingIndex>): number[] | string {
  if (q.type === 'code') {
    const right = (q.answer as string[])[0]!;
    return sibling(q.classification!, right, r) ?? `${right.slice(0, 3)}.9`;
  }
  const n = q.options?.length ?? 2;
  const right = q.answer as number[];
  if (q.type === 'single') return [(right[0]! + 1 + Math.floor(r() * (n - 1))) % n];
  // Multiple: one right option missed, or one wrong option added.
  const wrong = [...Array(n).keys()].filter((i) => !right.includes(i));
  return right.length > 1 && (r() < 0.5 || !wrong.length) ? right.slice(1) : [...right, pick(r, wrong)].sort();
}

/** Accepted evidence: each piece, its claimed KSBs, its version, the trainer's review and the KSB decisions. */
async function insertAcceptedEvidence(tx: DbOrTx, pieces: { apprenticeId: string; trainerId: string; ksbs: string[]; template: (typeof EVIDENCE_TEMPLATES)[number]; activityDate: Date }[]) {
  if (!pieces.length) return;
  const values = pieces.map((p) => {
    const submittedAt = addDays(p.activityDate, 2);
    return {
      apprenticeId: p.apprenticeId,
      title: p.template.title,
      type: p.template.type,
      activityDate: format(p.activityDate, 'yyyy-MM-dd'),
      account: p.template.account,
      status: 'accepted' as const,
      submissionNo: 1,
      rowVersion: 3,
      createdAt: addDays(submittedAt, -1),
      updatedAt: addDays(submittedAt, 5),
      submittedAt,
    };
  });
  const ids: string[] = [];
  for (let i = 0; i < values.length; i += 200) ids.push(...(await tx.insert(evidence).values(values.slice(i, i + 200)).returning({ id: evidence.id })).map((x) => x.id));
  await tx.insert(evidenceKsbs).values(pieces.flatMap((p, i) => p.ksbs.map((ksbCode) => ({ evidenceId: ids[i]!, ksbCode }))));
  await tx.insert(evidenceVersions).values(
    pieces.map((p, i) => ({ evidenceId: ids[i]!, versionNo: 1, title: values[i]!.title, type: values[i]!.type, activityDate: values[i]!.activityDate, account: values[i]!.account, ksbs: p.ksbs, files: [], submittedAt: values[i]!.submittedAt })),
  );
  const reviews = await tx
    .insert(evidenceReviews)
    .values(pieces.map((p, i) => ({ evidenceId: ids[i]!, versionNo: 1, reviewerId: p.trainerId, outcome: 'accepted' as const, feedback: 'Clear and relevant; the KSBs claimed are shown.', createdAt: values[i]!.updatedAt })))
    .returning({ id: evidenceReviews.id, evidenceId: evidenceReviews.evidenceId });
  const reviewOf = new Map(reviews.map((x) => [x.evidenceId, x.id]));
  await tx.insert(evidenceKsbDecisions).values(pieces.flatMap((p, i) => p.ksbs.map((ksbCode) => ({ reviewId: reviewOf.get(ids[i]!)!, ksbCode, met: true }))));
}
