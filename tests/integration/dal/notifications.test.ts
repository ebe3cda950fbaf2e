import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq, sql } from 'drizzle-orm';
import {
  countUnreadNotifications,
  createEvidence,
  getNotificationPreferences,
  listNotifications,
  markAllNotificationsRead,
  markEvidence,
  markNotificationRead,
  markWrittenAnswer,
  recordProgressReview,
  requestWitnessStatement,
  scheduleSitting,
  signProgressReview,
  signWitnessStatement,
  submitEvidence,
  updateNotificationPreferences,
} from '@/lib/dal';
import { registerJobHandlers } from '@/lib/dal/background-jobs';
import { sendDigests, sendNotificationEmail, sweepPendingEmails } from '@/lib/dal/notification-mail';
import { apprenticeships, assessmentAttempts, auditLog, notifications, users, writtenItems } from '@/db/schema';
import { NotFound } from '@/lib/errors';
import { openJobQueue, type JobQueue } from '@/lib/jobs';
import { createSmtpMailer, setMailerForTests } from '@/lib/mail';
import { preferencesFrom } from '@/lib/notifications/preferences';
import type { Viewer } from '@/lib/dal/viewer';
import { createTestDb, rowsOf, type TestDb } from '../helpers/test-db';
import { parseMail, startMailServer, type MailServer } from '../../support/mail-server';

/**
 * Notifications (issue 17 §2): the events that make them and for whom, each person's own list, their
 * choice of email per kind, and the email itself, sent by the job queue's worker to a real SMTP server.
 */

let t: TestDb;
let sam: Viewer; // apprentice at Ashwell, Priya Patel's
let aisha: Viewer; // apprentice at Ashwell, Priya Patel's; her theory paper waits for a mark (demo)
let patel: Viewer;
let helen: Viewer; // Ashwell's coding manager
let deputy: Viewer; // a second contact at Ashwell
let marcus: Viewer; // Kingsmere's coding manager
let mail: MailServer;

const account = 'I coded twenty inpatient episodes this week and checked each one against the four-step coding process.';
const FEEDBACK = 'Say how you checked the sequencing against the discharge summary for each episode.';

async function submitted(title: string) {
  const e = await createEvidence(sam, { title, type: 'work_product', activityDate: '2026-10-01', account, ksbs: ['S3', 'S5'] });
  return submitEvidence(sam, { id: e.id, rowVersion: e.rowVersion });
}
const refer = async (title: string) => {
  const piece = await submitted(title);
  await markEvidence(patel, { id: piece.id, rowVersion: piece.rowVersion, outcome: 'referred', decisions: { S3: 'met', S5: 'not_met' }, feedback: FEEDBACK });
  return piece.id;
};
/** Every notification with this link, in a fixed order (recipient's name), as who got what. */
const toldAbout = async (link: string) =>
  t.db
    .select({ to: users.name, kind: notifications.kind, title: notifications.title, link: notifications.link, emailState: notifications.emailState, actorId: notifications.actorId })
    .from(notifications)
    .innerJoin(users, eq(users.id, notifications.recipientId))
    .where(eq(notifications.link, link))
    .orderBy(asc(users.name), asc(notifications.title));
const rowOf = async (link: string, recipient: Viewer) => {
  const [n] = await t.db.select().from(notifications).where(and(eq(notifications.link, link), eq(notifications.recipientId, recipient.userId)));
  return n!;
};

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
/** The messages the SMTP server received whose text holds `needle`, parsed. */
const mailsWith = async (needle: string) => (await Promise.all(mail.messages.map((m) => parseMail(m)))).filter((m) => (m.text ?? '').includes(needle));

beforeAll(async () => {
  t = await createTestDb();
  [sam, aisha, patel, helen, marcus] = (await Promise.all(
    ['sam.whitfield@ashwell.example', 'aisha.rahman@ashwell.example', 'trainer.patel@coderpathway.example', 'coding.manager@ashwell.example', 'coding.manager@kingsmere.example'].map((e) => t.viewer(e)),
  )) as [Viewer, Viewer, Viewer, Viewer, Viewer];
  await t.db.insert(users).values({ email: 'deputy.manager@ashwell.example', name: 'Dee Puty', role: 'employer', organisationId: helen.organisationId });
  deputy = await t.viewer('deputy.manager@ashwell.example');
  mail = await startMailServer();
  setMailerForTests(createSmtpMailer(mail.url, 'Coder Pathway <pathway@test.example>'));
});
afterAll(async () => {
  setMailerForTests(undefined);
  await t?.close();
  await mail?.close();
});

describe('events make notifications for the people concerned', () => {
  it('evidence decided: the apprentice, named by the trainer, never the feedback', async () => {
    const id = await refer('Notified referral');
    expect(await toldAbout(`/apprentice/evidence/${id}`)).toEqual([
      { to: 'Sam Whitfield', kind: 'evidence_decided', title: 'Priya Patel referred back a piece of your evidence', link: `/apprentice/evidence/${id}`, emailState: 'pending', actorId: patel.userId },
    ]);
  });

  it('review recorded: the apprentice and every contact of the employer; signed: the trainer and the other side', async () => {
    const [a] = await t.db.select({ id: apprenticeships.id }).from(apprenticeships).where(eq(apprenticeships.apprenticeId, sam.userId));
    const review = await recordProgressReview(patel, {
      apprenticeshipId: a!.id,
      reviewDate: '2026-03-10',
      progressSummary: 'Private progress summary text.',
      ksbsDiscussed: ['S3'],
      targets: 'Private targets text.',
      englishMaths: 'English: achieved. Maths: achieved.',
      supportDiscussed: 'No adjustments needed this period.',
      wellbeing: 'Fine.',
      safeguardingConcern: 'no',
      safeguardingNotes: '',
    });
    const link = `/reviews/${review.id}`;
    expect((await toldAbout(link)).map((n) => [n.to, n.kind, n.title])).toEqual([
      ['Dee Puty', 'review_recorded', 'Priya Patel recorded Sam Whitfield’s progress review of 10 Mar 2026: please sign it'],
      ['Helen Birch', 'review_recorded', 'Priya Patel recorded Sam Whitfield’s progress review of 10 Mar 2026: please sign it'],
      ['Sam Whitfield', 'review_recorded', 'Priya Patel recorded your progress review of 10 Mar 2026: please sign it'],
    ]);
    const signed = await signProgressReview(sam, { id: review.id, rowVersion: review.rowVersion, comment: 'A private comment.' });
    const afterSam = (await toldAbout(link)).filter((n) => n.kind === 'review_signed').map((n) => [n.to, n.title]);
    expect(afterSam).toEqual([
      ['Dee Puty', 'Sam Whitfield signed their progress review of 10 Mar 2026'],
      ['Helen Birch', 'Sam Whitfield signed their progress review of 10 Mar 2026'],
      ['Priya Patel', 'Sam Whitfield signed their progress review of 10 Mar 2026'],
    ]);
    await signProgressReview(helen, { id: review.id, rowVersion: signed.rowVersion, comment: 'Agreed.' });
    const afterHelen = (await toldAbout(link)).filter((n) => n.kind === 'review_signed' && n.actorId === helen.userId).map((n) => [n.to, n.title]);
    expect(afterHelen).toEqual([
      ['Priya Patel', 'Helen Birch signed Sam Whitfield’s progress review of 10 Mar 2026'],
      ['Sam Whitfield', 'Helen Birch signed your progress review of 10 Mar 2026'],
    ]);
  });

  it('witness requested: the contact asked; signed: the apprentice and the assigned trainers, each to their own page', async () => {
    const e = await createEvidence(sam, { title: 'Witnessed piece', type: 'work_product', activityDate: '2026-10-01', account, ksbs: ['S3'] });
    const ws = await requestWitnessStatement(sam, { evidenceId: e.id, witnessId: helen.userId, message: 'A private message to the witness.' });
    expect(await toldAbout(`/employer/witness/${ws.id}`)).toEqual([expect.objectContaining({ to: 'Helen Birch', kind: 'witness_requested', title: 'Sam Whitfield asked you for a witness statement' })]);
    await signWitnessStatement(helen, { id: ws.id, rowVersion: 1, statement: 'A private statement about what I saw.', signedName: 'Helen Birch', signedJobTitle: 'Coding manager', signedOn: '2026-10-05' });
    expect(await toldAbout(`/apprentice/evidence/${e.id}`)).toEqual([expect.objectContaining({ to: 'Sam Whitfield', kind: 'witness_signed', title: 'Helen Birch signed the witness statement you asked for' })]);
    expect(await toldAbout(`/evidence/${e.id}`)).toEqual([expect.objectContaining({ to: 'Priya Patel', kind: 'witness_signed', title: 'Helen Birch signed a witness statement for Sam Whitfield' })]);
  });

  it('paper scheduled: each apprentice invited; paper marked: the apprentice once every answer is marked', async () => {
    const opensAt = new Date(Date.now() + 3_600_000);
    const closesAt = new Date(Date.now() + 86_400_000);
    const before = await t.db.select({ id: notifications.id }).from(notifications).where(eq(notifications.kind, 'paper_scheduled'));
    await scheduleSitting(patel, { blueprintKey: 'mock-nccq-theory', apprenticeIds: [sam.userId, aisha.userId], opensAt, closesAt });
    const scheduled = await t.db.select({ recipientId: notifications.recipientId, title: notifications.title, link: notifications.link }).from(notifications).where(eq(notifications.kind, 'paper_scheduled'));
    expect(scheduled.length - before.length).toBe(2);
    expect(scheduled.map((s) => s.recipientId).sort()).toEqual([sam.userId, aisha.userId].sort());
    expect(scheduled.every((s) => s.link === '/apprentice/assessments' && s.title.startsWith('Priya Patel scheduled a mock paper for you, open from '))).toBe(true);

    // Aisha's demo theory paper waits for its written answers to be marked.
    const [attempt] = await t.db.select().from(assessmentAttempts).where(and(eq(assessmentAttempts.apprenticeId, aisha.userId), eq(assessmentAttempts.status, 'submitted')));
    const written = attempt!.items.map((it, item) => ({ it, item })).filter((x) => x.it.kind === 'written');
    expect(written.length).toBeGreaterThan(0);
    for (const [i, { it, item }] of written.entries()) {
      const [w] = await t.db.select({ rubric: writtenItems.rubric }).from(writtenItems).where(eq(writtenItems.id, it.ref));
      await markWrittenAnswer(patel, { attemptId: attempt!.id, item, criteria: w!.rubric.map(() => 1), feedback: 'A private remark on the answer.' });
      const told = await toldAbout(`/assessments/${attempt!.id}`);
      // Only the last answer's mark finishes the paper.
      expect(told.length).toBe(i === written.length - 1 ? 1 : 0);
    }
    expect(await toldAbout(`/assessments/${attempt!.id}`)).toEqual([expect.objectContaining({ to: 'Aisha Rahman', kind: 'paper_marked', title: 'Priya Patel finished marking your mock paper' })]);
  });

  it('never puts what anyone wrote into a notification', async () => {
    const all = await t.db.select({ title: notifications.title }).from(notifications);
    for (const { title } of all) expect(title).not.toMatch(/private|discharge summary|Agreed|four-step/i);
  });
});

describe('each person’s own notifications', () => {
  it('lists them newest first (created_at, then id) in pages, counts the unread, and marks them read', async () => {
    // Twenty-five made at the same moment: the id breaks the tie.
    const now = new Date('2026-12-01T09:00:00Z');
    await t.db.insert(notifications).values(Array.from({ length: 25 }, (_, i) => ({ recipientId: marcus.userId, kind: 'reminder' as const, title: `Reminder ${i}`, link: '/employer', createdAt: now, emailState: 'skipped' as const })));
    const first = await listNotifications(marcus);
    expect(first).toMatchObject({ total: 25, unread: 25, page: 1, pages: 2, pageSize: 20 });
    const second = await listNotifications(marcus, { page: 2 });
    const ids = [...first.rows, ...second.rows].map((r) => r.id);
    expect(ids).toEqual([...ids].sort().reverse());
    expect(new Set(ids).size).toBe(25);
    expect(await countUnreadNotifications(marcus)).toBe(25);

    expect(await markNotificationRead(marcus, ids[3]!)).toEqual({ link: '/employer' });
    expect(await countUnreadNotifications(marcus)).toBe(24);
    // Read again: nothing changes, no second audit entry.
    await markNotificationRead(marcus, ids[3]!);
    const audits = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'notification.read'), eq(auditLog.entityId, ids[3]!)));
    expect(audits).toHaveLength(1);
    expect(await markAllNotificationsRead(marcus)).toBe(24);
    expect(await countUnreadNotifications(marcus)).toBe(0);
    expect((await listNotifications(marcus)).unread).toBe(0);
  });

  it('answers 404 for another person’s notification, exactly as for a missing one, and records the refusal', async () => {
    const id = await refer('Not for Helen');
    const samsRow = await rowOf(`/apprentice/evidence/${id}`, sam);
    const denied = async () => (await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'access.denied'), eq(auditLog.actorId, helen.userId)))).length;
    const before = await denied();
    await expect(markNotificationRead(helen, samsRow.id)).rejects.toBeInstanceOf(NotFound);
    await expect(markNotificationRead(helen, '00000000-0000-4000-8000-000000000000')).rejects.toBeInstanceOf(NotFound);
    await expect(markNotificationRead(helen, 'not-a-uuid')).rejects.toBeInstanceOf(NotFound);
    expect(await denied()).toBe(before + 3);
    expect((await rowOf(`/apprentice/evidence/${id}`, sam)).readAt).toBeNull();
    expect((await listNotifications(helen)).rows.some((r) => r.id === samsRow.id)).toBe(false);
  });

  it('keeps each person’s choice per kind, validated and audited', async () => {
    expect(await getNotificationPreferences(deputy)).toEqual(preferencesFrom([]));
    const chosen = { ...preferencesFrom([]), comment: 'off' as const, reminder: 'digest' as const };
    await updateNotificationPreferences(deputy, chosen);
    expect(await getNotificationPreferences(deputy)).toEqual(chosen);
    // No form sends anything else: refused (the ZodError, as parseInput throws for a wrong value), nothing saved.
    await expect(updateNotificationPreferences(deputy, { ...chosen, comment: 'hourly' as never })).rejects.toThrow(/comment/);
    expect(await getNotificationPreferences(deputy)).toEqual(chosen);
    const audit = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'notification.preferences'), eq(auditLog.actorId, deputy.userId)));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after).toMatchObject({ comment: 'off', reminder: 'digest' });
  });
});

describe('email, by the worker, to a real SMTP server', () => {
  let worker: JobQueue;
  beforeAll(async () => {
    worker = await openJobQueue(t.jobSource, { supervise: true });
    await registerJobHandlers(worker);
  });
  afterAll(async () => {
    await worker?.stop({ graceful: false });
  });

  it('immediately: the job sends one email with an HTML and a text part and the link, then marks it sent', async () => {
    await updateNotificationPreferences(sam, preferencesFrom([]));
    const id = await refer('Emailed at once');
    const link = `http://localhost:3000/apprentice/evidence/${id}`;
    const [m] = await until('the email', async () => (await mailsWith(link)).length > 0 && mailsWith(link));
    expect(m!.subject).toBe('Priya Patel referred back a piece of your evidence');
    expect(m!.to).toMatchObject({ value: [{ address: 'sam.whitfield@ashwell.example' }] });
    expect(m!.from).toMatchObject({ value: [{ address: 'pathway@test.example' }] });
    expect(m!.html).toContain(`<a href="${link}"`);
    expect(m!.html).toContain('lang="en-GB"');
    expect(m!.text).toContain(link);
    expect(`${m!.html}${m!.text}`).not.toContain(FEEDBACK);
    const row = await until('marked sent', async () => {
      const r = await rowOf(`/apprentice/evidence/${id}`, sam);
      return r.emailState === 'sent' && r;
    });
    expect(row.emailedAt).toBeInstanceOf(Date);
    // The row was made before the email went.
    expect(row.emailedAt!.getTime()).toBeGreaterThanOrEqual(row.createdAt.getTime());
    // Sent once: a second run of its job (a retry after a crash) sends nothing.
    expect(await sendNotificationEmail(row.id)).toBe('not_pending');
    expect(await mailsWith(link)).toHaveLength(1);
  });

  it('daily digest: waits for the digest, which sends one email listing them and marks them sent together', async () => {
    await updateNotificationPreferences(sam, { ...preferencesFrom([]), evidence_decided: 'digest' });
    const ids = [await refer('Digest one'), await refer('Digest two')];
    for (const id of ids) expect((await rowOf(`/apprentice/evidence/${id}`, sam)).emailState).toBe('digest');
    // Nothing goes on its own, even once the sweep has looked.
    expect(await sweepPendingEmails()).toBe(0);
    expect(await mailsWith(`/apprentice/evidence/${ids[0]}`)).toHaveLength(0);
    expect(await sendDigests()).toBeGreaterThanOrEqual(1);
    const digests = (await mailsWith(`/apprentice/evidence/${ids[0]}`)).filter((m) => m.subject?.startsWith('Your daily summary'));
    expect(digests).toHaveLength(1);
    expect(digests[0]!.text).toContain(`/apprentice/evidence/${ids[1]}`);
    expect(digests[0]!.html).toMatch(/<h2[^>]*>Decisions on evidence \(\d+\)<\/h2>/);
    const rows = await Promise.all(ids.map((id) => rowOf(`/apprentice/evidence/${id}`, sam)));
    expect(rows.map((r) => r.emailState)).toEqual(['sent', 'sent']);
    expect(rows[0]!.emailedAt!.getTime()).toBe(rows[1]!.emailedAt!.getTime());
    // The next digest has nothing of Sam's to send.
    const before = mail.messages.length;
    await sendDigests();
    expect((await Promise.all(mail.messages.slice(before).map((m) => parseMail(m)))).filter((m) => (m.to as { text: string }).text.includes('sam.whitfield'))).toHaveLength(0);
  });

  it('off: no email, still in the app', async () => {
    await updateNotificationPreferences(sam, { ...preferencesFrom([]), evidence_decided: 'off' });
    const id = await refer('No email');
    const row = await rowOf(`/apprentice/evidence/${id}`, sam);
    expect(row.emailState).toBe('skipped');
    expect((await listNotifications(sam)).rows.some((r) => r.id === row.id)).toBe(true);
    await sendDigests();
    expect(await mailsWith(`/apprentice/evidence/${id}`)).toHaveLength(0);
    await updateNotificationPreferences(sam, preferencesFrom([]));
  });

  it('a refused send is thrown (the job is tried again) and the last try marks it failed', async () => {
    const [n] = await t.db.insert(notifications).values({ recipientId: deputy.userId, kind: 'reminder', title: 'Refused reminder', link: '/employer' }).returning();
    mail.refuse = true;
    try {
      await expect(sendNotificationEmail(n!.id, { id: 'j', queue: 'notification-email', retryCount: 0, retryLimit: 5 })).rejects.toThrow();
      expect((await rowOf('/employer', deputy)).emailState).toBe('pending');
      await expect(sendNotificationEmail(n!.id, { id: 'j', queue: 'notification-email', retryCount: 5, retryLimit: 5 })).rejects.toThrow();
      expect((await rowOf('/employer', deputy)).emailState).toBe('failed');
    } finally {
      mail.refuse = false;
    }
  });

  it('the sweep queues a notification whose job never came, once however often it runs, and the worker sends it', async () => {
    // As a process that died between its commit and the send would leave it: pending, two minutes old, no job.
    const [n] = await t.db
      .insert(notifications)
      .values({ recipientId: helen.userId, kind: 'reminder', title: 'A reminder left behind', link: '/employer/witness', createdAt: sql`now() - interval '2 minutes'` })
      .returning();
    // Two sweeps before the worker takes it (a short queue: one job per notification while queued).
    await worker.stop({ graceful: true });
    await sweepPendingEmails();
    await sweepPendingEmails();
    const jobs = await rowsOf<{ state: string }>(t.db, sql`select state::text from pgboss.job where name = 'notification-email' and data->>'notificationId' = ${n!.id}`);
    expect(jobs).toEqual([{ state: 'created' }]);
    worker = await openJobQueue(t.jobSource, { supervise: true });
    await registerJobHandlers(worker);
    await until('the swept email', async () => (await rowOf('/employer/witness', helen)).emailState === 'sent');
    expect((await mailsWith('A reminder left behind')).length).toBe(1);
  });
});
