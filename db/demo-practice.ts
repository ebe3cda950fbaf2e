import { and, desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from './client';
import { auditEpisodes, auditPracticeAttempts, cases, codingAttempts, practiceTime, users } from './schema';
import { markAudit, type AuditAnswer } from '@/lib/audit-practice/mark-audit';
import type { AuditKey } from '@/lib/audit-practice/verify';
import { ukToday } from '@/lib/otj/plan';

/** Active minutes on each of Sam's newest coded cases: a good day, then a short one, so the offer shows both. */
const MINUTES = [18, 22, 14, 6];

/**
 * Practice time waiting to be logged as off-the-job training (issue 19, point 5) for the demo's Sam, on his
 * newest coded cases, so the off-the-job log shows the offer on a fresh start. Once only.
 */
export async function seedDemoPracticeTime(tx: DbOrTx) {
  const [sam] = await tx.select({ id: users.id }).from(users).where(eq(users.email, 'sam.whitfield@ashwell.example'));
  if (!sam) return;
  const [already] = await tx.select({ id: practiceTime.id }).from(practiceTime).where(eq(practiceTime.apprenticeId, sam.id)).limit(1);
  if (already) return;
  const newest = await tx
    .select({ id: codingAttempts.id, createdAt: codingAttempts.createdAt, ksbs: cases.ksbs })
    .from(codingAttempts)
    .innerJoin(cases, eq(cases.id, codingAttempts.caseId))
    .where(and(eq(codingAttempts.apprenticeId, sam.id), sql`${codingAttempts.assessmentAttemptId} is null`))
    .orderBy(desc(codingAttempts.createdAt), desc(codingAttempts.id))
    .limit(MINUTES.length);
  if (!newest.length) return;
  await tx.insert(practiceTime).values(
    newest.map((a, i) => ({ apprenticeId: sam.id, kind: 'coding', refId: a.id, activityDate: ukToday(a.createdAt), activeSeconds: MINUTES[i]! * 60, ksbs: a.ksbs })),
  );
}

/** The episode Sam has audited in the demo: not one the tests audit afresh (written-01). */
const DEMO_AUDIT_EPISODE = 'written-02-inguinal-hernia-wrong-side';

/**
 * One audit of a coded episode by the demo's Sam (issue 19, point 1), so his audits and their marked result
 * are there on a fresh start: every judgement right but the secondary diagnoses figure. Once only.
 */
export async function seedDemoAuditAttempt(tx: DbOrTx) {
  const [sam] = await tx.select({ id: users.id }).from(users).where(eq(users.email, 'sam.whitfield@ashwell.example'));
  if (!sam) return;
  const [already] = await tx.select({ id: auditPracticeAttempts.id }).from(auditPracticeAttempts).where(eq(auditPracticeAttempts.apprenticeId, sam.id)).limit(1);
  if (already) return;
  const [episode] = await tx
    .select({ id: auditEpisodes.id, key: auditEpisodes.key })
    .from(auditEpisodes)
    .where(and(eq(auditEpisodes.id, DEMO_AUDIT_EPISODE), eq(auditEpisodes.active, true)));
  if (!episode) return;
  const key = episode.key as AuditKey;
  const judged = (k: AuditKey['diagnoses'][number]) => (k.verdict === 'correct' ? { verdict: 'correct' as const } : { verdict: 'error' as const, errorType: k.errorType, correction: k.correction });
  const figure = (f: AuditKey['figures'][keyof AuditKey['figures']]) => (f ? { correct: f.correct, of: f.of } : { correct: null, of: null });
  const answer: AuditAnswer = {
    diagnoses: key.diagnoses.map(judged),
    procedures: key.procedures.map(judged),
    omitted: key.omitted.map((o) => o.code),
    figures: {
      primaryDiagnosis: figure(key.figures.primaryDiagnosis),
      // The slip a new auditor makes: counting the codes given, not the codes that should have been.
      secondaryDiagnoses: key.figures.secondaryDiagnoses ? { correct: key.figures.secondaryDiagnoses.correct, of: key.figures.secondaryDiagnoses.of + 1 } : { correct: 0, of: 1 },
      primaryProcedure: figure(key.figures.primaryProcedure),
      secondaryProcedures: figure(key.figures.secondaryProcedures),
    },
  };
  const result = markAudit(key, answer);
  await tx.insert(auditPracticeAttempts).values({ apprenticeId: sam.id, episodeId: episode.id, answer, result, correct: result.correct, of: result.of, createdAt: new Date(Date.now() - 2 * 86_400_000) });
}
