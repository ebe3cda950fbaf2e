import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import {
  countUnreadMessages,
  createEvidence,
  editMessage,
  getThread,
  listConversations,
  markThreadRead,
  postMessage,
  requestWitnessStatement,
} from '@/lib/dal';
import { apprenticeships, auditLog, codingAttempts, conversationMessages, notifications, progressReviews, trainerAssignments, users } from '@/db/schema';
import { Conflict, FieldError, NotFound } from '@/lib/errors';
import type { ThreadRef } from '@/lib/conversations/rules';
import type { Viewer } from '@/lib/dal/viewer';
import { createTestDb, type TestDb } from '../helpers/test-db';

let t: TestDb;
let sam: Viewer; // apprentice at Ashwell, assigned to Priya Patel
let patel: Viewer; // Sam's trainer
let okafor: Viewer; // another trainer, not Sam's
let helen: Viewer; // Ashwell's coding manager
let marcus: Viewer; // Kingsmere's coding manager
let admin: Viewer;
let samApprenticeship: string;
let witnessed: ThreadRef; // a piece Helen was asked to witness
let unwitnessed: ThreadRef; // a piece nobody at the employer was asked about
let review: ThreadRef;
let attempt: ThreadRef;
let direct: ThreadRef;

const subject = (ref: ThreadRef) => ({ subjectType: ref.type, subjectId: ref.id, ...(ref.type === 'direct' ? { trainerId: ref.trainerId } : {}) });
const post = (v: Viewer, ref: ThreadRef, body: string) => postMessage(v, { ...subject(ref), body });
const account = 'I coded twenty inpatient episodes and checked each against the four-step process.';

beforeAll(async () => {
  t = await createTestDb();
  [sam, patel, okafor, helen, marcus, admin] = (await Promise.all(
    [
      'sam.whitfield@ashwell.example',
      'trainer.patel@coderpathway.example',
      'trainer.okafor@coderpathway.example',
      'coding.manager@ashwell.example',
      'coding.manager@kingsmere.example',
      'admin@coderpathway.example',
    ].map((e) => t.viewer(e)),
  )) as [Viewer, Viewer, Viewer, Viewer, Viewer, Viewer];
  const [a] = await t.db.select({ id: apprenticeships.id }).from(apprenticeships).where(eq(apprenticeships.apprenticeId, sam.userId));
  samApprenticeship = a!.id;
  const piece = await createEvidence(sam, { title: 'Conversation piece', type: 'work_product', activityDate: '2026-10-01', account, ksbs: ['S3'] });
  await requestWitnessStatement(sam, { evidenceId: piece.id, witnessId: helen.userId, message: 'Please confirm what you saw.' });
  witnessed = { type: 'evidence', id: piece.id };
  unwitnessed = { type: 'evidence', id: (await createEvidence(sam, { title: 'Quiet piece', type: 'work_product', activityDate: '2026-10-02', account, ksbs: ['S3'] })).id };
  const [r] = await t.db
    .insert(progressReviews)
    .values({ apprenticeshipId: samApprenticeship, trainerId: patel.userId, reviewDate: '2026-10-01', progressSummary: 'On track.', ksbsDiscussed: ['K1'], targets: 'Keep going.', otjHoursLogged: 10, otjHoursPlanned: 12, wellbeing: 'Well.', safeguardingConcern: false })
    .returning({ id: progressReviews.id });
  review = { type: 'review', id: r!.id };
  const [at] = await t.db.select({ id: codingAttempts.id }).from(codingAttempts).where(eq(codingAttempts.apprenticeId, sam.userId)).orderBy(asc(codingAttempts.id)).limit(1);
  attempt = { type: 'attempt', id: at!.id };
  direct = { type: 'direct', id: samApprenticeship, trainerId: patel.userId };
});
afterAll(() => t.close());

const refused = (work: Promise<unknown>) => expect(work).rejects.toBeInstanceOf(NotFound);

describe('who may read and post', () => {
  it('opens an evidence thread to the apprentice, their trainer, the admin and a contact asked to witness it', async () => {
    await post(patel, witnessed, 'Can you say more about the coding conventions you applied?');
    for (const v of [sam, patel, admin, helen]) expect((await getThread(v, witnessed)).messages.map((m) => m.body)).toEqual(['Can you say more about the coding conventions you applied?']);
    await post(helen, witnessed, 'I saw this work myself.');
    await post(admin, witnessed, 'Noted for the file.');
  });

  it('refuses evidence an employer contact was not asked to witness, another employer, and a trainer not assigned', async () => {
    await post(patel, unwitnessed, 'A first look.');
    await refused(getThread(helen, unwitnessed));
    await refused(post(helen, unwitnessed, 'Hello'));
    await refused(getThread(marcus, witnessed));
    await refused(getThread(okafor, witnessed));
    await refused(post(okafor, witnessed, 'Hello'));
  });

  it('opens a review thread to the employer contacts, who see and sign reviews', async () => {
    await post(helen, review, 'Sam has been a great help on the ward this month.');
    expect((await getThread(sam, review)).messages).toHaveLength(1);
    expect((await getThread(patel, review)).mayPost).toBe(true);
    await refused(getThread(marcus, review));
    await refused(getThread(okafor, review));
  });

  it('closes attempt threads to employer contacts', async () => {
    await post(sam, attempt, 'I was unsure about the secondary diagnosis here.');
    await refused(getThread(helen, attempt));
    await refused(post(helen, attempt, 'Hello'));
    expect((await getThread(patel, attempt)).messages).toHaveLength(1);
  });

  it('keeps a direct thread between the apprentice and that trainer; an admin reads it but may not post', async () => {
    // The demo seeds three messages between them, Priya Patel's last one not yet read by Sam.
    const demo = await getThread(sam, direct);
    expect(demo.messages.map((m) => [m.authorName, m.unread])).toEqual([
      ['Priya Patel', false],
      ['Sam Whitfield', false],
      ['Priya Patel', true],
    ]);
    await post(sam, direct, 'Could we move our review to Thursday?');
    await post(patel, direct, 'Thursday at 10 works.');
    const asAdmin = await getThread(admin, direct);
    expect(asAdmin.messages.slice(3).map((m) => m.body)).toEqual(['Could we move our review to Thursday?', 'Thursday at 10 works.']);
    expect(asAdmin.mayPost).toBe(false);
    expect(asAdmin.readOnlyReason).toMatch(/oversight/);
    await refused(post(admin, direct, 'Hello'));
    await refused(getThread(helen, direct));
    await refused(getThread(okafor, direct));
    // Okafor is assigned to nobody here: a direct thread names a trainer assigned to the apprenticeship.
    await refused(getThread(sam, { type: 'direct', id: samApprenticeship, trainerId: okafor.userId }));
  });

  it('answers a malformed or unknown id as missing, and records the refusal', async () => {
    await refused(getThread(sam, { type: 'evidence', id: 'not-a-uuid' }));
    await refused(getThread(sam, { type: 'review', id: '00000000-0000-4000-8000-000000000000' }));
    const [last] = await t.db.select().from(auditLog).where(eq(auditLog.actorId, sam.userId)).orderBy(desc(auditLog.id)).limit(1);
    expect(last).toMatchObject({ action: 'access.denied', entityType: 'conversation' });
  });
});

describe('posting', () => {
  it('orders messages oldest first and says who wrote each', async () => {
    const thread = await getThread(sam, witnessed);
    expect(thread.messages.map((m) => [m.authorName, m.authorRole])).toEqual([
      ['Priya Patel', 'trainer'],
      ['Helen Birch', 'employer'],
      ['Alex Morgan', 'admin'],
    ]);
    expect(thread.title).toBe('Evidence: Conversation piece');
  });

  it('tells the other people, naming the person and the record but never the message', async () => {
    const { id } = await post(patel, attempt, 'Check the sequencing rule for this one.');
    const told = await t.db.select().from(notifications).where(eq(notifications.link, `/attempts/${attempt.id}#message-${id}`));
    expect(told.map((n) => [n.recipientId, n.title, n.kind])).toEqual([[sam.userId, 'Priya Patel commented on your coding attempt', 'comment']]);
    const all = await t.db.select({ title: notifications.title }).from(notifications).where(eq(notifications.kind, 'comment'));
    expect(all.every((n) => !/sequencing|conventions|ward/.test(n.title))).toBe(true);
    const toHelen = await t.db.select({ title: notifications.title }).from(notifications).where(and(eq(notifications.recipientId, helen.userId), eq(notifications.kind, 'comment')));
    expect(toHelen.map((n) => n.title)).toContain("Priya Patel commented on Sam Whitfield's evidence");
    // The apprentice's own link goes to their portfolio page, the others' to the shared evidence page.
    const [toSam] = await t.db.select({ link: notifications.link }).from(notifications).where(and(eq(notifications.recipientId, sam.userId), eq(notifications.title, 'Priya Patel commented on your evidence')));
    expect(toSam!.link).toMatch(new RegExp(`^/apprentice/evidence/${witnessed.id}#message-`));
  });

  it('refuses an NHS number beside the field, and an empty message', async () => {
    const e = await post(sam, direct, 'About patient 943 476 5919').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(FieldError);
    expect(e).toMatchObject({ field: 'body' });
    await expect(post(sam, direct, '  ')).rejects.toThrow(/Enter your message/);
  });

  it('records every post in the audit log', async () => {
    const { id } = await post(sam, review, 'Thank you, Helen.');
    const [entry] = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'conversation.post'), eq(auditLog.entityId, id)));
    expect(entry?.actorId).toBe(sam.userId);
  });
});

describe('editing', () => {
  it('lets the author change a message within 5 minutes, once per version', async () => {
    const { id } = await post(sam, direct, 'Thursday at 11?');
    const mine = (await getThread(sam, direct)).messages.find((m) => m.id === id)!;
    expect(mine.editable).toBe(true);
    expect((await getThread(patel, direct)).messages.find((m) => m.id === id)!.editable).toBe(false);
    await editMessage(sam, { messageId: id, version: 1, body: 'Thursday at 10 then.' });
    const after = (await getThread(patel, direct)).messages.find((m) => m.id === id)!;
    expect([after.body, after.edited, after.version]).toEqual(['Thursday at 10 then.', true, 2]);
    // A second window still showing version 1 is refused rather than overwriting.
    await expect(editMessage(sam, { messageId: id, version: 1, body: 'Stale' })).rejects.toBeInstanceOf(Conflict);
    await expect(editMessage(sam, { messageId: id, version: 2, body: 'NHS 943 476 5919' })).rejects.toMatchObject({ field: 'body' });
  });

  it('refuses anyone but the author as if the message did not exist', async () => {
    const { id } = await post(sam, direct, 'One more thing.');
    await refused(editMessage(patel, { messageId: id, version: 1, body: 'Changed by someone else' }));
  });

  it('makes a message final after 5 minutes', async () => {
    const { id } = await post(sam, direct, 'Posted a while ago.');
    await t.db.update(conversationMessages).set({ createdAt: sql`now() - interval '5 minutes 1 second'` }).where(eq(conversationMessages.id, id));
    expect((await getThread(sam, direct)).messages.find((m) => m.id === id)!.editable).toBe(false);
    await expect(editMessage(sam, { messageId: id, version: 1, body: 'Too late' })).rejects.toThrow(/5 minutes/);
    const [m] = await t.db.select({ body: conversationMessages.body }).from(conversationMessages).where(eq(conversationMessages.id, id));
    expect(m!.body).toBe('Posted a while ago.');
  });

  it('refuses an edit from a trainer no longer assigned', async () => {
    const { id } = await post(patel, unwitnessed, 'Quick note.');
    await t.db.delete(trainerAssignments).where(and(eq(trainerAssignments.trainerId, patel.userId), eq(trainerAssignments.apprenticeshipId, samApprenticeship)));
    try {
      await refused(editMessage(patel, { messageId: id, version: 1, body: 'Changed' }));
    } finally {
      await t.db.insert(trainerAssignments).values({ trainerId: patel.userId, apprenticeshipId: samApprenticeship });
    }
  });
});

describe('unread messages', () => {
  it('counts messages by others after the read mark, per thread and in all', async () => {
    const helper = await t.viewer('aisha.rahman@ashwell.example'); // an apprentice with no threads of Sam's
    expect(await countUnreadMessages(helper)).toBe(0);
    const total = await countUnreadMessages(sam);
    const { threads } = await listConversations(sam);
    expect(threads.reduce((n, th) => n + th.unread, 0)).toBe(total);
    expect(total).toBeGreaterThan(0);
    const thread = threads.find((th) => th.ref.type === 'evidence' && th.ref.id === witnessed.id)!;
    expect(thread.unread).toBe(3);
    const seen = await getThread(sam, witnessed);
    expect(seen.messages.every((m) => m.unread)).toBe(true);
    await markThreadRead(sam, witnessed, seen.latestAt!);
    expect(await countUnreadMessages(sam)).toBe(total - 3);
    // Marking an older point again changes nothing (another tab open on an old page).
    expect(await markThreadRead(sam, witnessed, new Date(0))).toEqual({ marked: false });
    await post(patel, witnessed, 'And one more question.');
    expect(await countUnreadMessages(sam)).toBe(total - 2);
    // Posting reads the thread up to one's own message; one's own messages are never unread.
    expect((await listConversations(patel)).threads.find((th) => th.id === thread.id)!.unread).toBe(0);
    await post(helen, witnessed, 'Happy to add more.');
    expect((await listConversations(patel)).threads.find((th) => th.id === thread.id)!.unread).toBe(1);
  });

  it('lists threads newest first: an employer contact sees the reviews and witnessed pieces only', async () => {
    const { threads } = await listConversations(helen);
    expect(threads.map((th) => th.ref.type).sort()).toEqual(['evidence', 'review']);
    const { threads: forPatel, contacts } = await listConversations(patel);
    const times = forPatel.map((th) => th.lastMessageAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(contacts.some((c) => c.apprenticeshipId === samApprenticeship && c.trainerId === patel.userId)).toBe(true);
    expect((await listConversations(okafor)).threads).toEqual([]);
    await expect(listConversations(admin)).rejects.toBeInstanceOf(NotFound);
    const { contacts: samContacts } = await listConversations(sam);
    expect(samContacts.map((c) => c.name)).toEqual(['Priya Patel']);
  });

  it('names the apprentice’s side of a direct thread by the trainer', async () => {
    const { threads } = await listConversations(sam);
    expect(threads.find((th) => th.ref.type === 'direct')!.title).toBe('Conversation with Priya Patel');
    const [u] = await t.db.select({ name: users.name }).from(users).where(eq(users.id, patel.userId));
    expect(u!.name).toBe('Priya Patel');
  });
});
