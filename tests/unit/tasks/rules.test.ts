import { describe, expect, it } from 'vitest';
import {
  adminTasks,
  apprenticeTasks,
  employerTasks,
  gatewayWaitsOn,
  isNewStarter,
  sortTasks,
  startHere,
  trainerTasks,
  type ApprenticeFacts,
  type Task,
  type TrainerFacts,
} from '@/lib/tasks/rules';

const TODAY = '2026-12-07';
const NOW = new Date('2026-12-07T09:00:00Z');
const d = (iso: string) => new Date(iso);
const kinds = (tasks: Task[]) => tasks.map((t) => t.kind);

const apprenticeship: NonNullable<ApprenticeFacts['apprenticeship']> = {
  id: 'ap1',
  startDate: '2025-09-01',
  plannedEndDate: '2027-08-31',
  plannedOtjHours: 400,
  otjMinutes: 300 * 60,
  ksbsMet: 20,
  english: 'achieved',
  maths: 'achieved',
  lastReviewDate: '2026-10-01',
  confirmations: { trainer: false, employer: false },
};
const noApprenticeFacts: ApprenticeFacts = { referred: [], reviewsToSign: [], witness: [], sittings: [], inProgress: [], apprenticeship: null, reviewIntervalWeeks: 12 };

describe('apprentice tasks', () => {
  it('lists evidence referred back with a link to the piece, since the decision', () => {
    const [t] = apprenticeTasks({ ...noApprenticeFacts, referred: [{ id: 'e1', title: 'Discharge summary', decidedAt: d('2026-12-01T10:00:00Z') }] }, TODAY, NOW);
    expect(t).toMatchObject({ kind: 'evidence_referred', title: 'Referred back: Discharge summary', href: '/apprentice/evidence/e1', when: { type: 'since', at: '2026-12-01T10:00:00.000Z' } });
  });

  it('shows a witness statement awaited, one returned lately, and not one returned long ago', () => {
    const base = { evidenceId: 'e1', evidenceTitle: 'Endoscopy list', witnessName: 'Helen Birch', requestedAt: d('2026-11-01T09:00:00Z') };
    const tasks = apprenticeTasks(
      {
        ...noApprenticeFacts,
        witness: [
          { ...base, id: 'w1', status: 'requested', signedAt: null },
          { ...base, id: 'w2', status: 'signed', signedAt: d('2026-12-01T09:00:00Z') },
          { ...base, id: 'w3', status: 'signed', signedAt: d('2026-10-01T09:00:00Z') },
        ],
      },
      TODAY,
      NOW,
    );
    expect(tasks.map((t) => t.key)).toEqual(['witness_waiting:w1', 'witness_returned:w2']);
    expect(tasks.every((t) => t.href === '/apprentice/evidence/e1')).toBe(true);
  });

  it('tells an open paper from one scheduled later, each with its window', () => {
    const tasks = apprenticeTasks(
      {
        ...noApprenticeFacts,
        sittings: [
          { id: 's1', title: 'Mock NCCQ', opensAt: d('2026-12-06T09:00:00Z'), closesAt: d('2026-12-10T17:00:00Z') },
          { id: 's2', title: 'Mock EPA', opensAt: d('2027-01-10T09:00:00Z'), closesAt: d('2027-01-12T17:00:00Z') },
        ],
      },
      TODAY,
      NOW,
    );
    expect(tasks.map((t) => [t.kind, t.when.type, t.when.at])).toEqual([
      ['paper_open', 'closes', '2026-12-10T17:00:00.000Z'],
      ['paper_scheduled', 'due', '2027-01-10T09:00:00.000Z'],
    ]);
  });

  it('flags off-the-job hours behind plan by more than a week and always gives the next review', () => {
    // 15 months of a 24-month plan of 400 hours: about 253 planned; 100 logged is far behind.
    const tasks = apprenticeTasks({ ...noApprenticeFacts, apprenticeship: { ...apprenticeship, otjMinutes: 100 * 60 } }, TODAY, NOW);
    expect(kinds(tasks)).toEqual(['otj_behind', 'next_review']);
    expect(tasks.find((t) => t.kind === 'next_review')).toMatchObject({ when: { type: 'due', at: '2026-12-24' }, urgent: false });
    // Ahead of plan: no off-the-job task.
    expect(kinds(apprenticeTasks({ ...noApprenticeFacts, apprenticeship }, TODAY, NOW))).toEqual(['next_review']);
  });

  it('marks an overdue review as urgent', () => {
    const [t] = apprenticeTasks({ ...noApprenticeFacts, apprenticeship: { ...apprenticeship, lastReviewDate: '2026-08-01' } }, TODAY, NOW);
    expect(t).toMatchObject({ kind: 'next_review', title: 'Your progress review is overdue', urgent: true, when: { at: '2026-10-24' } });
  });

  it('lists what gateway still needs once gateway is near, and nothing before', () => {
    const near = { ...apprenticeship, startDate: '2025-03-01', plannedEndDate: '2027-03-01', english: 'in_progress', otjMinutes: 400 * 60 };
    const g = apprenticeTasks({ ...noApprenticeFacts, apprenticeship: near }, TODAY, NOW).find((t) => t.kind === 'gateway_missing');
    expect(g?.detail).toBe("39 KSBs not met yet; English or maths at Level 2; your trainer's confirmation; your employer's confirmation.");
    expect(g?.when).toEqual({ type: 'due', at: '2026-11-30' });
    expect(apprenticeTasks({ ...noApprenticeFacts, apprenticeship }, TODAY, NOW).some((t) => t.kind === 'gateway_missing')).toBe(false);
  });
});

describe('start here', () => {
  it('is for an apprentice with nothing met yet, and marks each step done as it is', () => {
    expect(isNewStarter({ ksbsMet: 0, attempts: 6, answers: 14, evidence: 0, otjEntries: 12 })).toBe(true);
    expect(isNewStarter({ ksbsMet: 1, attempts: 0, answers: 0, evidence: 1, otjEntries: 0 })).toBe(false);
    const steps = startHere({ ksbsMet: 0, attempts: 1, answers: 0, evidence: 0, otjEntries: 0 });
    expect(steps.map((s) => s.href)).toEqual(['/standard', '/apprentice/cases', '/apprentice/questions', '/apprentice/otj', '/apprentice/evidence/new']);
    expect(steps.filter((s) => s.done).map((s) => s.key)).toEqual(['case']);
  });
});

const trainerBase: TrainerFacts = { toMark: [], written: [], otj: [], apprenticeships: [], unsigned: [], reviewIntervalWeeks: 12, inactivityWeeks: 4 };
const tApp = (over: Partial<TrainerFacts['apprenticeships'][number]> = {}): TrainerFacts['apprenticeships'][number] => ({
  id: 'ap1',
  apprenticeName: 'Sam Whitfield',
  startDate: '2025-09-01',
  lastReviewDate: '2026-11-01',
  lastActivity: d('2026-12-05T10:00:00Z'),
  ksbsMet: 20,
  confirmations: { trainer: false, employer: false },
  ...over,
});

describe('trainer tasks', () => {
  it('lists evidence, written answers and off-the-job entries to mark, oldest first, each linked to its page', () => {
    const tasks = trainerTasks(
      {
        ...trainerBase,
        toMark: [{ id: 'e1', title: 'Coding audit', apprenticeName: 'Sam Whitfield', submittedAt: d('2026-12-03T09:00:00Z'), versionNo: 2 }],
        written: [{ attemptId: 'a1', item: 4, title: 'Mock NCCQ', apprenticeName: 'Aisha Rahman', submittedAt: d('2026-12-01T09:00:00Z') }],
        otj: [{ apprenticeshipId: 'ap2', apprenticeName: 'Tom Hargreaves', entries: 3, minutes: 390, oldest: d('2026-12-02T09:00:00Z') }],
      },
      TODAY,
    );
    expect(tasks.map((t) => [t.kind, t.who, t.href])).toEqual([
      ['written_to_mark', 'Aisha Rahman', '/assessments/a1/written/4'],
      ['otj_to_review', 'Tom Hargreaves', '/apprenticeships/ap2/otj'],
      ['evidence_to_mark', 'Sam Whitfield', '/evidence/e1'],
    ]);
    // Clinical query practice answers waiting (issue 19, point 2), in the same order by time.
    const withQueries = trainerTasks({ ...trainerBase, queries: [{ id: 'q1', title: 'Anaemia with no type stated', apprenticeName: 'Sam Whitfield', submittedAt: d('2026-12-04T09:00:00Z') }] }, TODAY);
    expect(withQueries.map((t) => [t.kind, t.title, t.href])).toEqual([['query_to_mark', 'Mark a clinical query: Anaemia with no type stated', '/trainer/queries/q1']]);
    expect(tasks[1]!.title).toBe('Review 3 off-the-job entries');
    expect(tasks[2]!.detail).toBe('Resubmission (version 2).');
  });

  it('gives reviews overdue and due within 14 days, not later ones', () => {
    const tasks = trainerTasks(
      {
        ...trainerBase,
        apprenticeships: [
          tApp({ id: 'late', lastReviewDate: '2026-08-01' }),
          tApp({ id: 'soon', lastReviewDate: '2026-09-20' }),
          tApp({ id: 'later', lastReviewDate: '2026-11-01' }),
        ],
      },
      TODAY,
    );
    expect(tasks.map((t) => t.key)).toEqual(['review_overdue:late', 'review_due:soon']);
    expect(tasks[0]).toMatchObject({ urgent: true, when: { type: 'due', at: '2026-10-24' }, href: '/apprenticeships/late/reviews' });
  });

  it('asks for the gateway confirmation once the employer has confirmed or every KSB is met', () => {
    expect(gatewayWaitsOn('trainer', { trainer: false, employer: true }, 10)).toBe(true);
    expect(gatewayWaitsOn('trainer', { trainer: false, employer: false }, 59)).toBe(true);
    expect(gatewayWaitsOn('trainer', { trainer: false, employer: false }, 58)).toBe(false);
    expect(gatewayWaitsOn('trainer', { trainer: true, employer: true }, 59)).toBe(false);
    const [t] = trainerTasks({ ...trainerBase, apprenticeships: [tApp({ confirmations: { trainer: false, employer: true } })] }, TODAY);
    expect(t).toMatchObject({ kind: 'gateway_to_confirm', href: '/apprenticeships/ap1/progress#gateway-confirm-heading' });
  });

  it('flags no activity for the inactivity period, counting a new start from its start date', () => {
    const tasks = trainerTasks(
      {
        ...trainerBase,
        apprenticeships: [
          tApp({ id: 'idle', lastActivity: d('2026-11-01T10:00:00Z') }),
          tApp({ id: 'edge', lastActivity: d('2026-11-09T10:00:00Z') }),
          tApp({ id: 'new', lastActivity: null, startDate: '2026-11-30', lastReviewDate: null }),
          tApp({ id: 'never', lastActivity: null, startDate: '2026-10-01', lastReviewDate: '2026-11-30' }),
        ],
      },
      TODAY,
    );
    expect(tasks.filter((t) => t.kind === 'no_activity').map((t) => [t.key, t.title])).toEqual([
      ['no_activity:never', 'No activity for 67 days'],
      ['no_activity:idle', 'No activity for 36 days'],
      ['no_activity:edge', 'No activity for 28 days'],
    ]);
  });

  it('lists the signatures still missing on reviews the trainer recorded', () => {
    const [t] = trainerTasks(
      { ...trainerBase, unsigned: [{ id: 'r1', apprenticeName: 'Sam Whitfield', reviewDate: '2026-11-20', createdAt: d('2026-11-20T15:00:00Z'), apprenticeSigned: true, employerSigned: false }] },
      TODAY,
    );
    expect(t).toMatchObject({ kind: 'signatures_outstanding', detail: 'Waiting for the employer.', href: '/reviews/r1' });
  });
});

describe('employer tasks', () => {
  it('lists reviews to sign, witness statements, gateway to confirm and apprentices at red with why', () => {
    const tasks = employerTasks(
      {
        reviewsToSign: [{ id: 'r1', apprenticeName: 'Tom Hargreaves', reviewDate: '2026-11-20', trainerName: 'Priya Patel', createdAt: d('2026-11-20T15:00:00Z') }],
        witness: [{ id: 'w1', apprenticeName: 'Sam Whitfield', evidenceTitle: 'Endoscopy list', requestedAt: d('2026-11-02T09:00:00Z') }],
        apprenticeships: [
          { id: 'ap1', apprenticeName: 'Sam Whitfield', ksbsMet: 30, confirmations: { trainer: true, employer: false }, rag: { rag: 'amber', reasons: [] } },
          { id: 'ap2', apprenticeName: 'Ryan Doyle', ksbsMet: 0, confirmations: { trainer: false, employer: false }, rag: { rag: 'red', reasons: [{ rag: 'red', text: 'no activity for 5 weeks' }, { rag: 'amber', text: 'review overdue' }] } },
        ],
      },
      TODAY,
    );
    expect(tasks.map((t) => [t.key, t.href])).toEqual([
      ['witness_to_sign:w1', '/employer/witness/w1'],
      ['review_to_sign:r1', '/reviews/r1'],
      ['at_red:ap2', '/apprenticeships/ap2/progress'],
      ['gateway_to_confirm:ap1', '/apprenticeships/ap1/progress#gateway-confirm-heading'],
    ]);
    expect(tasks[2]!.detail).toBe('no activity for 5 weeks');
  });
});

describe('admin tasks', () => {
  it('lists locked accounts, people who never signed in, apprenticeships with no trainer and queues with failed jobs', () => {
    const tasks = adminTasks(
      {
        locked: [{ userId: 'u1', name: 'Ellie Brooks', lockedAt: d('2026-12-07T08:55:00Z') }],
        neverSignedIn: [{ userId: 'u2', name: 'Ryan Doyle', role: 'apprentice', createdAt: d('2026-11-01T09:00:00Z') }],
        noTrainer: [{ apprenticeshipId: 'ap9', apprenticeName: 'Mei Tanaka', startDate: '2026-03-02' }],
        failedJobs: [
          { queue: 'portfolio-export', failed: 2 },
          { queue: 'assessment-deadline', failed: 0 },
        ],
      },
      NOW,
    );
    expect(tasks.map((t) => [t.kind, t.href])).toEqual([
      ['no_trainer', '/admin/apprentices/ap9'],
      ['never_signed_in', '/admin/users/u2'],
      ['account_locked', '/admin/users/u1'],
      ['failed_jobs', '/admin/jobs'],
    ]);
    expect(tasks[3]!.title).toBe('2 failed jobs in portfolio-export');
  });
});

describe('order', () => {
  it('is by time, then by key, whatever order the rows came in', () => {
    const t = (key: string, at: string): Task => ({ key, kind: 'review_due', title: key, who: null, detail: null, when: { type: 'due', at }, urgent: false, href: '/' });
    const rows = [t('b', '2026-12-01'), t('a', '2026-12-01'), t('c', '2026-11-30T10:00:00.000Z')];
    expect(sortTasks(rows).map((x) => x.key)).toEqual(['c', 'a', 'b']);
    expect(sortTasks([...rows].reverse()).map((x) => x.key)).toEqual(['c', 'a', 'b']);
  });
});
