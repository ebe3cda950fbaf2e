import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import {
  createApprentice,
  createOtjEntry,
  getApprenticeship,
  getOtjSummary,
  getOwnApprenticeship,
  getProgressPicture,
  importApprentices,
  listProgressReviews,
  recordProgressReview,
  saveAssessmentAnswer,
  scheduleSitting,
  setExtraTime,
  updateApprenticeship,
  updateOtjEntry,
  updateProgressSettings,
} from '@/lib/dal';
import { AnswerRefused } from '@/lib/dal/assessments';
import { apprenticeships, assessmentAnswers, assessmentSittings, organisations, otjEntries, progressReviews, settings, users } from '@/db/schema';
import { FieldError } from '@/lib/errors';
import { MAX_SERIES_POINTS } from '@/lib/otj/plan';
import { DEFAULT_PROGRESS_SETTINGS, toForm } from '@/lib/progress/settings';
import type { Viewer } from '@/lib/dal/viewer';
import { countRows, createTestDb, type TestDb } from '../helpers/test-db';

// Issue 14, points 4 and 5: a date or number out of reason is refused by the data access layer with a
// message at its field (a FieldError: a 400 from a route, a message beside the field in a form), never a
// database error, and nothing is written: no row and no audit entry. And a record already stored with an
// absurd date (before these checks) still gives a page of bounded size, quickly.

let t: TestDb;
let admin: Viewer;
let sam: Viewer;
let patel: Viewer;
let samApprenticeship: string;
let ashwell: string;

beforeAll(async () => {
  t = await createTestDb();
  admin = await t.viewer('admin@coderpathway.example');
  sam = await t.viewer('sam.whitfield@ashwell.example');
  patel = await t.viewer('trainer.patel@coderpathway.example');
  samApprenticeship = (await getOwnApprenticeship(sam))!.id;
  ashwell = (await t.db.select().from(organisations).where(eq(organisations.name, 'Ashwell Vale Hospitals NHS Trust')))[0]!.id;
});
afterAll(() => t.close());

const auditCount = async () => {
  // access.denied entries are not writes; a refused input must leave no other trace.
  const r = (await t.db.execute(sql`select count(*)::int as n from audit_log where action <> 'access.denied'`)) as unknown as { rows?: { n: number }[] } | { n: number }[];
  return Number((Array.isArray(r) ? r : (r.rows ?? []))[0]?.n);
};

/** Row counts of the tables these writes touch, and of the audit log. */
const counts = async () => ({
  users: await countRows(t.db, users),
  apprenticeships: await countRows(t.db, apprenticeships),
  otj: await countRows(t.db, otjEntries),
  reviews: await countRows(t.db, progressReviews),
  sittings: await countRows(t.db, assessmentSittings),
  answers: await countRows(t.db, assessmentAnswers),
  settings: await countRows(t.db, settings),
  audit: await auditCount(),
});

/** The FieldError a write is refused with (failing the test on any other outcome), after checking nothing was written. */
async function refused(work: () => Promise<unknown>): Promise<FieldError> {
  const before = await counts();
  const e = await work().then(
    () => null,
    (err: unknown) => err,
  );
  expect(e, String(e)).toBeInstanceOf(FieldError);
  expect(await counts()).toEqual(before);
  return e as FieldError;
}

const newApprentice = (extra: Record<string, unknown>) => ({
  name: 'Dee Tester',
  email: `dee.${Math.random().toString(36).slice(2)}@example.test`,
  temporaryPassword: 'a-temporary-password',
  employerId: ashwell,
  cohortId: '',
  startDate: '2026-09-01',
  plannedEndDate: '2028-03-01',
  weeklyHours: '37.5',
  plannedOtjHours: '300',
  englishStatus: 'required' as const,
  mathsStatus: 'achieved' as const,
  ...extra,
});

describe('the data access layer refuses a date or number out of reason, writing nothing', () => {
  it.each([
    ['a planned end of 9999-12-31', { plannedEndDate: '9999-12-31' }, 'plannedEndDate', /^Check the year of the planned end date: 9999/],
    ['a planned end in 2207', { plannedEndDate: '2207-01-01' }, 'plannedEndDate', /^Check the year of the planned end date: 2207/],
    ['a planned end more than six years after the start', { plannedEndDate: '2032-09-02' }, 'plannedEndDate', /^The planned end date must be within 6 years of the start/],
    ['a start in year 0000', { startDate: '0000-01-01' }, 'startDate', /^Check the year of the start date: 0000/],
    ['a start of 2026-13-01', { startDate: '2026-13-01' }, 'startDate', /there is no month 13/],
    ['weekly hours of 0x10', { weeklyHours: '0x10' }, 'weeklyHours', /^Enter the weekly contracted hours as a number/],
    ['planned hours left empty', { plannedOtjHours: '' }, 'plannedOtjHours', /^Enter the planned off-the-job hours\.$/],
    ['planned hours of 1e3', { plannedOtjHours: '1e3' }, 'plannedOtjHours', /^Enter the planned off-the-job hours as a whole number/],
  ])('a new apprentice with %s', async (_what, extra, field, message) => {
    const e = await refused(() => createApprentice(admin, newApprentice(extra)));
    expect(e.field).toBe(field);
    expect(e.userMessage).toMatch(message);
  });

  it('an apprenticeship edit with a row version of 2^40 or a planned end of 9999-12-31', async () => {
    const a = await getApprenticeship(admin, samApprenticeship);
    const edit = { id: a.id, version: a.version, employerId: a.employerId, cohortId: a.cohortId ?? '', startDate: a.startDate, plannedEndDate: a.plannedEndDate, weeklyHours: a.weeklyHours, plannedOtjHours: a.plannedOtjHours, englishStatus: a.englishStatus, mathsStatus: a.mathsStatus, status: a.status };
    const [before] = await t.db.select().from(apprenticeships).where(eq(apprenticeships.id, a.id));
    expect((await refused(() => updateApprenticeship(admin, { ...edit, version: 2 ** 40 }))).userMessage).toMatch(/reload the page/);
    expect((await refused(() => updateApprenticeship(admin, { ...edit, plannedEndDate: '9999-12-31' }))).field).toBe('plannedEndDate');
    expect((await t.db.select().from(apprenticeships).where(eq(apprenticeships.id, a.id)))[0]).toEqual(before);
  });

  it('a CSV import with a planned end of 9999-12-31 or weekly hours of 0x10: problems by line, nothing imported', async () => {
    const before = await counts();
    const header = 'name,email,employer,cohort,start date,planned end date,weekly hours';
    const csv = `${header}\nFar Future,far.future@example.test,Ashwell Vale Hospitals NHS Trust,,2026-09-01,9999-12-31,37.5\nHex Hours,hex.hours@example.test,Ashwell Vale Hospitals NHS Trust,,2026-09-01,2028-03-01,0x10\n`;
    const result = await importApprentices(admin, csv);
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.problems.map((p) => [p.line, p.column])).toEqual([
      [2, 'planned end date'],
      [3, 'weekly hours'],
    ]);
    expect(await counts()).toEqual(before);
  });

  it('settings with a cleared percentage: "Enter …", not 0% saved', async () => {
    const e = await refused(() => updateProgressSettings(admin, { ...toForm(DEFAULT_PROGRESS_SETTINGS), pd1: '' }));
    expect([e.field, e.userMessage]).toEqual(['pd1', 'Enter the first-level primary diagnosis.']);
    const stored = await t.db.select().from(settings).where(eq(settings.key, 'progress'));
    expect(stored.every((s) => (s.value as typeof DEFAULT_PROGRESS_SETTINGS).attainment.first.pd !== 0)).toBe(true);
  });

  it('an off-the-job entry on 2026-13-01, with empty hours, or an edit with a row version of 2^40', async () => {
    const entry = { activityDate: '2025-09-13', hours: '2.5', activityType: 'practical_training' as const, description: 'Practice coding of ten anonymised day-case notes.', ksbs: ['S3'] };
    expect((await refused(() => createOtjEntry(sam, { ...entry, activityDate: '2026-13-01' }))).userMessage).toBe('Enter a real date of the activity: there is no month 13 (months run from 01 to 12).');
    expect((await refused(() => createOtjEntry(sam, { ...entry, activityDate: '0000-01-01' }))).userMessage).toMatch(/^Check the year of the date of the activity: 0000/);
    expect((await refused(() => createOtjEntry(sam, { ...entry, hours: '' }))).userMessage).toBe('Enter the hours, for example 1.5 for an hour and a half.');
    const { id, rowVersion } = await createOtjEntry(sam, entry);
    expect(rowVersion).toBe(1);
    expect((await refused(() => updateOtjEntry(sam, { ...entry, id, rowVersion: 2 ** 40 }))).field).toBe('rowVersion');
  });

  it('a progress review dated 0000-01-01 or 9999-12-31', async () => {
    const review = {
      apprenticeshipId: samApprenticeship,
      progressSummary: 'Coded forty cases this period with improving accuracy.',
      ksbsDiscussed: ['K1'],
      targets: 'Code twenty more day cases and write up one reflective account.',
      englishMaths: 'English: achieved. Maths: in progress.',
      supportDiscussed: 'No adjustments needed; weekly catch-up agreed.',
      wellbeing: 'Says all is well.',
      safeguardingConcern: 'no' as const,
    };
    for (const reviewDate of ['0000-01-01', '9999-12-31', '2026-02-30']) expect((await refused(() => recordProgressReview(patel, { ...review, reviewDate }))).field).toBe('reviewDate');
  });

  it('a sitting at 25:00, in year 9999, or open for a year', async () => {
    const sitting = { blueprintKey: 'mock-nccq-practical', apprenticeIds: [sam.userId] };
    const soon = new Date(Date.now() + 86_400_000);
    expect((await refused(() => scheduleSitting(patel, { ...sitting, opensAt: '2026-12-08T25:00', closesAt: soon }))).userMessage).toMatch(/^Enter a real time for the opening date and time/);
    expect((await refused(() => scheduleSitting(patel, { ...sitting, opensAt: new Date(), closesAt: '9999-12-31T10:00' }))).userMessage).toMatch(/^Check the year of the closing date and time: 9999/);
    expect((await refused(() => scheduleSitting(patel, { ...sitting, opensAt: new Date(), closesAt: new Date(Date.now() + 365 * 86_400_000) }))).userMessage).toMatch(/^Keep the window to at most 3 months/);
  });

  it('extra time left empty, or with a row version of 2^40', async () => {
    const a = await getApprenticeship(admin, samApprenticeship);
    expect((await refused(() => setExtraTime(admin, { apprenticeshipId: a.id, percent: '', version: a.version }))).userMessage).toBe('Give a whole percentage, 0 for none.');
    expect((await refused(() => setExtraTime(admin, { apprenticeshipId: a.id, percent: '25', version: 2 ** 40 }))).field).toBe('version');
  });

  it('an answer to item 2^40 of a paper: refused as unreadable (400), no answer saved', async () => {
    const before = await counts();
    const e = await saveAssessmentAnswer(sam, crypto.randomUUID(), { kind: 'coding', item: 2 ** 40, seq: 1, flagged: false, answer: { diagnoses: [], procedures: [] } }).then(
      () => null,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(AnswerRefused);
    expect(e).toMatchObject({ reason: 'invalid', userMessage: 'There is no question like that in this paper.' });
    expect(await counts()).toEqual(before);
  });
});

describe('a record stored before these checks, with a planned end of 9999-12-31', () => {
  it('still gives bounded pages, quickly: the off-the-job chart, progress and reviews', async () => {
    // Ellie Brooks: no training plan is signed for her in the demo, so the apprenticeship's own dates are the plan.
    const ellie = await t.viewer('ellie.brooks@ashwell.example');
    const ellieApprenticeship = (await getOwnApprenticeship(ellie))!.id;
    const [a] = await t.db.select().from(apprenticeships).where(eq(apprenticeships.id, ellieApprenticeship));
    await t.db.update(apprenticeships).set({ plannedEndDate: '9999-12-31' }).where(eq(apprenticeships.id, ellieApprenticeship));
    try {
      const started = performance.now();
      const otj = await getOtjSummary(ellie, ellieApprenticeship);
      const [picture, reviews] = await Promise.all([getProgressPicture(patel, ellieApprenticeship), listProgressReviews(patel, ellieApprenticeship)]);
      const ms = performance.now() - started;
      // Week by week that is over 400,000 points (the page took 122 s and 168 MB); now at most 320.
      expect(otj.series.length).toBeLessThanOrEqual(MAX_SERIES_POINTS);
      expect(otj.series.length).toBeGreaterThan(100);
      expect(otj.series.at(-1)!.date).toBe('9999-12-31');
      expect(otj.series.at(0)!.date).toBe(a!.startDate);
      // Each point is a whole number of weeks on from the one before, in order.
      const steps = new Set(otj.series.slice(1, -1).map((p, i) => p.week - otj.series[i]!.week));
      expect(steps.size).toBe(1);
      expect(picture.apprenticeship.plannedEndDate).toBe('9999-12-31');
      expect(reviews.reviews.length).toBeGreaterThan(0);
      expect(ms).toBeLessThan(10_000);
    } finally {
      await t.db.update(apprenticeships).set({ plannedEndDate: a!.plannedEndDate }).where(eq(apprenticeships.id, ellieApprenticeship));
    }
  });
});
