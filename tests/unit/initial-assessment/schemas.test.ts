import { describe, expect, it } from 'vitest';
import { ST0535_KSB_CODES } from '@/lib/content/standard';
import { DEFAULT_FUNDING_SETTINGS } from '@/lib/funding/settings';
import { adjustedKsbs, cleanRatings, ConfirmAssessmentInput, rplPreview, SelfAssessmentInput, startLabel, summariseRatings } from '@/lib/initial-assessment/schemas';

const ID = '6f1c2b9e-3a4d-4e5f-8a7b-1c2d3e4f5a6b';
const all = (r: 'none' | 'some' | 'confident') => Object.fromEntries(ST0535_KSB_CODES.map((c) => [c, r]));
const s = DEFAULT_FUNDING_SETTINGS;

describe('initial assessment ratings', () => {
  it('counts the 59 KSBs by kind and rating, the unrated too', () => {
    const sum = summariseRatings({ K1: 'confident', K2: 'some', S1: 'none', B5: 'confident' });
    expect(sum.K).toEqual({ confident: 1, some: 1, none: 0, unrated: 27 });
    expect(sum.S).toEqual({ confident: 0, some: 0, none: 1, unrated: 24 });
    expect(sum.B).toEqual({ confident: 1, some: 0, none: 0, unrated: 4 });
  });

  it('keeps only rated items of the standard, in its order, and names the adjusted ones', () => {
    expect(Object.keys(cleanRatings({ S2: 'some', K10: 'none', K2: '', X9: 'some' } as Record<string, string>))).toEqual(['K10', 'S2']);
    expect(adjustedKsbs({ K1: 'some', S3: 'confident' }, { K1: 'some', S3: 'some', B1: 'some' })).toEqual(['S3', 'B1']);
  });

  it('says where a KSB starts: recognised prior learning first, else the rating', () => {
    expect(startLabel({ rating: 'confident', rpl: true })).toBe('recognised prior learning');
    expect(startLabel({ rating: 'none', rpl: false })).toBe('none yet');
    expect(startLabel({ rating: null, rpl: false })).toBe('not rated');
  });
});

describe('the self-assessment form', () => {
  const base = { apprenticeshipId: ID, rowVersion: 0, priorLearning: '', experience: '' };
  it('saves a draft with items unrated, but submits only with all 59 rated', () => {
    expect(SelfAssessmentInput.safeParse({ ...base, intent: 'draft', ratings: { K1: 'some' } }).success).toBe(true);
    const r = SelfAssessmentInput.safeParse({ ...base, intent: 'submit', ratings: { ...all('some'), S7: '' } });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['ratings.S7', 'Rate S7 before you submit.']]);
    expect(SelfAssessmentInput.safeParse({ ...base, intent: 'submit', ratings: all('none') }).success).toBe(true);
  });

  it('refuses a rating for no item of the standard, and an NHS number in the prior learning', () => {
    expect(SelfAssessmentInput.safeParse({ ...base, intent: 'draft', ratings: { K99: 'some' } }).success).toBe(false);
    expect(SelfAssessmentInput.safeParse({ ...base, intent: 'draft', ratings: {}, priorLearning: 'Patient 943 476 5919 was mine' }).success).toBe(false);
  });
});

describe('the trainer’s confirmation', () => {
  const base = { apprenticeshipId: ID, rowVersion: 2, ratings: all('some'), trainerNotes: '', rplKsbs: [] as string[], rplReason: '', rplHours: '0', rplMonths: '0' };
  it('needs the items and a reason for RPL that removes hours or months', () => {
    expect(ConfirmAssessmentInput.safeParse(base).success).toBe(true);
    const r = ConfirmAssessmentInput.safeParse({ ...base, rplHours: '20' });
    expect(r.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['rplKsbs', 'rplReason']);
    expect(ConfirmAssessmentInput.safeParse({ ...base, rplHours: '20', rplMonths: '1', rplKsbs: ['K3', 'K13'], rplReason: 'NHS admin for three years.' }).success).toBe(true);
    expect(ConfirmAssessmentInput.safeParse({ ...base, rplHours: '-1' }).success).toBe(false);
    expect(ConfirmAssessmentInput.safeParse({ ...base, rplHours: '1e3' }).success).toBe(false);
  });
});

describe('what RPL does to the plan’s figures', () => {
  const hoursRule = { startDate: '2025-09-01', plannedEndDate: '2027-03-01', weeklyHours: 37.5 };
  it('takes RPL hours off the standard’s published minimum and months off the typical duration', () => {
    const p = rplPreview(hoursRule, { hours: 20, months: 1 }, s);
    expect(p.otj).toMatchObject({ rule: 'hours', hours: s.standardOtjHours - 20, beforeRpl: s.standardOtjHours, atFloor: false });
    expect(p.duration).toEqual({ months: s.standardDurationMonths - 1, minimum: s.minimumDurationMonths, atMinimum: false });
    expect(p.plannedEnd).toBe('2027-02-01');
  });

  it('never goes below the funding floor or the minimum duration', () => {
    const p = rplPreview(hoursRule, { hours: 400, months: 15 }, s);
    expect(p.otj).toMatchObject({ hours: s.otjFloorHours, atFloor: true });
    expect(p.duration).toMatchObject({ months: s.minimumDurationMonths, atMinimum: true });
  });

  it('uses the rule of an earlier start: six hours a week, less RPL', () => {
    const p = rplPreview({ startDate: '2024-09-02', plannedEndDate: '2026-03-02', weeklyHours: 37.5 }, { hours: 10, months: 0 }, s);
    expect(p.otj.rule).toBe('six_hours');
    expect(p.otj.hours).toBe(p.otj.beforeRpl - 10);
    expect(p.duration.minimum).toBe(s.minimumDurationMonthsBefore);
  });
});
