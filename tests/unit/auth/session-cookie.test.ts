import { beforeEach, describe, expect, it, vi } from 'vitest';
import { encode } from 'next-auth/jwt';

// The request's cookies, as next/headers would give them to a page.
let jar: { name: string; value: string }[] = [];
vi.mock('next/headers', () => ({ cookies: async () => ({ getAll: () => jar }) }));
const { sessionUserId } = await import('@/lib/auth/session-cookie');

const secret = 'a-test-secret-of-at-least-thirty-two-characters';
const plain = 'authjs.session-token';
const secure = '__Secure-authjs.session-token';
const tokenFor = (sub: string, salt: string, options: { secret?: string; maxAge?: number } = {}) =>
  encode({ token: { sub, name: 'Sam Whitfield', email: 'sam@example.test' }, secret: options.secret ?? secret, salt, maxAge: options.maxAge });

describe('sessionUserId (the session cookie read for a page)', () => {
  beforeEach(() => {
    jar = [];
  });

  it('gives the user id from a token Auth.js made, under either cookie name', async () => {
    jar = [{ name: plain, value: await tokenFor('user-1', plain) }];
    expect(await sessionUserId(secret)).toBe('user-1');
    jar = [{ name: secure, value: await tokenFor('user-2', secure) }];
    expect(await sessionUserId(secret)).toBe('user-2');
  });

  it('is null with no cookie, another secret, the other name as salt, an expired token or garbage', async () => {
    expect(await sessionUserId(secret)).toBeNull();
    jar = [{ name: plain, value: await tokenFor('user-1', plain, { secret: 'another-secret-of-at-least-thirty-two-chars' }) }];
    expect(await sessionUserId(secret)).toBeNull();
    jar = [{ name: plain, value: await tokenFor('user-1', secure) }];
    expect(await sessionUserId(secret)).toBeNull();
    jar = [{ name: plain, value: await tokenFor('user-1', plain, { maxAge: -60 }) }];
    expect(await sessionUserId(secret)).toBeNull();
    jar = [{ name: plain, value: 'not.a.token' }];
    expect(await sessionUserId(secret)).toBeNull();
  });

  it('puts a token split into numbered chunks back together, in number order', async () => {
    const token = await tokenFor('user-3', plain);
    const cut = Math.floor(token.length / 3);
    jar = [
      { name: `${plain}.2`, value: token.slice(2 * cut) },
      { name: `${plain}.0`, value: token.slice(0, cut) },
      { name: `${plain}.1`, value: token.slice(cut, 2 * cut) },
    ];
    expect(await sessionUserId(secret)).toBe('user-3');
    jar = [jar[0]!, jar[2]!]; // a chunk missing
    expect(await sessionUserId(secret)).toBeNull();
  });
});
