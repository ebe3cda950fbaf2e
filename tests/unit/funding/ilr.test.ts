import { describe, expect, it } from 'vitest';
import { ilrProblems, ilrRow, ilrTable, type IlrSource } from '@/lib/funding/ilr';
import { DEFAULT_FUNDING_SETTINGS as S } from '@/lib/funding/settings';
import { toCsv } from '@/lib/csv';

const AS_OF = '2027-06-01';
// A start under the hours rule, continuing, no plan signed, no break: nothing wrong.
const base: IlrSource = {
  id: 'a1',
  startDate: '2025-09-01',
  plannedEndDate: '2027-03-01',
  plannedOtjHours: 419,
  status: 'active',
  actualEndDate: null,
  actualOtjHours: null,
  withdrawReason: null,
  plan: null,
  breaks: [],
};
const problemsOf = (s: IlrSource) => ilrProblems(s, ilrRow(s, AS_OF), S);
const fieldsOf = (s: IlrSource) => problemsOf(s).map((p) => p.field);

describe('the learner-record row', () => {
  it('gives a continuing apprenticeship CompStatus 1, no actual end, no outcome and an empty ULN', () => {
    expect(ilrRow(base, AS_OF)).toMatchObject({
      LearnRefNumber: 'a1',
      ULN: '',
      LearnStartDate: '2025-09-01',
      LearnPlanEndDate: '2027-03-01',
      LearnActEndDate: '',
      PHours: 419,
      OTJActHours: null,
      CompStatus: 1,
      WithdrawReason: null,
      Outcome: null,
      LearnPlanEndDateAfterBreaks: '2027-03-01',
    });
    expect(problemsOf(base)).toEqual([]);
  });

  it('takes the planned end and hours from the signed plan in force', () => {
    const row = ilrRow({ ...base, plan: { plannedEndDate: '2027-05-01', plannedOtjHours: 300 } }, AS_OF);
    expect(row).toMatchObject({ LearnPlanEndDate: '2027-05-01', PHours: 300 });
  });

  it('codes completion 2 (outcome 8), withdrawal 3 (outcome 3, with its reason) and a break 6', () => {
    const completed = ilrRow({ ...base, status: 'completed', actualEndDate: '2027-03-01', actualOtjHours: 430.6 }, AS_OF);
    expect(completed).toMatchObject({ CompStatus: 2, Outcome: 8, LearnActEndDate: '2027-03-01', OTJActHours: 431 });
    const withdrawn = ilrRow({ ...base, status: 'withdrawn', actualEndDate: '2026-02-01', actualOtjHours: 80, withdrawReason: 41 }, AS_OF);
    expect(withdrawn).toMatchObject({ CompStatus: 3, Outcome: 3, WithdrawReason: 41 });
    const onBreak = ilrRow({ ...base, status: 'break_in_learning', breaks: [{ startDate: '2026-03-01', endDate: null }] }, '2026-03-11');
    expect(onBreak).toMatchObject({ CompStatus: 6, Outcome: null });
  });

  it('keeps the original planned end and gives the one moved by the breaks in its own column', () => {
    const s = { ...base, breaks: [{ startDate: '2026-05-01', endDate: '2026-06-01' }, { startDate: '2026-01-01', endDate: '2026-01-11' }] };
    const row = ilrRow(s, AS_OF);
    expect(row.LearnPlanEndDate).toBe('2027-03-01');
    expect(row.LearnPlanEndDateAfterBreaks).toBe('2027-04-11'); // 31 + 10 days later
    expect(row.breaks.map((b) => b.startDate)).toEqual(['2026-01-01', '2026-05-01']);
    expect(problemsOf(s)).toEqual([]);
  });

  it('writes the header with the specification names, then a pair of break columns per break', () => {
    const rows = [ilrRow(base, AS_OF), ilrRow({ ...base, id: 'a2', breaks: [{ startDate: '2026-01-01', endDate: '2026-01-11' }, { startDate: '2026-05-01', endDate: null }] }, AS_OF)];
    const { fields, data } = ilrTable(rows);
    expect(fields).toEqual([
      'LearnRefNumber', 'ULN', 'LearnStartDate', 'LearnPlanEndDate', 'LearnActEndDate', 'PHours', 'OTJActHours', 'CompStatus', 'WithdrawReason', 'Outcome',
      'LearnPlanEndDateAfterBreaks', 'BreakStartDate1', 'BreakEndDate1', 'BreakStartDate2', 'BreakEndDate2',
    ]);
    expect(data[0]).toEqual(['a1', '', '2025-09-01', '2027-03-01', '', 419, '', 1, '', '', '2027-03-01', '', '', '', '']);
    expect(data[1]!.slice(-4)).toEqual(['2026-01-01', '2026-01-11', '2026-05-01', '']);
    expect(ilrTable([]).fields.slice(-2)).toEqual(['BreakStartDate1', 'BreakEndDate1']);
    expect(toCsv(fields, data).split('\r\n')).toHaveLength(3);
  });
});

describe('learner-record validation', () => {
  it('lists a planned end before the start', () => {
    expect(problemsOf({ ...base, plannedEndDate: '2025-08-01' })).toEqual([{ field: 'LearnPlanEndDate', problem: expect.stringContaining('not after the start') }]);
  });

  it('lists an actual end before the start', () => {
    expect(fieldsOf({ ...base, status: 'withdrawn', actualEndDate: '2025-08-01', actualOtjHours: 0, withdrawReason: 41 })).toEqual(['LearnActEndDate']);
  });

  it('lists an actual end on a continuing or paused apprenticeship', () => {
    expect(fieldsOf({ ...base, actualEndDate: '2026-08-01' })).toEqual(['LearnActEndDate']);
    expect(problemsOf({ ...base, status: 'break_in_learning', actualEndDate: '2026-08-01', breaks: [{ startDate: '2026-07-01', endDate: null }] })[0]!.problem).toContain('on a break');
  });

  it('lists a completed or withdrawn apprenticeship without an actual end', () => {
    expect(fieldsOf({ ...base, status: 'completed', actualOtjHours: 420 })).toEqual(['LearnActEndDate']);
    expect(fieldsOf({ ...base, status: 'withdrawn', actualOtjHours: 20, withdrawReason: 41 })).toEqual(['LearnActEndDate']);
    expect(fieldsOf({ ...base, status: 'withdrawn', actualEndDate: '2026-02-01', actualOtjHours: 20, withdrawReason: 99 })).toEqual(['WithdrawReason']);
  });

  it('lists a withdrawal without a reason, and a reason without a withdrawal', () => {
    expect(fieldsOf({ ...base, status: 'withdrawn', actualEndDate: '2026-02-01', actualOtjHours: 20 })).toEqual(['WithdrawReason']);
    expect(fieldsOf({ ...base, withdrawReason: 41 })).toEqual(['WithdrawReason']);
  });

  it('lists planned hours below the funding floor for a start under the hours rule, not for an earlier start', () => {
    expect(problemsOf({ ...base, plannedOtjHours: 186 })).toEqual([{ field: 'PHours', problem: expect.stringContaining('below the funding floor of 187') }]);
    expect(problemsOf({ ...base, plannedOtjHours: 187 })).toEqual([]);
    expect(problemsOf({ ...base, startDate: '2024-09-01', plannedOtjHours: 150 })).toEqual([]);
    // The floor is a setting.
    expect(ilrProblems({ ...base, plannedOtjHours: 300 }, ilrRow({ ...base, plannedOtjHours: 300 }, AS_OF), { ...S, otjFloorHours: 320 })).toHaveLength(1);
  });

  it('lists missing actual off-the-job hours at the end', () => {
    expect(fieldsOf({ ...base, status: 'completed', actualEndDate: '2027-03-01' })).toEqual(['OTJActHours']);
    expect(fieldsOf({ ...base, status: 'withdrawn', actualEndDate: '2026-03-01', withdrawReason: 41 })).toEqual(['OTJActHours']);
  });

  it('lists a break without a return on a completed record', () => {
    const s = { ...base, status: 'completed' as const, actualEndDate: '2027-03-01', actualOtjHours: 420, breaks: [{ startDate: '2026-03-01', endDate: null }] };
    expect(fieldsOf(s)).toEqual(['BreakEndDate']);
  });

  it('lists overlapping breaks, including one after a break with no return', () => {
    expect(fieldsOf({ ...base, breaks: [{ startDate: '2026-03-01', endDate: '2026-04-01' }, { startDate: '2026-03-15', endDate: '2026-05-01' }] })).toEqual(['BreakStartDate']);
    expect(fieldsOf({ ...base, status: 'break_in_learning', breaks: [{ startDate: '2026-03-01', endDate: null }, { startDate: '2026-06-01', endDate: '2026-07-01' }] })).toEqual(['BreakStartDate']);
    // Back to back is not an overlap: the first ends the day the second begins.
    expect(problemsOf({ ...base, breaks: [{ startDate: '2026-03-01', endDate: '2026-04-01' }, { startDate: '2026-04-01', endDate: '2026-05-01' }] })).toEqual([]);
  });

  it('lists a break status with no break going on, and a break before the start', () => {
    expect(fieldsOf({ ...base, status: 'break_in_learning' })).toEqual(['CompStatus']);
    expect(fieldsOf({ ...base, breaks: [{ startDate: '2025-08-01', endDate: '2025-10-01' }] })).toEqual(['BreakStartDate']);
  });
});
