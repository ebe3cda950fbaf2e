import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import * as dal from '@/lib/dal';
import {
  apprenticeships,
  assessmentAttempts,
  assessmentBlueprints,
  assessmentInvitations,
  assessmentMarks,
  assessmentSittings,
  auditLog,
  cases,
  classificationEditions,
  codingAttempts,
  cohorts,
  conversationMessages,
  evidence,
  evidenceFiles,
  gatewayConfirmations,
  gatewayPackLinks,
  gatewayPacks,
  initialAssessments,
  learningBreaks,
  notifications,
  organisations,
  otjEntries,
  portfolioExports,
  practiceTime,
  progressReviews,
  queryAttempts,
  questions,
  signInFailures,
  trainerAssignments,
  trainingPlans,
  users,
  witnessStatements,
  writtenItems,
  type Role,
} from '@/db/schema';
import { NotFound, PasswordChangeRequired } from '@/lib/errors';
import { ST0535_KSB_CODES } from '@/lib/content/standard';
import { shiftDate, ukToday } from '@/lib/forms/fields';
import { accountKeyOf } from '@/lib/auth/authenticate';
import { DEFAULT_MARKING_RULES } from '@/lib/coding/mark';
import { DEMO_PASSWORD } from '@/db/demo-data';
import type { Viewer } from '@/lib/dal/viewer';
import type { Blueprint } from '@/lib/content/assessment';
import { getFileStorage, setFileStorageForTests } from '@/lib/files/storage';
import { jobQueue } from '@/lib/dal/jobs';
import { createTestDb, rowsOf, type TestDb } from '../helpers/test-db';
import { createTestStorage, type TestStorage } from '../helpers/test-storage';
import { makePdf, makePng } from '../../fixtures/files';

/**
 * The authorization matrix: every function of the data access layer, for every role and each
 * relationship that applies, allowed or not. Each cell runs against the seeded demo data.
 *
 *   allowed  – the call succeeds, writes no access.denied entry; a read changes no data, a write does.
 *   denied   – NotFound (the same answer as a missing record), one access.denied entry for the
 *              viewer, and no data changed.
 *   list functions: allowed means the target row is in the result, denied that it is absent.
 *
 * Relationships to the target apprenticeship: the apprentice's own or another's; a trainer's
 * assigned or unassigned; an employer's own employee or another employer's; the admin's any.
 * The same relationships hold for the apprentice's coding attempts, and for their mock assessment
 * attempts and the sittings they are invited to.
 * `none`: the function has no target record.
 */
type Rel = 'own' | 'other' | 'assigned' | 'unassigned' | 'same_employer' | 'other_employer' | 'any' | 'none';
type Cells = Partial<Record<`${Role}/${Rel}`, boolean>>;
type Target = {
  apprenticeshipId: string;
  apprenticeId: string;
  attemptId: string;
  evidenceId: string;
  submitEvidenceId: string;
  markEvidenceId: string;
  acceptedEvidenceId: string;
  fileId: string;
  /** Mock assessments: a paper in progress, two submitted papers with a written answer unmarked (one to read, one to mark), and a sitting inviting the apprentice alone. */
  paperAttemptId: string;
  resultAttemptId: string;
  markAttemptId: string;
  sittingId: string;
  /** Audit practice: the apprentice's audit of AUDIT_EPISODE. */
  auditAttemptId: string;
} | null;
type Entry = {
  kind: 'read' | 'write' | 'list';
  cells: Cells;
  /** Puts the data in the state the call needs (before the data is fingerprinted). */
  prepare?: (target: Target) => Promise<void>;
  run: (viewer: Viewer, target: Target) => Promise<unknown>;
  /** Allowed reads: is this the record asked for? */
  check?: (result: unknown, target: Target, viewer: Viewer) => boolean;
  /** List functions: is the target in the result? */
  includes?: (result: unknown, target: Target) => boolean;
};

// Each role's relationships to a record; a function with no target record uses `none` for every role.
const RELATIONSHIPS: Record<Role, [Rel, Rel] | [Rel]> = {
  apprentice: ['own', 'other'],
  trainer: ['assigned', 'unassigned'],
  employer: ['same_employer', 'other_employer'],
  admin: ['any'],
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
const OWN_EVIDENCE: Cells = {
  'apprentice/own': true,
  'apprentice/other': false,
  'trainer/assigned': false,
  'trainer/unassigned': false,
  'employer/same_employer': false,
  'employer/other_employer': false,
  'admin/any': false,
};
// An employer contact reads files only of pieces they were asked to witness; the seeded data asks none.
const READ_FILES: Cells = { ...READ_APPRENTICESHIP, 'employer/same_employer': false };
// issue 20: gateway pack (policy 'gatewayPack.*'): the assigned trainer and an admin.
const GATEWAY_PACK: Cells = { ...ADMIN_ON_RECORD, 'trainer/assigned': true };
const MARK_EVIDENCE: Cells = { ...ADMIN_ON_RECORD, 'trainer/assigned': true, 'admin/any': false };
const TRAINER_ONLY: Cells = { 'apprentice/none': false, 'trainer/none': true, 'employer/none': false, 'admin/none': false };
const REVIEW_OTJ: Cells = { ...OWN_EVIDENCE, 'apprentice/own': false, 'trainer/assigned': true };
const APPRENTICE_ONLY: Cells = { 'apprentice/none': true, 'trainer/none': false, 'employer/none': false, 'admin/none': false };
const EVERYONE: Cells = { 'apprentice/none': true, 'trainer/none': true, 'employer/none': true, 'admin/none': true };
// Witness requests: only the employer contact they are addressed to (a contact of the apprentice's employer).
const WITNESS_ADDRESSEE: Cells = {
  'apprentice/own': false,
  'apprentice/other': false,
  'trainer/assigned': false,
  'trainer/unassigned': false,
  'employer/same_employer': true,
  'employer/other_employer': false,
  'admin/any': false,
};

// Progress reviews are signed by the apprentice (their own) and a contact of their employer.
const SIGNER: Cells = { ...WITNESS_ADDRESSEE, 'apprentice/own': true };

// Mock assessments (policy 'assessment.*', 'adjustments.manage'). Blueprints: read by all but an employer
// contact, changed by a trainer or an admin. A paper is sat by its apprentice alone; an attempt is read by
// its apprentice, their trainer and an admin, never an employer contact; written answers are marked by the
// apprentice's own trainer only; sittings are scheduled and extra time recorded by their trainer or an admin.
const BLUEPRINT_READ: Cells = CASES;
const TRAINER_OR_ADMIN: Cells = { 'apprentice/none': false, 'trainer/none': true, 'employer/none': false, 'admin/none': true };
const SIT: Cells = OWN_EVIDENCE;
const READ_ASSESSMENT: Cells = READ_ATTEMPT;
const MARK_WRITTEN: Cells = MARK_EVIDENCE;
const SCHEDULE: Cells = { ...MARK_EVIDENCE, 'admin/any': true };

let t: TestDb;
let n = 0;
const unique = (prefix: string) => `${prefix}${Date.now().toString(36)}${++n}`;
const row = <T>(r: unknown) => r as T;

// Sam Whitfield: Ashwell, assigned to Priya Patel. Owen Price: Kingsmere, assigned to Daniel Okafor.
const SAM = 'sam.whitfield@ashwell.example';
const OWEN = 'owen.price@kingsmere.example';
const MATRIX_PRACTICE_DAY = '2026-01-05';
/** Sam's practice on MATRIX_PRACTICE_DAY waiting to be logged: a new row whenever the last one was logged. */
async function matrixPracticeTime() {
  const [sam] = await t.db.select({ id: users.id }).from(users).where(eq(users.email, SAM));
  const waiting = await t.db
    .select({ id: practiceTime.id })
    .from(practiceTime)
    .where(and(eq(practiceTime.apprenticeId, sam!.id), eq(practiceTime.activityDate, MATRIX_PRACTICE_DAY), isNull(practiceTime.otjEntryId)));
  if (!waiting.length)
    await t.db.insert(practiceTime).values({ apprenticeId: sam!.id, kind: 'coding', refId: `matrix-${crypto.randomUUID()}`, activityDate: MATRIX_PRACTICE_DAY, activeSeconds: 30 * 60, ksbs: ['S5'] });
}

const VIEWER_EMAIL: Record<Role, string> = {
  apprentice: SAM,
  trainer: 'trainer.patel@coderpathway.example',
  employer: 'coding.manager@ashwell.example',
  admin: 'admin@coderpathway.example',
};
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
// A trainer who is nobody's viewer: assigning or removing them leaves every relationship as seeded.
const SPARE_TRAINER = 'matrix.spare.trainer@coderpathway.example';
const spareTrainerId = async () => (await t.viewer(SPARE_TRAINER)).userId;

const matrix: Record<keyof typeof dal, Entry> = {
  getStandard: { kind: 'read', cells: EVERYONE, run: (v) => dal.getStandard(v), check: (r) => row<{ reference: string }>(r).reference === 'ST0535' },
  listApprenticeships: {
    kind: 'list',
    cells: READ_APPRENTICESHIP,
    run: (v) => dal.listApprenticeships(v),
    includes: (r, target) => row<Awaited<ReturnType<typeof dal.listApprenticeships>>>(r).rows.some((a) => a.id === target!.apprenticeshipId),
  },
  getApprenticeship: {
    kind: 'read',
    cells: READ_APPRENTICESHIP,
    run: (v, target) => dal.getApprenticeship(v, target!.apprenticeshipId),
    check: (r, target) => row<{ id: string }>(r).id === target!.apprenticeshipId,
  },
  getOwnApprenticeship: {
    kind: 'read',
    cells: { 'apprentice/none': true, 'trainer/none': false, 'employer/none': false, 'admin/none': false },
    run: (v) => dal.getOwnApprenticeship(v),
    check: (r, _target, viewer) => row<{ apprenticeId: string } | null>(r)?.apprenticeId === viewer.userId,
  },
  listAssignedTrainers: {
    kind: 'read',
    cells: ADMIN_ON_RECORD,
    run: (v, target) => dal.listAssignedTrainers(v, target!.apprenticeshipId),
    check: (r) => row<{ email: string }[]>(r).some((tr) => tr.email === 'trainer.okafor@coderpathway.example'),
  },
  listCohorts: { kind: 'read', cells: { 'apprentice/none': false, 'trainer/none': true, 'employer/none': false, 'admin/none': true }, run: (v) => dal.listCohorts(v) },
  listOrganisations: { kind: 'read', cells: ADMIN_ONLY, run: (v) => dal.listOrganisations(v) },
  listUsers: { kind: 'read', cells: ADMIN_ONLY, run: (v) => dal.listUsers(v) },
  getUser: {
    kind: 'read',
    cells: ADMIN_ON_RECORD,
    run: (v, target) => dal.getUser(v, target!.apprenticeId),
    check: (r, target) => row<{ id: string }>(r).id === target!.apprenticeId,
  },
  listTrainers: { kind: 'read', cells: ADMIN_ONLY, run: (v) => dal.listTrainers(v) },
  listAuditLog: { kind: 'read', cells: ADMIN_ONLY, run: (v) => dal.listAuditLog(v) },
  getAdminOverview: { kind: 'read', cells: ADMIN_ONLY, run: (v) => dal.getAdminOverview(v) },
  createOrganisation: { kind: 'write', cells: ADMIN_ONLY, run: (v) => dal.createOrganisation(v, { name: unique('Test Trust '), kind: 'employer', odsCode: '' }) },
  updateOrganisation: {
    kind: 'write',
    cells: ADMIN_ON_RECORD,
    // The target apprentice's employer, saved unchanged (the version still moves on).
    run: async (v, target) => {
      const [org] = await t.db
        .select({ id: organisations.id, version: organisations.version, name: organisations.name, kind: organisations.kind, odsCode: organisations.odsCode })
        .from(organisations)
        .innerJoin(apprenticeships, eq(apprenticeships.employerId, organisations.id))
        .where(eq(apprenticeships.id, target!.apprenticeshipId));
      return dal.updateOrganisation(v, { ...org!, odsCode: org!.odsCode ?? '' });
    },
  },
  createUser: {
    kind: 'write',
    cells: ADMIN_ONLY,
    run: async (v) => {
      const [provider] = await t.db.select({ id: organisations.id }).from(organisations).where(eq(organisations.kind, 'training_provider'));
      return dal.createUser(v, { name: 'New Trainer', email: `${unique('trainer.')}@example.test`, role: 'trainer', organisationId: provider!.id, temporaryPassword: 'a-temporary-password' });
    },
  },
  updateUser: {
    kind: 'write',
    cells: ADMIN_ON_RECORD,
    run: async (v, target) => {
      const [u] = await t.db.select().from(users).where(eq(users.id, target!.apprenticeId));
      return dal.updateUser(v, { id: u!.id, version: u!.version, name: u!.name, email: u!.email, role: u!.role, organisationId: u!.organisationId ?? '', temporaryPassword: '' });
    },
  },
  setUserActive: {
    kind: 'write',
    cells: ADMIN_ON_RECORD,
    run: async (v, target) => {
      const [u] = await t.db.select({ version: users.version }).from(users).where(eq(users.id, target!.apprenticeId));
      return dal.setUserActive(v, { id: target!.apprenticeId, active: true, version: u!.version });
    },
  },
  unlockUser: {
    kind: 'write',
    cells: ADMIN_ON_RECORD,
    // A failed sign-in on the target's email, for the unlock to forget.
    prepare: async (target) => {
      const [u] = await t.db.select({ email: users.email }).from(users).where(eq(users.id, target!.apprenticeId));
      await t.db.insert(signInFailures).values({ accountKey: accountKeyOf(u!.email), address: '192.0.2.1' });
    },
    run: (v, target) => dal.unlockUser(v, { id: target!.apprenticeId }),
  },
  createCohort: { kind: 'write', cells: ADMIN_ONLY, run: (v) => dal.createCohort(v, { name: unique('Cohort '), startDate: '2026-09-01' }) },
  updateCohort: {
    kind: 'write',
    cells: ADMIN_ONLY,
    run: async (v) => {
      const [c] = await t.db.select().from(cohorts).where(eq(cohorts.name, 'September 2025'));
      return dal.updateCohort(v, { id: c!.id, version: c!.version, name: c!.name, startDate: c!.startDate });
    },
  },
  createApprentice: {
    kind: 'write',
    cells: ADMIN_ONLY,
    run: async (v) => {
      const [employer] = await t.db.select({ id: organisations.id }).from(organisations).where(eq(organisations.kind, 'employer'));
      return dal.createApprentice(v, {
        name: 'New Apprentice',
        email: `${unique('apprentice.')}@example.test`,
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
    kind: 'write',
    cells: ADMIN_ON_RECORD,
    run: async (v, target) => {
      const [a] = await t.db.select().from(apprenticeships).where(eq(apprenticeships.id, target!.apprenticeshipId));
      return dal.updateApprenticeship(v, { ...a!, cohortId: a!.cohortId ?? '', plannedOtjHours: a!.plannedOtjHours + 1 });
    },
  },
  assignTrainer: {
    kind: 'write',
    cells: ADMIN_ON_RECORD,
    prepare: async (target) => {
      await t.db.delete(trainerAssignments).where(and(eq(trainerAssignments.trainerId, await spareTrainerId()), eq(trainerAssignments.apprenticeshipId, target!.apprenticeshipId)));
    },
    run: async (v, target) => dal.assignTrainer(v, { trainerId: await spareTrainerId(), apprenticeshipId: target!.apprenticeshipId }),
  },
  unassignTrainer: {
    kind: 'write',
    cells: ADMIN_ON_RECORD,
    prepare: async (target) => {
      await t.db.insert(trainerAssignments).values({ trainerId: await spareTrainerId(), apprenticeshipId: target!.apprenticeshipId }).onConflictDoNothing();
    },
    run: async (v, target) => dal.unassignTrainer(v, { trainerId: await spareTrainerId(), apprenticeshipId: target!.apprenticeshipId }),
  },
  importApprentices: {
    kind: 'write',
    cells: ADMIN_ONLY,
    run: (v) =>
      dal.importApprentices(
        v,
        `name,email,employer,cohort,start date,planned end date,weekly hours\nImported Person,${unique('imported.')}@example.test,Ashwell Vale Hospitals NHS Trust,,2026-09-01,2028-03-01,37.5\n`,
      ),
    check: (r) => row<Awaited<ReturnType<typeof dal.importApprentices>>>(r).ok,
  },
  searchCodes: { kind: 'read', cells: EVERYONE, run: (v) => dal.searchCodes(v, { q: 'appendicitis' }), check: (r) => row<unknown[]>(r).length > 0 },
  browseCodes: {
    kind: 'read',
    cells: EVERYONE,
    run: (v) => dal.browseCodes(v, { scheme: 'icd10', category: 'K35' }),
    check: (r) => row<{ code: string }[]>(r).some((c) => c.code === 'K35.8'),
  },
  getActiveEditions: {
    kind: 'read',
    cells: EVERYONE,
    run: (v) => dal.getActiveEditions(v),
    check: (r) => row<{ name: string }[]>(r).map((e) => e.name).join() === 'ICD-10 5th Edition,OPCS-4.11',
  },
  // Classification editions (issue 15): an administrator's alone. The writes are harmless: an import adds
  // an inactive edition under a name of its own, and activating the edition already active changes nothing.
  listEditions: {
    kind: 'read',
    cells: ADMIN_ONLY,
    run: (v) => dal.listEditions(v),
    check: (r) => row<{ name: string; active: boolean }[]>(r).filter((e) => e.active).length === 2,
  },
  importEdition: {
    kind: 'write',
    cells: ADMIN_ONLY,
    run: (v) => dal.importEdition(v, { name: unique('Matrix OPCS-4 '), bytes: new Uint8Array(fs.readFileSync(path.resolve('tests/fixtures/classifications/opcs4-codes-and-titles.txt'))) }),
    check: (r) => row<{ scheme: string; codes: number }>(r).scheme === 'opcs4' && row<{ codes: number }>(r).codes === 31,
  },
  editionReport: {
    kind: 'read',
    cells: ADMIN_ONLY,
    run: async (v) => dal.editionReport(v, await activeEditionId('icd10')),
    check: (r) => row<{ edition: { active: boolean }; effects: unknown[] }>(r).edition.active && row<{ effects: unknown[] }>(r).effects.length === 0,
  },
  // The edition already active: allowed, and a no-op, so the cell checks that nothing was written.
  activateEdition: {
    kind: 'read',
    cells: ADMIN_ONLY,
    run: async (v) => dal.activateEdition(v, await activeEditionId('opcs4'), 0),
    check: (r) => row<{ edition: { name: string; active: boolean } }>(r).edition.name === 'OPCS-4.11',
  },
  countAttemptsToRemark: {
    kind: 'read',
    cells: ADMIN_ONLY,
    prepare: insertStaleAttempt,
    run: (v) => dal.countAttemptsToRemark(v),
    check: (r) => row<{ attempts: number }>(r).attempts > 0,
  },
  remarkAttempts: {
    kind: 'write',
    cells: ADMIN_ONLY,
    // An attempt marked under the lists used before editions, so there is something to re-mark.
    prepare: insertStaleAttempt,
    run: (v) => dal.remarkAttempts(v),
    check: (r) => row<{ remarked: number }>(r).remarked > 0,
  },
  getMarkingRulesForAdmin: {
    kind: 'read',
    cells: ADMIN_ONLY,
    run: (v) => dal.getMarkingRulesForAdmin(v),
    check: (r) => JSON.stringify(row<{ rules: unknown }>(r).rules) === JSON.stringify(DEFAULT_MARKING_RULES),
  },
  updateMarkingRules: {
    kind: 'write',
    cells: ADMIN_ONLY,
    // The defaults, saved: no stored mark becomes out of date.
    run: (v) => dal.updateMarkingRules(v, DEFAULT_MARKING_RULES),
  },
  listCases: { kind: 'read', cells: CASES, run: (v) => dal.listCases(v), check: (r) => row<{ id: string }[]>(r).some((c) => c.id === CASE_ID) },
  getCaseForCoding: { kind: 'read', cells: CASES, run: (v) => dal.getCaseForCoding(v, CASE_ID), check: (r) => row<{ id: string }>(r).id === CASE_ID },
  submitAttempt: {
    kind: 'write',
    cells: { 'apprentice/none': true, 'trainer/none': false, 'employer/none': false, 'admin/none': false },
    run: (v) => dal.submitAttempt(v, { caseId: CASE_ID, diagnoses: ['K35.8'], procedures: ['H01.1'] }),
  },
  getAttempt: {
    kind: 'read',
    cells: READ_ATTEMPT,
    run: (v, target) => dal.getAttempt(v, target!.attemptId),
    check: (r, target) => row<{ id: string }>(r).id === target!.attemptId,
  },
  listAttempts: {
    kind: 'list',
    cells: READ_ATTEMPT,
    run: (v) => dal.listAttempts(v),
    includes: (r, target) => row<Awaited<ReturnType<typeof dal.listAttempts>>>(r).some((a) => a.id === target!.attemptId),
  },
  listAttemptPage: {
    kind: 'list',
    cells: READ_ATTEMPT,
    run: (v, target) => dal.listAttemptPage(v, { apprenticeId: target!.apprenticeId }),
    includes: (r, target) => row<Awaited<ReturnType<typeof dal.listAttemptPage>>>(r).rows.some((a) => a.id === target!.attemptId),
  },
  listPracticeQuestions: { kind: 'read', cells: APPRENTICE_ONLY, run: (v) => dal.listPracticeQuestions(v), check: (r) => row<unknown[]>(r).length > 0 },
  answerQuestion: {
    kind: 'write',
    cells: APPRENTICE_ONLY,
    run: (v) => dal.answerQuestion(v, { questionId: QUESTION_ID, answer: [1] }),
    check: (r) => row<{ correct: boolean }>(r).correct,
  },
  getQuestionScores: { kind: 'read', cells: APPRENTICE_ONLY, run: (v) => dal.getQuestionScores(v) },
  getDrillsDue: { kind: 'read', cells: APPRENTICE_ONLY, run: (v) => dal.getDrillsDue(v), check: (r) => row<{ week: unknown[] }>(r).week.length === 7 },
  getWeakestConventions: {
    kind: 'read',
    cells: READ_APPRENTICESHIP,
    run: (v, target) => dal.getWeakestConventions(v, target!.apprenticeshipId),
    check: (r) => Array.isArray(row<{ weakest: unknown[] }>(r).weakest),
  },
  listEvidence: {
    kind: 'list',
    cells: READ_APPRENTICESHIP,
    run: (v) => dal.listEvidence(v),
    includes: (r, target) => row<{ id: string }[]>(r).some((e) => e.id === target!.evidenceId),
  },
  getEvidence: { kind: 'read', cells: READ_APPRENTICESHIP, run: (v, target) => dal.getEvidence(v, target!.evidenceId), check: (r, target) => row<{ id: string }>(r).id === target!.evidenceId },
  createEvidence: {
    kind: 'write',
    cells: APPRENTICE_ONLY,
    run: (v) => dal.createEvidence(v, { title: 'Coding audit reflection', type: 'reflective_account', activityDate: '2026-10-01', account: 'What I learnt.', ksbs: ['S13'] }),
  },
  updateEvidence: {
    kind: 'write',
    cells: OWN_EVIDENCE,
    run: async (v, target) => {
      const [e] = await t.db.select().from(evidence).where(eq(evidence.id, target!.evidenceId));
      return dal.updateEvidence(v, { id: e!.id, rowVersion: e!.rowVersion, title: e!.title, type: e!.type, activityDate: e!.activityDate, account: `${e!.account} Edited.`, ksbs: ["K4"] });
    },
  },
  submitEvidence: {
    kind: 'write',
    cells: OWN_EVIDENCE,
    run: async (v, target) => {
      const [e] = await t.db.select().from(evidence).where(eq(evidence.id, target!.submitEvidenceId));
      return dal.submitEvidence(v, { id: e!.id, rowVersion: e!.rowVersion });
    },
  },
  listEvidenceFiles: {
    kind: 'read',
    cells: READ_FILES,
    run: (v, target) => dal.listEvidenceFiles(v, target!.evidenceId),
    check: (r, target) => row<{ id: string }[]>(r).some((f) => f.id === target!.fileId),
  },
  openEvidenceFile: {
    kind: 'read',
    cells: READ_FILES,
    run: async (v, target) => {
      const file = await dal.openEvidenceFile(v, target!.fileId);
      await file.stream.cancel();
      return file;
    },
    check: (r, target) => row<{ id: string; fileName: string }>(r).id === target!.fileId && row<{ fileName: string }>(r).fileName === 'matrix.pdf',
  },
  addEvidenceFile: {
    kind: 'write',
    cells: OWN_EVIDENCE,
    run: (v, target) => dal.addEvidenceFile(v, { evidenceId: target!.evidenceId, fileName: 'screenshot.png', bytes: makePng() }),
  },
  removeEvidenceFile: {
    kind: 'write',
    cells: OWN_EVIDENCE,
    // A file of its own to remove, so the one the reads open stays.
    prepare: async (target) => {
      if (!(await removableFileId(target))) {
        const [e] = await t.db.select({ apprenticeId: evidence.apprenticeId }).from(evidence).where(eq(evidence.id, target!.evidenceId));
        await t.db.insert(evidenceFiles).values({
          evidenceId: target!.evidenceId,
          storageKey: unique('matrixremovekey'),
          fileName: 'to-remove.png',
          mediaType: 'image/png',
          sizeBytes: 1,
          sha256: '0',
          uploadedBy: e!.apprenticeId,
        });
      }
    },
    run: async (v, target) => dal.removeEvidenceFile(v, { fileId: (await removableFileId(target))! }),
  },
  // The queue entries come before markEvidence, which takes the target out of the queue.
  listMarkingQueue: {
    kind: 'list',
    cells: { ...MARK_EVIDENCE, 'employer/same_employer': false },
    run: (v) => dal.listMarkingQueue(v),
    includes: (r, target) => row<Awaited<ReturnType<typeof dal.listMarkingQueue>>>(r).rows.some((e) => e.id === target!.markEvidenceId),
  },
  countMarkingQueue: { kind: 'read', cells: TRAINER_ONLY, run: (v) => dal.countMarkingQueue(v), check: (r) => row<number>(r) > 0 },
  // "Needs you" (issue 17): each person's own tasks. The target's unsigned matrix review is a task for the
  // apprentice and the employer contact (to sign) and for the trainer who recorded it (signatures outstanding);
  // for an admin, the target apprentice has never signed in. Nobody sees tasks about a record out of scope.
  listTasks: {
    kind: 'list',
    cells: READ_APPRENTICESHIP,
    run: (v) => dal.listTasks(v, { now: new Date('2026-12-07T09:00:00Z'), today: '2026-12-07' }),
    includes: (r, target) => {
      const review = reviewOf.get(target!.apprenticeshipId);
      const keys = [`review_to_sign:${review}`, `signatures_outstanding:${review}`, `never_signed_in:${target!.apprenticeId}`];
      return row<Awaited<ReturnType<typeof dal.listTasks>>>(r).tasks.some((x) => keys.includes(x.key));
    },
  },
  // Off-the-job entries waiting for the trainer (they count in the navigation's marking count).
  listOtjToReview: {
    kind: 'list',
    cells: REVIEW_OTJ,
    prepare: (target) => relogOtj(target!),
    run: (v) => dal.listOtjToReview(v),
    includes: (r, target) => row<Awaited<ReturnType<typeof dal.listOtjToReview>>>(r).some((x) => x.apprenticeshipId === target!.apprenticeshipId),
  },
  countOtjToReview: { kind: 'read', cells: TRAINER_ONLY, run: (v) => dal.countOtjToReview(v), check: (r) => row<number>(r) > 0 },
  // The calendar (issue 17): the target apprenticeship's next review is in the calendars of those who reach it;
  // an administrator's calendar holds only their own dates (they have none).
  listCalendarEvents: {
    kind: 'list',
    cells: { ...READ_APPRENTICESHIP, 'admin/any': false },
    run: (v) => dal.listCalendarEvents(v, { from: '2000-01-01', to: '2099-12-31' }),
    includes: (r, target) => row<Awaited<ReturnType<typeof dal.listCalendarEvents>>>(r).some((e) => e.uid === `review_due-${target!.apprenticeshipId}@coderpathway`),
  },
  // Each person's own feed: whether one exists, a new one (its secret shown once), revoking it.
  getCalendarFeed: { kind: 'read', cells: EVERYONE, run: (v) => dal.getCalendarFeed(v), check: (r) => r === null || typeof row<{ id: string }>(r).id === 'string' },
  createCalendarFeed: { kind: 'write', cells: EVERYONE, run: (v) => dal.createCalendarFeed(v), check: (r) => row<{ token: string }>(r).token.length === 43 },
  revokeCalendarFeed: {
    kind: 'write',
    cells: EVERYONE,
    // A feed to revoke, made by the same person in the same call: revoking nothing changes no data.
    run: async (v) => {
      await dal.createCalendarFeed(v);
      return dal.revokeCalendarFeed(v);
    },
    check: (r) => row<{ revoked: number }>(r).revoked === 1,
  },
  // Reminder thresholds (issue 17): an administrator's settings.
  getReminderSettings: { kind: 'read', cells: ADMIN_ONLY, run: (v) => dal.getReminderSettings(v), check: (r) => row<{ settings: { reviewDueDays: number } }>(r).settings.reviewDueDays > 0 },
  updateReminderSettings: { kind: 'write', cells: ADMIN_ONLY, run: (v) => dal.updateReminderSettings(v, { reviewDueDays: 7, reviewUnsignedDays: 3, witnessUnansweredDays: 5, markingWorkingDays: 10 }) },
  getEvidenceHistory: {
    kind: 'read',
    cells: READ_ATTEMPT,
    run: (v, target) => dal.getEvidenceHistory(v, target!.acceptedEvidenceId),
    check: (r) => row<Awaited<ReturnType<typeof dal.getEvidenceHistory>>>(r)[0]?.reviews[0]?.outcome === 'accepted',
  },
  // After a decision on the target piece (any status), the next one waiting; someone else's piece is a 404.
  getNextToMark: {
    kind: 'read',
    cells: MARK_EVIDENCE,
    run: (v, target) => dal.getNextToMark(v, target!.markEvidenceId),
    check: (r, target) => r === null || (row<{ id: string }>(r).id !== target!.markEvidenceId && typeof row<{ title: string }>(r).title === 'string'),
  },
  markEvidence: {
    kind: 'write',
    cells: MARK_EVIDENCE,
    run: async (v, target) => {
      const [e] = await t.db.select().from(evidence).where(eq(evidence.id, target!.markEvidenceId));
      return dal.markEvidence(v, { id: e!.id, rowVersion: e!.rowVersion, outcome: 'referred', decisions: { S3: 'met', S5: 'not_met' }, feedback: 'Add an example of a query you raised with the clinician.' });
    },
  },
  overrideEvidenceDecision: {
    kind: 'write',
    cells: ADMIN_ON_RECORD,
    run: async (v, target) => {
      const [e] = await t.db.select().from(evidence).where(eq(evidence.id, target!.acceptedEvidenceId));
      return dal.overrideEvidenceDecision(v, {
        id: e!.id,
        rowVersion: e!.rowVersion,
        outcome: 'accepted',
        decisions: { S3: 'met', S5: 'met' },
        feedback: 'S5 is shown by the second example.',
        reason: 'Appeal upheld by the quality lead.',
      });
    },
  },
  listMetKsbs: {
    kind: 'read',
    cells: READ_APPRENTICESHIP,
    run: (v, target) => dal.listMetKsbs(v, target!.apprenticeId),
    check: (r) => row<{ ksbCode: string }[]>(r).some((k) => k.ksbCode === 'S3'),
  },
  listWitnessContacts: {
    kind: 'read',
    cells: APPRENTICE_ONLY,
    run: (v) => dal.listWitnessContacts(v),
    check: (r) => row<{ email: string }[]>(r).map((c) => c.email).join() === 'coding.manager@ashwell.example',
  },
  requestWitnessStatement: {
    kind: 'write',
    cells: OWN_EVIDENCE,
    prepare: async (target) => {
      await t.db.delete(witnessStatements).where(and(eq(witnessStatements.evidenceId, target!.submitEvidenceId), eq(witnessStatements.status, 'requested')));
    },
    run: async (v, target) =>
      dal.requestWitnessStatement(v, { evidenceId: target!.submitEvidenceId, witnessId: await employerContactOf(target!.apprenticeId), message: 'Please confirm I coded these episodes.' }),
  },
  listWitnessRequests: {
    kind: 'list',
    cells: WITNESS_ADDRESSEE,
    run: (v) => dal.listWitnessRequests(v),
    includes: (r, target) => row<{ id: string }[]>(r).some((w) => w.id === witnessRequestOf.get(target!.apprenticeId)),
  },
  getWitnessRequest: {
    kind: 'read',
    cells: WITNESS_ADDRESSEE,
    run: (v, target) => dal.getWitnessRequest(v, witnessRequestOf.get(target!.apprenticeId)!),
    // The addressee reads the account of the piece they were asked about.
    check: (r, target) => {
      const w = row<{ id: string; evidence: { account: string | null } }>(r);
      return w.id === witnessRequestOf.get(target!.apprenticeId) && w.evidence.account !== null;
    },
  },
  signWitnessStatement: {
    kind: 'write',
    cells: WITNESS_ADDRESSEE,
    // A fresh request for each cell: a signed one is final.
    prepare: async (target) => {
      const [w] = await t.db
        .insert(witnessStatements)
        .values({ evidenceId: target!.evidenceId, witnessId: await employerContactOf(target!.apprenticeId), requestMessage: 'Matrix request to sign' })
        .returning({ id: witnessStatements.id });
      toSign.set(target!.apprenticeId, w!.id);
    },
    run: (v, target) =>
      dal.signWitnessStatement(v, {
        id: toSign.get(target!.apprenticeId)!,
        rowVersion: 1,
        statement: 'I watched the apprentice code these episodes accurately and on time.',
        signedName: 'Matrix Witness',
        signedJobTitle: 'Coding manager',
        signedOn: '2026-10-02',
      }),
  },
  listWitnessStatements: {
    kind: 'read',
    cells: READ_APPRENTICESHIP,
    run: (v, target) => dal.listWitnessStatements(v, witnessedPieceOf.get(target!.apprenticeId)!),
    check: (r, target) => row<{ id: string }[]>(r).some((w) => w.id === witnessRequestOf.get(target!.apprenticeId)),
  },
  listCohortProgress: {
    kind: 'list',
    cells: READ_APPRENTICESHIP,
    run: (v) => dal.listCohortProgress(v),
    includes: (r, target) => row<Awaited<ReturnType<typeof dal.listCohortProgress>>>(r).rows.some((a) => a.id === target!.apprenticeshipId),
  },
  getProgressPicture: {
    kind: 'read',
    cells: READ_APPRENTICESHIP,
    run: (v, target) => dal.getProgressPicture(v, target!.apprenticeshipId),
    check: (r, target) => {
      const p = row<Awaited<ReturnType<typeof dal.getProgressPicture>>>(r);
      return p.apprenticeship.id === target!.apprenticeshipId && p.ksbMap.length === 59 && p.cases > 0;
    },
  },
  listOtjEntries: {
    kind: 'read',
    cells: READ_APPRENTICESHIP,
    run: (v, target) => dal.listOtjEntries(v, target!.apprenticeshipId),
    // The target's entries only; an employer gets no descriptions.
    check: (r, target, viewer) => {
      const rows = row<{ apprenticeId: string; description: string | null }[]>(r);
      return rows.length > 0 && rows.every((e) => e.apprenticeId === target!.apprenticeId && (viewer.role === 'employer') === (e.description === null));
    },
  },
  getOtjEntry: {
    kind: 'read',
    cells: READ_APPRENTICESHIP,
    run: async (v, target) => dal.getOtjEntry(v, (await otjEntry(target!, MATRIX_OTJ)).id),
    check: (r, _target, viewer) => (viewer.role === 'employer') === (row<{ description: string | null }>(r).description === null),
  },
  getOtjSummary: {
    kind: 'read',
    cells: READ_APPRENTICESHIP,
    run: (v, target) => dal.getOtjSummary(v, target!.apprenticeshipId),
    check: (r, target) => row<{ apprenticeshipId: string; entries: number }>(r).apprenticeshipId === target!.apprenticeshipId && row<{ entries: number }>(r).entries > 0,
  },
  createOtjEntry: {
    kind: 'write',
    cells: APPRENTICE_ONLY,
    run: (v) => dal.createOtjEntry(v, { activityDate: '2025-09-07', hours: 1.5, activityType: 'learning_support', description: 'Revision of medical terminology.', ksbs: ['K2'] }),
  },
  updateOtjEntry: {
    kind: 'write',
    cells: OWN_EVIDENCE,
    run: async (v, target) => {
      const e = await otjEntry(target!, MATRIX_OTJ);
      return dal.updateOtjEntry(v, { id: e.id, rowVersion: e.rowVersion, activityDate: e.activityDate, hours: e.minutes / 60 + 0.25, activityType: e.activityType, description: e.description, ksbs: e.ksbs });
    },
  },
  deleteOtjEntry: {
    kind: 'write',
    cells: OWN_EVIDENCE,
    prepare: async (target) => {
      if (!(await t.db.select().from(otjEntries).where(and(eq(otjEntries.apprenticeId, target!.apprenticeId), eq(otjEntries.description, MATRIX_OTJ_DELETE)))).length)
        await t.db.insert(otjEntries).values(matrixOtjEntry(target!.apprenticeId, MATRIX_OTJ_DELETE));
    },
    run: async (v, target) => {
      const e = await otjEntry(target!, MATRIX_OTJ_DELETE);
      return dal.deleteOtjEntry(v, { id: e.id, rowVersion: e.rowVersion });
    },
  },
  createEvidenceFromPractice: {
    kind: 'write',
    cells: APPRENTICE_ONLY,
    run: (v) => dal.createEvidenceFromPractice(v, { ksb: 'S5' }),
  },
  // Practice time of Sam's waiting to be logged: one row on a day of its own, put back whenever a cell used it.
  getPracticeTimeOffer: {
    kind: 'read',
    cells: APPRENTICE_ONLY,
    prepare: () => matrixPracticeTime(),
    run: (v) => dal.getPracticeTimeOffer(v),
    check: (r) => row<Awaited<ReturnType<typeof dal.getPracticeTimeOffer>>>(r).some((d) => d.activityDate === MATRIX_PRACTICE_DAY && d.minutes === 30),
  },
  confirmPracticeTime: {
    kind: 'write',
    cells: APPRENTICE_ONLY,
    prepare: () => matrixPracticeTime(),
    run: (v) => dal.confirmPracticeTime(v, { dates: [MATRIX_PRACTICE_DAY] }),
  },
  reviewOtjEntry: {
    kind: 'write',
    cells: REVIEW_OTJ,
    prepare: (target) => relogOtj(target!),
    run: async (v, target) => {
      const e = await otjEntry(target!, MATRIX_OTJ_REVIEW);
      return dal.reviewOtjEntry(v, { id: e.id, rowVersion: e.rowVersion, decision: 'query', comment: 'Which session was this?' });
    },
  },
  acceptOtjEntries: {
    kind: 'write',
    cells: REVIEW_OTJ,
    prepare: async (target) => {
      await t.db
        .update(otjEntries)
        .set({ status: 'logged', reviewComment: null, reviewerId: null, reviewedAt: null })
        .where(and(eq(otjEntries.apprenticeId, target!.apprenticeId), eq(otjEntries.description, MATRIX_OTJ_REVIEW)));
    },
    run: async (v, target) => {
      const e = await otjEntry(target!, MATRIX_OTJ_REVIEW);
      return dal.acceptOtjEntries(v, { entries: [{ id: e.id, rowVersion: e.rowVersion }], comment: 'Accepted with the rest of the week.' });
    },
  },
  // The whole portfolio: the apprentice, their trainer and an admin; not an employer contact (policy 'portfolio.export').
  getPortfolioExportSubject: {
    kind: 'read',
    cells: READ_ATTEMPT,
    run: (v, target) => dal.getPortfolioExportSubject(v, target!.apprenticeshipId),
    check: (r, target) => row<{ apprenticeshipId: string; apprenticeId: string }>(r).apprenticeId === target!.apprenticeId,
  },
  getPortfolioExport: {
    kind: 'read',
    cells: READ_ATTEMPT,
    run: (v, target) => dal.getPortfolioExport(v, target!.apprenticeshipId),
    check: (r, target) => {
      const p = row<Awaited<ReturnType<typeof dal.getPortfolioExport>>>(r);
      const accepted = p.evidence.find((e) => e.id === target!.acceptedEvidenceId);
      return p.apprentice.id === target!.apprenticeId && p.ksbs.length === 59 && accepted?.reviews.at(-1)?.outcome === 'accepted';
    },
  },
  // Exports are built by a background job (issue 16); each is followed and downloaded only by whoever asked for it.
  startPortfolioExport: {
    kind: 'write',
    cells: READ_ATTEMPT,
    run: (v, target) => dal.startPortfolioExport(v, target!.apprenticeshipId),
  },
  getPortfolioExportStatus: {
    kind: 'read',
    cells: READ_ATTEMPT,
    prepare: (target) => readyExports(target!),
    run: async (v, target) => dal.getPortfolioExportStatus(v, target!.apprenticeshipId, await exportOf(v, target!)),
    check: (r) => row<{ ready: boolean }>(r).ready,
  },
  openPortfolioExport: {
    kind: 'read',
    cells: READ_ATTEMPT,
    prepare: (target) => readyExports(target!),
    run: async (v, target) => dal.openPortfolioExport(v, target!.apprenticeshipId, await exportOf(v, target!)),
    check: (r) => row<{ sizeBytes: number } | null>(r)?.sizeBytes === MATRIX_ZIP.byteLength,
  },
  // The job queue: an administrator's.
  listJobs: { kind: 'read', cells: ADMIN_ONLY, run: (v) => dal.listJobs(v), check: (r) => row<{ queues: unknown[] }>(r).queues.length > 0 },
  retryJob: {
    kind: 'write',
    cells: ADMIN_ONLY,
    prepare: () => failedJob(),
    run: (v) => dal.retryJob(v, { queue: 'portfolio-export', id: MATRIX_FAILED_JOB }),
  },
  preloadProgressSettings: { kind: 'read', cells: EVERYONE, run: (v) => dal.preloadProgressSettings(v) },
  getProgressSettings: { kind: 'read', cells: ADMIN_ONLY, run: (v) => dal.getProgressSettings(v), check: (r) => row<{ settings: { theoryPassMark: number } }>(r).settings.theoryPassMark > 0 },
  updateProgressSettings: {
    kind: 'write',
    cells: ADMIN_ONLY,
    run: (v) => dal.updateProgressSettings(v, { pd1: 90, sd1: 80, pp1: 90, sp1: 80, pd2: 95, sd2: 90, pp2: 95, sp2: 90, theoryPassMark: 70, readinessWindowCases: 20, theoryWindowQuestions: 60, minCasesForForecast: 10, reviewIntervalWeeks: 12, inactivityWeeks: 4 }),
  },
  // Progress reviews and gateway confirmations (issue 6).
  listProgressReviews: {
    kind: 'read',
    cells: READ_APPRENTICESHIP,
    run: (v, target) => dal.listProgressReviews(v, target!.apprenticeshipId),
    check: (r, target) => row<Awaited<ReturnType<typeof dal.listProgressReviews>>>(r).reviews.some((x) => x.id === reviewOf.get(target!.apprenticeshipId)),
  },
  getProgressReview: {
    kind: 'read',
    cells: READ_APPRENTICESHIP,
    run: (v, target) => dal.getProgressReview(v, reviewOf.get(target!.apprenticeshipId)!),
    check: (r, target) => row<{ id: string }>(r).id === reviewOf.get(target!.apprenticeshipId),
  },
  listReviewsToSign: {
    kind: 'list',
    cells: SIGNER,
    run: (v) => dal.listReviewsToSign(v),
    includes: (r, target) => row<{ id: string }[]>(r).some((x) => x.id === reviewOf.get(target!.apprenticeshipId)),
  },
  listReviewsDue: {
    kind: 'list',
    cells: READ_APPRENTICESHIP,
    // A day far ahead, so every active apprenticeship is due whatever reviews the demo data holds.
    run: (v) => dal.listReviewsDue(v, '2099-01-01'),
    includes: (r, target) => row<{ apprenticeshipId: string }[]>(r).some((x) => x.apprenticeshipId === target!.apprenticeshipId),
  },
  recordProgressReview: {
    kind: 'write',
    cells: MARK_EVIDENCE,
    run: (v, target) =>
      dal.recordProgressReview(v, {
        apprenticeshipId: target!.apprenticeshipId,
        reviewDate: '2025-10-15',
        progressSummary: 'Coded forty episodes with growing accuracy on sequencing.',
        ksbsDiscussed: ['K1', 'S3'],
        targets: 'Complete the dagger and asterisk module and log the workshop hours.',
        englishMaths: 'English: achieved. Maths: in progress.',
        supportDiscussed: 'No adjustments needed; weekly catch-up agreed.',
        wellbeing: 'Settled in well.',
        safeguardingConcern: 'no',
        safeguardingNotes: '',
      }),
  },
  signProgressReview: {
    kind: 'write',
    cells: SIGNER,
    // A fresh review for each cell: a signature is given once.
    prepare: async (target) => {
      toSignReview.set(target!.apprenticeshipId, await insertReview(target!.apprenticeshipId));
    },
    run: (v, target) => dal.signProgressReview(v, { id: toSignReview.get(target!.apprenticeshipId)!, rowVersion: 1, comment: 'Agreed: a fair account of the period.' }),
  },
  confirmGateway: {
    kind: 'write',
    // issue 20: the apprentice confirms too.
    cells: { ...SIGNER, 'trainer/assigned': true },
    // Confirmations are never deleted; the test lifts the trigger for a moment so each role can confirm afresh (the demo confirms Sam's trainer).
    prepare: async (target) => {
      await t.db.execute(sql`alter table gateway_confirmations disable trigger gateway_confirmations_no_update_delete`);
      await t.db.execute(sql`delete from gateway_confirmations where apprenticeship_id = ${target!.apprenticeshipId}`);
      await t.db.execute(sql`alter table gateway_confirmations enable trigger gateway_confirmations_no_update_delete`);
    },
    run: (v, target) => dal.confirmGateway(v, { apprenticeshipId: target!.apprenticeshipId, note: 'Ready: every line of the checklist discussed.' }),
  },
  // issue 20: gateway pack — the trainer (assigned) or an admin follows, rebuilds and shares it (policy 'gatewayPack.*').
  getGatewayPack: {
    kind: 'read',
    cells: GATEWAY_PACK,
    prepare: async (target) => void (await matrixPack(target!, 'ready')),
    run: (v, target) => dal.getGatewayPack(v, target!.apprenticeshipId),
    check: (r, target) => row<{ apprenticeship: { id: string }; pack: { status: string } | null }>(r).apprenticeship.id === target!.apprenticeshipId && row<{ pack: { status: string } }>(r).pack.status === 'ready',
  },
  openGatewayPackFile: {
    kind: 'read',
    cells: GATEWAY_PACK,
    prepare: async (target) => void (await matrixPack(target!, 'ready')),
    run: (v, target) => dal.openGatewayPackFile(v, target!.apprenticeshipId, 'summary'),
    check: (r) => row<{ contentType: string } | null>(r)?.contentType === 'application/pdf',
  },
  rebuildGatewayPack: {
    kind: 'write',
    cells: GATEWAY_PACK,
    prepare: async (target) => {
      await matrixConfirmations(target!);
      await matrixPack(target!, 'failed');
    },
    run: (v, target) => dal.rebuildGatewayPack(v, { apprenticeshipId: target!.apprenticeshipId }),
  },
  createGatewayPackLink: {
    kind: 'write',
    cells: GATEWAY_PACK,
    prepare: async (target) => void (await matrixPack(target!, 'ready')),
    run: (v, target) => dal.createGatewayPackLink(v, { apprenticeshipId: target!.apprenticeshipId, recipient: 'Matrix EPA Ltd', days: 30 }),
  },
  revokeGatewayPackLink: {
    kind: 'write',
    cells: GATEWAY_PACK,
    prepare: async (target) => {
      const packId = await matrixPack(target!, 'ready');
      const [link] = await t.db
        .insert(gatewayPackLinks)
        .values({ packId, tokenHash: `matrix-${crypto.randomUUID()}`, recipient: 'Matrix EPA Ltd', expiresAt: new Date(Date.now() + 86_400_000), createdBy: (await t.viewer(VIEWER_EMAIL.admin)).userId })
        .returning({ id: gatewayPackLinks.id });
      matrixLinkOf.set(target!.apprenticeshipId, link!.id);
    },
    run: (v, target) => dal.revokeGatewayPackLink(v, { apprenticeshipId: target!.apprenticeshipId, linkId: matrixLinkOf.get(target!.apprenticeshipId)! }),
  },
  // Mock assessments (issue 7).
  listBlueprints: {
    kind: 'read',
    cells: BLUEPRINT_READ,
    run: (v) => dal.listBlueprints(v),
    check: (r) => row<Awaited<ReturnType<typeof dal.listBlueprints>>>(r).some((b) => b.key === PAPER_KEY),
  },
  uploadBlueprint: {
    kind: 'write',
    cells: TRAINER_OR_ADMIN,
    // Each allowed cell adds the next version of a key of its own.
    run: (v) => dal.uploadBlueprint(v, { definition: JSON.stringify(matrixBlueprint(UPLOAD_KEY)) }),
    check: (r) => row<{ key: string }>(r).key === UPLOAD_KEY,
  },
  // The apprentice's own papers: their attempt and the sitting they are invited to, never another apprentice's.
  listMyAssessments: {
    kind: 'list',
    cells: SIT,
    run: (v) => dal.listMyAssessments(v),
    includes: (r, target) => {
      const mine = row<Awaited<ReturnType<typeof dal.listMyAssessments>>>(r);
      const attempt = mine.attempts.some((a) => a.id === target!.paperAttemptId);
      const sitting = mine.sittings.some((s) => s.id === target!.sittingId);
      if (attempt !== sitting) throw new Error(`listMyAssessments shows the target's attempt (${attempt}) but not its sitting (${sitting}), or the reverse`);
      return attempt;
    },
  },
  // Starting a scheduled paper: a fresh sitting inviting the target alone for each cell (one attempt per sitting).
  startAssessment: {
    kind: 'write',
    cells: SIT,
    prepare: async (target) => {
      // An attempt of the paper still in progress would be resumed rather than a new one started.
      await submitInProgress(target!, MOCK_KEY);
      const [bp] = await t.db.select({ id: assessmentBlueprints.id }).from(assessmentBlueprints).where(eq(assessmentBlueprints.key, MOCK_KEY)).orderBy(desc(assessmentBlueprints.version)).limit(1);
      const admin = await t.viewer(VIEWER_EMAIL.admin);
      const [s] = await t.db
        .insert(assessmentSittings)
        .values({ blueprintId: bp!.id, opensAt: new Date(Date.now() - 60_000), closesAt: new Date(Date.now() + 86_400_000), createdBy: admin.userId })
        .returning({ id: assessmentSittings.id });
      await t.db.insert(assessmentInvitations).values({ sittingId: s!.id, apprenticeId: target!.apprenticeId });
      toStart.set(target!.apprenticeId, s!.id);
    },
    run: (v, target) => dal.startAssessment(v, { sittingId: toStart.get(target!.apprenticeId)! }),
    check: (r) => row<{ resumed: boolean }>(r).resumed === false,
  },
  getAttemptPaper: {
    kind: 'read',
    cells: SIT,
    run: (v, target) => dal.getAttemptPaper(v, target!.paperAttemptId),
    // The paper in progress, with no right option, explanation, rubric or marker's guidance in it.
    check: (r, target) => {
      const paper = row<Awaited<ReturnType<typeof dal.getAttemptPaper>>>(r);
      const text = JSON.stringify(paper);
      return (
        paper.id === target!.paperAttemptId &&
        paper.status === 'in_progress' &&
        paper.items.map((i) => i.kind).join() === 'theory,written' &&
        !text.includes(WRITTEN_GUIDANCE) &&
        !text.includes(QUESTION_EXPLANATION) &&
        !text.includes('"rubric"') &&
        !text.includes('"explanation"') &&
        !text.includes('"expected"')
      );
    },
  },
  saveAssessmentAnswer: {
    kind: 'write',
    cells: SIT,
    run: (v, target) => {
      const seq = Date.now() + ++n;
      return dal.saveAssessmentAnswer(v, target!.paperAttemptId, { kind: 'written', item: WRITTEN_ITEM, seq, flagged: false, answer: { text: `Matrix answer ${seq}: I would query the consultant.` } });
    },
    check: (r) => row<{ status: string }>(r).status === 'saved',
  },
  submitAssessment: {
    kind: 'write',
    cells: SIT,
    // A paper in progress for each cell: a submitted one stays submitted.
    prepare: async (target) => {
      toSubmit.set(target!.apprenticeId, (await dal.startAssessment(await apprenticeViewer(target!), { blueprintKey: MOCK_KEY })).id);
    },
    run: (v, target) => dal.submitAssessment(v, toSubmit.get(target!.apprenticeId)!),
    check: (r, target) => row<{ id: string; status: string }>(r).id === toSubmit.get(target!.apprenticeId) && row<{ status: string }>(r).status === 'submitted',
  },
  getAttemptResult: {
    kind: 'read',
    cells: READ_ASSESSMENT,
    run: (v, target) => dal.getAttemptResult(v, target!.resultAttemptId),
    // The submitted paper waits for the written answer's mark; the marker's guidance is never in a result.
    check: (r, target) => {
      const res = row<Awaited<ReturnType<typeof dal.getAttemptResult>>>(r);
      return res.id === target!.resultAttemptId && res.apprenticeId === target!.apprenticeId && res.result?.pending === true && !JSON.stringify(res).includes(WRITTEN_GUIDANCE);
    },
  },
  // Scheduling takes a cohort or a list of apprentices, not one record: it invites those within the
  // viewer's reach and leaves out the rest (Sam is Priya Patel's, Owen is not).
  scheduleSitting: {
    kind: 'write',
    cells: TRAINER_OR_ADMIN,
    run: async (v) =>
      dal.scheduleSitting(v, {
        blueprintKey: PAPER_KEY,
        // A trainer names only their own apprentice here; naming another is refused and logged (assessments.test.ts).
        apprenticeIds: v.role === 'trainer' ? [(await t.viewer(SAM)).userId] : [(await t.viewer(SAM)).userId, (await t.viewer(OWEN)).userId],
        opensAt: new Date(Date.now() + 86_400_000),
        closesAt: new Date(Date.now() + 2 * 86_400_000),
      }),
    check: (r, _target, viewer) => row<{ invited: number }>(r).invited === (viewer.role === 'trainer' ? 1 : 2),
  },
  listSittings: {
    kind: 'list',
    cells: SCHEDULE,
    run: (v) => dal.listSittings(v),
    includes: (r, target) => row<{ id: string }[]>(r).some((s) => s.id === target!.sittingId),
  },
  getSitting: {
    kind: 'read',
    cells: SCHEDULE,
    run: (v, target) => dal.getSitting(v, target!.sittingId),
    check: (r, target) => {
      const s = row<Awaited<ReturnType<typeof dal.getSitting>>>(r);
      return s.id === target!.sittingId && s.rows.length === 1 && s.rows[0]!.apprenticeId === target!.apprenticeId;
    },
  },
  // The marking entries read the paper kept for reading; markWrittenAnswer marks a paper of its own.
  listWrittenToMark: {
    kind: 'list',
    cells: MARK_WRITTEN,
    run: (v) => dal.listWrittenToMark(v),
    includes: (r, target) => row<{ attemptId: string; item: number }[]>(r).some((w) => w.attemptId === target!.resultAttemptId && w.item === WRITTEN_ITEM),
  },
  countWrittenToMark: { kind: 'read', cells: TRAINER_ONLY, run: (v) => dal.countWrittenToMark(v), check: (r) => row<number>(r) > 0 },
  getWrittenForMarking: {
    kind: 'read',
    cells: MARK_WRITTEN,
    run: (v, target) => dal.getWrittenForMarking(v, target!.resultAttemptId, WRITTEN_ITEM),
    check: (r, target) => {
      const w = row<Awaited<ReturnType<typeof dal.getWrittenForMarking>>>(r);
      return w.attemptId === target!.resultAttemptId && w.guidance === WRITTEN_GUIDANCE && w.answer === WRITTEN_ANSWER && w.standing === null;
    },
  },
  markWrittenAnswer: {
    kind: 'write',
    cells: MARK_WRITTEN,
    // Based on the standing mark, if any (a remark then needs its reason), so the cell can run again.
    run: async (v, target) => {
      const [standing] = await t.db
        .select({ id: assessmentMarks.id })
        .from(assessmentMarks)
        .where(and(eq(assessmentMarks.attemptId, target!.markAttemptId), eq(assessmentMarks.item, WRITTEN_ITEM)))
        .orderBy(desc(assessmentMarks.id))
        .limit(1);
      return dal.markWrittenAnswer(v, {
        attemptId: target!.markAttemptId,
        item: WRITTEN_ITEM,
        criteria: [2, 1],
        feedback: 'Right source; say more on data quality.',
        reason: standing ? 'Matrix remark.' : '',
        basedOn: standing?.id ?? 0,
      });
    },
    check: (r) => row<{ score: number; outOf: number }>(r).score === 3 && row<{ outOf: number }>(r).outOf === 5,
  },
  setExtraTime: {
    kind: 'write',
    cells: SCHEDULE,
    run: async (v, target) => {
      const [a] = await t.db.select().from(apprenticeships).where(eq(apprenticeships.id, target!.apprenticeshipId));
      return dal.setExtraTime(v, { apprenticeshipId: a!.id, percent: a!.extraTimePercent === 25 ? 0 : 25, version: a!.version });
    },
  },
  // Notifications (issue 17): everyone's own only (another's is a 404: tests/integration/dal/notifications.test.ts).
  listNotifications: {
    kind: 'read',
    cells: EVERYONE,
    prepare: () => unreadMatrixNotifications(),
    run: (v) => dal.listNotifications(v),
    check: (r, _t, v) => row<Awaited<ReturnType<typeof dal.listNotifications>>>(r).rows.some((n) => n.title === `Matrix notification for ${v.name}`),
  },
  countUnreadNotifications: { kind: 'read', cells: EVERYONE, prepare: () => unreadMatrixNotifications(), run: (v) => dal.countUnreadNotifications(v), check: (r) => row<number>(r) > 0 },
  markNotificationRead: {
    kind: 'write',
    cells: EVERYONE,
    prepare: () => unreadMatrixNotifications(),
    run: async (v) => dal.markNotificationRead(v, await matrixNotificationOf(v)),
    check: (r) => row<{ link: string }>(r).link === '/notifications',
  },
  markAllNotificationsRead: { kind: 'write', cells: EVERYONE, prepare: () => unreadMatrixNotifications(), run: (v) => dal.markAllNotificationsRead(v), check: (r) => row<number>(r) > 0 },
  getNotificationPreferences: { kind: 'read', cells: EVERYONE, run: (v) => dal.getNotificationPreferences(v), check: (r) => row<Record<string, string>>(r).evidence_decided !== undefined },
  updateNotificationPreferences: {
    kind: 'write',
    cells: EVERYONE,
    // Each call flips the choice for reminders, so every cell's write changes something.
    run: async (v) => {
      const now = await dal.getNotificationPreferences({ ...v, mustChangePassword: false });
      return dal.updateNotificationPreferences(v, { ...now, reminder: now.reminder === 'digest' ? 'off' : 'digest' });
    },
  },
  changeOwnPassword: {
    kind: 'write',
    cells: EVERYONE,
    // Each role's viewer changes their password once, from the demo password.
    run: (v) => dal.changeOwnPassword(v, { currentPassword: DEMO_PASSWORD, newPassword: 'a-brand-new-password', confirmPassword: 'a-brand-new-password' }),
  },
  // Conversations (issue 17 §4): a thread follows its record. The review thread is open to the employer's
  // contacts; the attempt thread is not; the list and the count are one's own threads.
  getThread: {
    kind: 'read',
    cells: READ_APPRENTICESHIP,
    run: (v, target) => dal.getThread(v, { type: 'review', id: reviewOf.get(target!.apprenticeshipId)! }),
    check: (r, target) => row<Awaited<ReturnType<typeof dal.getThread>>>(r).ref.id === reviewOf.get(target!.apprenticeshipId) && row<Awaited<ReturnType<typeof dal.getThread>>>(r).messages.length > 0,
  },
  postMessage: {
    kind: 'write',
    cells: READ_ATTEMPT,
    run: (v, target) => dal.postMessage(v, { subjectType: 'attempt', subjectId: target!.attemptId, body: `Matrix message ${unique('m')}` }),
  },
  editMessage: {
    kind: 'write',
    cells: READ_ATTEMPT,
    // Each viewer edits their own message on the attempt's thread; one with none there tries the apprentice's.
    // Keyed by apprenticeship, not attempt: target() picks among the apprentice's attempts on the case by id,
    // and the submitAttempt cells add attempts, so its attempt can change between the seeding and this cell.
    prepare: (target) => freshMatrixMessages(target!.apprenticeshipId),
    run: async (v, target) => {
      const messageId = matrixMessageOf.get(`${v.userId}|${target!.apprenticeshipId}`) ?? matrixMessageOf.get(`owner|${target!.apprenticeshipId}`)!;
      const [m] = await t.db.select({ version: conversationMessages.version }).from(conversationMessages).where(eq(conversationMessages.id, messageId));
      return dal.editMessage(v, { messageId, version: m!.version, body: `Matrix edit ${unique('e')}` });
    },
  },
  markThreadRead: { kind: 'write', cells: READ_ATTEMPT, run: (v, target) => dal.markThreadRead(v, { type: 'attempt', id: target!.attemptId }) },
  listConversations: {
    kind: 'list',
    cells: { ...READ_APPRENTICESHIP, 'admin/any': false },
    run: (v) => dal.listConversations(v),
    includes: (r, target) => row<Awaited<ReturnType<typeof dal.listConversations>>>(r).threads.some((th) => th.ref.type === 'review' && th.ref.id === reviewOf.get(target!.apprenticeshipId)),
  },
  // Audit practice (issue 19 point 1): the apprentice audits; the audits are read like coding attempts.
  listAuditEpisodes: { kind: 'read', cells: APPRENTICE_ONLY, run: (v) => dal.listAuditEpisodes(v), check: (r) => row<{ id: string }[]>(r).some((e) => e.id === AUDIT_EPISODE) },
  getAuditEpisode: { kind: 'read', cells: APPRENTICE_ONLY, run: (v) => dal.getAuditEpisode(v, AUDIT_EPISODE), check: (r) => row<{ id: string }>(r).id === AUDIT_EPISODE && !('key' in row<object>(r)) },
  submitAuditAttempt: { kind: 'write', cells: APPRENTICE_ONLY, run: (v) => dal.submitAuditAttempt(v, AUDIT_ANSWER) },
  getAuditAttempt: {
    kind: 'read',
    cells: READ_ATTEMPT,
    run: (v, target) => dal.getAuditAttempt(v, target!.auditAttemptId),
    check: (r, target) => row<{ id: string }>(r).id === target!.auditAttemptId,
  },
  listAuditAttempts: {
    kind: 'list',
    cells: READ_ATTEMPT,
    run: (v) => dal.listAuditAttempts(v),
    includes: (r, target) => row<{ id: string }[]>(r).some((a) => a.id === target!.auditAttemptId),
  },
  countUnreadMessages: {
    kind: 'read',
    cells: { 'apprentice/none': true, 'trainer/none': true, 'employer/none': true, 'admin/none': false },
    run: (v) => dal.countUnreadMessages(v),
    check: (r) => typeof r === 'number',
  },
  // Clinical query practice (issue 19, point 2): answered by the apprentice alone; an attempt is read by them,
  // their trainer and an admin; marked by their trainer or an admin. Each target has an attempt of the test's own.
  listQueryScenarios: { kind: 'read', cells: APPRENTICE_ONLY, run: (v) => dal.listQueryScenarios(v), check: (r) => row<unknown[]>(r).length >= 15 },
  getQueryScenario: {
    kind: 'read',
    cells: APPRENTICE_ONLY,
    run: (v) => dal.getQueryScenario(v, QUERY_SCENARIO_ID),
    check: (r) => row<{ id: string }>(r).id === QUERY_SCENARIO_ID && !('gap' in row<object>(r)) && !('modelQuery' in row<object>(r)),
  },
  submitQueryAttempt: {
    kind: 'write',
    cells: APPRENTICE_ONLY,
    run: (v) => dal.submitQueryAttempt(v, { scenarioId: QUERY_SCENARIO_ID, queryNeeded: 'no', addressedTo: '', queryText: '', reasoning: 'Matrix: the notes settle it.' }),
  },
  listQueriesToMark: {
    kind: 'list',
    cells: SCHEDULE,
    prepare: (target) => resetQueryAttempt(target!.apprenticeId),
    run: (v) => dal.listQueriesToMark(v),
    includes: (r, target) => row<{ id: string }[]>(r).some((a) => a.id === queryAttemptOf.get(target!.apprenticeId)),
  },
  getQueryAttempt: {
    kind: 'read',
    cells: READ_ATTEMPT,
    run: (v, target) => dal.getQueryAttempt(v, queryAttemptOf.get(target!.apprenticeId)!),
    check: (r, target) => row<{ id: string }>(r).id === queryAttemptOf.get(target!.apprenticeId),
  },
  markQueryAttempt: {
    kind: 'write',
    cells: SCHEDULE,
    prepare: (target) => resetQueryAttempt(target!.apprenticeId),
    run: (v, target) =>
      dal.markQueryAttempt(v, {
        id: queryAttemptOf.get(target!.apprenticeId)!,
        rowVersion: 1,
        decision: 'yes',
        criteria: { non_leading: 'met', one_question: 'met', cites_documentation: 'met', names_what_changes: 'not_met', professional_tone: 'met' },
        comments: { non_leading: '', one_question: '', cites_documentation: '', names_what_changes: 'Say what the answer changes.', professional_tone: '' },
        feedback: 'Matrix marking.',
      }),
  },
  // issue 20: learner-record (ILR) figures: a trainer's assigned apprenticeships, an administrator's every one.
  listIlrRecords: {
    kind: 'list',
    cells: SCHEDULE,
    run: (v) => dal.listIlrRecords(v),
    includes: (r, target) => row<Awaited<ReturnType<typeof dal.listIlrRecords>>>(r).records.some((a) => a.id === target!.apprenticeshipId),
  },
  exportIlr: {
    kind: 'list',
    cells: SCHEDULE,
    run: (v) => dal.exportIlr(v),
    includes: (r, target) => row<Awaited<ReturnType<typeof dal.exportIlr>>>(r).ids.includes(target!.apprenticeshipId),
  },
  // issue 20: initial assessment. Read like the apprenticeship; written by the apprentice alone (a draft of
  // their own, put back to draft first); confirmed by their assigned trainer alone (put back to submitted first).
  initialAssessmentFor: {
    kind: 'read',
    cells: READ_APPRENTICESHIP,
    run: (v, target) => dal.initialAssessmentFor(v, target!.apprenticeshipId),
    check: (r, target) => row<{ apprenticeshipId: string }>(r).apprenticeshipId === target!.apprenticeshipId,
  },
  saveInitialAssessment: {
    kind: 'write',
    cells: OWN_EVIDENCE,
    prepare: (target) => resetInitialAssessment(target!.apprenticeshipId, false),
    run: (v, target) => dal.saveInitialAssessment(v, { apprenticeshipId: target!.apprenticeshipId, rowVersion: 1, intent: 'draft', ratings: { K1: 'some' }, priorLearning: 'Matrix prior learning.', experience: '' }),
  },
  confirmInitialAssessment: {
    kind: 'write',
    cells: MARK_EVIDENCE,
    prepare: (target) => resetInitialAssessment(target!.apprenticeshipId, true),
    run: (v, target) =>
      dal.confirmInitialAssessment(v, {
        apprenticeshipId: target!.apprenticeshipId,
        rowVersion: 1,
        ratings: Object.fromEntries(ST0535_KSB_CODES.map((c) => [c, 'some' as const])),
        trainerNotes: 'Matrix confirmation.',
        rplKsbs: [],
        rplReason: '',
        rplHours: 0,
        rplMonths: 0,
      }),
  },
  // issue 20: training plan. Read by the three parties and an admin; drafted, edited and changed by the assigned
  // trainer; signed by the apprentice, an employer contact and the trainer. Each writing cell starts from a plan
  // of its own (the demo signs Sam's and Owen's version 1).
  getTrainingPlans: {
    kind: 'read',
    cells: READ_APPRENTICESHIP,
    run: (v, target) => dal.getTrainingPlans(v, target!.apprenticeshipId),
    check: (r, target) => row<{ apprenticeship: { id: string }; versions: unknown[] }>(r).apprenticeship.id === target!.apprenticeshipId && row<{ versions: unknown[] }>(r).versions.length > 0,
  },
  getTrainingPlanVersion: {
    kind: 'read',
    cells: READ_APPRENTICESHIP,
    prepare: async (target) => void planOf.set(target!.apprenticeshipId, await latestPlan(target!.apprenticeshipId)),
    run: (v, target) => dal.getTrainingPlanVersion(v, planOf.get(target!.apprenticeshipId)!),
    check: (r, target) => row<{ id: string }>(r).id === planOf.get(target!.apprenticeshipId),
  },
  draftTrainingPlan: {
    kind: 'write',
    cells: MARK_EVIDENCE,
    prepare: (target) => resetPlans(target!.apprenticeshipId, null),
    run: (v, target) => dal.draftTrainingPlan(v, { apprenticeshipId: target!.apprenticeshipId }),
  },
  updateTrainingPlan: {
    kind: 'write',
    cells: MARK_EVIDENCE,
    prepare: (target) => resetPlans(target!.apprenticeshipId, 'draft'),
    run: (v, target) =>
      dal.updateTrainingPlan(v, {
        id: planOf.get(target!.apprenticeshipId)!,
        rowVersion: 1,
        plannedStartDate: '2025-09-01',
        plannedEndDate: '2027-03-01',
        weeklyHours: 37.5,
        plannedOtjHours: 419,
        activities: [{ month: 1, title: 'Matrix induction', ksbs: 'K1, S3', otjHours: 419 }],
        support: 'Matrix support.',
        reasonableAdjustments: '',
        englishPlan: 'Achieved.',
        mathsPlan: 'Achieved.',
      }),
  },
  signTrainingPlan: {
    kind: 'write',
    cells: { ...SIGNER, 'trainer/assigned': true },
    prepare: (target) => resetPlans(target!.apprenticeshipId, 'draft'),
    run: (v, target) => dal.signTrainingPlan(v, { id: planOf.get(target!.apprenticeshipId)!, rowVersion: 1, signedName: v.name }),
  },
  changeTrainingPlan: {
    kind: 'write',
    cells: MARK_EVIDENCE,
    prepare: (target) => resetPlans(target!.apprenticeshipId, 'signed'),
    run: (v, target) => dal.changeTrainingPlan(v, { id: planOf.get(target!.apprenticeshipId)!, rowVersion: 1, changeSummary: 'Matrix change of weekly hours.' }),
  },
  // issue 20: off-the-job, breaks, withdrawal and completion. Each write puts the target in the state it needs
  // first (breaks removed, status set); these come last, as recordOutcome leaves the target completed.
  getLearningStatus: {
    kind: 'read',
    cells: READ_APPRENTICESHIP,
    run: (v, target) => dal.getLearningStatus(v, target!.apprenticeshipId),
    check: (r, target) => row<{ apprenticeshipId: string }>(r).apprenticeshipId === target!.apprenticeshipId,
  },
  startLearningBreak: {
    kind: 'write',
    cells: SCHEDULE,
    prepare: (target) => learningState(target!, 'active'),
    run: async (v, target) => {
      const [a] = await t.db.select({ version: apprenticeships.version }).from(apprenticeships).where(eq(apprenticeships.id, target!.apprenticeshipId));
      return dal.startLearningBreak(v, { apprenticeshipId: target!.apprenticeshipId, startDate: shiftDate(ukToday(), { days: -1 }), reason: 'Matrix break.', version: a!.version });
    },
  },
  endLearningBreak: {
    kind: 'write',
    cells: SCHEDULE,
    prepare: (target) => learningState(target!, 'break_in_learning'),
    run: async (v, target) => {
      const [a] = await t.db.select({ version: apprenticeships.version }).from(apprenticeships).where(eq(apprenticeships.id, target!.apprenticeshipId));
      return dal.endLearningBreak(v, { apprenticeshipId: target!.apprenticeshipId, endDate: ukToday(), version: a!.version });
    },
  },
  recordOutcome: {
    kind: 'write',
    cells: SCHEDULE,
    prepare: (target) => learningState(target!, 'active'),
    run: async (v, target) => {
      const [a] = await t.db.select({ version: apprenticeships.version }).from(apprenticeships).where(eq(apprenticeships.id, target!.apprenticeshipId));
      return dal.recordOutcome(v, { apprenticeshipId: target!.apprenticeshipId, outcome: 'completed', actualEndDate: ukToday(), withdrawReason: '', version: a!.version });
    },
  },
  getFundingSettingsForAdmin: { kind: 'read', cells: ADMIN_ONLY, run: (v) => dal.getFundingSettingsForAdmin(v) },
  updateFundingSettings: {
    kind: 'write',
    cells: ADMIN_ONLY,
    run: async (v) => {
      const current = await dal.getFundingSettingsForAdmin(await t.viewer(VIEWER_EMAIL.admin));
      return dal.updateFundingSettings(v, { ...current, gatewayLinkDays: current.gatewayLinkDays === 30 ? 31 : 30 });
    },
  },
};

// issue 20: initial assessment. The demo confirms Sam's and Owen's; each cell starts from a draft or a submission.
async function resetInitialAssessment(apprenticeshipId: string, submitted: boolean) {
  await t.db
    .insert(initialAssessments)
    .values({ apprenticeshipId })
    .onConflictDoNothing();
  await t.db
    .update(initialAssessments)
    .set({ submittedAt: submitted ? new Date('2026-01-05T10:00:00Z') : null, confirmedRatings: null, confirmedBy: null, confirmedAt: null, rplKsbs: [], rplReason: null, rplHours: 0, rplMonths: 0, trainerNotes: null, rowVersion: 1 })
    .where(eq(initialAssessments.apprenticeshipId, apprenticeshipId));
}

// issue 20: training plan. The target's plans replaced by one version 1 (none, a draft, or signed by all three).
const planOf = new Map<string, string>();
async function latestPlan(apprenticeshipId: string) {
  const [p] = await t.db.select({ id: trainingPlans.id }).from(trainingPlans).where(eq(trainingPlans.apprenticeshipId, apprenticeshipId)).orderBy(desc(trainingPlans.version)).limit(1);
  return p!.id;
}
async function resetPlans(apprenticeshipId: string, state: null | 'draft' | 'signed') {
  await t.db.execute(sql`alter table training_plans disable trigger training_plans_signed_is_final`);
  await t.db.execute(sql`delete from training_plans where apprenticeship_id = ${apprenticeshipId}`);
  await t.db.execute(sql`alter table training_plans enable trigger training_plans_signed_is_final`);
  const [a] = await t.db.select({ trainerId: trainerAssignments.trainerId }).from(trainerAssignments).where(eq(trainerAssignments.apprenticeshipId, apprenticeshipId)).limit(1);
  // A plan is drafted from a confirmed initial assessment; the initial-assessment cells may have put it back.
  const confirmedAt = new Date('2025-09-01T10:00:00Z');
  await t.db.insert(initialAssessments).values({ apprenticeshipId }).onConflictDoNothing();
  await t.db
    .update(initialAssessments)
    .set({ submittedAt: confirmedAt, confirmedRatings: Object.fromEntries(ST0535_KSB_CODES.map((c) => [c, 'some' as const])), confirmedBy: a!.trainerId, confirmedAt })
    .where(eq(initialAssessments.apprenticeshipId, apprenticeshipId));
  if (!state) return;
  const at = new Date('2025-09-01T12:00:00Z');
  const signed = state === 'signed' ? { apprenticeSignedAt: at, employerSignedName: 'Matrix Employer', employerSignedAt: at, providerSignedName: 'Matrix Trainer', providerSignedAt: at } : {};
  const [p] = await t.db
    .insert(trainingPlans)
    .values({
      apprenticeshipId,
      version: 1,
      plannedStartDate: '2025-09-01',
      plannedEndDate: '2027-03-01',
      durationMonths: 18,
      weeklyHours: 37.5,
      rulesYear: '2025-26',
      standardOtjHours: 419,
      plannedOtjHours: 419,
      activities: [{ month: 1, title: 'Matrix', ksbs: ['K1'], otjHours: 419 }],
      englishPlan: 'Achieved.',
      mathsPlan: 'Achieved.',
      createdBy: a!.trainerId,
      ...signed,
    })
    .returning({ id: trainingPlans.id });
  planOf.set(apprenticeshipId, p!.id);
}

// Query practice: one submitted attempt for each target apprentice, put back to waiting before each cell that marks it.
const QUERY_SCENARIO_ID = 'query-01-anaemia-type-not-stated';
const queryAttemptOf = new Map<string, string>();
async function seedQueryAttempts() {
  for (const email of [SAM, OWEN]) {
    const [u] = await t.db.select({ id: users.id }).from(users).where(eq(users.email, email));
    const [a] = await t.db
      .insert(queryAttempts)
      .values({ apprenticeId: u!.id, scenarioId: QUERY_SCENARIO_ID, queryNeeded: true, addressedTo: 'Dr A. Okafor', queryText: 'Matrix query.', reasoning: 'Matrix reasoning.', prechecks: [] })
      .returning({ id: queryAttempts.id });
    queryAttemptOf.set(u!.id, a!.id);
  }
}
async function resetQueryAttempt(apprenticeId: string) {
  await t.db.update(queryAttempts).set({ status: 'submitted', rubric: null, feedback: null, markedBy: null, markedAt: null, rowVersion: 1 }).where(eq(queryAttempts.id, queryAttemptOf.get(apprenticeId)!));
}

/** An unread notification for each viewer of the matrix (made directly: what an event would leave). */
async function unreadMatrixNotifications() {
  for (const email of Object.values(VIEWER_EMAIL)) {
    const v = await t.viewer(email);
    await t.db
      .insert(notifications)
      .values({ recipientId: v.userId, kind: 'reminder', title: `Matrix notification for ${v.name}`, link: '/notifications', key: 'matrix', emailState: 'skipped' })
      .onConflictDoUpdate({ target: [notifications.recipientId, notifications.key], set: { readAt: null } });
  }
}
async function matrixNotificationOf(v: Viewer) {
  const [n] = await t.db.select({ id: notifications.id }).from(notifications).where(and(eq(notifications.recipientId, v.userId), eq(notifications.key, 'matrix')));
  return n!.id;
}

async function activeEditionId(scheme: 'icd10' | 'opcs4') {
  const [e] = await t.db.select({ id: classificationEditions.id }).from(classificationEditions).where(and(eq(classificationEditions.scheme, scheme), eq(classificationEditions.active, true)));
  return e!.id;
}

/** An attempt by Aisha Rahman (nobody's target here) on the matrix case, labelled as the migration labelled old attempts. */
async function insertStaleAttempt() {
  const legacy = await t.db.select({ id: classificationEditions.id, scheme: classificationEditions.scheme }).from(classificationEditions).where(eq(classificationEditions.origin, 'legacy'));
  const [aisha] = await t.db.select({ id: users.id }).from(users).where(eq(users.email, 'aisha.rahman@ashwell.example'));
  await t.db.insert(codingAttempts).values({
    apprenticeId: aisha!.id,
    caseId: CASE_ID,
    answer: { diagnoses: ['K35.8'], procedures: ['H01.1'] },
    expected: { diagnoses: ['K35.8'], procedures: ['H01.1'] },
    findings: [],
    pdCorrect: 1,
    pdOf: 1,
    ppCorrect: 1,
    ppOf: 1,
    icd10EditionId: legacy.find((e) => e.scheme === 'icd10')!.id,
    opcs4EditionId: legacy.find((e) => e.scheme === 'opcs4')!.id,
  });
}

async function removableFileId(target: Target) {
  const [f] = await t.db
    .select({ id: evidenceFiles.id })
    .from(evidenceFiles)
    .where(and(eq(evidenceFiles.evidenceId, target!.evidenceId), eq(evidenceFiles.fileName, 'to-remove.png'), isNull(evidenceFiles.removedAt)));
  return f?.id;
}

async function target(rel: Rel): Promise<Target> {
  const email = TARGET_OF[rel];
  if (!email) return null;
  const [r] = await t.db
    .select({
      apprenticeshipId: apprenticeships.id,
      apprenticeId: apprenticeships.apprenticeId,
      attemptId: codingAttempts.id,
      evidenceId: sql<string>`(select e.id from evidence e where e.apprentice_id = ${users.id} and e.title = 'Matrix draft')`,
      submitEvidenceId: sql<string>`(select e.id from evidence e where e.apprentice_id = ${users.id} and e.title = 'Matrix to submit')`,
      fileId: sql<string>`(select f.id from evidence_files f join evidence e on e.id = f.evidence_id where e.apprentice_id = ${users.id} and e.title = 'Matrix draft' and f.file_name = 'matrix.pdf')`,
      markEvidenceId: sql<string>`(select e.id from evidence e where e.apprentice_id = ${users.id} and e.title = 'Matrix to mark')`,
      acceptedEvidenceId: sql<string>`(select e.id from evidence e where e.apprentice_id = ${users.id} and e.title = 'Matrix accepted')`,
      auditAttemptId: sql<string>`(select a.id from audit_practice_attempts a where a.apprentice_id = ${users.id} order by a.id limit 1)`,
    })
    .from(apprenticeships)
    .innerJoin(users, eq(users.id, apprenticeships.apprenticeId))
    // The test's own attempt: the demo history's older attempts fall outside a list's latest 200.
    .innerJoin(codingAttempts, and(eq(codingAttempts.apprenticeId, users.id), eq(codingAttempts.caseId, CASE_ID)))
    .where(eq(users.email, email))
    .orderBy(codingAttempts.id)
    .limit(1);
  return { ...r!, ...assessmentsOf.get(r!.apprenticeId)! };
}

// Off-the-job entries of the test's own for Sam and Owen, on a Saturday (the demo log has weekdays only).
const MATRIX_OTJ = 'Matrix: coding workshop on sequencing.';
const MATRIX_OTJ_REVIEW = 'Matrix: shadowed the coding audit.';
const MATRIX_OTJ_DELETE = 'Matrix: logged by mistake.';
const matrixOtjEntry = (apprenticeId: string, description: string) => ({
  apprenticeId,
  activityDate: '2025-09-06',
  minutes: 60,
  activityType: 'practical_training' as const,
  description,
  ksbs: ['S3'],
});
/** The entry the trainer reviews, put back to waiting for review. */
async function relogOtj(target: NonNullable<Target>) {
  await t.db
    .update(otjEntries)
    .set({ status: 'logged', reviewComment: null, reviewerId: null, reviewedAt: null })
    .where(and(eq(otjEntries.apprenticeId, target.apprenticeId), eq(otjEntries.description, MATRIX_OTJ_REVIEW)));
}
async function otjEntry(target: NonNullable<Target>, description: string) {
  const [e] = await t.db.select().from(otjEntries).where(and(eq(otjEntries.apprenticeId, target.apprenticeId), eq(otjEntries.description, description)));
  if (!e) throw new Error(`no matrix off-the-job entry “${description}”`);
  return e;
}

// Audit practice: an episode written by hand (content/audit), audited once by Sam and by Owen.
const AUDIT_EPISODE = 'written-03-nstemi-diabetes-sequenced-first';
const noFigure = { correct: null, of: null };
const AUDIT_ANSWER = {
  episodeId: AUDIT_EPISODE,
  diagnoses: [{ verdict: 'error' as const, errorType: 'sequencing' as const, correction: 'I21.4' }, { verdict: 'correct' as const }, { verdict: 'correct' as const }, { verdict: 'correct' as const }],
  procedures: [],
  omitted: [],
  figures: { primaryDiagnosis: { correct: 0, of: 1 }, secondaryDiagnoses: { correct: 3, of: 3 }, primaryProcedure: noFigure, secondaryProcedures: noFigure },
};

// A question and a case of the test's own, and one attempt each by Sam and Owen.
const CASE_ID = 'matrix-appendicitis';
const QUESTION_ID = 'matrix-question';
const QUESTION_EXPLANATION = 'The main condition treated in the episode.';
async function seedAttempts() {
  await t.db.insert(questions).values({
    id: QUESTION_ID,
    topic: 'Test',
    type: 'single',
    stem: 'Which is the primary diagnosis?',
    options: ['A symptom', 'The main condition treated', 'The first condition written'],
    answer: [1],
    explanation: QUESTION_EXPLANATION,
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
    await dal.submitAuditAttempt(v, AUDIT_ANSWER);
    const account = 'I coded twenty inpatient episodes and checked each against the four-step process.';
    for (const title of ['Matrix draft', 'Matrix to submit']) {
      const { id } = await dal.createEvidence(v, { title, type: 'work_product', activityDate: '2026-10-01', account, ksbs: ['S3', 'S5'] });
      if (title === 'Matrix draft') await dal.addEvidenceFile(v, { evidenceId: id, fileName: 'matrix.pdf', bytes: await makePdf(['Twenty episodes coded.']) });
    }
    const submitted: Record<string, string> = {};
    for (const title of ['Matrix to mark', 'Matrix accepted']) {
      const e = await dal.createEvidence(v, { title, type: 'work_product', activityDate: '2026-10-01', account, ksbs: ['S3', 'S5'] });
      const after = await dal.submitEvidence(v, { id: e.id, rowVersion: e.rowVersion });
      submitted[title] = `${e.id}/${after.rowVersion}`;
    }
    const [id, rowVersion] = submitted['Matrix accepted']!.split('/');
    const trainer = await t.viewer(email === SAM ? 'trainer.patel@coderpathway.example' : 'trainer.okafor@coderpathway.example');
    await dal.markEvidence(trainer, { id: id!, rowVersion: Number(rowVersion), outcome: 'accepted', decisions: { S3: 'met', S5: 'not_met' }, feedback: '' });
    await t.db.insert(otjEntries).values([MATRIX_OTJ, MATRIX_OTJ_REVIEW, MATRIX_OTJ_DELETE].map((d) => matrixOtjEntry(v.userId, d)));
  }
}

// Mock assessments over the test's own question and a written item of its own: a practice paper
// each apprentice has in progress, a second practice paper for the papers submitted, started and
// scheduled by the cells, and a sitting of the first inviting each apprentice alone.
const PAPER_KEY = 'matrix-paper';
const MOCK_KEY = 'matrix-mock';
const UPLOAD_KEY = 'matrix-upload';
const WRITTEN_ID = 'matrix-written';
const WRITTEN_ITEM = 1; // the theory section draws item 0, the written section item 1
const WRITTEN_GUIDANCE = 'Matrix guidance: the clinician is the source of truth; never assume.';
const WRITTEN_ANSWER = 'I would query the consultant, because the record must reflect what they documented.';
const matrixBlueprint = (key: string): Blueprint => {
  const boundaries = { pass: 50, distinction: 80 };
  return {
    id: key,
    title: `Matrix paper ${key}`,
    kind: 'other',
    description: 'A short paper the authorization matrix sits, over the test’s own items.',
    practice: true,
    ksbs: ['K4'],
    boundaries,
    sections: [
      { id: 'theory', title: 'Theory', kind: 'theory', instructions: 'Answer the question.', draw: 1, pool: { ids: [QUESTION_ID] }, minutes: 120, weight: 1, boundaries },
      { id: 'written', title: 'Written', kind: 'written', instructions: 'Answer in your own words.', draw: 1, pool: { ids: [WRITTEN_ID] }, minutes: 120, weight: 1, boundaries },
    ],
  };
};
type AssessmentTargets = Pick<NonNullable<Target>, 'paperAttemptId' | 'resultAttemptId' | 'markAttemptId' | 'sittingId'>;
const assessmentsOf = new Map<string, AssessmentTargets>();
const toStart = new Map<string, string>();
const toSubmit = new Map<string, string>();
async function apprenticeViewer(target: NonNullable<Target>) {
  const [u] = await t.db.select({ email: users.email }).from(users).where(eq(users.id, target.apprenticeId));
  return t.viewer(u!.email);
}
/** Submits, as the apprentice, any attempt of the paper they have in progress. */
async function submitInProgress(target: NonNullable<Target>, key: string) {
  const v = await apprenticeViewer(target);
  const open = await t.db
    .select({ id: assessmentAttempts.id })
    .from(assessmentAttempts)
    .where(and(eq(assessmentAttempts.apprenticeId, target.apprenticeId), eq(assessmentAttempts.blueprintKey, key), eq(assessmentAttempts.status, 'in_progress')));
  for (const { id } of open) await dal.submitAssessment(v, id);
}
async function seedAssessments() {
  await t.db.insert(writtenItems).values({
    id: WRITTEN_ID,
    topic: 'Test',
    prompt: 'Explain why a coder queries an unclear diagnosis with the clinician.',
    ksbs: ['K4'],
    rubric: [
      { criterion: 'Names the clinician as the source of truth', marks: 3 },
      { criterion: 'Explains the effect on data quality', marks: 2 },
    ],
    guidance: WRITTEN_GUIDANCE,
    marks: 5,
  });
  const admin = await t.viewer(VIEWER_EMAIL.admin);
  for (const key of [PAPER_KEY, MOCK_KEY]) await dal.uploadBlueprint(admin, { definition: JSON.stringify(matrixBlueprint(key)) });
  for (const email of [SAM, OWEN]) {
    const v = await t.viewer(email);
    const paper = await dal.startAssessment(v, { blueprintKey: PAPER_KEY });
    const submitted: string[] = [];
    for (let i = 0; i < 2; i++) {
      const { id } = await dal.startAssessment(v, { blueprintKey: MOCK_KEY });
      await dal.saveAssessmentAnswer(v, id, { kind: 'written', item: WRITTEN_ITEM, seq: Date.now() + ++n, flagged: false, answer: { text: WRITTEN_ANSWER } });
      await dal.submitAssessment(v, id);
      submitted.push(id);
    }
    const sitting = await dal.scheduleSitting(admin, { blueprintKey: PAPER_KEY, apprenticeIds: [v.userId], opensAt: new Date(Date.now() - 60_000), closesAt: new Date(Date.now() + 30 * 86_400_000) });
    assessmentsOf.set(v.userId, { paperAttemptId: paper.id, resultAttemptId: submitted[0]!, markAttemptId: submitted[1]!, sittingId: sitting.id });
  }
}

// One witness request per apprentice, on their 'Matrix witnessed', addressed to their employer's contact.
const witnessRequestOf = new Map<string, string>();
const witnessedPieceOf = new Map<string, string>();
const toSign = new Map<string, string>();
async function employerContactOf(apprenticeId: string) {
  const [c] = await t.db
    .select({ id: users.id })
    .from(users)
    .innerJoin(apprenticeships, eq(apprenticeships.employerId, users.organisationId))
    .where(and(eq(apprenticeships.apprenticeId, apprenticeId), eq(users.role, 'employer')));
  return c!.id;
}
async function seedWitnessRequests() {
  for (const email of [SAM, OWEN]) {
    const v = await t.viewer(email);
    // A piece of its own: asking for a statement opens the piece's files to the employer contact,
    // and the file cells expect a contact who was not asked about 'Matrix draft'.
    const e = await dal.createEvidence(v, { title: 'Matrix witnessed', type: 'work_product', activityDate: '2026-10-01', account: 'Coded with my mentor watching.', ksbs: ['S3'] });
    const { id } = await dal.requestWitnessStatement(v, { evidenceId: e.id, witnessId: await employerContactOf(v.userId), message: 'Please confirm I coded these episodes.' });
    witnessRequestOf.set(v.userId, id);
    witnessedPieceOf.set(v.userId, e.id);
  }
}

// One unsigned review each for Sam and Owen (apprenticeship id → review id), recorded by their trainer.
const reviewOf = new Map<string, string>();
const toSignReview = new Map<string, string>();
async function insertReview(apprenticeshipId: string) {
  const [a] = await t.db.select({ trainerId: trainerAssignments.trainerId }).from(trainerAssignments).where(eq(trainerAssignments.apprenticeshipId, apprenticeshipId)).limit(1);
  const [r] = await t.db
    .insert(progressReviews)
    .values({
      apprenticeshipId,
      trainerId: a!.trainerId,
      reviewDate: '2025-10-01',
      progressSummary: 'Matrix review.',
      ksbsDiscussed: ['K1'],
      targets: 'Keep going.',
      otjHoursLogged: 10,
      otjHoursPlanned: 12,
      wellbeing: 'Well.',
      safeguardingConcern: false,
    })
    .returning({ id: progressReviews.id });
  return r!.id;
}
async function seedReviews() {
  for (const rel of ['own', 'other'] as const) {
    const { apprenticeshipId } = (await target(rel))!;
    reviewOf.set(apprenticeshipId, await insertReview(apprenticeshipId));
  }
}

// Conversations: a message on each review's thread (by its apprentice), and on each attempt's thread one by
// each matrix viewer who may post there (apprentice, trainer, admin), kept so editMessage has one to edit.
const matrixMessageOf = new Map<string, string>();
async function seedConversations() {
  for (const rel of ['own', 'other'] as const) {
    const tgt = (await target(rel))!;
    const owner = await t.viewer(TARGET_OF[rel]!);
    await dal.postMessage(owner, { subjectType: 'review', subjectId: reviewOf.get(tgt.apprenticeshipId)!, body: 'Matrix review comment.' });
    const [a] = await t.db.select({ trainerId: trainerAssignments.trainerId }).from(trainerAssignments).where(eq(trainerAssignments.apprenticeshipId, tgt.apprenticeshipId)).limit(1);
    const [trainerUser] = await t.db.select({ email: users.email }).from(users).where(eq(users.id, a!.trainerId));
    for (const v of [owner, await t.viewer(trainerUser!.email), await t.viewer(VIEWER_EMAIL.admin)]) {
      const { id } = await dal.postMessage(v, { subjectType: 'attempt', subjectId: tgt.attemptId, body: 'Matrix attempt comment.' });
      matrixMessageOf.set(`${v.userId}|${tgt.apprenticeshipId}`, id);
      if (v.userId === owner.userId) matrixMessageOf.set(`owner|${tgt.apprenticeshipId}`, id);
    }
  }
}
/** The edit window is 5 minutes and the matrix runs for longer: each edit cell starts with messages just posted. */
async function freshMatrixMessages(apprenticeshipId: string) {
  await t.db.update(conversationMessages).set({ createdAt: sql`now()` }).where(inArray(conversationMessages.id, [...matrixMessageOf.entries()].filter(([k]) => k.endsWith(apprenticeshipId)).map(([, id]) => id)));
}

// issue 20: the target's latest gateway pack in the given state (a new row when it is not; packs are kept,
// as their links and the append-only openings refer to them), with a summary PDF in the store.
const MATRIX_PDF = new TextEncoder().encode('%PDF-1.7\n%%EOF\n');
const matrixLinkOf = new Map<string, string>();
async function matrixPack(target: NonNullable<Target>, status: 'ready' | 'failed'): Promise<string> {
  const [latest] = await t.db.select({ id: gatewayPacks.id, status: gatewayPacks.status }).from(gatewayPacks).where(eq(gatewayPacks.apprenticeshipId, target.apprenticeshipId)).orderBy(desc(gatewayPacks.createdAt), desc(gatewayPacks.id)).limit(1);
  if (latest?.status === status) return latest.id;
  const storage = getFileStorage('exports');
  const [pack] = await t.db
    .insert(gatewayPacks)
    .values({
      apprenticeshipId: target.apprenticeshipId,
      status,
      createdAt: new Date(Date.now() + 1000),
      ...(status === 'ready' ? { fileName: 'matrix.zip', storageKey: await storage.put(MATRIX_ZIP), summaryStorageKey: await storage.put(MATRIX_PDF), sizeBytes: MATRIX_ZIP.byteLength } : { error: 'matrix' }),
    })
    .returning({ id: gatewayPacks.id });
  return pack!.id;
}
/** All three gateway confirmations of the target (what rebuilding needs), added where missing. */
async function matrixConfirmations(target: NonNullable<Target>) {
  for (const role of ['apprentice', 'trainer', 'employer'] as const)
    await t.db.insert(gatewayConfirmations).values({ apprenticeshipId: target.apprenticeshipId, role, confirmedBy: target.apprenticeId, confirmedName: 'Matrix', note: 'Ready for the matrix test.' }).onConflictDoNothing();
}

// A finished export of the target's portfolio for each viewer of the matrix (made directly: what a job would leave).
const MATRIX_ZIP = new Uint8Array([80, 75, 5, 6, ...new Array(18).fill(0)]); // an empty ZIP
async function readyExports(target: NonNullable<Target>) {
  for (const email of Object.values(VIEWER_EMAIL)) {
    const v = await t.viewer(email);
    const [existing] = await t.db.select({ id: portfolioExports.id }).from(portfolioExports).where(and(eq(portfolioExports.requestedBy, v.userId), eq(portfolioExports.apprenticeshipId, target.apprenticeshipId), eq(portfolioExports.status, 'ready')));
    if (existing) continue;
    const storageKey = await getFileStorage('exports').put(MATRIX_ZIP);
    await t.db.insert(portfolioExports).values({ requestedBy: v.userId, apprenticeshipId: target.apprenticeshipId, status: 'ready', done: 1, total: 1, fileName: 'matrix.zip', storageKey, sizeBytes: MATRIX_ZIP.byteLength });
  }
}
async function exportOf(v: Viewer, target: NonNullable<Target>) {
  const [r] = await t.db.select({ id: portfolioExports.id }).from(portfolioExports).where(and(eq(portfolioExports.requestedBy, v.userId), eq(portfolioExports.apprenticeshipId, target.apprenticeshipId), eq(portfolioExports.status, 'ready')));
  return r!.id;
}
// A job that has run out of tries, put back as failed before each cell (pg-boss's own table, its own schema).
const MATRIX_FAILED_JOB = '00000000-0000-4000-8000-00000000f00d';
async function failedJob() {
  await t.db.execute(sql`delete from pgboss.job where id = ${MATRIX_FAILED_JOB}::uuid`);
  await t.db.execute(
    sql`insert into pgboss.job (id, name, data, state, policy, retry_limit, retry_count, started_on, output)
        values (${MATRIX_FAILED_JOB}::uuid, 'portfolio-export', '{"exportId":"00000000-0000-4000-8000-000000000000"}', 'failed', 'standard', 3, 3, now(), '{"message":"matrix"}')`,
  );
}

// Every table but the audit log (which every call may append to) and the content loaded from files
// (no DAL function writes it; the classifications alone are 23,000 rows), found at run time so
// that a new table is covered without a change here.
const NOT_FINGERPRINTED = ['audit_log', 'standards', 'ksbs', 'classification_codes'];
let dataTables: string[] = [];
/** A fingerprint of every row of every data table: any write changes it. */
async function fingerprint(): Promise<string> {
  const perTable = dataTables.map((table) => sql`(select md5(string_agg(x::text, '|' order by x::text)) from ${sql.identifier(table)} x) as ${sql.identifier(table)}`);
  // The job queue's jobs too (pg-boss's schema): queueing or retrying a job is a write.
  perTable.push(sql`(select md5(string_agg(x::text, '|' order by x::text)) from pgboss.job x) as pgboss_job`);
  const [r] = await rowsOf<Record<string, string | null>>(t.db, sql`select ${sql.join(perTable, sql`, `)}`);
  return JSON.stringify(r);
}

/** Audit entries other than refusals: what the writes themselves recorded. */
async function writeEntries() {
  const [r] = await t.db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(auditLog).where(sql`${auditLog.action} <> 'access.denied'`);
  return r!.n;
}

async function deniedEntries(viewer: Viewer) {
  return t.db
    .select({ id: auditLog.id, after: auditLog.after })
    .from(auditLog)
    .where(and(eq(auditLog.action, 'access.denied'), eq(auditLog.actorId, viewer.userId)))
    .orderBy(auditLog.id);
}

let files: TestStorage;
beforeAll(async () => {
  files = await createTestStorage();
  setFileStorageForTests(files.storage);
  setFileStorageForTests(files.storage, 'exports');
  t = await createTestDb();
  const [provider] = await t.db.select({ id: organisations.id }).from(organisations).where(eq(organisations.kind, 'training_provider'));
  await t.db.insert(users).values({ email: SPARE_TRAINER, name: 'Matrix Spare Trainer', role: 'trainer', organisationId: provider!.id });
  await seedAttempts();
  await seedWitnessRequests();
  await seedReviews();
  await seedConversations();
  await seedAssessments();
  await seedQueryAttempts();
  await jobQueue(); // the queue's schema, so that its jobs can be fingerprinted from the first cell
  dataTables = (
    await rowsOf<{ table_name: string }>(t.db, sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`)
  )
    .map((r) => r.table_name)
    .filter((name) => !NOT_FINGERPRINTED.includes(name));
  // Seeding every cell's data (and the job queue's schema) passes a minute on a busy 2-core machine.
}, 180_000);
afterAll(async () => {
  setFileStorageForTests(undefined);
  setFileStorageForTests(undefined, 'exports');
  await files?.close();
  await t.close();
});

/** issue 20: the target without breaks and with the status a learning-status cell needs (an open break for a return). */
async function learningState(target: NonNullable<Target>, status: 'active' | 'break_in_learning') {
  await t.db.delete(learningBreaks).where(eq(learningBreaks.apprenticeshipId, target.apprenticeshipId));
  await t.db.update(apprenticeships).set({ status, actualEndDate: null, actualOtjHours: null, withdrawReason: null }).where(eq(apprenticeships.id, target.apprenticeshipId));
  if (status === 'break_in_learning') {
    const [a] = await t.db.select({ startDate: apprenticeships.startDate, apprenticeId: apprenticeships.apprenticeId }).from(apprenticeships).where(eq(apprenticeships.id, target.apprenticeshipId));
    const start = shiftDate(ukToday(), { days: -10 }) < a!.startDate ? a!.startDate : shiftDate(ukToday(), { days: -10 });
    await t.db.insert(learningBreaks).values({ apprenticeshipId: target.apprenticeshipId, startDate: start, reason: 'Matrix break.', recordedBy: a!.apprenticeId });
  }
}

const cells = Object.entries(matrix).flatMap(([fn, entry]) =>
  Object.entries(entry.cells).map(([key, allowed]) => {
    const [role, rel] = key.split('/') as [Role, Rel];
    return { fn: fn as keyof typeof dal, role, rel, allowed: allowed! };
  }),
);

const ON: Record<Rel, string> = {
  own: ' on their own apprenticeship',
  other: " on another apprentice's apprenticeship",
  assigned: ' on an apprenticeship they are assigned to',
  unassigned: ' on an apprenticeship they are not assigned to',
  same_employer: ' on an apprenticeship at their employer',
  other_employer: ' on an apprenticeship at another employer',
  any: ' on any apprenticeship',
  none: '',
};

describe('authorization matrix', () => {
  it('lists every function of the data access layer, and nothing else', () => {
    const exported = Object.keys(dal).filter((k) => typeof (dal as Record<string, unknown>)[k] === 'function');
    expect(Object.keys(matrix).sort()).toEqual(exported.sort());
  });

  it('gives every function a cell for each role and each relationship that applies', () => {
    for (const [fn, entry] of Object.entries(matrix)) {
      const keys = Object.keys(entry.cells).sort();
      const hasTarget = keys.some((k) => !k.endsWith('/none'));
      const expected = (Object.keys(RELATIONSHIPS) as Role[]).flatMap((role) => (hasTarget ? RELATIONSHIPS[role] : ['none']).map((rel) => `${role}/${rel}`)).sort();
      expect({ fn, cells: keys }).toEqual({ fn, cells: expected });
      expect({ fn, kind: entry.kind }).toEqual({ fn, kind: entry.includes ? 'list' : expect.stringMatching(/^(read|write)$/) });
    }
    expect(cells.length).toBeGreaterThan(Object.keys(matrix).length * 4 - 1);
    console.log(`authorization matrix: ${cells.length} cells over ${Object.keys(matrix).length} functions`);
  });

  for (const { fn, role, rel, allowed } of cells)
    it(`${role} ${allowed ? 'may' : 'may not (404)'} call ${fn}${ON[rel]}`, async () => {
      const entry = matrix[fn];
      const viewer = await t.viewer(VIEWER_EMAIL[role]);
      const tgt = await target(rel);
      await entry.prepare?.(tgt);
      const before = await fingerprint();
      const deniedBefore = (await deniedEntries(viewer)).length;
      const writtenBefore = await writeEntries();

      if (entry.kind === 'list') {
        // A list shows the target or not; a role with no access at all gets the 404 (and an audit entry).
        const result = await entry.run(viewer, tgt).catch((e: unknown) => (e instanceof NotFound && !allowed ? null : Promise.reject(e)));
        expect(result !== null && entry.includes!(result, tgt)).toBe(allowed);
        expect((await deniedEntries(viewer)).length).toBe(deniedBefore + (result === null ? 1 : 0));
        expect(await fingerprint()).toBe(before);
        return;
      }
      if (allowed) {
        const result = await entry.run(viewer, tgt); // throws, failing the cell, if refused
        if (entry.check) expect(entry.check(result, tgt, viewer)).toBe(true);
        expect((await deniedEntries(viewer)).length).toBe(deniedBefore);
        if (entry.kind === 'read') expect(await fingerprint()).toBe(before);
        else {
          expect(await fingerprint()).not.toBe(before);
          // Every write of the data access layer leaves an audit entry (issue 14 §8).
          expect((await writeEntries()) - writtenBefore, `${fn} wrote no audit entry`).toBeGreaterThan(0);
        }
        return;
      }
      await expect(entry.run(viewer, tgt)).rejects.toBeInstanceOf(NotFound);
      const denied = await deniedEntries(viewer);
      expect(denied.length).toBe(deniedBefore + 1);
      expect(denied.at(-1)?.after).toMatchObject({ role });
      expect(await fingerprint()).toBe(before);
    });
});

// A user whose password was set by an administrator reaches nothing but the change of password (issue 14
// §6): every function, in a cell where the same user would be allowed, is refused with the 404 the data
// access layer gives everyone it refuses, records why, and changes nothing.
describe('a user who must choose a new password', () => {
  const firstAllowed = Object.entries(matrix).map(([fn, entry]) => {
    const [key] = Object.entries(entry.cells).find(([, allowed]) => allowed) ?? [];
    return { fn: fn as keyof typeof dal, key };
  });

  it('has a cell where each function is allowed, to be refused in', () => {
    // changeOwnPassword is what they may do: it is tested on its own below.
    expect(firstAllowed.filter((c) => !c.key).map((c) => c.fn)).toEqual([]);
  });

  for (const { fn, key } of firstAllowed)
    if (key && fn !== 'changeOwnPassword')
      it(`is refused ${fn}`, async () => {
        const [role, rel] = key.split('/') as [Role, Rel];
        const entry = matrix[fn];
        const viewer = { ...(await t.viewer(VIEWER_EMAIL[role])), mustChangePassword: true };
        const tgt = await target(rel);
        await entry.prepare?.(tgt);
        const before = await fingerprint();
        const deniedBefore = (await deniedEntries(viewer)).length;
        await expect(entry.run(viewer, tgt)).rejects.toBeInstanceOf(PasswordChangeRequired);
        const denied = await deniedEntries(viewer);
        expect(denied.length).toBe(deniedBefore + 1);
        expect(denied.at(-1)?.after).toMatchObject({ role, reason: 'password_change_required' });
        expect(await fingerprint()).toBe(before);
      });

  it('may still choose a new password, and then reaches their data again', async () => {
    const email = 'ryan.doyle@ashwell.example'; // no other cell signs in as Ryan
    await t.db.update(users).set({ mustChangePassword: true }).where(eq(users.email, email));
    const viewer = await t.viewer(email);
    expect(viewer.mustChangePassword).toBe(true);
    await expect(dal.getOwnApprenticeship(viewer)).rejects.toBeInstanceOf(PasswordChangeRequired);
    const next = 'a new passphrase for the matrix';
    await dal.changeOwnPassword(viewer, { currentPassword: DEMO_PASSWORD, newPassword: next, confirmPassword: next });
    const after = await t.viewer(email);
    expect(after.mustChangePassword).toBe(false);
    expect(await dal.getOwnApprenticeship(after)).toMatchObject({ apprenticeId: after.userId });
  });
});
