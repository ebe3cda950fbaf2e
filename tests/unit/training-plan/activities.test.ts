import { describe, expect, it } from 'vitest';
import { ksbsPlannedByMonth, monthlyOtjHours } from '@/lib/training-plan/activities';

const a = (month: number, otjHours: number, ksbs: string[] = []) => ({ month, title: `m${month}`, ksbs, otjHours });

describe('monthlyOtjHours', () => {
  it('adds the hours of the activities in each month', () => {
    expect(monthlyOtjHours([a(1, 10), a(1, 5), a(3, 20)], 3)).toEqual([15, 0, 20]);
  });
  it('counts an activity after the last month in the last month, so the months add up to the plan', () => {
    expect(monthlyOtjHours([a(1, 10), a(9, 4)], 2)).toEqual([10, 4]);
  });
});

describe('ksbsPlannedByMonth', () => {
  it('counts each KSB once, in the first month that covers it', () => {
    expect(ksbsPlannedByMonth([a(1, 0, ['K1', 'K2']), a(2, 0, ['K2', 'S1']), a(4, 0, ['K1'])], 4)).toEqual([2, 3, 3, 3]);
  });
});
