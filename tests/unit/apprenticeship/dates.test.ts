import { describe, expect, it } from 'vitest';
import { daysInLearning, defaultPlannedOtjHours } from '@/lib/apprenticeship/dates';

describe('apprenticeship dates', () => {
  it('counts whole days in learning, and none before the start', () => {
    expect(daysInLearning('2025-09-01', new Date('2026-09-01T12:00:00Z'))).toBe(365);
    expect(daysInLearning('2026-12-01', new Date('2026-11-24T12:00:00Z'))).toBe(0);
  });

  it('plans 6 hours a week for a full-time apprentice, less statutory leave', () => {
    // 18 months ≈ 78.3 weeks less 8.4 weeks' leave ≈ 69.9 weeks × 6 h
    expect(defaultPlannedOtjHours('2024-03-01', '2025-09-01', 37.5)).toBe(420);
  });

  it('plans pro rata below 30 hours a week', () => {
    expect(defaultPlannedOtjHours('2024-03-01', '2025-09-01', 15)).toBe(210);
  });

  it('counts 30 hours a week or more as full time', () => {
    expect(defaultPlannedOtjHours('2024-03-01', '2025-09-01', 30)).toBe(defaultPlannedOtjHours('2024-03-01', '2025-09-01', 37.5));
    expect(defaultPlannedOtjHours('2024-03-01', '2025-09-01', 29)).toBeLessThan(defaultPlannedOtjHours('2024-03-01', '2025-09-01', 30));
  });

  it('plans nothing when the end is not after the start', () => {
    expect(defaultPlannedOtjHours('2026-03-01', '2026-03-01', 37.5)).toBe(0);
    expect(defaultPlannedOtjHours('2026-03-01', '2025-03-01', 37.5)).toBe(0);
  });

  it('plans at least 187 hours for starts from 1 August 2025', () => {
    expect(defaultPlannedOtjHours('2025-08-01', '2026-04-01', 16)).toBe(187);
    expect(defaultPlannedOtjHours('2025-07-31', '2026-03-31', 16)).toBeLessThan(187);
  });
});
