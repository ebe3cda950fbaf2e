import { describe, expect, it } from 'vitest';
import { clientAddress, normaliseAddress } from '@/lib/auth/client-address';

const xff = (value?: string) => new Headers(value === undefined ? {} : { 'x-forwarded-for': value });

describe('the client address a sign-in is throttled by', () => {
  it('is the entry the outermost trusted proxy added, not what the client wrote left of it', () => {
    expect(clientAddress(xff('6.6.6.6, 198.51.100.7'), 1)).toBe('198.51.100.7');
    expect(clientAddress(xff('6.6.6.6, 198.51.100.7, 10.0.0.2'), 2)).toBe('198.51.100.7');
    // Reached directly, Next.js puts the socket's address there.
    expect(clientAddress(xff('198.51.100.7'), 0)).toBe('198.51.100.7');
  });

  it('counts an IPv6 address by its /64, so moving within it changes nothing', () => {
    expect(normaliseAddress('2001:db8:1:2::1')).toBe(normaliseAddress('2001:0DB8:0001:0002:ffff:1:2:3'));
    expect(normaliseAddress('[2001:db8:1:2::9]:443')).toBe('2001:db8:1:2::/64');
    expect(normaliseAddress('2001:db8:1:3::1')).not.toBe(normaliseAddress('2001:db8:1:2::1'));
  });

  it('reads IPv4 with a port or mapped into IPv6 as the plain address', () => {
    expect(normaliseAddress('198.51.100.7:5123')).toBe('198.51.100.7');
    expect(normaliseAddress('::ffff:198.51.100.7')).toBe('198.51.100.7');
  });

  it("is 'unknown' for no header or anything that is not an address, so nothing typed is stored", () => {
    expect(clientAddress(xff())).toBe('unknown');
    for (const junk of ['', 'evil', '1.2.3.999', '<script>', 'x'.repeat(500)]) expect(normaliseAddress(junk)).toBe('unknown');
  });
});
