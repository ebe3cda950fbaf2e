import 'server-only';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { queryAttempts, queryScenarios, users, type QueryRubricJson } from '@/db/schema';
import { Conflict, FieldError, NotFound } from '@/lib/errors';
import { parseInput } from '@/lib/forms/parse-input';
import { precheckQuery } from '@/lib/query-practice/prechecks';
import { CRITERIA_IDS, DECISION_CRITERION, QueryAttemptInput, QueryMarkInput, type QueryAttemptValues, type QueryMarkValues } from '@/lib/query-practice/schemas';
import { apprenticeIn, authorize, recordDenied, writeAudit } from './access';
import { recordPracticeTime } from './practice-time';
import type { Viewer } from './viewer';
import { isContentId } from './rows';

/*
 * Clinical query practice (issue 19, point 2). The apprentice reads notes with a gap, decides whether to query
 * the consultant and writes the query; the server adds the pre-check hints; the trainer marks it against the
 * rubric. The scenario's gap, what the answer changes and the model query are the trainer's: the apprentice
 * sees them only with the marking of an attempt of theirs (never before they have submitted one).
 */

const marker = alias(users, 'marker');
const apprentice = alias(users, 'apprentice');

/** The scenarios, each with the apprentice's latest attempt (status and, once marked, the rubric). */
export async function listQueryScenarios(viewer: Viewer) {
  await authorize(viewer, 'query.practise');
  const db = await getDb();
  const latest = db
    .selectDistinctOn([queryAttempts.scenarioId], { scenarioId: queryAttempts.scenarioId, id: queryAttempts.id, status: queryAttempts.status, rubric: queryAttempts.rubric, queryNeeded: queryAttempts.queryNeeded, createdAt: queryAttempts.createdAt })
    .from(queryAttempts)
    .where(eq(queryAttempts.apprenticeId, viewer.userId))
    .orderBy(queryAttempts.scenarioId, desc(queryAttempts.createdAt), desc(queryAttempts.id))
    .as('latest');
  const rows = await db
    .select({
      id: queryScenarios.id,
      title: queryScenarios.title,
      specialty: queryScenarios.specialty,
      ksbs: queryScenarios.ksbs,
      attemptId: latest.id,
      status: latest.status,
      rubric: latest.rubric,
      attemptQueryNeeded: latest.queryNeeded,
    })
    .from(queryScenarios)
    .leftJoin(latest, eq(latest.scenarioId, queryScenarios.id))
    .where(eq(queryScenarios.active, true))
    .orderBy(asc(queryScenarios.id));
  return rows.map(({ attemptId, status, rubric, attemptQueryNeeded, ...s }) => ({ ...s, latest: attemptId ? { id: attemptId, status: status!, rubric: rubric as QueryRubricJson | null, queryNeeded: attemptQueryNeeded! } : null }));
}

/**
 * One scenario to answer: its notes, never the trainer's fields (gap, changes, model query), with the
 * apprentice's own attempts at it, newest first.
 */
export async function getQueryScenario(viewer: Viewer, id: string) {
  await authorize(viewer, 'query.practise', { type: 'query_scenario', id });
  if (!isContentId(id)) throw new NotFound('query scenario');
  const db = await getDb();
  const [s] = await db
    .select({ id: queryScenarios.id, title: queryScenarios.title, specialty: queryScenarios.specialty, notes: queryScenarios.notes, ksbs: queryScenarios.ksbs })
    .from(queryScenarios)
    .where(and(eq(queryScenarios.id, id), eq(queryScenarios.active, true)));
  if (!s) throw new NotFound('query scenario');
  const attempts = await db
    .select({ id: queryAttempts.id, status: queryAttempts.status, rubric: queryAttempts.rubric, queryNeeded: queryAttempts.queryNeeded, createdAt: queryAttempts.createdAt })
    .from(queryAttempts)
    .where(and(eq(queryAttempts.scenarioId, id), eq(queryAttempts.apprenticeId, viewer.userId)))
    .orderBy(desc(queryAttempts.createdAt), desc(queryAttempts.id));
  return { ...s, attempts };
}

/** Submits a decision (and a query): the server's own pre-checks are kept with it; the trainer marks it. */
export async function submitQueryAttempt(viewer: Viewer, input: QueryAttemptValues) {
  await authorize(viewer, 'query.practise', { type: 'query_scenario', id: String((input as { scenarioId?: unknown })?.scenarioId ?? '') });
  const data = parseInput(QueryAttemptInput, input);
  const db = await getDb();
  const [s] = await db.select({ id: queryScenarios.id, ksbs: queryScenarios.ksbs }).from(queryScenarios).where(and(eq(queryScenarios.id, data.scenarioId), eq(queryScenarios.active, true)));
  if (!s) throw new NotFound('query scenario');
  const needed = data.queryNeeded === 'yes';
  const prechecks = needed ? precheckQuery(data.queryText) : [];
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(queryAttempts)
      .values({ apprenticeId: viewer.userId, scenarioId: s.id, queryNeeded: needed, addressedTo: needed ? data.addressedTo : null, queryText: needed ? data.queryText : null, reasoning: data.reasoning, prechecks })
      .returning({ id: queryAttempts.id, createdAt: queryAttempts.createdAt });
    await writeAudit(tx, viewer, { action: 'query_practice.submit', entityType: 'query_attempt', entityId: row!.id, after: { scenarioId: s.id, queryNeeded: needed, prechecks: prechecks.map((p) => p.id) } });
    await recordPracticeTime(tx, { apprenticeId: viewer.userId, kind: 'query', refId: row!.id, reportedSeconds: data.activeSeconds === undefined ? 0 : Number(data.activeSeconds), ksbs: s.ksbs });
    return { id: row!.id, prechecks };
  });
}

/** Submitted attempts waiting for marking: the trainer's own apprentices' (an admin's: all), oldest first. */
export async function listQueriesToMark(viewer: Viewer) {
  const scope = await authorize(viewer, 'query.mark');
  const db = await getDb();
  return db
    .select({ id: queryAttempts.id, scenarioId: queryScenarios.id, title: queryScenarios.title, apprenticeName: apprentice.name, queryNeeded: queryAttempts.queryNeeded, submittedAt: queryAttempts.createdAt })
    .from(queryAttempts)
    .innerJoin(queryScenarios, eq(queryScenarios.id, queryAttempts.scenarioId))
    .innerJoin(apprentice, eq(apprentice.id, queryAttempts.apprenticeId))
    .where(and(eq(queryAttempts.status, 'submitted'), apprenticeIn(viewer, scope, queryAttempts.apprenticeId)))
    .orderBy(asc(queryAttempts.createdAt), asc(queryAttempts.id));
}

/**
 * One attempt with its scenario: the apprentice's own, their trainer's or an admin's to read; anyone else's is
 * a 404. The trainer sees the scenario's gap, changes and model query beside it; the apprentice sees them only
 * once the attempt is marked.
 */
export async function getQueryAttempt(viewer: Viewer, id: string) {
  const scope = await authorize(viewer, 'query.read', { type: 'query_attempt', id });
  const db = await getDb();
  const [r] = z.uuid().safeParse(id).success
    ? await db
        .select({
          attempt: queryAttempts,
          apprenticeName: apprentice.name,
          markerName: marker.name,
          scenario: { id: queryScenarios.id, title: queryScenarios.title, specialty: queryScenarios.specialty, notes: queryScenarios.notes, ksbs: queryScenarios.ksbs, queryNeeded: queryScenarios.queryNeeded, gap: queryScenarios.gap, changes: queryScenarios.changes, modelQuery: queryScenarios.modelQuery },
        })
        .from(queryAttempts)
        .innerJoin(queryScenarios, eq(queryScenarios.id, queryAttempts.scenarioId))
        .innerJoin(apprentice, eq(apprentice.id, queryAttempts.apprenticeId))
        .leftJoin(marker, eq(marker.id, queryAttempts.markedBy))
        .where(and(eq(queryAttempts.id, id), apprenticeIn(viewer, scope, queryAttempts.apprenticeId)))
    : [];
  if (!r) {
    await recordDenied(viewer, 'query.read', 'query_attempt', id);
    throw new NotFound('query attempt');
  }
  const reveal = viewer.role !== 'apprentice' || r.attempt.status === 'marked';
  const { queryNeeded, gap, changes, modelQuery, ...scenario } = r.scenario;
  return {
    ...r.attempt,
    apprenticeName: r.apprenticeName,
    markerName: r.markerName,
    scenario,
    // The trainer's side of the scenario: null for the apprentice until the attempt is marked.
    key: reveal ? { queryNeeded, gap, changes, modelQuery } : null,
    canMark: viewer.role !== 'apprentice' && r.attempt.status === 'submitted' && (viewer.role === 'admin' || (viewer.role === 'trainer' && scope === 'assigned')),
  };
}

/**
 * The trainer's marking: the decision right or not, each of the five criteria met or not when a query was
 * written (not applicable when the apprentice decided none was needed), comments and feedback. Refused as a
 * Conflict when the attempt changed (or was marked) since the form was opened.
 */
export async function markQueryAttempt(viewer: Viewer, input: QueryMarkValues) {
  const scope = await authorize(viewer, 'query.mark', { type: 'query_attempt', id: String((input as { id?: unknown })?.id ?? '') });
  const data = parseInput(QueryMarkInput, input);
  const db = await getDb();
  const [current] = await db
    .select({ id: queryAttempts.id, status: queryAttempts.status, queryNeeded: queryAttempts.queryNeeded, apprenticeId: queryAttempts.apprenticeId, rowVersion: queryAttempts.rowVersion })
    .from(queryAttempts)
    .where(and(eq(queryAttempts.id, data.id), apprenticeIn(viewer, scope, queryAttempts.apprenticeId)));
  if (!current) {
    await recordDenied(viewer, 'query.mark', 'query_attempt', data.id);
    throw new NotFound('query attempt');
  }
  if (current.status !== 'submitted' || current.rowVersion !== data.rowVersion)
    throw new Conflict('Your marking was not saved: this attempt was marked or changed after you opened it. Nothing was overwritten. Reload to see it as it is now.');
  const rubric: QueryRubricJson = { [DECISION_CRITERION]: { met: data.decision === 'yes' } };
  for (const c of CRITERIA_IDS) {
    const judged = data.criteria[c];
    const comment = data.comments[c] || undefined;
    if (current.queryNeeded) {
      if (judged !== 'met' && judged !== 'not_met') throw new FieldError(`criteria.${c}`, 'Say whether the query meets this.');
      rubric[c] = { met: judged === 'met', ...(comment ? { comment } : {}) };
    } else if (judged === 'met' || judged === 'not_met') throw new FieldError(`criteria.${c}`, 'No query was written: leave this as not applicable.');
  }
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(queryAttempts)
      .set({ status: 'marked', rubric, feedback: data.feedback, markedBy: viewer.userId, markedAt: sql`now()`, rowVersion: sql`${queryAttempts.rowVersion} + 1` })
      .where(and(eq(queryAttempts.id, data.id), eq(queryAttempts.rowVersion, data.rowVersion), eq(queryAttempts.status, 'submitted')))
      .returning({ rowVersion: queryAttempts.rowVersion });
    if (!updated) throw new Conflict('Your marking was not saved: this attempt was marked or changed after you opened it. Nothing was overwritten. Reload to see it as it is now.');
    await writeAudit(tx, viewer, { action: 'query_practice.mark', entityType: 'query_attempt', entityId: data.id, after: { rubric, feedback: data.feedback } });
    return { id: data.id, rowVersion: updated.rowVersion };
  });
}
