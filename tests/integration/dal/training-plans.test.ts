import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { changeTrainingPlan, draftTrainingPlan, getTrainingPlans, getTrainingPlanVersion, listTasks, signTrainingPlan, updateTrainingPlan } from '@/lib/dal';
import { unsafePlansInForce, unsafeSignedPlanFor } from '@/lib/dal/training-plans';
import { apprenticeships, auditLog, initialAssessments, trainingPlans } from '@/db/schema';
import { Conflict, FieldError, NotFound } from '@/lib/errors';
import type { Viewer } from '@/lib/dal/viewer';
import { createTestDb, type TestDb } from '../helpers/test-db';
import { failureText } from '../helpers/errors';

let t: TestDb;
let ellie: Viewer; // Ashwell, Priya Patel's; a confirmed initial assessment and no plan
let helen: Viewer; // Ashwell's coding manager
let marcus: Viewer; // Kingsmere's coding manager
let patel: Viewer;
let okafor: Viewer;
let ryan: Viewer; // no initial assessment (Okafor's)
let mei: Viewer; // version 2 waiting for her and her employer
let ellieId: string;

const idOf = async (v: Viewer) => (await t.db.select({ id: apprenticeships.id }).from(apprenticeships).where(eq(apprenticeships.apprenticeId, v.userId)))[0]!.id;
const sign = (v: Viewer, p: { id: string; rowVersion: number }) => signTrainingPlan(v, { id: p.id, rowVersion: p.rowVersion, signedName: v.name });
const current = async (v: Viewer, apprenticeshipId: string) => (await getTrainingPlans(v, apprenticeshipId)).latest!;

beforeAll(async () => {
  t = await createTestDb();
  [ellie, helen, marcus, patel, okafor, ryan, mei] = (await Promise.all(
    [
      'ellie.brooks@ashwell.example',
      'coding.manager@ashwell.example',
      'coding.manager@kingsmere.example',
      'trainer.patel@coderpathway.example',
      'trainer.okafor@coderpathway.example',
      'ryan.doyle@ashwell.example',
      'mei.tanaka@ashwell.example',
    ].map((e) => t.viewer(e)),
  )) as [Viewer, Viewer, Viewer, Viewer, Viewer, Viewer, Viewer];
  ellieId = await idOf(ellie);
}, 120_000);
afterAll(() => t.close());

describe('the training plan', () => {
  it('cannot be drafted before the initial assessment is confirmed', async () => {
    const ryanId = await idOf(ryan);
    expect((await getTrainingPlans(okafor, ryanId)).can.draft).toBe(false);
    await expect(draftTrainingPlan(okafor, { apprenticeshipId: ryanId })).rejects.toBeInstanceOf(Conflict);
    expect(await t.db.select().from(trainingPlans).where(eq(trainingPlans.apprenticeshipId, ryanId))).toEqual([]);
  });

  it('is not reached through another trainer, another employer or another apprentice (404)', async () => {
    await expect(draftTrainingPlan(okafor, { apprenticeshipId: ellieId })).rejects.toBeInstanceOf(NotFound);
    await expect(getTrainingPlans(marcus, ellieId)).rejects.toBeInstanceOf(NotFound);
    await expect(getTrainingPlans(mei, ellieId)).rejects.toBeInstanceOf(NotFound);
  });

  it('is drafted from the assessment and the rules, edited, signed by all three and then in force', async () => {
    const before = await getTrainingPlans(patel, ellieId);
    expect(before.can.draft).toBe(true);
    expect(before.versions).toEqual([]);
    const v1 = await draftTrainingPlan(patel, { apprenticeshipId: ellieId });
    expect(v1.version).toBe(1);
    await expect(draftTrainingPlan(patel, { apprenticeshipId: ellieId })).rejects.toBeInstanceOf(Conflict);

    let p = await current(patel, ellieId);
    expect(p.plannedOtjHours).toBe(419);
    expect(p.activities.reduce((n, a) => n + a.otjHours, 0)).toBe(419);
    expect(p.ruleText).toMatch(/published minimum of 419/);
    expect(await unsafeSignedPlanFor(t.db, ellieId)).toBeNull();

    // An edit whose activities do not add up is refused beside the field; one that does is saved.
    const edit = {
      id: p.id,
      rowVersion: p.rowVersion,
      plannedStartDate: p.plannedStartDate,
      plannedEndDate: p.plannedEndDate,
      weeklyHours: 30,
      plannedOtjHours: 420,
      activities: p.activities.map((a) => ({ month: a.month, title: a.title, ksbs: a.ksbs.join(', '), otjHours: a.otjHours })),
      support: 'A mentor in the coding team.',
      reasonableAdjustments: '',
      englishPlan: 'Level 2 achieved.',
      mathsPlan: 'Level 2 achieved.',
    };
    const refused = await updateTrainingPlan(patel, edit).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(FieldError);
    expect((refused as FieldError).field).toBe('activities');
    const belowRule = await updateTrainingPlan(patel, { ...edit, plannedOtjHours: 100 }).catch((e: unknown) => e);
    expect((belowRule as FieldError).field).toBe('plannedOtjHours');
    edit.activities[0]!.otjHours += 1;
    edit.activities[1]!.ksbs = 'K11, K99';
    expect(await failureText(updateTrainingPlan(patel, edit))).toMatch(/K99 is not a KSB/);
    edit.activities[1]!.ksbs = 'k11 K13';
    const saved = await updateTrainingPlan(patel, edit);
    expect(saved.rowVersion).toBe(2);
    // The form's old row version: someone else's edit wins, this one is refused.
    await expect(updateTrainingPlan(patel, edit)).rejects.toBeInstanceOf(Conflict);
    p = await current(patel, ellieId);
    expect(p.plannedOtjHours).toBe(420);
    expect(p.activities[1]!.ksbs).toEqual(['K11', 'K13']);

    // Three signatures; a stale one is refused.
    const afterTrainer = await sign(patel, p);
    await expect(sign(ellie, p)).rejects.toBeInstanceOf(Conflict);
    const afterEllie = await sign(ellie, afterTrainer);
    expect(afterEllie.final).toBe(false);
    await expect(updateTrainingPlan(patel, { ...edit, rowVersion: afterEllie.rowVersion })).rejects.toBeInstanceOf(Conflict);
    const done = await sign(helen, afterEllie);
    expect(done.final).toBe(true);
    await expect(sign(helen, done)).rejects.toBeInstanceOf(Conflict);

    const read = await getTrainingPlans(ellie, ellieId);
    expect(read.inForce?.id).toBe(p.id);
    expect(read.latest).toMatchObject({ final: true, awaiting: [], providerSignedName: patel.name, employerSignedName: helen.name });
    expect((await unsafeSignedPlanFor(t.db, ellieId))?.plannedOtjHours).toBe(420);
    const audits = await t.db.select({ action: auditLog.action }).from(auditLog).where(and(eq(auditLog.entityType, 'training_plan'), eq(auditLog.entityId, p.id)));
    expect(audits.map((a) => a.action).sort()).toEqual(['training_plan.drafted', 'training_plan.edited', 'training_plan.signed', 'training_plan.signed', 'training_plan.signed']);
  });

  it('is final once signed by all three: the database refuses a change to its content', async () => {
    const p = await current(patel, ellieId);
    await expect(t.db.update(trainingPlans).set({ plannedOtjHours: 500 }).where(eq(trainingPlans.id, p.id))).rejects.toThrow();
    await expect(t.db.delete(trainingPlans).where(eq(trainingPlans.id, p.id))).rejects.toThrow();
    const [still] = await t.db.select({ h: trainingPlans.plannedOtjHours }).from(trainingPlans).where(eq(trainingPlans.id, p.id));
    expect(still!.h).toBe(420);
  });

  it('changes as a new version that needs all three again; the old one stays in force until then, and is superseded after', async () => {
    const v1 = await current(patel, ellieId);
    await expect(changeTrainingPlan(patel, { id: v1.id, rowVersion: v1.rowVersion, changeSummary: 'short' })).rejects.toThrow(/at least 10 characters/);
    await expect(changeTrainingPlan(okafor, { id: v1.id, rowVersion: v1.rowVersion, changeSummary: 'Weekly hours reduced to 22.5 from January.' })).rejects.toBeInstanceOf(NotFound);
    const v2 = await changeTrainingPlan(patel, { id: v1.id, rowVersion: v1.rowVersion, changeSummary: 'Weekly hours reduced to 22.5 from January.' });
    expect(v2.version).toBe(2);
    await expect(changeTrainingPlan(patel, { id: v1.id, rowVersion: v1.rowVersion, changeSummary: 'Weekly hours reduced to 22.5 from January.' })).rejects.toBeInstanceOf(Conflict);

    let plans = await getTrainingPlans(helen, ellieId);
    expect(plans.latest).toMatchObject({ version: 2, changeSummary: 'Weekly hours reduced to 22.5 from January.', awaiting: ['apprentice', 'employer', 'provider'], plannedOtjHours: 420 });
    expect(plans.inForce?.version).toBe(1);
    expect(plans.can.sign).toBe('employer');
    // The old version cannot be signed or changed any more.
    await expect(sign(helen, v1)).rejects.toBeInstanceOf(Conflict);

    // Each of the three has a task to sign version 2.
    for (const v of [ellie, helen, patel]) expect((await listTasks(v)).tasks.some((x) => x.key === `plan_to_sign:${v2.id}` && x.title === 'Sign the training plan (version 2)')).toBe(true);

    const a = await sign(patel, v2);
    const b = await sign(ellie, a);
    expect((await unsafePlansInForce(t.db, [ellieId])).get(ellieId)?.version).toBe(1);
    const c = await sign(helen, b);
    expect(c.final).toBe(true);
    plans = await getTrainingPlans(patel, ellieId);
    expect(plans.inForce?.version).toBe(2);
    expect(plans.versions.find((v) => v.version === 1)?.supersededAt).not.toBeNull();
    expect(plans.versions.find((v) => v.version === 2)?.supersededAt).toBeNull();
    expect((await unsafePlansInForce(t.db, [ellieId])).get(ellieId)?.version).toBe(2);
    for (const v of [ellie, helen, patel]) expect((await listTasks(v)).tasks.some((x) => x.kind === 'plan_to_sign' && x.href.includes(ellieId))).toBe(false);
  });

  it('answers the plans in force for many apprenticeships at once; Mei’s version 2 waits for her and her employer', async () => {
    const all = (await t.db.select({ id: apprenticeships.id }).from(apprenticeships)).map((r) => r.id);
    const inForce = await unsafePlansInForce(t.db, all);
    const meiId = await idOf(mei);
    expect(inForce.get(meiId)?.version).toBe(1);
    expect(inForce.has(await idOf(ryan))).toBe(false);
    const plans = await getTrainingPlans(mei, meiId);
    expect(plans.latest).toMatchObject({ version: 2, awaiting: ['apprentice', 'employer'] });
    expect(plans.can.sign).toBe('apprentice');
    expect((await listTasks(mei)).tasks.some((x) => x.kind === 'plan_to_sign')).toBe(true);
    expect((await listTasks(okafor)).tasks.some((x) => x.kind === 'plan_to_sign' && x.who === mei.name)).toBe(false);
  });

  it('gives each version for its PDF to those who may read it, and a 404 to others', async () => {
    const p = await current(patel, ellieId);
    const v = await getTrainingPlanVersion(ellie, p.id);
    expect(v).toMatchObject({ version: 2, apprenticeName: ellie.name, final: true, ksbTotal: 59 });
    await expect(getTrainingPlanVersion(marcus, p.id)).rejects.toBeInstanceOf(NotFound);
    await expect(getTrainingPlanVersion(okafor, 'not-a-uuid')).rejects.toBeInstanceOf(NotFound);
  });

  it('keeps the demo’s confirmed assessments', async () => {
    const [r] = await t.db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(initialAssessments);
    expect(r!.n).toBeGreaterThanOrEqual(11);
  });
});
