import { beforeEach, describe, expect, it, vi } from 'vitest';
import { encode } from 'next-auth/jwt';

// The request's cookies, as next/headers would give them to a page.
let jar: { name: string; value: string }[] = [];
vi.mock('next/headers', () => ({ cookies: async () => ({ getAll: () => jar }) }));
const { readSession, sessionStillValid } = await import('@/lib/auth/session-cookie');

const secret = 'a-test-secret-of-at-least-thirty-two-characters';
const plain = 'authjs.session-token';
const secure = '__Secure-authjs.session-token';
// User ids as the database makes them, and a session id as a sign-in writes it (lib/auth.ts).
const USER = { 'user-1': '00000000-0000-4000-8000-000000000001', 'user-2': '00000000-0000-4000-8000-000000000002', 'user-3': '00000000-0000-4000-8000-000000000003' } as const;
const SID = '11111111-1111-4111-8111-111111111111';
const tokenFor = (user: keyof typeof USER, salt: string, options: { secret?: string; maxAge?: number; authAt?: number; sid?: string | null } = {}) =>
  encode({
    token: {
      sub: USER[user],
      name: 'Sam Whitfield',
      email: 'sam@example.test',
      ...(options.sid === null ? {} : { sid: options.sid ?? SID }),
      ...(options.authAt ? { authAt: options.authAt } : {}),
    },
    secret: options.secret ?? secret,
    salt,
    maxAge: options.maxAge,
  });
const userIdIn = async () => {
  const id = (await readSession(secret))?.userId;
  return id ? Object.entries(USER).find(([, v]) => v === id)![0] : null;
};

describe('readSession (the session cookie read for a page)', () => {
  beforeEach(() => {
    jar = [];
  });

  it('gives the user id from a token Auth.js made, under either cookie name', async () => {
    jar = [{ name: plain, value: await tokenFor('user-1', plain) }];
    expect(await userIdIn()).toBe('user-1');
    jar = [{ name: secure, value: await tokenFor('user-2', secure) }];
    expect(await userIdIn()).toBe('user-2');
  });

  it('gives when the session began: the sign-in time written into the token, else when the token was written', async () => {
    const signedIn = Date.UTC(2026, 10, 30, 9, 15, 0, 250);
    jar = [{ name: plain, value: await tokenFor('user-1', plain, { authAt: signedIn }) }];
    expect((await readSession(secret))?.signedInAt).toBe(signedIn);
    const before = Date.now();
    jar = [{ name: plain, value: await tokenFor('user-1', plain) }];
    const fallback = (await readSession(secret))!.signedInAt;
    // iat is in whole seconds, so it may be up to a second before the moment the token was made.
    expect(fallback).toBeGreaterThan(before - 1000);
    expect(fallback).toBeLessThanOrEqual(Date.now());
  });

  it('is null with no cookie, another secret, the other name as salt, an expired token or garbage', async () => {
    expect(await readSession(secret)).toBeNull();
    jar = [{ name: plain, value: await tokenFor('user-1', plain, { secret: 'another-secret-of-at-least-thirty-two-chars' }) }];
    expect(await readSession(secret)).toBeNull();
    jar = [{ name: plain, value: await tokenFor('user-1', secure) }];
    expect(await readSession(secret)).toBeNull();
    jar = [{ name: plain, value: await tokenFor('user-1', plain, { maxAge: -60 }) }];
    expect(await readSession(secret)).toBeNull();
    jar = [{ name: plain, value: 'not.a.token' }];
    expect(await readSession(secret)).toBeNull();
  });

  it('gives the session id, and is null for a token without one: such a session could not be signed out', async () => {
    jar = [{ name: plain, value: await tokenFor('user-1', plain) }];
    expect((await readSession(secret))?.sessionId).toBe(SID);
    jar = [{ name: plain, value: await tokenFor('user-1', plain, { sid: null }) }];
    expect(await readSession(secret)).toBeNull();
    jar = [{ name: plain, value: await tokenFor('user-1', plain, { sid: 'not-a-uuid' }) }];
    expect(await readSession(secret)).toBeNull();
  });

  it('puts a token split into numbered chunks back together, in number order', async () => {
    const token = await tokenFor('user-3', plain);
    const cut = Math.floor(token.length / 3);
    jar = [
      { name: `${plain}.2`, value: token.slice(2 * cut) },
      { name: `${plain}.0`, value: token.slice(0, cut) },
      { name: `${plain}.1`, value: token.slice(cut, 2 * cut) },
    ];
    expect(await userIdIn()).toBe('user-3');
    jar = [jar[0]!, jar[2]!]; // a chunk missing
    expect(await readSession(secret)).toBeNull();
  });
});

describe('sessionStillValid', () => {
  const changed = new Date(Date.UTC(2026, 10, 30, 10, 0, 0, 500));
  it('keeps every session of a user whose password has never changed', () => {
    expect(sessionStillValid(0, null)).toBe(true);
  });
  it('ends a session begun before the change, even by a millisecond, and keeps one begun at or after it', () => {
    expect(sessionStillValid(changed.getTime() - 1, changed)).toBe(false);
    expect(sessionStillValid(changed.getTime() - 8 * 3600_000, changed)).toBe(false);
    expect(sessionStillValid(changed.getTime(), changed)).toBe(true);
    expect(sessionStillValid(changed.getTime() + 1, changed)).toBe(true);
  });
});
