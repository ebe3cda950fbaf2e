import 'server-only';
import { and, asc, desc, eq, inArray, isNotNull, isNull, lt, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { getDb, type DbOrTx } from '@/db/client';
import { apprenticeships, initialAssessments, ksbs, organisations, trainingPlans, users, type TrainingPlan } from '@/db/schema';
import { Conflict, FieldError, NotFound } from '@/lib/errors';
import { formatDateTime } from '@/lib/format';
import { parseInput } from '@/lib/forms/parse-input';
import { describeOtjRule, otjRuleFor, plannedEndDate, plannedOtjHours } from '@/lib/funding/rules';
import { draftPlan, describeWorking } from '@/lib/training-plan/draft';
import { PlanChangeInput, PlanDraftInput, PlanEditInput, PlanSignInput } from '@/lib/training-plan/schemas';
import { apprenticeshipsIn, authorize, recordDenied, writeAudit } from './access';
import { fundingSettings } from './funding-settings';
import type { Permission, Scope } from './policy';
import type { Viewer } from './viewer';
import { apprenticeshipInScope } from './apprenticeship-in-scope';

/**
 * The versioned training plan (issue 20 point 2). A version is edited by the trainer only until anyone signs
 * it; after the first signature a change is a new version (a copy with a summary of the change) that needs
 * all three signatures again. The latest version signed by the apprentice, an employer contact and the
 * provider (the trainer) is the plan in force; when a version is fully signed, the earlier ones are marked
 * superseded in the same transaction. A fully signed version never changes (a trigger refuses it).
 */

const isUuid = (id: string) => z.uuid().safeParse(id).success;
const creator = alias(users, 'plan_creator');
export type PlanSide = 'apprentice' | 'employer' | 'provider';

const signedAll = (p: Pick<TrainingPlan, 'apprenticeSignedAt' | 'employerSignedAt' | 'providerSignedAt'>) => Boolean(p.apprenticeSignedAt && p.employerSignedAt && p.providerSignedAt);
const signedAny = (p: Pick<TrainingPlan, 'apprenticeSignedAt' | 'employerSignedAt' | 'providerSignedAt'>) => Boolean(p.apprenticeSignedAt || p.employerSignedAt || p.providerSignedAt);
/** A version signed by all three: the plan in force is the latest of these (used wherever the plan in force is read). */
export const fullySigned = sql`${trainingPlans.apprenticeSignedAt} is not null and ${trainingPlans.employerSignedAt} is not null and ${trainingPlans.providerSignedAt} is not null`;

/** Which side the viewer signs for, by role. */
function sideOf(viewer: Viewer): PlanSide | null {
  return viewer.role === 'apprentice' ? 'apprentice' : viewer.role === 'employer' ? 'employer' : viewer.role === 'trainer' ? 'provider' : null;
}

/** A version in scope (by its id), with the apprenticeship it belongs to; else recorded and a 404. */
async function versionInScope(viewer: Viewer, scope: Scope, permission: Permission, id: string) {
  const db = await getDb();
  const [row] = isUuid(id)
    ? await db
        .select({ plan: trainingPlans, standardId: apprenticeships.standardId, apprenticeId: apprenticeships.apprenticeId })
        .from(trainingPlans)
        .innerJoin(apprenticeships, eq(apprenticeships.id, trainingPlans.apprenticeshipId))
        .where(and(eq(trainingPlans.id, id), apprenticeshipsIn(viewer, scope)))
    : [];
  if (!row) {
    await recordDenied(viewer, permission, 'training_plan', id);
    throw new NotFound('training plan');
  }
  return { ...row, db };
}

async function latestVersion(db: DbOrTx, apprenticeshipId: string) {
  const [latest] = await db.select({ id: trainingPlans.id, version: trainingPlans.version }).from(trainingPlans).where(eq(trainingPlans.apprenticeshipId, apprenticeshipId)).orderBy(desc(trainingPlans.version)).limit(1);
  return latest ?? null;
}

/** The confirmed initial assessment's recognised prior learning, or null while there is no confirmed assessment. */
async function confirmedRpl(db: DbOrTx, apprenticeshipId: string) {
  const [ia] = await db
    .select({ id: initialAssessments.id, hours: initialAssessments.rplHours, months: initialAssessments.rplMonths, ksbs: initialAssessments.rplKsbs, confirmedAt: initialAssessments.confirmedAt })
    .from(initialAssessments)
    .where(and(eq(initialAssessments.apprenticeshipId, apprenticeshipId), isNotNull(initialAssessments.confirmedAt)));
  return ia ?? null;
}

const FUNCTIONAL_SKILL_PLAN: Record<string, string> = {
  achieved: 'Already achieved: evidence of the qualification is held.',
  exempt: 'Exempt: the reason is recorded on the apprenticeship.',
  not_required: 'Not required for this apprenticeship.',
  required: 'Functional Skills level 2 to be studied and achieved before gateway, in the provider’s sessions.',
  in_progress: 'Functional Skills level 2 in progress: continue the provider’s sessions and sit the test before gateway.',
};

type Signable = Pick<TrainingPlan, 'apprenticeSignedAt' | 'employerSignedAt' | 'providerSignedAt' | 'supersededAt'>;
function awaitingOf(p: Signable): PlanSide[] {
  const out: PlanSide[] = [];
  if (!p.apprenticeSignedAt) out.push('apprentice');
  if (!p.employerSignedAt) out.push('employer');
  if (!p.providerSignedAt) out.push('provider');
  return out;
}

/**
 * An apprenticeship's training plan: every version (newest first) with who signed when, the version in
 * force, and what this viewer may do: draft (no version yet and a confirmed initial assessment), edit the
 * latest (trainer, nobody has signed), change it (trainer, signed by someone), or sign it (their side unsigned).
 */
export async function getTrainingPlans(viewer: Viewer, apprenticeshipId: string) {
  const scope = await authorize(viewer, 'plan.read', { type: 'apprenticeship', id: apprenticeshipId });
  const { a, db } = await apprenticeshipInScope(viewer, scope, 'plan.read', apprenticeshipId);
  const [rows, rpl, s] = await Promise.all([
    db
      .select({ plan: trainingPlans, createdByName: creator.name })
      .from(trainingPlans)
      .innerJoin(creator, eq(creator.id, trainingPlans.createdBy))
      .where(eq(trainingPlans.apprenticeshipId, a.id))
      .orderBy(desc(trainingPlans.version)),
    confirmedRpl(db, a.id),
    fundingSettings(db),
  ]);
  const versions = rows.map(({ plan, createdByName }) => {
    const rule = otjRuleFor(plan.plannedStartDate, s);
    return {
      ...plan,
      createdByName,
      final: signedAll(plan),
      awaiting: awaitingOf(plan),
      ruleText: describeOtjRule(rule, s),
      working: describeWorking(plan, { rule, floor: s.otjFloorHours }),
    };
  });
  const inForce = versions.find((v) => v.final) ?? null;
  const latest = versions[0] ?? null;
  const side = sideOf(viewer);
  const isTrainer = viewer.role === 'trainer';
  const mySide =
    latest && !latest.supersededAt && side && ((side === 'apprentice' && !latest.apprenticeSignedAt) || (side === 'employer' && !latest.employerSignedAt) || (side === 'provider' && !latest.providerSignedAt)) ? side : null;
  return {
    apprenticeship: { id: a.id, apprenticeId: a.apprenticeId, apprenticeName: a.apprenticeName, employerName: a.employerName, startDate: a.startDate },
    assessment: rpl ? { confirmedAt: rpl.confirmedAt, rplHours: rpl.hours, rplMonths: rpl.months, rplKsbs: rpl.ksbs } : null,
    versions,
    inForce,
    latest,
    can: {
      draft: isTrainer && !latest && Boolean(rpl),
      edit: isTrainer && Boolean(latest && !signedAny(latest)),
      change: isTrainer && Boolean(latest && signedAny(latest)),
      sign: mySide,
    },
    settings: { rulesYear: s.rulesYear, floor: s.otjFloorHours },
  };
}
export type TrainingPlans = Awaited<ReturnType<typeof getTrainingPlans>>;

/** One version with the names the PDF shows, for anyone who may read the plan. */
export async function getTrainingPlanVersion(viewer: Viewer, id: string) {
  const scope = await authorize(viewer, 'plan.read', { type: 'training_plan', id });
  const { plan, db } = await versionInScope(viewer, scope, 'plan.read', id);
  const [[names], s, providerSigner, ksbRows] = await Promise.all([
    db
      .select({ apprenticeName: users.name, employerName: organisations.name })
      .from(apprenticeships)
      .innerJoin(users, eq(users.id, apprenticeships.apprenticeId))
      .innerJoin(organisations, eq(organisations.id, apprenticeships.employerId))
      .where(eq(apprenticeships.id, plan.apprenticeshipId)),
    fundingSettings(db),
    db.select({ name: users.name }).from(users).where(eq(users.id, plan.createdBy)),
    db.select({ code: ksbs.code, sortOrder: ksbs.sortOrder }).from(ksbs).innerJoin(apprenticeships, eq(apprenticeships.standardId, ksbs.standardId)).where(eq(apprenticeships.id, plan.apprenticeshipId)).orderBy(asc(ksbs.sortOrder)),
  ]);
  const rule = otjRuleFor(plan.plannedStartDate, s);
  return {
    ...plan,
    apprenticeName: names!.apprenticeName,
    employerName: names!.employerName,
    createdByName: providerSigner[0]?.name ?? '',
    final: signedAll(plan),
    awaiting: awaitingOf(plan),
    ruleText: describeOtjRule(rule, s),
    working: describeWorking(plan, { rule, floor: s.otjFloorHours }),
    ksbTotal: ksbRows.length,
  };
}
export type TrainingPlanVersion = Awaited<ReturnType<typeof getTrainingPlanVersion>>;

/**
 * The trainer drafts version 1 from the apprenticeship, the confirmed initial assessment's recognised prior
 * learning and the funding rules in force (lib/training-plan/draft.ts). Needs a confirmed initial assessment.
 */
export async function draftTrainingPlan(viewer: Viewer, input: z.input<typeof PlanDraftInput>) {
  const scope = await authorize(viewer, 'plan.write', { type: 'apprenticeship', id: input.apprenticeshipId });
  const data = parseInput(PlanDraftInput, input);
  const { a, db } = await apprenticeshipInScope(viewer, scope, 'plan.write', data.apprenticeshipId);
  const rpl = await confirmedRpl(db, a.id);
  if (!rpl) throw new Conflict('The initial assessment is not confirmed yet: confirm it first, since the plan starts from its recognised prior learning.');
  const s = await fundingSettings(db);
  const d = draftPlan({ startDate: a.startDate, weeklyHours: a.weeklyHours, rpl: { hours: rpl.hours, months: rpl.months, ksbs: rpl.ksbs } }, s);
  const values = {
    apprenticeshipId: a.id,
    version: 1,
    plannedStartDate: d.plannedStartDate,
    plannedEndDate: d.plannedEndDate,
    durationMonths: d.durationMonths,
    weeklyHours: d.weeklyHours,
    rulesYear: d.rulesYear,
    standardOtjHours: d.standardOtjHours,
    rplHours: d.rplHours,
    rplMonths: d.rplMonths,
    plannedOtjHours: d.plannedOtjHours,
    activities: d.activities,
    englishPlan: FUNCTIONAL_SKILL_PLAN[a.englishStatus] ?? FUNCTIONAL_SKILL_PLAN.required!,
    mathsPlan: FUNCTIONAL_SKILL_PLAN[a.mathsStatus] ?? FUNCTIONAL_SKILL_PLAN.required!,
    createdBy: viewer.userId,
  };
  return db.transaction(async (tx) => {
    if (await latestVersion(tx, a.id)) throw new Conflict('This apprenticeship already has a training plan: reload the page to see it.');
    const [row] = await tx
      .insert(trainingPlans)
      .values(values)
      .onConflictDoNothing()
      .returning({ id: trainingPlans.id, version: trainingPlans.version, rowVersion: trainingPlans.rowVersion });
    if (!row) throw new Conflict('This apprenticeship already has a training plan: reload the page to see it.');
    await writeAudit(tx, viewer, { action: 'training_plan.drafted', entityType: 'training_plan', entityId: row.id, after: { ...values, activities: values.activities.length } });
    return row;
  });
}

/** The number of whole months from a start to an end (the smallest n with start + n months on or after the end). */
function monthsBetween(start: string, end: string): number {
  let n = 1;
  while (n < 120 && plannedEndDate(start, n) < end) n++;
  return n;
}

/**
 * The trainer edits a version nobody has signed: dates, weekly hours, planned hours (never below what the
 * rule gives after recognised prior learning), the activities (their hours must add up to the planned hours;
 * KSBs of the standard; months within the plan), support, adjustments, English and maths.
 */
export async function updateTrainingPlan(viewer: Viewer, input: z.input<typeof PlanEditInput>) {
  const scope = await authorize(viewer, 'plan.write', { type: 'training_plan', id: input.id });
  const data = parseInput(PlanEditInput, input);
  const { plan, standardId, db } = await versionInScope(viewer, scope, 'plan.write', data.id);
  if (signedAny(plan) || plan.supersededAt) throw new Conflict('This version has been signed, so it can no longer be edited: use “Change the plan” to make a new version.');
  const s = await fundingSettings(db);
  const rule = plannedOtjHours({ startDate: data.plannedStartDate, plannedEndDate: data.plannedEndDate, weeklyHours: data.weeklyHours, rplHours: plan.rplHours }, s);
  if (data.plannedOtjHours < rule.hours)
    throw new FieldError('plannedOtjHours', `The planned off-the-job hours cannot be below ${rule.hours}: ${describeWorking({ standardOtjHours: rule.beforeRpl, rplHours: plan.rplHours, plannedOtjHours: rule.hours }, { rule: rule.rule, floor: s.otjFloorHours })}`);
  const durationMonths = monthsBetween(data.plannedStartDate, data.plannedEndDate);
  const activities = data.activities.map((x) => ({ month: x.month, title: x.title, ksbs: x.ksbs, otjHours: x.otjHours }));
  const late = activities.find((x) => x.month > durationMonths);
  if (late) throw new FieldError('activities', `“${late.title}” is in month ${late.month}, after the plan ends (month ${durationMonths}).`);
  const total = activities.reduce((n, x) => n + x.otjHours, 0);
  if (total !== data.plannedOtjHours) throw new FieldError('activities', `The activities add up to ${total} off-the-job hours; the plan says ${data.plannedOtjHours}. Make them agree.`);
  const codes = [...new Set(activities.flatMap((x) => x.ksbs))];
  if (codes.length) {
    const known = new Set((await db.select({ code: ksbs.code }).from(ksbs).where(and(eq(ksbs.standardId, standardId), inArray(ksbs.code, codes)))).map((k) => k.code));
    const unknown = codes.filter((c) => !known.has(c));
    if (unknown.length) throw new FieldError('activities', `${unknown.join(', ')} ${unknown.length === 1 ? 'is not a KSB' : 'are not KSBs'} of the standard (K1–K29, S1–S25, B1–B5).`);
  }
  const values = {
    plannedStartDate: data.plannedStartDate,
    plannedEndDate: data.plannedEndDate,
    durationMonths,
    weeklyHours: data.weeklyHours,
    rulesYear: s.rulesYear,
    standardOtjHours: rule.beforeRpl,
    plannedOtjHours: data.plannedOtjHours,
    activities,
    support: data.support,
    reasonableAdjustments: data.reasonableAdjustments,
    englishPlan: data.englishPlan,
    mathsPlan: data.mathsPlan,
  };
  return db.transaction(async (tx) => {
    const [after] = await tx
      .update(trainingPlans)
      .set({ ...values, rowVersion: sql`${trainingPlans.rowVersion} + 1` })
      .where(and(eq(trainingPlans.id, plan.id), eq(trainingPlans.rowVersion, data.rowVersion), isNull(trainingPlans.apprenticeSignedAt), isNull(trainingPlans.employerSignedAt), isNull(trainingPlans.providerSignedAt)))
      .returning({ id: trainingPlans.id, rowVersion: trainingPlans.rowVersion });
    if (!after) throw new Conflict('This version changed after you opened it (it was edited or signed). Your changes were not saved: reload the page and make them again.');
    await writeAudit(tx, viewer, { action: 'training_plan.edited', entityType: 'training_plan', entityId: plan.id, before: { plannedOtjHours: plan.plannedOtjHours, plannedEndDate: plan.plannedEndDate }, after: { ...values, activities: activities.length } });
    return after;
  });
}

/**
 * The apprentice (their own), an employer contact (employed) or the trainer (assigned, as the provider) signs
 * the latest version with their typed name. The UPDATE matches only an unchanged row this side has not
 * signed; when the third signature lands, the earlier versions are marked superseded in the same transaction.
 */
export async function signTrainingPlan(viewer: Viewer, input: z.input<typeof PlanSignInput>) {
  const scope = await authorize(viewer, 'plan.sign', { type: 'training_plan', id: input.id });
  const data = parseInput(PlanSignInput, input);
  const { plan, db } = await versionInScope(viewer, scope, 'plan.sign', data.id);
  const side = sideOf(viewer)!;
  const set =
    side === 'apprentice'
      ? { apprenticeSignedAt: sql`now()` }
      : side === 'employer'
        ? { employerSignerId: viewer.userId, employerSignedName: data.signedName, employerSignedAt: sql`now()` }
        : { providerSignerId: viewer.userId, providerSignedName: data.signedName, providerSignedAt: sql`now()` };
  const unsigned = side === 'apprentice' ? isNull(trainingPlans.apprenticeSignedAt) : side === 'employer' ? isNull(trainingPlans.employerSignedAt) : isNull(trainingPlans.providerSignedAt);
  return db.transaction(async (tx) => {
    const latest = await latestVersion(tx, plan.apprenticeshipId);
    if (latest?.id !== plan.id || plan.supersededAt) throw new Conflict(`Version ${plan.version} has been replaced by version ${latest?.version ?? plan.version}: reload the page and sign the latest version.`);
    const [after] = await tx
      .update(trainingPlans)
      .set({ ...set, rowVersion: sql`${trainingPlans.rowVersion} + 1` })
      .where(and(eq(trainingPlans.id, plan.id), eq(trainingPlans.rowVersion, data.rowVersion), unsigned, isNull(trainingPlans.supersededAt)))
      .returning();
    if (!after) {
      const [now] = await tx.select().from(trainingPlans).where(eq(trainingPlans.id, plan.id));
      const at = side === 'apprentice' ? now?.apprenticeSignedAt : side === 'employer' ? now?.employerSignedAt : now?.providerSignedAt;
      if (at) throw new Conflict(`This version was already signed for the ${side === 'provider' ? 'training provider' : side} on ${formatDateTime(at)}. A signature is given once: reload the page to see it.`);
      throw new Conflict('This version changed after you opened it (it was edited or someone else signed it). Reload the page, read it again and sign.');
    }
    const final = signedAll(after);
    if (final)
      await tx
        .update(trainingPlans)
        .set({ supersededAt: sql`now()`, rowVersion: sql`${trainingPlans.rowVersion} + 1` })
        .where(and(eq(trainingPlans.apprenticeshipId, plan.apprenticeshipId), lt(trainingPlans.version, plan.version), isNull(trainingPlans.supersededAt)));
    await writeAudit(tx, viewer, { action: 'training_plan.signed', entityType: 'training_plan', entityId: plan.id, after: { side, name: side === 'apprentice' ? viewer.name : data.signedName, version: plan.version, final } });
    return { id: after.id, rowVersion: after.rowVersion, final };
  });
}

/**
 * "Change the plan": the trainer makes version N+1, a copy of the latest version with a summary of the
 * change, to edit and have signed by all three again. Version N stays in force until then. A latest version
 * nobody has signed is edited instead; one signed by some but not all is replaced (marked superseded: it was
 * never in force).
 */
export async function changeTrainingPlan(viewer: Viewer, input: z.input<typeof PlanChangeInput>) {
  const scope = await authorize(viewer, 'plan.write', { type: 'training_plan', id: input.id });
  const data = parseInput(PlanChangeInput, input);
  const { plan, db } = await versionInScope(viewer, scope, 'plan.write', data.id);
  if (!signedAny(plan)) throw new Conflict('Nobody has signed this version yet: edit it instead of making a new one.');
  return db.transaction(async (tx) => {
    const latest = await latestVersion(tx, plan.apprenticeshipId);
    if (latest?.id !== plan.id) throw new Conflict(`Version ${latest?.version} has already been made from this one: reload the page to see it.`);
    if (!signedAll(plan)) {
      const [replaced] = await tx
        .update(trainingPlans)
        .set({ supersededAt: sql`now()`, rowVersion: sql`${trainingPlans.rowVersion} + 1` })
        .where(and(eq(trainingPlans.id, plan.id), eq(trainingPlans.rowVersion, data.rowVersion)))
        .returning({ id: trainingPlans.id });
      if (!replaced) throw new Conflict('This version changed after you opened it (someone signed it). Reload the page and check it before changing it.');
    } else if (plan.rowVersion !== data.rowVersion) throw new Conflict('This version changed after you opened it. Reload the page and check it before changing it.');
    const { id: _id, createdAt: _c, apprenticeSignedAt: _a, employerSignerId: _es, employerSignedName: _en, employerSignedAt: _ea, providerSignerId: _ps, providerSignedName: _pn, providerSignedAt: _pa, supersededAt: _s, rowVersion: _r, ...copy } = plan;
    const [row] = await tx
      .insert(trainingPlans)
      .values({ ...copy, version: plan.version + 1, changeSummary: data.changeSummary, createdBy: viewer.userId })
      .onConflictDoNothing()
      .returning({ id: trainingPlans.id, version: trainingPlans.version, rowVersion: trainingPlans.rowVersion });
    if (!row) throw new Conflict(`Version ${plan.version + 1} has just been made by someone else: reload the page to see it.`);
    await writeAudit(tx, viewer, { action: 'training_plan.changed', entityType: 'training_plan', entityId: row.id, before: { id: plan.id, version: plan.version }, after: { version: row.version, changeSummary: data.changeSummary } });
    return row;
  });
}

// ── For other parts of the data access layer (no viewer: callers have authorised the apprenticeships) ────────

export type PlanInForce = Pick<TrainingPlan, 'id' | 'apprenticeshipId' | 'version' | 'plannedStartDate' | 'plannedEndDate' | 'durationMonths' | 'plannedOtjHours' | 'activities'>;

/**
 * The plan in force for each of a set of apprenticeships, in one statement: the latest version signed by all
 * three. Apprenticeships with no signed plan are absent from the map. The caller has already limited the ids
 * to what its viewer may see.
 */
export async function unsafePlansInForce(db: DbOrTx, apprenticeshipIds: readonly string[]): Promise<Map<string, PlanInForce>> {
  const ids = [...new Set(apprenticeshipIds)];
  if (!ids.length) return new Map();
  const rows = await db
    .selectDistinctOn([trainingPlans.apprenticeshipId], {
      id: trainingPlans.id,
      apprenticeshipId: trainingPlans.apprenticeshipId,
      version: trainingPlans.version,
      plannedStartDate: trainingPlans.plannedStartDate,
      plannedEndDate: trainingPlans.plannedEndDate,
      durationMonths: trainingPlans.durationMonths,
      plannedOtjHours: trainingPlans.plannedOtjHours,
      activities: trainingPlans.activities,
    })
    .from(trainingPlans)
    .where(and(inArray(trainingPlans.apprenticeshipId, ids), fullySigned))
    .orderBy(trainingPlans.apprenticeshipId, desc(trainingPlans.version));
  return new Map(rows.map((r) => [r.apprenticeshipId, r]));
}

/** The plan in force for one apprenticeship (see unsafePlansInForce), or null. */
export async function unsafeSignedPlanFor(db: DbOrTx, apprenticeshipId: string): Promise<PlanInForce | null> {
  return (await unsafePlansInForce(db, [apprenticeshipId])).get(apprenticeshipId) ?? null;
}

/**
 * Training plan versions waiting for this viewer's signature ("Needs you"): the latest version of each
 * apprenticeship in the viewer's 'plan.sign' scope, not superseded, with their side unsigned.
 */
export async function plansToSign(db: DbOrTx, viewer: Viewer) {
  const side = sideOf(viewer);
  if (!side) return [];
  const scope = await authorize(viewer, 'plan.sign');
  const unsigned: SQL = side === 'apprentice' ? isNull(trainingPlans.apprenticeSignedAt) : side === 'employer' ? isNull(trainingPlans.employerSignedAt) : isNull(trainingPlans.providerSignedAt);
  return db
    .select({ id: trainingPlans.id, apprenticeshipId: trainingPlans.apprenticeshipId, version: trainingPlans.version, apprenticeName: users.name, createdAt: trainingPlans.createdAt })
    .from(trainingPlans)
    .innerJoin(apprenticeships, eq(apprenticeships.id, trainingPlans.apprenticeshipId))
    .innerJoin(users, eq(users.id, apprenticeships.apprenticeId))
    .where(
      and(
        apprenticeshipsIn(viewer, scope),
        unsigned,
        isNull(trainingPlans.supersededAt),
        sql`not exists (select 1 from training_plans later where later.apprenticeship_id = ${trainingPlans.apprenticeshipId} and later.version > ${trainingPlans.version})`,
      ),
    )
    .orderBy(asc(trainingPlans.createdAt), asc(trainingPlans.id))
    .limit(500);
}
