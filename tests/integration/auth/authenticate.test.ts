import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { authenticate } from '@/lib/auth/authenticate';
import { signInFailures, users } from '@/db/schema';
import { DEMO_PASSWORD } from '@/db/demo-data';
import { createTestDb, type TestDb } from '../helpers/test-db';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.close());

const failuresOf = async (email: string) => {
  const [row] = await t.db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(signInFailures)
    .innerJoin(users, eq(users.id, signInFailures.userId))
    .where(eq(users.email, email));
  return row!.n;
};

describe('signing in with a password', () => {
  it('succeeds with the right password, whatever the case of the email', async () => {
    const result = await authenticate('  Sam.Whitfield@ASHWELL.example ', DEMO_PASSWORD);
    expect(result).toMatchObject({ ok: true, user: { role: 'apprentice', email: 'sam.whitfield@ashwell.example' } });
  });

  it('gives the same answer for a wrong password and an unknown email', async () => {
    const wrong = await authenticate('aisha.rahman@ashwell.example', 'not-the-password');
    const unknown = await authenticate('nobody@ashwell.example', 'not-the-password');
    expect(wrong).toEqual({ ok: false, reason: 'invalid' });
    expect(unknown).toEqual(wrong);
  });

  it('locks an account after 5 failures in 15 minutes, even against the right password, and unlocks 15 minutes later', async () => {
    const email = 'tom.hargreaves@ashwell.example';
    const start = new Date('2026-11-24T10:00:00Z');
    for (let i = 0; i < 4; i++) expect(await authenticate(email, `wrong-${i}`, new Date(start.getTime() + i * 60_000))).toEqual({ ok: false, reason: 'invalid' });
    const fifth = await authenticate(email, 'wrong-5', new Date(start.getTime() + 4 * 60_000));
    expect(fifth).toMatchObject({ ok: false, reason: 'locked' });
    const until = (fifth as { until: Date }).until;
    expect(until.toISOString()).toBe('2026-11-24T10:19:00.000Z');
    // The lock is in the database: a new check (as after a restart) still refuses the right password.
    expect(await authenticate(email, DEMO_PASSWORD, new Date('2026-11-24T10:18:59Z'))).toMatchObject({ ok: false, reason: 'locked' });
    expect(await failuresOf(email)).toBe(5); // refused attempts while locked are not counted
    const after = await authenticate(email, DEMO_PASSWORD, new Date('2026-11-24T10:19:01Z'));
    expect(after.ok).toBe(true);
    expect(await failuresOf(email)).toBe(0); // success clears the count
  });

  it('refuses a disabled user who knows the password', async () => {
    await t.db.update(users).set({ active: false }).where(eq(users.email, 'lucy.chen@kingsmere.example'));
    expect(await authenticate('lucy.chen@kingsmere.example', DEMO_PASSWORD)).toEqual({ ok: false, reason: 'disabled' });
    expect(await authenticate('lucy.chen@kingsmere.example', 'wrong-password')).toEqual({ ok: false, reason: 'invalid' });
  });
});
