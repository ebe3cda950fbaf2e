import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import { getProgressPicture, listCohortProgress } from '@/lib/dal';
import { apprenticeships, cases, codingAttempts, evidence, evidenceKsbDecisions, evidenceKsbs, evidenceReviews, otjEntries, questionAnswers, questions, users } from '@/db/schema';
import type { Viewer } from '@/lib/dal/viewer';
import { createTestDb, type TestDb } from '../helpers/test-db';

// A seeded generator, so a failure can be replayed.
function mulberry32(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let t: TestDb;
let admin: Viewer;
let trainer: Viewer;
const rand = mulberry32(20261129);
const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
const DAY = 86_400_000;

type Expected = { cases: number; sums: Record<string, number>; theory: { answered: number; right: number }; ksbsMet: number; otjMinutes: number; lastActivity: number };
const expected = new Map<string, Expected>(); // by apprenticeship id

beforeAll(async () => {
  t = await createTestDb();
  admin = await t.viewer('admin@coderpathway.example');
  trainer = await t.viewer('trainer.patel@coderpathway.example');
  const caseIds = (await t.db.select({ id: cases.id }).from(cases).limit(10)).map((c) => c.id);
  const questionIds = (await t.db.select({ id: questions.id }).from(questions).limit(30)).map((q) => q.id);
  const [reviewer] = await t.db.select({ id: users.id }).from(users).where(eq(users.email, 'trainer.patel@coderpathway.example'));
  const people = await t.db.select({ id: apprenticeships.id, apprenticeId: apprenticeships.apprenticeId }).from(apprenticeships);
  // The demo history (db/demo-progress.ts) is kept: attempts can never be deleted, so the reference counts it too.
  const demoAttempts = await t.db
    .select({ id: codingAttempts.id, apprenticeId: codingAttempts.apprenticeId, pdCorrect: codingAttempts.pdCorrect, pdOf: codingAttempts.pdOf, sdCorrect: codingAttempts.sdCorrect, sdOf: codingAttempts.sdOf, ppCorrect: codingAttempts.ppCorrect, ppOf: codingAttempts.ppOf, spCorrect: codingAttempts.spCorrect, spOf: codingAttempts.spOf, createdAt: codingAttempts.createdAt })
    .from(codingAttempts);
  const demoAnswers = await t.db.select({ id: questionAnswers.id, apprenticeId: questionAnswers.apprenticeId, correct: questionAnswers.correct, createdAt: questionAnswers.createdAt }).from(questionAnswers);
  const now = Date.now();
  for (const p of people) {
    // Start each apprentice from nothing: the reference counts only what this test writes.
    await t.db.delete(otjEntries).where(eq(otjEntries.apprenticeId, p.apprenticeId));
    const existing = (await t.db.select({ id: evidence.id }).from(evidence).where(eq(evidence.apprenticeId, p.apprenticeId))).length;
    const attemptsN = int(0, 45);
    const attempts = Array.from({ length: attemptsN }, (_, i) => {
      const f = () => {
        const of = int(0, 4);
        return [int(0, of), of] as const;
      };
      const [pd, sd, pp, sp] = [f(), f(), f(), f()];
      return {
        apprenticeId: p.apprenticeId,
        caseId: caseIds[int(0, caseIds.length - 1)]!,
        answer: { diagnoses: [], procedures: [] },
        expected: { diagnoses: [], procedures: [] },
        findings: [],
        pdCorrect: pd[0], pdOf: pd[1], sdCorrect: sd[0], sdOf: sd[1], ppCorrect: pp[0], ppOf: pp[1], spCorrect: sp[0], spOf: sp[1],
        createdAt: new Date(now - (attemptsN - i) * DAY - int(0, 3600) * 1000),
      };
    });
    const attemptIds = attempts.length ? await t.db.insert(codingAttempts).values(attempts).returning({ id: codingAttempts.id }) : [];
    const answers = Array.from({ length: int(0, 90) }, (_, i) => ({ apprenticeId: p.apprenticeId, questionId: questionIds[i % questionIds.length]!, answer: [0], correct: rand() < 0.7, createdAt: new Date(now - int(1, 400) * DAY) }));
    const answerIds = answers.length ? await t.db.insert(questionAnswers).values(answers).returning({ id: questionAnswers.id }) : [];
    const otj = Array.from({ length: int(0, 12) }, () => ({ apprenticeId: p.apprenticeId, activityDate: '2026-01-05', minutes: 15 * int(1, 16), activityType: 'teaching' as const, description: 'Reference test entry.', status: (['logged', 'accepted', 'queried'] as const)[int(0, 2)], createdAt: new Date(now - int(1, 300) * DAY) }));
    if (otj.length) await t.db.insert(otjEntries).values(otj);
    // Accepted pieces with a first review and, sometimes, a later override that changes what is met.
    const met = new Set<string>();
    for (let k = 0; k < int(0, 3); k++) {
      const codes = ['K1', 'K2', 'S3', 'S5', 'B1'].filter(() => rand() < 0.6);
      if (!codes.length) continue;
      const status = rand() < 0.8 ? ('accepted' as const) : ('referred' as const);
      const [e] = await t.db.insert(evidence).values({ apprenticeId: p.apprenticeId, title: 'Reference piece', type: 'work_product', activityDate: '2026-01-01', account: 'x', status, submissionNo: 1, updatedAt: new Date(now - 500 * DAY) }).returning({ id: evidence.id });
      await t.db.insert(evidenceKsbs).values(codes.map((ksbCode) => ({ evidenceId: e!.id, ksbCode })));
      let standing: string[] = [];
      for (let r = 0; r < int(1, 2); r++) {
        const metNow = codes.filter(() => rand() < 0.6);
        const [rev] = await t.db.insert(evidenceReviews).values({ evidenceId: e!.id, versionNo: 1, reviewerId: reviewer!.id, outcome: status, feedback: '', overrideReason: r ? 'Reference override.' : null, createdAt: new Date(now - (10 - r) * DAY) }).returning({ id: evidenceReviews.id });
        await t.db.insert(evidenceKsbDecisions).values(codes.map((ksbCode) => ({ reviewId: rev!.id, ksbCode, met: metNow.includes(ksbCode) })));
        standing = metNow;
      }
      if (status === 'accepted') standing.forEach((c) => met.add(c));
    }
    // The plain reference computation, straight from what was written.
    // Several rows share a time (whole-day offsets), so "latest" is by time and then id, as in SQL.
    const allAttempts = [...demoAttempts.filter((a) => a.apprenticeId === p.apprenticeId), ...attempts.map((a, i) => ({ ...a, id: attemptIds[i]!.id }))];
    const allAnswers = [...demoAnswers.filter((a) => a.apprenticeId === p.apprenticeId), ...answers.map((a, i) => ({ ...a, id: answerIds[i]!.id }))];
    const latest = [...allAttempts].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0)).slice(0, 20);
    const sum = (k: 'pdCorrect' | 'pdOf' | 'sdCorrect' | 'sdOf' | 'ppCorrect' | 'ppOf' | 'spCorrect' | 'spOf') => latest.reduce((acc, a) => acc + (a[k] ?? 0), 0);
    const lastAnswers = [...allAnswers].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id - a.id).slice(0, 60);
    const times = [...allAttempts.map((a) => a.createdAt.getTime()), ...allAnswers.map((a) => a.createdAt.getTime()), ...otj.map((o) => Date.parse(`${o.activityDate}T00:00:00Z`))];
    expected.set(p.id, {
      cases: latest.length,
      sums: { pdC: sum('pdCorrect'), pdO: sum('pdOf'), sdC: sum('sdCorrect'), sdO: sum('sdOf'), ppC: sum('ppCorrect'), ppO: sum('ppOf'), spC: sum('spCorrect'), spO: sum('spOf') },
      theory: { answered: lastAnswers.length, right: lastAnswers.filter((a) => a.correct).length },
      ksbsMet: existing ? -1 : met.size, // apprentices with demo evidence: their demo decisions count too, checked apart
      otjMinutes: otj.filter((o) => o.status !== 'queried').reduce((a, o) => a + o.minutes, 0),
      lastActivity: Math.max(0, ...times),
    });
  }
});
afterAll(() => t.close());

describe('progress figures in SQL', () => {
  it('give the same numbers as a plain computation over the rows, for every apprentice', async () => {
    const { rows } = await listCohortProgress(admin);
    expect(rows.length).toBe(expected.size);
    for (const r of rows) {
      const e = expected.get(r.id)!;
      expect({ id: r.apprenticeName, cases: r.cases }).toEqual({ id: r.apprenticeName, cases: e.cases });
      expect({
        pdC: r.figures.pd.correct, pdO: r.figures.pd.of, sdC: r.figures.sd.correct, sdO: r.figures.sd.of,
        ppC: r.figures.pp.correct, ppO: r.figures.pp.of, spC: r.figures.sp.correct, spO: r.figures.sp.of,
      }).toEqual(e.sums);
      expect({ answered: r.theory.answered, right: r.theory.right }).toEqual(e.theory);
      expect(r.otj.logged * 60).toBeCloseTo(e.otjMinutes, 6);
      if (e.ksbsMet >= 0) expect(r.coverage.met).toBe(e.ksbsMet);
      if (e.lastActivity && r.lastActivity) expect(r.lastActivity.getTime()).toBeGreaterThanOrEqual(e.lastActivity - 1);
    }
  });

  it("limits a trainer to their assigned apprentices, and one apprentice's picture agrees with the table", async () => {
    const mine = await listCohortProgress(trainer);
    const assigned = await t.db.select({ id: apprenticeships.id }).from(apprenticeships).where(inArray(apprenticeships.id, mine.rows.map((r) => r.id)));
    expect(assigned.length).toBe(mine.rows.length);
    expect(mine.rows.length).toBeLessThan(expected.size);
    const first = mine.rows[0]!;
    const picture = await getProgressPicture(trainer, first.id);
    expect(picture.coverage.met).toBe(first.coverage.met);
    expect(picture.figures).toEqual(first.figures);
    expect(picture.ksbMap.filter((k) => k.state === 'met').length).toBe(first.coverage.met);
  });

  it('filters by the readiness level and the projected gateway quarter chosen from the overview, each alone and together', async () => {
    const { rows } = await listCohortProgress(admin);
    const quarterOf = (d: Date) => `${d.getFullYear()}-Q${Math.floor(d.getMonth() / 3) + 1}`;
    const ids = (list: { id: string }[]) => list.map((r) => r.id).sort();
    const level = rows[0]!.level;
    const quarter = quarterOf(rows[rows.length - 1]!.projectedGateway);
    const byLevel = await listCohortProgress(admin, { level });
    expect(ids(byLevel.rows)).toEqual(ids(rows.filter((r) => r.level === level)));
    const byQuarter = await listCohortProgress(admin, { gateway: quarter });
    expect(byQuarter.rows.length).toBeGreaterThan(0);
    expect(ids(byQuarter.rows)).toEqual(ids(rows.filter((r) => quarterOf(r.projectedGateway) === quarter)));
    const both = await listCohortProgress(admin, { level, gateway: quarter });
    expect(ids(both.rows)).toEqual(ids(rows.filter((r) => r.level === level && quarterOf(r.projectedGateway) === quarter)));
    // A value that is not a level or a quarter is ignored, as the other filters are, rather than showing nobody.
    expect((await listCohortProgress(admin, { level: 'nonsense', gateway: '2027-Q9' })).rows.length).toBe(rows.length);
  });
});
