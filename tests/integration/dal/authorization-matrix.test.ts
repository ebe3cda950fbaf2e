import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import * as dal from '@/lib/dal';
import { apprenticeships, auditLog, cases, codingAttempts, cohorts, organisations, questions, users, type Role } from '@/db/schema';
import { NotFound } from '@/lib/errors';
import { DEMO_PASSWORD } from '@/db/demo-data';
import type { Viewer } from '@/lib/dal/viewer';
import { createTestDb, type TestDb } from '../helpers/test-db';

/**
 * The authorization matrix: every function of the data access layer, for every role and
 * relationship, allowed or not. Denied means: NotFound (the same answer as a missing record), an
 * access.denied entry in the audit log, and no data changed.
 *
 * Relationships to the target apprenticeship: the apprentice's own or another's; a trainer's
 * assigned or unassigned; an employer's own employee or another employer's; the admin's any.
 * `none`: the function has no target record.
 */
type Rel = 'own' | 'other' | 'assigned' | 'unassigned' | 'same_employer' | 'other_employer' | 'any' | 'none';
type Cells = Partial<Record<`${Role}/${Rel}`, boolean>>;
type Target = { apprenticeshipId: string; apprenticeId: string; attemptId: string } | null;
type Entry = {
  cells: Cells;
  run: (viewer: Viewer, target: Target) => Promise<unknown>;
  // List functions: allowed means the target is in the result, denied that it is not.
  includes?: (result: unknown, target: Target) => boolean;
};

const READ_APPRENTICESHIP: Cells = {
  'apprentice/own': true,
  'apprentice/other': false,
  'trainer/assigned': true,
  'trainer/unassigned': false,
  'employer/same_employer': true,
  'employer/other_employer': false,
  'admin/any': true,
};
const ADMIN_ON_RECORD: Cells = {
  'apprentice/own': false,
  'apprentice/other': false,
  'trainer/assigned': false,
  'trainer/unassigned': false,
  'employer/same_employer': false,
  'employer/other_employer': false,
  'admin/any': true,
};
const ADMIN_ONLY: Cells = { 'apprentice/none': false, 'trainer/none': false, 'employer/none': false, 'admin/none': true };
const READ_ATTEMPT: Cells = { ...READ_APPRENTICESHIP, 'employer/same_employer': false };
const CASES: Cells = { 'apprentice/none': true, 'trainer/none': true, 'employer/none': false, 'admin/none': true };
const APPRENTICE_ONLY: Cells = { 'apprentice/none': true, 'trainer/none': false, 'employer/none': false, 'admin/none': false };
const EVERYONE: Cells = { 'apprentice/none': true, 'trainer/none': true, 'employer/none': true, 'admin/none': true };

let t: TestDb;
let n = 0;
const unique = (prefix: string) => `${prefix} ${Date.now().toString(36)}${++n}`;

const version = async (table: typeof users | typeof organisations | typeof cohorts | typeof apprenticeships, id: string) => {
  const [row] = await t.db.select({ version: table.version }).from(table).where(eq(table.id, id));
  return row!.version;
};

const matrix: Record<keyof typeof dal, Entry> = {
  getStandard: { cells: EVERYONE, run: (v) => dal.getStandard(v) },
  listApprenticeships: {
    cells: READ_APPRENTICESHIP,
    run: (v) => dal.listApprenticeships(v),
    includes: (r, target) => (r as Awaited<ReturnType<typeof dal.listApprenticeships>>).rows.some((row) => row.id === target!.apprenticeshipId),
  },
  getApprenticeship: { cells: READ_APPRENTICESHIP, run: (v, target) => dal.getApprenticeship(v, target!.apprenticeshipId) },
  getOwnApprenticeship: {
    cells: { 'apprentice/own': true, 'trainer/none': false, 'employer/none': false, 'admin/none': false },
    run: (v) => dal.getOwnApprenticeship(v),
  },
  listAssignedTrainers: { cells: ADMIN_ON_RECORD, run: (v, target) => dal.listAssignedTrainers(v, target!.apprenticeshipId) },
  listCohorts: { cells: { 'apprentice/none': false, 'trainer/none': true, 'employer/none': false, 'admin/none': true }, run: (v) => dal.listCohorts(v) },
  listOrganisations: { cells: ADMIN_ONLY, run: (v) => dal.listOrganisations(v) },
  listUsers: { cells: ADMIN_ONLY, run: (v) => dal.listUsers(v) },
  getUser: { cells: ADMIN_ON_RECORD, run: (v, target) => dal.getUser(v, target!.apprenticeId) },
  listTrainers: { cells: ADMIN_ONLY, run: (v) => dal.listTrainers(v) },
  listAuditLog: { cells: ADMIN_ONLY, run: (v) => dal.listAuditLog(v) },
  getAdminOverview: { cells: ADMIN_ONLY, run: (v) => dal.getAdminOverview(v) },
  createOrganisation: { cells: ADMIN_ONLY, run: (v) => dal.createOrganisation(v, { name: unique('Test Trust'), kind: 'employer', odsCode: '' }) },
  updateOrganisation: {
    cells: ADMIN_ON_RECORD,
    run: async (v, target) => {
      const [app] = await t.db.select({ employerId: apprenticeships.employerId }).from(apprenticeships).where(eq(apprenticeships.id, target!.apprenticeshipId));
      const [org] = await t.db.select().from(organisations).where(eq(organisations.id, app!.employerId));
      return dal.updateOrganisation(v, { id: org!.id, version: org!.version, name: org!.name, kind: org!.kind, odsCode: org!.odsCode ?? '' });
    },
  },
  createUser: {
    cells: ADMIN_ONLY,
    run: async (v) => {
      const [provider] = await t.db.select({ id: organisations.id }).from(organisations).where(eq(organisations.kind, 'training_provider'));
      return dal.createUser(v, { name: 'New Trainer', email: `${unique('t').replace(' ', '.')}@example.test`, role: 'trainer', organisationId: provider!.id, temporaryPassword: 'a-temporary-password' });
    },
  },
  updateUser: {
    cells: ADMIN_ON_RECORD,
    run: async (v, target) => {
      const [u] = await t.db.select().from(users).where(eq(users.id, target!.apprenticeId));
      return dal.updateUser(v, { id: u!.id, version: u!.version, name: u!.name, email: u!.email, role: u!.role, organisationId: u!.organisationId ?? '', temporaryPassword: '' });
    },
  },
  setUserActive: {
    cells: ADMIN_ON_RECORD,
    run: async (v, target) => dal.setUserActive(v, { id: target!.apprenticeId, active: true, version: await version(users, target!.apprenticeId) }),
  },
  createCohort: { cells: ADMIN_ONLY, run: (v) => dal.createCohort(v, { name: unique('Cohort'), startDate: '2026-09-01' }) },
  updateCohort: {
    cells: ADMIN_ONLY,
    run: async (v) => {
      const [c] = await t.db.select().from(cohorts).limit(1);
      return dal.updateCohort(v, { id: c!.id, version: c!.version, name: c!.name, startDate: c!.startDate });
    },
  },
  createApprentice: {
    cells: ADMIN_ONLY,
    run: async (v) => {
      const [employer] = await t.db.select({ id: organisations.id }).from(organisations).where(eq(organisations.kind, 'employer'));
      return dal.createApprentice(v, {
        name: 'New Apprentice',
        email: `${unique('a').replace(' ', '.')}@example.test`,
        temporaryPassword: 'a-temporary-password',
        employerId: employer!.id,
        cohortId: '',
        startDate: '2026-09-01',
        plannedEndDate: '2028-03-01',
        weeklyHours: 37.5,
        plannedOtjHours: 300,
        englishStatus: 'required',
        mathsStatus: 'required',
      });
    },
  },
  updateApprenticeship: {
    cells: ADMIN_ON_RECORD,
    run: async (v, target) => {
      const [a] = await t.db.select().from(apprenticeships).where(eq(apprenticeships.id, target!.apprenticeshipId));
      return dal.updateApprenticeship(v, { ...a!, cohortId: a!.cohortId ?? '', plannedOtjHours: a!.plannedOtjHours + 1 });
    },
  },
  // Assign then unassign the same trainer, so relationships are as seeded for every other row.
  assignTrainer: { cells: ADMIN_ON_RECORD, run: async (v, target) => dal.assignTrainer(v, { trainerId: await spareTrainer(target!), apprenticeshipId: target!.apprenticeshipId }) },
  unassignTrainer: {
    cells: ADMIN_ON_RECORD,
    run: async (v, target) => dal.unassignTrainer(v, { trainerId: await spareTrainer(target!), apprenticeshipId: target!.apprenticeshipId }),
  },
  importApprentices: {
    cells: ADMIN_ONLY,
    run: (v) =>
      dal.importApprentices(
        v,
        `name,email,employer,cohort,start date,planned end date,weekly hours\nImported Person,${unique('i').replace(' ', '.')}@example.test,Ashwell Vale Hospitals NHS Trust,,2026-09-01,2028-03-01,37.5\n`,
      ),
  },
  searchCodes: { cells: EVERYONE, run: (v) => dal.searchCodes(v, { q: 'appendicitis' }) },
  browseCodes: { cells: EVERYONE, run: (v) => dal.browseCodes(v, { scheme: 'icd10', category: 'K35' }) },
  listCases: { cells: CASES, run: (v) => dal.listCases(v) },
  getCaseForCoding: { cells: CASES, run: (v) => dal.getCaseForCoding(v, CASE_ID) },
  submitAttempt: {
    cells: { 'apprentice/none': true, 'trainer/none': false, 'employer/none': false, 'admin/none': false },
    run: (v) => dal.submitAttempt(v, { caseId: CASE_ID, diagnoses: ['K35.8'], procedures: ['H01.1'] }),
  },
  getAttempt: { cells: READ_ATTEMPT, run: (v, target) => dal.getAttempt(v, target!.attemptId) },
  listAttempts: {
    cells: READ_ATTEMPT,
    run: (v) => dal.listAttempts(v),
    includes: (r, target) => (r as Awaited<ReturnType<typeof dal.listAttempts>>).some((a) => a.id === target!.attemptId),
  },
  listPracticeQuestions: { cells: APPRENTICE_ONLY, run: (v) => dal.listPracticeQuestions(v) },
  answerQuestion: { cells: APPRENTICE_ONLY, run: (v) => dal.answerQuestion(v, { questionId: QUESTION_ID, answer: [1] }) },
  getQuestionScores: { cells: APPRENTICE_ONLY, run: (v) => dal.getQuestionScores(v) },
  changeOwnPassword: {
    cells: EVERYONE,
    run: (v) => dal.changeOwnPassword(v, { currentPassword: DEMO_PASSWORD, newPassword: 'a-brand-new-password', confirmPassword: 'a-brand-new-password' }),
  },
};

// The trainer the admin assigns and removes: Priya Patel, who is not assigned to the admin's target.
async function spareTrainer(_target: NonNullable<Target>) {
  const [u] = await t.db.select({ id: users.id }).from(users).where(eq(users.email, 'trainer.patel@coderpathway.example'));
  return u!.id;
}

const VIEWER_EMAIL: Record<Role, string> = {
  apprentice: 'sam.whitfield@ashwell.example',
  trainer: 'trainer.patel@coderpathway.example',
  employer: 'coding.manager@ashwell.example',
  admin: 'admin@coderpathway.example',
};
// Sam Whitfield: Ashwell, assigned to Priya Patel. Owen Price: Kingsmere, assigned to Daniel Okafor.
const SAM = 'sam.whitfield@ashwell.example';
const OWEN = 'owen.price@kingsmere.example';
const TARGET_OF: Record<Rel, string | null> = {
  own: SAM,
  assigned: SAM,
  same_employer: SAM,
  other: OWEN,
  unassigned: OWEN,
  other_employer: OWEN,
  any: OWEN,
  none: null,
};

async function target(rel: Rel): Promise<Target> {
  const email = TARGET_OF[rel];
  if (!email) return null;
  const [row] = await t.db
    .select({ apprenticeshipId: apprenticeships.id, apprenticeId: apprenticeships.apprenticeId, attemptId: codingAttempts.id })
    .from(apprenticeships)
    .innerJoin(users, eq(users.id, apprenticeships.apprenticeId))
    .innerJoin(codingAttempts, eq(codingAttempts.apprenticeId, users.id))
    .where(eq(users.email, email))
    .limit(1);
  return row!;
}

// A case of the test's own, and one attempt each by Sam and Owen.
const CASE_ID = 'matrix-appendicitis';
const QUESTION_ID = 'matrix-question';
async function seedAttempts() {
  await t.db.insert(questions).values({
    id: QUESTION_ID,
    topic: 'Test',
    type: 'single',
    stem: 'Which is the primary diagnosis?',
    options: ['A symptom', 'The main condition treated', 'The first condition written'],
    answer: [1],
    explanation: 'The main condition treated in the episode.',
    ksbs: ['K5'],
  });
  await t.db.insert(cases).values({
    id: CASE_ID,
    title: 'Appendicitis',
    specialty: 'general_surgery',
    difficulty: 'foundation',
    ksbs: ['K4'],
    conventions: [],
    notes: { admission: 'Admitted with right iliac fossa pain.' },
    expected: { diagnoses: [{ code: 'K35.8', rationale: 'Primary diagnosis.' }], procedures: [{ code: 'H01.1', rationale: 'Emergency appendicectomy.' }] },
  });
  for (const email of [SAM, OWEN]) {
    const v = await t.viewer(email);
    await dal.submitAttempt(v, { caseId: CASE_ID, diagnoses: ['K35.8'], procedures: ['H01.1'] });
  }
}

/** A fingerprint of every table but the audit log: any write changes it. */
async function fingerprint(): Promise<string> {
  const result = (await t.db.execute(sql`
    select md5(string_agg(x, '|' order by x)) as f from (
      select 'o' || o::text as x from organisations o union all
      select 'u' || u::text from users u union all
      select 'c' || c::text from cohorts c union all
      select 'a' || a::text from apprenticeships a union all
      select 't' || (ta.trainer_id, ta.apprenticeship_id)::text from trainer_assignments ta union all
      select 'x' || x.id::text from coding_attempts x union all
      select 'q' || qa.id::text from question_answers qa
    ) s`)) as unknown as { rows?: { f: string }[] } | { f: string }[];
  const rows = Array.isArray(result) ? result : result.rows!;
  return rows[0]!.f;
}

async function deniedCount(viewer: Viewer) {
  const [row] = await t.db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(auditLog)
    .where(and(eq(auditLog.action, 'access.denied'), eq(auditLog.actorId, viewer.userId)));
  return row!.n;
}

beforeAll(async () => {
  t = await createTestDb();
  await seedAttempts();
});
afterAll(() => t.close());

const cells = Object.entries(matrix).flatMap(([fn, entry]) =>
  Object.entries(entry.cells).map(([key, allowed]) => {
    const [role, rel] = key.split('/') as [Role, Rel];
    return { fn: fn as keyof typeof dal, role, rel, allowed: allowed! };
  }),
);

describe('authorization matrix', () => {
  it('lists every function of the data access layer, and nothing else', () => {
    const exported = Object.keys(dal).filter((k) => typeof (dal as Record<string, unknown>)[k] === 'function');
    expect(Object.keys(matrix).sort()).toEqual(exported.sort());
  });

  it('covers every role for every function', () => {
    for (const [fn, entry] of Object.entries(matrix)) {
      const roles = new Set(Object.keys(entry.cells).map((k) => k.split('/')[0]));
      expect([fn, [...roles].sort()]).toEqual([fn, ['admin', 'apprentice', 'employer', 'trainer']]);
    }
    console.log(`authorization matrix: ${cells.length} cells over ${Object.keys(matrix).length} functions`);
  });

  for (const { fn, role, rel, allowed } of cells)
    it(`${fn}: ${role} (${rel}) is ${allowed ? 'allowed' : 'refused with a 404'}`, async () => {
    const entry = matrix[fn];
    const viewer = await t.viewer(VIEWER_EMAIL[role]);
    const tgt = await target(rel);
    const before = await fingerprint();
    const deniedBefore = await deniedCount(viewer);

    if (entry.includes) {
      // A list shows the target or not; a role with no access at all gets the 404.
      const result = await entry.run(viewer, tgt).catch((e) => (e instanceof NotFound && !allowed ? null : Promise.reject(e)));
      expect(result !== null && entry.includes(result, tgt)).toBe(allowed);
      return;
    }
    if (allowed) {
      await entry.run(viewer, tgt); // throws, failing the cell, if refused
      return;
    }
    await expect(entry.run(viewer, tgt)).rejects.toBeInstanceOf(NotFound);
    expect(await deniedCount(viewer)).toBeGreaterThan(deniedBefore);
    expect(await fingerprint()).toBe(before);
    });
});
