import 'server-only';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { apprenticeships, initialAssessments, users } from '@/db/schema';
import { ST0535_KSB_CODES } from '@/lib/content/standard';
import { Conflict, NotFound } from '@/lib/errors';
import { parseInput } from '@/lib/forms/parse-input';
import { cleanRatings, ConfirmAssessmentInput, rplPreview, SelfAssessmentInput, type ConfirmAssessmentValues, type SelfAssessmentValues } from '@/lib/initial-assessment/schemas';
import { apprenticeshipsIn, authorize, recordDenied, writeAudit } from './access';
import { fundingSettings } from './funding-settings';
import type { Viewer } from './viewer';

/*
 * The initial assessment (issue 20, point 1): one per apprenticeship. The apprentice saves drafts and submits;
 * after submitting it is read-only for them. Their trainer then confirms or adjusts each rating and records
 * recognised prior learning (RPL); once confirmed it is a record (a later change belongs in a new plan version).
 * The employer contact reads it; an administrator reads it.
 */

const apprentice = alias(users, 'apprentice');
const confirmer = alias(users, 'confirmer');

const STALE = 'Nothing was saved: this assessment was changed after you opened it. Reload the page to see it as it is now.';

/**
 * The apprenticeship's initial assessment (null when the apprentice has not saved one) with what the viewer may
 * do and the figures recognised prior learning gives (the training plan starts from them). Another's, or a
 * missing apprenticeship, is a 404.
 */
export async function initialAssessmentFor(viewer: Viewer, apprenticeshipId: string) {
  const scope = await authorize(viewer, 'initialAssessment.read', { type: 'apprenticeship', id: apprenticeshipId });
  const db = await getDb();
  const [row] = z.uuid().safeParse(apprenticeshipId).success
    ? await db
        .select({
          apprenticeshipId: apprenticeships.id,
          apprenticeId: apprenticeships.apprenticeId,
          apprenticeName: apprentice.name,
          startDate: apprenticeships.startDate,
          plannedEndDate: apprenticeships.plannedEndDate,
          weeklyHours: apprenticeships.weeklyHours,
          status: apprenticeships.status,
          assessment: {
            id: initialAssessments.id,
            selfRatings: initialAssessments.selfRatings,
            priorLearning: initialAssessments.priorLearning,
            experience: initialAssessments.experience,
            submittedAt: initialAssessments.submittedAt,
            confirmedRatings: initialAssessments.confirmedRatings,
            trainerNotes: initialAssessments.trainerNotes,
            rplKsbs: initialAssessments.rplKsbs,
            rplReason: initialAssessments.rplReason,
            rplHours: initialAssessments.rplHours,
            rplMonths: initialAssessments.rplMonths,
            confirmedAt: initialAssessments.confirmedAt,
            rowVersion: initialAssessments.rowVersion,
            updatedAt: initialAssessments.updatedAt,
          },
          confirmedByName: confirmer.name,
        })
        .from(apprenticeships)
        .innerJoin(apprentice, eq(apprentice.id, apprenticeships.apprenticeId))
        .leftJoin(initialAssessments, eq(initialAssessments.apprenticeshipId, apprenticeships.id))
        .leftJoin(confirmer, eq(confirmer.id, initialAssessments.confirmedBy))
        .where(and(eq(apprenticeships.id, apprenticeshipId), apprenticeshipsIn(viewer, scope)))
    : [];
  if (!row) {
    await recordDenied(viewer, 'initialAssessment.read', 'apprenticeship', apprenticeshipId);
    throw new NotFound('initial assessment');
  }
  const { assessment, confirmedByName, ...a } = row;
  const ia = assessment?.id ? { ...assessment, confirmedByName } : null;
  const submitted = Boolean(ia?.submittedAt);
  const confirmed = Boolean(ia?.confirmedAt);
  const settings = await fundingSettings(db);
  return {
    ...a,
    assessment: ia,
    state: confirmed ? ('confirmed' as const) : submitted ? ('submitted' as const) : ia ? ('draft' as const) : ('not_started' as const),
    canEdit: viewer.role === 'apprentice' && scope === 'own' && !submitted,
    canConfirm: viewer.role === 'trainer' && scope === 'assigned' && submitted && !confirmed,
    settings,
    /** The figures the training plan starts from: with the confirmed RPL, or none before confirmation. */
    preview: rplPreview(a, { hours: confirmed ? ia!.rplHours : 0, months: confirmed ? ia!.rplMonths : 0 }, settings),
  };
}

/**
 * The apprentice saves a draft or submits. A draft may leave items unrated; a submission rates all 59 and is
 * then read-only for them. The form's version guards against a second tab: a stale one is a Conflict.
 */
export async function saveInitialAssessment(viewer: Viewer, input: SelfAssessmentValues) {
  const target = String((input as { apprenticeshipId?: unknown })?.apprenticeshipId ?? '');
  const scope = await authorize(viewer, 'initialAssessment.write', { type: 'apprenticeship', id: target });
  const data = parseInput(SelfAssessmentInput, input);
  const db = await getDb();
  const [own] = await db
    .select({ id: apprenticeships.id, assessmentId: initialAssessments.id, submittedAt: initialAssessments.submittedAt, rowVersion: initialAssessments.rowVersion })
    .from(apprenticeships)
    .leftJoin(initialAssessments, eq(initialAssessments.apprenticeshipId, apprenticeships.id))
    .where(and(eq(apprenticeships.id, data.apprenticeshipId), apprenticeshipsIn(viewer, scope)));
  if (!own) {
    await recordDenied(viewer, 'initialAssessment.write', 'apprenticeship', data.apprenticeshipId);
    throw new NotFound('apprenticeship');
  }
  if (own.submittedAt) throw new Conflict('Your initial assessment is already submitted: it can no longer be changed. Your trainer will go through it with you.');
  if ((own.rowVersion ?? 0) !== data.rowVersion) throw new Conflict(STALE);
  const submit = data.intent === 'submit';
  const values = { selfRatings: cleanRatings(data.ratings), priorLearning: data.priorLearning, experience: data.experience, submittedAt: submit ? sql`now()` : null };
  return db.transaction(async (tx) => {
    let saved: { id: string; rowVersion: number } | undefined;
    if (!own.assessmentId) {
      [saved] = await tx
        .insert(initialAssessments)
        .values({ apprenticeshipId: own.id, ...values })
        .onConflictDoNothing()
        .returning({ id: initialAssessments.id, rowVersion: initialAssessments.rowVersion });
    } else {
      [saved] = await tx
        .update(initialAssessments)
        .set({ ...values, rowVersion: sql`${initialAssessments.rowVersion} + 1`, updatedAt: sql`now()` })
        .where(and(eq(initialAssessments.id, own.assessmentId), eq(initialAssessments.rowVersion, data.rowVersion), isNull(initialAssessments.submittedAt)))
        .returning({ id: initialAssessments.id, rowVersion: initialAssessments.rowVersion });
    }
    if (!saved) throw new Conflict(STALE);
    await writeAudit(tx, viewer, {
      action: submit ? 'initial_assessment.submit' : 'initial_assessment.save',
      entityType: 'initial_assessment',
      entityId: saved.id,
      after: { apprenticeshipId: own.id, rated: Object.keys(values.selfRatings).length },
    });
    return { id: saved.id, rowVersion: saved.rowVersion, submitted: submit };
  });
}

/**
 * The trainer confirms or adjusts each rating and records recognised prior learning. Only a submitted,
 * unconfirmed assessment; a form opened before another change is a Conflict, and nothing is overwritten.
 */
export async function confirmInitialAssessment(viewer: Viewer, input: ConfirmAssessmentValues) {
  const target = String((input as { apprenticeshipId?: unknown })?.apprenticeshipId ?? '');
  const scope = await authorize(viewer, 'initialAssessment.confirm', { type: 'apprenticeship', id: target });
  const data = parseInput(ConfirmAssessmentInput, input);
  const db = await getDb();
  const [current] = await db
    .select({ id: initialAssessments.id, selfRatings: initialAssessments.selfRatings, submittedAt: initialAssessments.submittedAt, confirmedAt: initialAssessments.confirmedAt, rowVersion: initialAssessments.rowVersion })
    .from(apprenticeships)
    .leftJoin(initialAssessments, eq(initialAssessments.apprenticeshipId, apprenticeships.id))
    .where(and(eq(apprenticeships.id, data.apprenticeshipId), apprenticeshipsIn(viewer, scope)));
  if (!current) {
    await recordDenied(viewer, 'initialAssessment.confirm', 'apprenticeship', data.apprenticeshipId);
    throw new NotFound('apprenticeship');
  }
  if (!current.id || !current.submittedAt) throw new Conflict('The apprentice has not submitted their initial assessment yet: there is nothing to confirm.');
  if (current.confirmedAt || current.rowVersion !== data.rowVersion) throw new Conflict(STALE);
  const confirmedRatings = cleanRatings(data.ratings);
  const rplKsbs = ST0535_KSB_CODES.filter((c) => data.rplKsbs.includes(c));
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(initialAssessments)
      .set({
        confirmedRatings,
        trainerNotes: data.trainerNotes,
        rplKsbs,
        rplReason: data.rplReason || null,
        rplHours: data.rplHours,
        rplMonths: data.rplMonths,
        confirmedBy: viewer.userId,
        confirmedAt: sql`now()`,
        rowVersion: sql`${initialAssessments.rowVersion} + 1`,
        updatedAt: sql`now()`,
      })
      .where(and(eq(initialAssessments.id, current.id!), eq(initialAssessments.rowVersion, data.rowVersion), isNull(initialAssessments.confirmedAt)))
      .returning({ rowVersion: initialAssessments.rowVersion });
    if (!updated) throw new Conflict(STALE);
    const adjusted = ST0535_KSB_CODES.filter((c) => current.selfRatings?.[c] !== confirmedRatings[c]);
    await writeAudit(tx, viewer, {
      action: 'initial_assessment.confirm',
      entityType: 'initial_assessment',
      entityId: current.id,
      after: { apprenticeshipId: data.apprenticeshipId, adjusted, rplKsbs, rplHours: data.rplHours, rplMonths: data.rplMonths },
    });
    return { id: current.id!, rowVersion: updated.rowVersion };
  });
}
