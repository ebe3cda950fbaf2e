import { describe, expect, it } from 'vitest';
import { LIMITS, limitsReachedBy, throttledBy } from '@/lib/auth/throttle';

const counts = (c: Partial<Record<keyof typeof LIMITS, number>>) => ({ accountAddress: 0, address: 0, account: 0, ...c });

describe('sign-in throttle', () => {
  it('lets a sign-in go ahead under every limit', () => {
    expect(throttledBy(counts({ accountAddress: 4, address: 99, account: 19 }))).toBeNull();
  });

  it('refuses at each limit: an email from one address, an address, an email from everywhere', () => {
    expect(throttledBy(counts({ accountAddress: 5, address: 5, account: 5 }))).toBe('accountAddress');
    expect(throttledBy(counts({ address: 100 }))).toBe('address');
    expect(throttledBy(counts({ accountAddress: 2, account: 20 }))).toBe('account');
  });

  it('names the limits the next failure reaches, once each', () => {
    expect(limitsReachedBy(counts({ accountAddress: 4, address: 4, account: 4 }))).toEqual(['accountAddress']);
    expect(limitsReachedBy(counts({ accountAddress: 3, address: 99, account: 19 }))).toEqual(['address', 'account']);
    expect(limitsReachedBy(counts({ accountAddress: 5 }))).toEqual([]);
  });

  it('cannot lock an account for everyone from one address', () => {
    // An address adds at most LIMITS.accountAddress failures to an email before it is refused uncounted.
    expect(LIMITS.accountAddress).toBeLessThan(LIMITS.account);
    expect(Math.ceil(LIMITS.account / LIMITS.accountAddress)).toBeGreaterThanOrEqual(4);
  });
});
