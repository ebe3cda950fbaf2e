import { describe, expect, it } from 'vitest';
import { lockState } from '@/lib/auth/throttle';

const at = (minutes: number) => new Date(Date.UTC(2026, 10, 24, 10, 0) + minutes * 60_000);

describe('account lock-out', () => {
  it('does not lock after 4 failures', () => {
    expect(lockState([at(0), at(1), at(2), at(3)], at(4))).toEqual({ locked: false });
  });

  it('locks for 15 minutes from the 5th failure within 15 minutes', () => {
    const failures = [at(0), at(2), at(4), at(6), at(8)];
    expect(lockState(failures, at(8))).toEqual({ locked: true, until: at(23) });
    expect(lockState(failures, at(22.9))).toEqual({ locked: true, until: at(23) });
  });

  it('locks when the 5 failures fall just inside 15 minutes', () => {
    expect(lockState([at(0), at(1), at(2), at(3), at(14.99)], at(15))).toEqual({ locked: true, until: at(29.99) });
  });

  it('unlocks when the 15 minutes are over', () => {
    expect(lockState([at(0), at(1), at(2), at(3), at(4)], at(18.99))).toMatchObject({ locked: true });
    expect(lockState([at(0), at(1), at(2), at(3), at(4)], at(19))).toEqual({ locked: false });
  });

  it('counts a new run of 5 failures after a lock from its own 5th failure', () => {
    const first = [at(0), at(1), at(2), at(3), at(4)];
    const second = [at(20), at(21), at(22), at(23), at(24)];
    expect(lockState([...first, ...second], at(23))).toEqual({ locked: false });
    expect(lockState([...first, ...second], at(24))).toEqual({ locked: true, until: at(39) });
  });

  it('does not lock when 5 failures are spread over more than 15 minutes', () => {
    expect(lockState([at(0), at(4), at(8), at(12), at(16)], at(16))).toEqual({ locked: false });
  });

  it('reads failures in any order', () => {
    expect(lockState([at(8), at(0), at(6), at(2), at(4)], at(9))).toEqual({ locked: true, until: at(23) });
  });

  it('ignores failures recorded after now', () => {
    expect(lockState([at(0), at(1), at(2), at(3), at(30)], at(5))).toEqual({ locked: false });
  });
});
