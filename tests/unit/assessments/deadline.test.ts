import { describe, expect, it } from 'vitest';
import { announcementFor, deadlineFor, formatTimeLeft, isLate, isWindowOpen, msLeft, type Clock } from '@/lib/assessments/deadline';

/** A clock the test moves by hand. */
function fakeClock(start: Date) {
  let t = start.getTime();
  const clock: Clock & { advance(ms: number): void } = { now: () => new Date(t), advance: (ms) => void (t += ms) };
  return clock;
}
const MIN = 60_000;
const start = new Date('2026-03-02T09:00:00Z');

describe('deadlineFor', () => {
  it('gives 180 minutes, or 225 with 25% extra time', () => {
    expect(deadlineFor(start, 180, 0).toISOString()).toBe('2026-03-02T12:00:00.000Z');
    expect(deadlineFor(start, 180, 25).getTime() - start.getTime()).toBe(225 * MIN);
  });

  it('rounds extra time up to a whole second, never down', () => {
    // 1 minute + 33% = 79.8 s → 80 s.
    expect(deadlineFor(start, 1, 33).getTime() - start.getTime()).toBe(80_000);
    // 10 minutes + 10% = 660 s exactly, despite floating point.
    expect(deadlineFor(start, 10, 10).getTime() - start.getTime()).toBe(660_000);
  });

  it('refuses negative minutes or extra time', () => {
    expect(() => deadlineFor(start, -1, 0)).toThrow(RangeError);
    expect(() => deadlineFor(start, 60, -25)).toThrow(RangeError);
  });
});

describe('time left, lateness and windows with a controllable clock', () => {
  it('counts down to zero and never below', () => {
    const clock = fakeClock(start);
    const deadline = deadlineFor(clock.now(), 180, 25);
    expect(msLeft(deadline, clock.now())).toBe(225 * MIN);
    clock.advance(225 * MIN - 1000);
    expect(msLeft(deadline, clock.now())).toBe(1000);
    expect(isLate(deadline, clock.now())).toBe(false);
    clock.advance(1000);
    expect([msLeft(deadline, clock.now()), isLate(deadline, clock.now())]).toEqual([0, false]); // at the deadline: on time
    clock.advance(1);
    expect([msLeft(deadline, clock.now()), isLate(deadline, clock.now())]).toEqual([0, true]);
    expect(isLate(deadline, clock.now(), 5000)).toBe(false); // within a grace period
  });

  it('opens a window at opensAt and closes it at closesAt', () => {
    const w = { opensAt: new Date('2026-03-02T09:00:00Z'), closesAt: new Date('2026-03-02T17:00:00Z') };
    expect(isWindowOpen(w, new Date('2026-03-02T08:59:59Z'))).toBe(false);
    expect(isWindowOpen(w, w.opensAt)).toBe(true);
    expect(isWindowOpen(w, new Date('2026-03-02T16:59:59Z'))).toBe(true);
    expect(isWindowOpen(w, w.closesAt)).toBe(false);
  });
});

describe('announcementFor', () => {
  it('announces 30, 10, 5 and 1 minutes and time up once each over a ticking countdown', () => {
    const clock = fakeClock(start);
    const deadline = deadlineFor(clock.now(), 45, 0);
    const said: string[] = [];
    let previous = msLeft(deadline, clock.now());
    while (previous > 0) {
      clock.advance(1000);
      const now = msLeft(deadline, clock.now());
      const a = announcementFor(previous, now);
      if (a) said.push(a);
      previous = now;
    }
    expect(said).toEqual(['30 minutes left', '10 minutes left', '5 minutes left', '1 minute left', 'Time is up']);
  });

  it('says only the most urgent when a tick crosses several, and nothing when the clock goes back', () => {
    expect(announcementFor(31 * MIN, 4 * MIN)).toBe('5 minutes left');
    expect(announcementFor(30 * MIN, 30 * MIN)).toBeNull(); // already announced on reaching 30:00
    expect(announcementFor(30 * MIN + 1, 30 * MIN)).toBe('30 minutes left');
    expect(announcementFor(9 * MIN, 11 * MIN)).toBeNull();
    expect(announcementFor(20 * MIN, 19 * MIN)).toBeNull();
  });
});

describe('formatTimeLeft', () => {
  it('shows hours only when there are some, and rounds seconds up', () => {
    expect(formatTimeLeft(3 * 60 * MIN - 1000)).toBe('2:59:59');
    expect(formatTimeLeft(4 * MIN + 5000)).toBe('4:05');
    expect(formatTimeLeft(60 * MIN)).toBe('1:00:00');
    expect(formatTimeLeft(1)).toBe('0:01');
    expect(formatTimeLeft(0)).toBe('0:00');
    expect(formatTimeLeft(-5000)).toBe('0:00');
  });
});
