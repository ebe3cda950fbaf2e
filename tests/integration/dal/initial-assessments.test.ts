import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { confirmInitialAssessment, getOwnApprenticeship, getProgressPicture, initialAssessmentFor, listTasks, saveInitialAssessment } from '@/lib/dal';
import { auditLog, initialAssessments } from '@/db/schema';
import { ST0535_KSB_CODES } from '@/lib/content/standard';
import { DEFAULT_FUNDING_SETTINGS as S } from '@/lib/funding/settings';
import { Conflict, FieldError, NotFound } from '@/lib/errors';
import type { Viewer } from '@/lib/dal/viewer';
import { createTestDb, type TestDb } from '../helpers/test-db';

let t: TestDb;
let ryan: Viewer; // new starter, no assessment, trainer Okafor
let sam: Viewer; // confirmed in the demo, trainer Patel
let aisha: Viewer; // confirmed with RPL in the demo
let okafor: Viewer;
let patel: Viewer;
let helen: Viewer; // employer contact at Ashwell (Ryan's employer)
let marcus: Viewer; // employer contact at Kingsmere
let admin: Viewer;
let ryanId: string;

const all = (r: 'none' | 'some' | 'confident') => Object.fromEntries(ST0535_KSB_CODES.map((c) => [c, r]));

beforeAll(async () => {
  t = await createTestDb();
  ryan = await t.viewer('ryan.doyle@ashwell.example');
  sam = await t.viewer('sam.whitfield@ashwell.example');
  aisha = await t.viewer('aisha.rahman@ashwell.example');
  okafor = await t.viewer('trainer.okafor@coderpathway.example');
  patel = await t.viewer('trainer.patel@coderpathway.example');
  helen = await t.viewer('coding.manager@ashwell.example');
  marcus = await t.viewer('coding.manager@kingsmere.example');
  admin = await t.viewer('admin@coderpathway.example');
  ryanId = (await getOwnApprenticeship(ryan))!.id;
}, 120_000);
afterAll(async () => {
  await t.close();
});

describe('initial assessment', () => {
  it('the demo leaves Ryan without one (his task asks for it) and Aisha confirmed with RPL on the NHS items', async () => {
    const mine = await initialAssessmentFor(ryan, ryanId);
    expect(mine).toMatchObject({ state: 'not_started', assessment: null, canEdit: true, canConfirm: false });
    const tasks = await listTasks(ryan);
    expect(tasks.tasks.find((x) => x.kind === 'initial_assessment')).toMatchObject({ title: 'Complete your initial assessment', href: '/apprentice/initial-assessment' });
    const aishaOwn = (await getOwnApprenticeship(aisha))!;
    const hers = await initialAssessmentFor(patel, aishaOwn.id);
    expect(hers.state).toBe('confirmed');
    expect(hers.assessment).toMatchObject({ rplHours: 20, rplMonths: 1 });
    expect(hers.assessment!.rplKsbs).toEqual(expect.arrayContaining(['K3', 'K13', 'K14']));
    expect(hers.preview.otj.hours).toBe(S.standardOtjHours - 20);
    expect(hers.preview.duration.months).toBe(S.standardDurationMonths - 1);
  });

  it('saves a draft, refuses a stale form, then submits with all 59 rated; read-only after', async () => {
    const draft = await saveInitialAssessment(ryan, { apprenticeshipId: ryanId, rowVersion: 0, intent: 'draft', ratings: { K1: 'some', S1: 'none' }, priorLearning: 'GCSEs.', experience: '' });
    expect(draft).toMatchObject({ rowVersion: 1, submitted: false });
    await expect(saveInitialAssessment(ryan, { apprenticeshipId: ryanId, rowVersion: 0, intent: 'draft', ratings: {}, priorLearning: '', experience: '' })).rejects.toBeInstanceOf(Conflict);
    await expect(saveInitialAssessment(ryan, { apprenticeshipId: ryanId, rowVersion: 1, intent: 'submit', ratings: { K1: 'some' }, priorLearning: '', experience: '' })).rejects.toBeInstanceOf(FieldError);
    const ratings = { ...all('none'), K1: 'some', K8: 'confident', B1: 'confident', S3: 'confident' } as const;
    const sent = await saveInitialAssessment(ryan, { apprenticeshipId: ryanId, rowVersion: 1, intent: 'submit', ratings, priorLearning: 'GCSEs including English and maths.', experience: 'Six months filing case notes.' });
    expect(sent).toMatchObject({ rowVersion: 2, submitted: true });
    const [row] = await t.db.select().from(initialAssessments).where(eq(initialAssessments.apprenticeshipId, ryanId));
    expect(row!.submittedAt).not.toBeNull();
    expect(Object.keys(row!.selfRatings)).toHaveLength(59);
    const audits = await t.db.select({ action: auditLog.action }).from(auditLog).where(and(eq(auditLog.entityType, 'initial_assessment'), eq(auditLog.entityId, row!.id)));
    expect(audits.map((a) => a.action).sort()).toEqual(['initial_assessment.save', 'initial_assessment.submit']);
    await expect(saveInitialAssessment(ryan, { apprenticeshipId: ryanId, rowVersion: 2, intent: 'draft', ratings: {}, priorLearning: '', experience: '' })).rejects.toBeInstanceOf(Conflict);
    expect(await initialAssessmentFor(ryan, ryanId)).toMatchObject({ state: 'submitted', canEdit: false });
    expect((await listTasks(ryan)).tasks.some((x) => x.kind === 'initial_assessment')).toBe(false);
    const trainerTask = (await listTasks(okafor)).tasks.find((x) => x.kind === 'initial_assessment_to_confirm');
    expect(trainerTask).toMatchObject({ who: 'Ryan Doyle', href: `/apprenticeships/${ryanId}/initial-assessment` });
  });

  it('another apprentice’s, another employer’s or an unassigned trainer’s request is a 404; the employer reads only', async () => {
    await expect(initialAssessmentFor(sam, ryanId)).rejects.toBeInstanceOf(NotFound);
    await expect(initialAssessmentFor(marcus, ryanId)).rejects.toBeInstanceOf(NotFound);
    await expect(initialAssessmentFor(patel, ryanId)).rejects.toBeInstanceOf(NotFound);
    await expect(saveInitialAssessment(sam, { apprenticeshipId: ryanId, rowVersion: 2, intent: 'draft', ratings: {}, priorLearning: '', experience: '' })).rejects.toBeInstanceOf(NotFound);
    const forEmployer = await initialAssessmentFor(helen, ryanId);
    expect(forEmployer).toMatchObject({ state: 'submitted', canEdit: false, canConfirm: false });
    await expect(confirmInitialAssessment(helen, { apprenticeshipId: ryanId, rowVersion: 2, ratings: all('some'), trainerNotes: '', rplKsbs: [], rplReason: '', rplHours: 0, rplMonths: 0 })).rejects.toBeInstanceOf(NotFound);
    await expect(confirmInitialAssessment(patel, { apprenticeshipId: ryanId, rowVersion: 2, ratings: all('some'), trainerNotes: '', rplKsbs: [], rplReason: '', rplHours: 0, rplMonths: 0 })).rejects.toBeInstanceOf(NotFound);
    expect((await initialAssessmentFor(admin, ryanId)).canConfirm).toBe(false);
  });

  it('the trainer confirms with an adjustment and RPL; a stale form is a Conflict and changes nothing', async () => {
    const before = await initialAssessmentFor(okafor, ryanId);
    expect(before.canConfirm).toBe(true);
    const ratings = { ...before.assessment!.selfRatings, S3: 'some' as const };
    await expect(
      confirmInitialAssessment(okafor, { apprenticeshipId: ryanId, rowVersion: 1, ratings, trainerNotes: '', rplKsbs: [], rplReason: '', rplHours: 0, rplMonths: 0 }),
    ).rejects.toBeInstanceOf(Conflict);
    const done = await confirmInitialAssessment(okafor, {
      apprenticeshipId: ryanId,
      rowVersion: before.assessment!.rowVersion,
      ratings,
      trainerNotes: 'S3 is some: he has seen coding done, not done it.',
      rplKsbs: ['K14', 'K13'],
      rplReason: 'Trust information governance training (certificate seen).',
      rplHours: 10,
      rplMonths: 0,
    });
    expect(done.rowVersion).toBe(before.assessment!.rowVersion + 1);
    const after = await initialAssessmentFor(helen, ryanId);
    expect(after.state).toBe('confirmed');
    expect(after.assessment).toMatchObject({ rplKsbs: ['K13', 'K14'], rplHours: 10, rplMonths: 0, confirmedByName: 'Daniel Okafor' });
    expect(after.assessment!.confirmedRatings!.S3).toBe('some');
    expect(after.preview.otj.hours).toBe(S.standardOtjHours - 10);
    const [audit] = await t.db.select({ after: auditLog.after }).from(auditLog).where(and(eq(auditLog.action, 'initial_assessment.confirm'), eq(auditLog.entityId, after.assessment!.id)));
    expect(audit!.after).toMatchObject({ adjusted: ['S3'], rplKsbs: ['K13', 'K14'], rplHours: 10 });
    await expect(confirmInitialAssessment(okafor, { apprenticeshipId: ryanId, rowVersion: done.rowVersion, ratings, trainerNotes: '', rplKsbs: [], rplReason: '', rplHours: 0, rplMonths: 0 })).rejects.toBeInstanceOf(Conflict);
    expect((await initialAssessmentFor(okafor, ryanId)).assessment!.rplHours).toBe(10);
    expect((await listTasks(okafor)).tasks.some((x) => x.key === `initial_assessment_to_confirm:${ryanId}`)).toBe(false);
  });

  it('the confirmed result is each KSB’s starting point on the map', async () => {
    const p = await getProgressPicture(ryan, ryanId);
    expect(p.initialAssessmentConfirmedAt).not.toBeNull();
    expect(p.ksbMap.find((k) => k.code === 'K13')!.start).toEqual({ rating: 'none', rpl: true });
    expect(p.ksbMap.find((k) => k.code === 'S3')!.start).toEqual({ rating: 'some', rpl: false });
    expect(p.ksbMap.find((k) => k.code === 'K8')!.start).toEqual({ rating: 'confident', rpl: false });
  });
});
