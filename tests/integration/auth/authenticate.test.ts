import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { authenticate } from '@/lib/auth/authenticate';
import { auditLog, signInFailures, users } from '@/db/schema';
import { DEMO_PASSWORD } from '@/db/demo-data';
import { countRows, createTestDb, type TestDb } from '../helpers/test-db';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.close());

const userId = async (email: string) => (await t.db.select({ id: users.id }).from(users).where(eq(users.email, email)))[0]!.id;
const failuresOf = async (email: string) => {
  const [row] = await t.db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(signInFailures)
    .where(eq(signInFailures.userId, await userId(email)));
  return row!.n;
};
const minutesAfter = (start: Date, minutes: number) => new Date(start.getTime() + minutes * 60_000);

describe('signing in with a password', () => {
  it('succeeds with the right password, whatever the case and spacing of the email', async () => {
    const result = await authenticate('  Sam.Whitfield@ASHWELL.example ', DEMO_PASSWORD);
    expect(result).toEqual({ ok: true, user: { id: await userId('sam.whitfield@ashwell.example'), role: 'apprentice', name: 'Sam Whitfield', email: 'sam.whitfield@ashwell.example' } });
  });

  it('refuses a wrong password with the generic answer, and counts the failure', async () => {
    const email = 'aisha.rahman@ashwell.example';
    expect(await authenticate(email, 'not-the-password')).toEqual({ ok: false, reason: 'invalid' });
    expect(await failuresOf(email)).toBe(1);
  });

  it('gives an unknown email the same answer as a wrong password', async () => {
    const before = await countRows(t.db, signInFailures);
    expect(await authenticate('nobody@ashwell.example', 'not-the-password')).toEqual({ ok: false, reason: 'invalid' });
    expect(await countRows(t.db, signInFailures)).toBe(before);
  });

  it('locks an account at the 5th failure in 15 minutes, refusing even the right password until 15 minutes after it', async () => {
    const email = 'tom.hargreaves@ashwell.example';
    const start = new Date('2026-11-24T10:00:00Z');
    for (let i = 0; i < 4; i++) expect(await authenticate(email, `wrong-${i}`, minutesAfter(start, i))).toEqual({ ok: false, reason: 'invalid' });
    const fifth = await authenticate(email, 'wrong-5', minutesAfter(start, 4));
    expect(fifth).toEqual({ ok: false, reason: 'locked', until: minutesAfter(start, 4 + 15) });
    expect(await authenticate(email, DEMO_PASSWORD, minutesAfter(start, 5))).toMatchObject({ ok: false, reason: 'locked' });
    expect(await authenticate(email, DEMO_PASSWORD, minutesAfter(start, 18.9))).toMatchObject({ ok: false, reason: 'locked' });
    expect(await failuresOf(email)).toBe(5); // attempts refused while locked are not counted, so the lock ends on time
    const [locked] = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'auth.locked'), eq(auditLog.entityId, await userId(email))));
    expect(locked?.after).toEqual({ until: minutesAfter(start, 19).toISOString() });
    expect((await authenticate(email, DEMO_PASSWORD, minutesAfter(start, 19.1))).ok).toBe(true);
  });

  it('keeps the lock in the database, not in the process', async () => {
    const email = 'ellie.brooks@ashwell.example';
    const start = new Date('2026-11-24T11:00:00Z');
    for (let i = 0; i < 5; i++) await authenticate(email, `wrong-${i}`, minutesAfter(start, i));
    // The failures are rows: the lock holds for any process reading them...
    expect(await failuresOf(email)).toBe(5);
    expect(await authenticate(email, DEMO_PASSWORD, minutesAfter(start, 6))).toMatchObject({ ok: false, reason: 'locked' });
    // ...and nothing else holds it: without the rows, the right password works at once.
    await t.db.delete(signInFailures).where(eq(signInFailures.userId, await userId(email)));
    expect((await authenticate(email, DEMO_PASSWORD, minutesAfter(start, 6))).ok).toBe(true);
  });

  it('does not lock for 5 failures spread over more than 15 minutes', async () => {
    const email = 'mei.tanaka@ashwell.example';
    const start = new Date('2026-11-24T12:00:00Z');
    for (let i = 0; i < 5; i++) expect(await authenticate(email, `wrong-${i}`, minutesAfter(start, i * 4))).toEqual({ ok: false, reason: 'invalid' });
    expect((await authenticate(email, DEMO_PASSWORD, minutesAfter(start, 17))).ok).toBe(true);
  });

  it('clears the failures on success', async () => {
    const email = 'ryan.doyle@ashwell.example';
    await authenticate(email, 'wrong-1');
    await authenticate(email, 'wrong-2');
    expect(await failuresOf(email)).toBe(2);
    expect((await authenticate(email, DEMO_PASSWORD)).ok).toBe(true);
    expect(await failuresOf(email)).toBe(0);
  });

  it('refuses a disabled user who knows the password, and tells only them', async () => {
    const email = 'lucy.chen@kingsmere.example';
    await t.db.update(users).set({ active: false }).where(eq(users.email, email));
    expect(await authenticate(email, DEMO_PASSWORD)).toEqual({ ok: false, reason: 'disabled' });
    expect(await authenticate(email, 'wrong-password')).toEqual({ ok: false, reason: 'invalid' });
  });
});
