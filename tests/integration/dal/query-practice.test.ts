import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { getQueryAttempt, getQueryScenario, listQueriesToMark, listQueryScenarios, listTasks, markQueryAttempt, submitQueryAttempt } from '@/lib/dal';
import { auditLog, practiceTime, queryAttempts } from '@/db/schema';
import { Conflict, FieldError, NotFound } from '@/lib/errors';
import type { Viewer } from '@/lib/dal/viewer';
import { createTestDb, type TestDb } from '../helpers/test-db';

let t: TestDb;
let sam: Viewer; // apprentice, trainer Patel
let owen: Viewer; // apprentice, trainer Okafor
let patel: Viewer;
let okafor: Viewer;
let admin: Viewer;

const SCENARIO = 'query-01-anaemia-type-not-stated';
const NO_QUERY = 'query-17-hernia-side-in-operation-note';
const LEADING = 'Dr Okafor, please confirm this is iron deficiency anaemia.';
const GOOD =
  'Dear Dr Okafor, the discharge summary of 07/03 records "anaemia" and the FBC of 04/03 shows Hb 81 with MCV 74. Could you please state the type of anaemia: iron deficiency, chronic disease, other, or unable to determine? The answer determines the code assigned, so that the episode is coded accurately.';
const allMet = { non_leading: 'met', one_question: 'met', cites_documentation: 'met', names_what_changes: 'met', professional_tone: 'not_met' } as const;
const noComments = { non_leading: '', one_question: '', cites_documentation: '', names_what_changes: '', professional_tone: 'Sign off with your name and department.' };

beforeAll(async () => {
  t = await createTestDb();
  sam = await t.viewer('sam.whitfield@ashwell.example');
  owen = await t.viewer('owen.price@kingsmere.example');
  patel = await t.viewer('trainer.patel@coderpathway.example');
  okafor = await t.viewer('trainer.okafor@coderpathway.example');
  admin = await t.viewer('admin@coderpathway.example');
}, 120_000);
afterAll(async () => {
  await t.close();
});

describe('clinical query practice', () => {
  it('lists at least 15 scenarios, some where no query is needed, and never sends the answer before a submission', async () => {
    const list = await listQueryScenarios(sam);
    expect(list.length).toBeGreaterThanOrEqual(15);
    expect(list.every((s) => s.ksbs.includes('S18') && s.ksbs.includes('K12'))).toBe(true);
    expect(list.find((s) => s.id === SCENARIO)?.latest).toBeNull();
    for (const s of list) {
      expect(s).not.toHaveProperty('gap');
      expect(s).not.toHaveProperty('modelQuery');
    }
    const one = await getQueryScenario(sam, SCENARIO);
    expect(one.notes.discharge).toContain('anaemia');
    expect(JSON.stringify(one)).not.toMatch(/"(gap|changes|modelQuery|queryNeeded)"/);
    await expect(getQueryScenario(sam, 'no-such-scenario')).rejects.toBeInstanceOf(NotFound);
    // A NUL byte or any other id no content can have is a 404 too, not an encoding error from the database (a 500).
    for (const id of ['\x00', 'query-01\x00', 'Query 01', 'x'.repeat(121)]) await expect(getQueryScenario(sam, id)).rejects.toBeInstanceOf(NotFound);
  });

  it('submits a query with the server’s pre-checks, an audit entry and the practice time, in one go', async () => {
    const { id, prechecks } = await submitQueryAttempt(sam, { scenarioId: SCENARIO, queryNeeded: 'yes', addressedTo: 'Dr A. Okafor', queryText: LEADING, reasoning: 'The type of anaemia is not stated.', activeSeconds: 420 });
    expect(prechecks.map((p) => p.id)).toEqual(expect.arrayContaining(['leading', 'no_purpose']));
    const [row] = await t.db.select().from(queryAttempts).where(eq(queryAttempts.id, id));
    expect(row).toMatchObject({ apprenticeId: sam.userId, status: 'submitted', queryNeeded: true, queryText: LEADING, rowVersion: 1 });
    expect(row!.prechecks.map((p) => p.id)).toContain('leading');
    const [audit] = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'query_practice.submit'), eq(auditLog.entityId, id)));
    expect(audit?.actorId).toBe(sam.userId);
    const [time] = await t.db.select().from(practiceTime).where(and(eq(practiceTime.kind, 'query'), eq(practiceTime.refId, id)));
    expect(time).toMatchObject({ apprenticeId: sam.userId, activeSeconds: 420 });
    expect(time!.ksbs).toEqual(expect.arrayContaining(['S18', 'K12']));
    // Still hidden from the apprentice while it waits for marking.
    const mine = await getQueryAttempt(sam, id);
    expect(mine.key).toBeNull();
    expect((await listQueryScenarios(sam)).find((s) => s.id === SCENARIO)?.latest).toMatchObject({ id, status: 'submitted' });
  });

  it('refuses a query decision with no query or no addressee, and anything without reasoning, beside the field', async () => {
    await expect(submitQueryAttempt(sam, { scenarioId: SCENARIO, queryNeeded: 'yes', addressedTo: 'Dr A. Okafor', queryText: '', reasoning: 'x' })).rejects.toMatchObject({ field: 'queryText' });
    await expect(submitQueryAttempt(sam, { scenarioId: SCENARIO, queryNeeded: 'yes', addressedTo: '', queryText: GOOD, reasoning: 'x' })).rejects.toMatchObject({ field: 'addressedTo' });
    await expect(submitQueryAttempt(sam, { scenarioId: SCENARIO, queryNeeded: 'no', addressedTo: '', queryText: '', reasoning: '' })).rejects.toBeInstanceOf(FieldError);
    await expect(submitQueryAttempt(patel, { scenarioId: SCENARIO, queryNeeded: 'no', addressedTo: '', queryText: '', reasoning: 'x' })).rejects.toBeInstanceOf(NotFound);
  });

  it('queues it for the apprentice’s own trainer, oldest first, and as a "Needs you" task; not for another trainer', async () => {
    const first = await submitQueryAttempt(sam, { scenarioId: SCENARIO, queryNeeded: 'yes', addressedTo: 'Dr A. Okafor', queryText: GOOD, reasoning: 'Type not stated.' });
    const queue = await listQueriesToMark(patel);
    const ids = queue.map((q) => q.id);
    expect(ids).toContain(first.id);
    expect(queue.map((q) => q.submittedAt.getTime())).toEqual([...queue.map((q) => q.submittedAt.getTime())].sort((a, b) => a - b));
    expect((await listQueriesToMark(okafor)).map((q) => q.id)).not.toContain(first.id);
    expect((await listQueriesToMark(admin)).map((q) => q.id)).toContain(first.id);
    await expect(listQueriesToMark(sam)).rejects.toBeInstanceOf(NotFound);
    const tasks = await listTasks(patel);
    expect(tasks.tasks.find((x) => x.key === `query_to_mark:${first.id}`)).toMatchObject({ kind: 'query_to_mark', who: 'Sam Whitfield', href: `/trainer/queries/${first.id}` });
  });

  it('lets the trainer mark it against the rubric, then shows the apprentice the marking and the model query', async () => {
    const { id } = await submitQueryAttempt(sam, { scenarioId: SCENARIO, queryNeeded: 'yes', addressedTo: 'Dr A. Okafor', queryText: GOOD, reasoning: 'Type not stated.' });
    const forTrainer = await getQueryAttempt(patel, id);
    expect(forTrainer.key?.modelQuery).toContain('Dr Okafor');
    expect(forTrainer.canMark).toBe(true);
    // Every criterion must be judged when a query was written.
    await expect(markQueryAttempt(patel, { id, rowVersion: 1, decision: 'yes', criteria: { ...allMet, one_question: '' }, comments: noComments, feedback: 'Good.' })).rejects.toMatchObject({ field: 'criteria.one_question' });
    const saved = await markQueryAttempt(patel, { id, rowVersion: 1, decision: 'yes', criteria: allMet, comments: noComments, feedback: 'A clear, neutral query.' });
    expect(saved.rowVersion).toBe(2);
    const seen = await getQueryAttempt(sam, id);
    expect(seen).toMatchObject({ status: 'marked', feedback: 'A clear, neutral query.', markerName: 'Priya Patel' });
    expect(seen.rubric).toMatchObject({ decision_correct: { met: true }, non_leading: { met: true }, professional_tone: { met: false, comment: 'Sign off with your name and department.' } });
    expect(seen.key?.gap).toContain('anaemia');
    const [audit] = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'query_practice.mark'), eq(auditLog.entityId, id)));
    expect(audit?.actorId).toBe(patel.userId);
    expect((await listQueriesToMark(patel)).map((q) => q.id)).not.toContain(id);
    // Marked already, or out of date: a Conflict, nothing overwritten.
    await expect(markQueryAttempt(patel, { id, rowVersion: 2, decision: 'no', criteria: allMet, comments: noComments, feedback: 'Again.' })).rejects.toBeInstanceOf(Conflict);
    expect((await getQueryAttempt(patel, id)).feedback).toBe('A clear, neutral query.');
  });

  it('refuses a stale row version with a Conflict', async () => {
    const { id } = await submitQueryAttempt(sam, { scenarioId: SCENARIO, queryNeeded: 'yes', addressedTo: 'Dr A. Okafor', queryText: GOOD, reasoning: 'Type not stated.' });
    await t.db.update(queryAttempts).set({ rowVersion: 2 }).where(eq(queryAttempts.id, id)); // changed since the form was opened
    await expect(markQueryAttempt(patel, { id, rowVersion: 1, decision: 'yes', criteria: allMet, comments: noComments, feedback: 'Stale.' })).rejects.toBeInstanceOf(Conflict);
    expect((await getQueryAttempt(patel, id)).status).toBe('submitted');
  });

  it('marks a "no query needed" decision on the decision alone: the five criteria are not applicable', async () => {
    const { id, prechecks } = await submitQueryAttempt(sam, { scenarioId: NO_QUERY, queryNeeded: 'no', addressedTo: 'ignored', queryText: 'ignored', reasoning: 'The operation note records a right inguinal hernia.' });
    expect(prechecks).toEqual([]);
    const [row] = await t.db.select().from(queryAttempts).where(eq(queryAttempts.id, id));
    expect(row).toMatchObject({ queryNeeded: false, queryText: null, addressedTo: null });
    const na = { non_leading: 'na', one_question: 'na', cites_documentation: 'na', names_what_changes: 'na', professional_tone: 'na' } as const;
    await expect(markQueryAttempt(patel, { id, rowVersion: 1, decision: 'yes', criteria: { ...na, non_leading: 'met' }, comments: noComments, feedback: 'Right.' })).rejects.toMatchObject({ field: 'criteria.non_leading' });
    await markQueryAttempt(patel, { id, rowVersion: 1, decision: 'yes', criteria: na, comments: noComments, feedback: 'Right: the operation note settles it.' });
    expect((await getQueryAttempt(sam, id)).rubric).toEqual({ decision_correct: { met: true } });
  });

  it('keeps an attempt from another trainer’s apprentice, another apprentice and an employer: NotFound', async () => {
    const { id } = await submitQueryAttempt(owen, { scenarioId: SCENARIO, queryNeeded: 'yes', addressedTo: 'Dr A. Okafor', queryText: GOOD, reasoning: 'Type not stated.' });
    await expect(getQueryAttempt(patel, id)).rejects.toBeInstanceOf(NotFound);
    await expect(markQueryAttempt(patel, { id, rowVersion: 1, decision: 'yes', criteria: allMet, comments: noComments, feedback: 'Not mine.' })).rejects.toBeInstanceOf(NotFound);
    await expect(getQueryAttempt(sam, id)).rejects.toBeInstanceOf(NotFound);
    await expect(getQueryAttempt(await t.viewer('coding.manager@ashwell.example'), id)).rejects.toBeInstanceOf(NotFound);
    await expect(getQueryAttempt(sam, 'not-a-uuid')).rejects.toBeInstanceOf(NotFound);
    expect((await getQueryAttempt(okafor, id)).canMark).toBe(true);
    expect((await getQueryAttempt(owen, id)).key).toBeNull();
  });
});
