import 'server-only';
import { and, asc, desc, eq, ne, or, sql, type SQL } from 'drizzle-orm';
import { alias, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { getDb, type DbOrTx } from '@/db/client';
import {
  apprenticeships,
  cases,
  codingAttempts,
  conversationMessages,
  conversationReads,
  conversationThreads,
  evidence,
  progressReviews,
  trainerAssignments,
  users,
  witnessStatements,
  type ThreadSubject,
} from '@/db/schema';
import { Conflict, NotFound } from '@/lib/errors';
import { parseInput } from '@/lib/forms/parse-input';
import { formatDate } from '@/lib/format';
import { commentTitle, editableUntil, EDIT_WINDOW_MS, isUnread, mayEditMessage, threadLink, threadPath, threadTitle, type ThreadRef } from '@/lib/conversations/rules';
import { EditMessageInput, PostMessageInput } from '@/lib/conversations/schemas';
import { apprenticeshipsIn, authorize, recordDenied, writeAudit } from './access';
import { queueNotificationEmails } from './notification-mail';
import { notify } from './notify';
import { scopeOf, type Permission, type Scope } from './policy';
import type { Viewer } from './viewer';

// Conversations (issue 17 §4). A thread is reached through the record it hangs on: whoever may not see the
// record gets the same 404 as for a thread that does not exist, and the thread inherits the record's rule.

const SUBJECTS = ['evidence', 'review', 'attempt', 'direct'] as const satisfies readonly ThreadSubject[];
const READ: Record<ThreadSubject, Permission> = {
  evidence: 'conversation.evidence',
  review: 'conversation.review',
  attempt: 'conversation.attempt',
  direct: 'conversation.direct.read',
};
// Posting follows reading, except a direct thread: an administrator reads it for oversight but is not part of it.
const POST: Record<ThreadSubject, Permission> = { ...READ, direct: 'conversation.direct.post' };

const isUuid = (id: unknown): id is string => typeof id === 'string' && z.uuid().safeParse(id).success;
const apprentice = alias(users, 'apprentice');
const trainer = alias(users, 'trainer');
const author = alias(users, 'author');

/** The thread's subject from what a page or form sent: `{ subjectType, subjectId, trainerId }`. */
export type SubjectInput = { subjectType: string; subjectId: string; trainerId?: string | null };
const refFrom = (input: SubjectInput): ThreadRef | null =>
  !SUBJECTS.includes(input.subjectType as ThreadSubject)
    ? null
    : input.subjectType === 'direct'
      ? { type: 'direct', id: input.subjectId, trainerId: input.trainerId ?? '' }
      : { type: input.subjectType as Exclude<ThreadSubject, 'direct'>, id: input.subjectId };

/** What a thread hangs on, found only where the viewer may see it. */
type Place = {
  ref: ThreadRef;
  apprenticeshipId: string;
  apprenticeId: string;
  apprenticeName: string;
  employerId: string;
  recordTitle: string | null;
  trainerName: string | null;
  threadId: string | null;
};

/** An employer contact reads a piece's full record (and so its thread) only where asked to witness it. */
function askedToWitness(viewer: Viewer, evidenceId: AnyPgColumn): SQL {
  return sql`exists (select 1 from ${witnessStatements} where ${witnessStatements.evidenceId} = ${evidenceId} and ${witnessStatements.witnessId} = ${viewer.userId})`;
}

async function findPlace(db: DbOrTx, viewer: Viewer, scope: Scope, ref: ThreadRef): Promise<Omit<Place, 'threadId'> | undefined> {
  const base = { apprenticeshipId: apprenticeships.id, apprenticeId: apprenticeships.apprenticeId, apprenticeName: apprentice.name, employerId: apprenticeships.employerId };
  // An apprentice with more than one apprenticeship: their newest one carries a new thread on evidence or an attempt.
  const newest = [desc(apprenticeships.startDate), asc(apprenticeships.id)];
  switch (ref.type) {
    case 'evidence': {
      const [row] = await db
        .select({ ...base, recordTitle: evidence.title })
        .from(evidence)
        .innerJoin(apprenticeships, eq(apprenticeships.apprenticeId, evidence.apprenticeId))
        .innerJoin(apprentice, eq(apprentice.id, apprenticeships.apprenticeId))
        .where(and(eq(evidence.id, ref.id), apprenticeshipsIn(viewer, scope), viewer.role === 'employer' ? askedToWitness(viewer, evidence.id) : undefined))
        .orderBy(...newest)
        .limit(1);
      return row && { ref, ...row, trainerName: null };
    }
    case 'review': {
      const [row] = await db
        .select({ ...base, reviewDate: progressReviews.reviewDate })
        .from(progressReviews)
        .innerJoin(apprenticeships, eq(apprenticeships.id, progressReviews.apprenticeshipId))
        .innerJoin(apprentice, eq(apprentice.id, apprenticeships.apprenticeId))
        .where(and(eq(progressReviews.id, ref.id), apprenticeshipsIn(viewer, scope)));
      return row && { ref, ...row, recordTitle: formatDate(row.reviewDate), trainerName: null };
    }
    case 'attempt': {
      const [row] = await db
        .select({ ...base, recordTitle: cases.title })
        .from(codingAttempts)
        .innerJoin(cases, eq(cases.id, codingAttempts.caseId))
        .innerJoin(apprenticeships, eq(apprenticeships.apprenticeId, codingAttempts.apprenticeId))
        .innerJoin(apprentice, eq(apprentice.id, apprenticeships.apprenticeId))
        .where(and(eq(codingAttempts.id, ref.id), apprenticeshipsIn(viewer, scope)))
        .orderBy(...newest)
        .limit(1);
      return row && { ref, ...row, trainerName: null };
    }
    case 'direct': {
      // Between the apprentice and one trainer assigned to them: no other trainer, whatever their assignments.
      if (viewer.role === 'trainer' && ref.trainerId !== viewer.userId) return undefined;
      const [row] = await db
        .select({ ...base, trainerName: trainer.name })
        .from(apprenticeships)
        .innerJoin(apprentice, eq(apprentice.id, apprenticeships.apprenticeId))
        .innerJoin(trainerAssignments, and(eq(trainerAssignments.apprenticeshipId, apprenticeships.id), eq(trainerAssignments.trainerId, ref.trainerId)))
        .innerJoin(trainer, eq(trainer.id, trainerAssignments.trainerId))
        .where(and(eq(apprenticeships.id, ref.id), apprenticeshipsIn(viewer, scope)));
      return row && { ref, ...row, recordTitle: null };
    }
  }
}

async function findThreadId(db: DbOrTx, place: Omit<Place, 'threadId'>): Promise<string | null> {
  const { ref } = place;
  const [row] = await db
    .select({ id: conversationThreads.id })
    .from(conversationThreads)
    .where(
      ref.type === 'direct'
        ? and(eq(conversationThreads.subjectType, 'direct'), eq(conversationThreads.apprenticeshipId, ref.id), eq(conversationThreads.trainerId, ref.trainerId))
        : and(eq(conversationThreads.subjectType, ref.type), eq(conversationThreads.subjectId, ref.id)),
    );
  return row?.id ?? null;
}

/** The thread's place for this viewer, or (recorded) the 404 a missing record gets. */
async function resolve(viewer: Viewer, input: ThreadRef | null, mode: 'read' | 'post'): Promise<Place> {
  const permission = input ? (mode === 'post' ? POST : READ)[input.type] : 'conversation.evidence';
  const scope = await authorize(viewer, permission, { type: 'conversation', id: input?.id });
  const db = await getDb();
  const valid = input && isUuid(input.id) && (input.type !== 'direct' || isUuid(input.trainerId));
  const place = valid ? await findPlace(db, viewer, scope, input) : undefined;
  if (!place) {
    await recordDenied(viewer, permission, 'conversation', input?.id);
    throw new NotFound('conversation');
  }
  return { ...place, threadId: await findThreadId(db, place) };
}

const titleOf = (viewer: Viewer, place: Place) =>
  threadTitle({ type: place.ref.type, recordTitle: place.recordTitle, otherName: viewer.role === 'apprentice' ? (place.trainerName ?? '') : place.apprenticeName });

/** A thread and its messages, oldest first. Reading marks nothing: the page calls markThreadRead. */
export async function getThread(viewer: Viewer, ref: ThreadRef) {
  const place = await resolve(viewer, ref, 'read');
  const db = await getDb();
  const [messages, [read]] = place.threadId
    ? await Promise.all([
        db
          .select({
            id: conversationMessages.id,
            authorId: conversationMessages.authorId,
            authorName: author.name,
            authorRole: author.role,
            body: conversationMessages.body,
            createdAt: conversationMessages.createdAt,
            editedAt: conversationMessages.editedAt,
            version: conversationMessages.version,
          })
          .from(conversationMessages)
          .innerJoin(author, eq(author.id, conversationMessages.authorId))
          .where(eq(conversationMessages.threadId, place.threadId))
          .orderBy(asc(conversationMessages.createdAt), asc(conversationMessages.id)),
        db
          .select({ readUpTo: conversationReads.readUpTo })
          .from(conversationReads)
          .where(and(eq(conversationReads.threadId, place.threadId), eq(conversationReads.userId, viewer.userId))),
      ])
    : [[], []];
  const now = new Date();
  const readUpTo = read?.readUpTo ?? null;
  const mayPost = scopeOf(viewer.role, POST[ref.type]) !== null;
  return {
    ref,
    threadId: place.threadId,
    title: titleOf(viewer, place),
    apprenticeName: place.apprenticeName,
    trainerName: place.trainerName,
    mayPost,
    // Said on the page, so that an administrator knows why there is no form.
    readOnlyReason: mayPost ? null : 'Administrators may read this conversation for oversight but do not post in it.',
    latestAt: messages.at(-1)?.createdAt ?? null,
    messages: messages.map((m) => ({
      ...m,
      edited: m.editedAt !== null,
      mine: m.authorId === viewer.userId,
      editable: mayEditMessage(m, viewer.userId, now),
      editableUntil: editableUntil(m.createdAt),
      unread: isUnread(m, viewer.userId, readUpTo),
    })),
  };
}
export type Thread = Awaited<ReturnType<typeof getThread>>;
export type ThreadMessage = Thread['messages'][number];

/** Who is told of a new message: everyone the thread is for but its author. */
async function participants(tx: DbOrTx, place: Place): Promise<{ owner: string; others: string[] }> {
  const { ref } = place;
  if (ref.type === 'direct') return { owner: place.apprenticeId, others: [ref.trainerId] };
  const trainers = tx.select({ id: trainerAssignments.trainerId }).from(trainerAssignments).where(eq(trainerAssignments.apprenticeshipId, place.apprenticeshipId));
  const rows =
    ref.type === 'evidence'
      ? // The trainers, and the employer contacts asked to witness this piece (they alone of the employer see it).
        await trainers.union(tx.select({ id: witnessStatements.witnessId }).from(witnessStatements).where(eq(witnessStatements.evidenceId, ref.id)))
      : ref.type === 'review'
        ? // The trainers, and the employer's contacts, who see and sign reviews.
          await trainers.union(tx.select({ id: users.id }).from(users).where(and(eq(users.role, 'employer'), eq(users.active, true), eq(users.organisationId, place.employerId))))
        : await trainers;
  // An administrator who joined the thread hears of replies too.
  const admins = place.threadId
    ? await tx
        .selectDistinct({ id: conversationMessages.authorId })
        .from(conversationMessages)
        .innerJoin(users, eq(users.id, conversationMessages.authorId))
        .where(and(eq(conversationMessages.threadId, place.threadId), eq(users.role, 'admin')))
    : [];
  return { owner: place.apprenticeId, others: [...rows, ...admins].map((r) => r.id).filter((id) => id !== place.apprenticeId) };
}

/** Posts a message, making the thread on its first one; the author has read up to it; the others are told. */
export async function postMessage(viewer: Viewer, input: z.input<typeof PostMessageInput>) {
  const place = await resolve(viewer, refFrom(input), 'post');
  const { body } = parseInput(PostMessageInput, input);
  const { ref } = place;
  const db = await getDb();
  const posted = await db.transaction(async (tx) => {
    let threadId = place.threadId;
    if (!threadId) {
      // Two first messages at once: one insert makes the thread, the other finds it.
      const [made] = await tx
        .insert(conversationThreads)
        .values({ apprenticeshipId: place.apprenticeshipId, subjectType: ref.type, subjectId: ref.type === 'direct' ? null : ref.id, trainerId: ref.type === 'direct' ? ref.trainerId : null })
        .onConflictDoNothing()
        .returning({ id: conversationThreads.id });
      threadId = made?.id ?? (await findThreadId(tx, place))!;
    }
    const [message] = await tx.insert(conversationMessages).values({ threadId, authorId: viewer.userId, body }).returning({ id: conversationMessages.id, createdAt: conversationMessages.createdAt });
    const at = message!.createdAt;
    await tx
      .update(conversationThreads)
      .set({ lastMessageAt: sql`greatest(${conversationThreads.lastMessageAt}, ${at.toISOString()}::timestamptz)` })
      .where(eq(conversationThreads.id, threadId));
    await tx
      .insert(conversationReads)
      .values({ threadId, userId: viewer.userId, readUpTo: at })
      .onConflictDoUpdate({ target: [conversationReads.threadId, conversationReads.userId], set: { readUpTo: sql`greatest(${conversationReads.readUpTo}, excluded.read_up_to)` } });
    await writeAudit(tx, viewer, { action: 'conversation.post', entityType: 'conversation_message', entityId: message!.id, after: { threadId, subjectType: ref.type, subjectId: ref.id, body } });
    const { owner, others } = await participants(tx, { ...place, threadId });
    const title = (recipientIsOwner: boolean) => commentTitle({ actorName: viewer.name, type: ref.type, ownerName: place.apprenticeName, recipientIsOwner });
    const told = [
      ...(await notify(tx, { recipients: [owner], kind: 'comment', title: title(true), link: threadLink(ref, message!.id, true), actorId: viewer.userId })),
      ...(await notify(tx, { recipients: others, kind: 'comment', title: title(false), link: threadLink(ref, message!.id), actorId: viewer.userId })),
    ];
    return { id: message!.id, threadId, told };
  });
  // Emails go once the message is committed (the minute's sweep covers a process that dies in between).
  await queueNotificationEmails(posted.told);
  return { id: posted.id, threadId: posted.threadId };
}

const refOfThread = (t: { subjectType: ThreadSubject; subjectId: string | null; apprenticeshipId: string; trainerId: string | null }): ThreadRef =>
  t.subjectType === 'direct' ? { type: 'direct', id: t.apprenticeshipId, trainerId: t.trainerId! } : { type: t.subjectType, id: t.subjectId! };

/**
 * The author changes their message within 5 minutes of posting it; after that it is final. The UPDATE
 * matches only the version the author saw and a message still inside the window.
 */
export async function editMessage(viewer: Viewer, input: z.input<typeof EditMessageInput>) {
  await authorize(viewer, 'conversation.edit', { type: 'conversation_message', id: String(input.messageId) });
  const db = await getDb();
  const [found] = isUuid(input.messageId)
    ? await db
        .select({ m: conversationMessages, t: conversationThreads })
        .from(conversationMessages)
        .innerJoin(conversationThreads, eq(conversationThreads.id, conversationMessages.threadId))
        .where(and(eq(conversationMessages.id, input.messageId), eq(conversationMessages.authorId, viewer.userId)))
    : [];
  if (!found) {
    await recordDenied(viewer, 'conversation.edit', 'conversation_message', String(input.messageId));
    throw new NotFound('message');
  }
  // Still one of the thread's people (an unassigned trainer is not).
  const place = await resolve(viewer, refOfThread(found.t), 'post');
  const data = parseInput(EditMessageInput, input);
  const now = new Date();
  if (!mayEditMessage(found.m, viewer.userId, now))
    throw new Conflict('A message can be changed for 5 minutes after it is posted; this one is now final. Post a new message to add to it.');
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(conversationMessages)
      .set({ body: data.body, editedAt: sql`now()`, version: sql`${conversationMessages.version} + 1` })
      .where(
        and(
          eq(conversationMessages.id, found.m.id),
          eq(conversationMessages.version, data.version),
          sql`${conversationMessages.createdAt} > ${new Date(now.getTime() - EDIT_WINDOW_MS).toISOString()}::timestamptz`,
        ),
      )
      .returning({ id: conversationMessages.id, version: conversationMessages.version });
    if (!row) throw new Conflict('This message was changed in another window since you opened it. Reload the page to see it as it is now.');
    await writeAudit(tx, viewer, { action: 'conversation.edit', entityType: 'conversation_message', entityId: row.id, before: { body: found.m.body }, after: { body: data.body, threadId: place.threadId } });
    return row;
  });
}

/**
 * The viewer has read the thread up to `upTo` (the newest message they were shown; now if not given).
 * Only forward: an older page open in another tab does not make messages unread again.
 */
export async function markThreadRead(viewer: Viewer, ref: ThreadRef, upTo?: Date) {
  const place = await resolve(viewer, ref, 'read');
  if (!place.threadId) return { marked: false };
  const threadId = place.threadId;
  // Given the newest message shown, the mark is that message's time to the microsecond PostgreSQL keeps: a page
  // knows its messages' times only to the millisecond, and a mark of .227 would leave a message of .227082
  // unread for ever. Without one, everything so far is read.
  const shown = upTo?.toISOString();
  const readUpTo = shown
    ? sql`coalesce((select max(${conversationMessages.createdAt}) from ${conversationMessages}
        where ${conversationMessages.threadId} = ${threadId} and ${conversationMessages.createdAt} < ${shown}::timestamptz + interval '1 millisecond'), ${shown}::timestamptz)`
    : sql`now()`;
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(conversationReads)
      .values({ threadId, userId: viewer.userId, readUpTo })
      .onConflictDoUpdate({
        target: [conversationReads.threadId, conversationReads.userId],
        set: { readUpTo: sql`excluded.read_up_to` },
        setWhere: sql`${conversationReads.readUpTo} < excluded.read_up_to`,
      })
      .returning({ readUpTo: conversationReads.readUpTo });
    // Nothing newer read: nothing written, nothing to record.
    if (!row) return { marked: false };
    await writeAudit(tx, viewer, { action: 'conversation.read', entityType: 'conversation_thread', entityId: threadId, after: { readUpTo: row.readUpTo } });
    return { marked: true };
  });
}

/** The threads a viewer is one of the people of (not every thread they could open): the SQL behind the Messages page. */
function mine(viewer: Viewer, scope: Scope): SQL {
  const inScope = apprenticeshipsIn(viewer, scope);
  switch (viewer.role) {
    case 'trainer':
      return and(inScope, or(ne(conversationThreads.subjectType, 'direct'), eq(conversationThreads.trainerId, viewer.userId)))!;
    case 'employer':
      return and(inScope, or(eq(conversationThreads.subjectType, 'review'), and(eq(conversationThreads.subjectType, 'evidence'), askedToWitness(viewer, conversationThreads.subjectId))))!;
    default:
      return inScope;
  }
}

const unreadIn = (viewer: Viewer) => sql`(
  select count(*) from ${conversationMessages}
  where ${conversationMessages.threadId} = ${conversationThreads.id}
    and ${conversationMessages.authorId} <> ${viewer.userId}
    and (${conversationReads.readUpTo} is null or ${conversationMessages.createdAt} > ${conversationReads.readUpTo})
)`;

/** The viewer's threads, newest message first, each with its unread count (one query), and whom they may message directly. */
export async function listConversations(viewer: Viewer) {
  const scope = await authorize(viewer, 'conversation.list');
  const db = await getDb();
  const [rows, contacts] = await Promise.all([
    db
      .select({
        id: conversationThreads.id,
        subjectType: conversationThreads.subjectType,
        subjectId: conversationThreads.subjectId,
        apprenticeshipId: conversationThreads.apprenticeshipId,
        trainerId: conversationThreads.trainerId,
        lastMessageAt: conversationThreads.lastMessageAt,
        apprenticeName: apprentice.name,
        trainerName: trainer.name,
        evidenceTitle: evidence.title,
        caseTitle: cases.title,
        reviewDate: progressReviews.reviewDate,
        unread: unreadIn(viewer).mapWith(Number),
      })
      .from(conversationThreads)
      .innerJoin(apprenticeships, eq(apprenticeships.id, conversationThreads.apprenticeshipId))
      .innerJoin(apprentice, eq(apprentice.id, apprenticeships.apprenticeId))
      .leftJoin(trainer, eq(trainer.id, conversationThreads.trainerId))
      .leftJoin(conversationReads, and(eq(conversationReads.threadId, conversationThreads.id), eq(conversationReads.userId, viewer.userId)))
      .leftJoin(evidence, and(eq(conversationThreads.subjectType, 'evidence'), eq(evidence.id, conversationThreads.subjectId)))
      .leftJoin(progressReviews, and(eq(conversationThreads.subjectType, 'review'), eq(progressReviews.id, conversationThreads.subjectId)))
      .leftJoin(codingAttempts, and(eq(conversationThreads.subjectType, 'attempt'), eq(codingAttempts.id, conversationThreads.subjectId)))
      .leftJoin(cases, eq(cases.id, codingAttempts.caseId))
      .where(mine(viewer, scope))
      .orderBy(desc(conversationThreads.lastMessageAt), asc(conversationThreads.id))
      .limit(200),
    directContacts(viewer, scope),
  ]);
  return {
    threads: rows.map((r) => {
      const ref = refOfThread(r);
      const recordTitle = r.evidenceTitle ?? r.caseTitle ?? (r.reviewDate ? formatDate(r.reviewDate) : null);
      const otherName = viewer.role === 'apprentice' ? (r.trainerName ?? '') : r.apprenticeName;
      return { id: r.id, ref, title: threadTitle({ type: r.subjectType, recordTitle, otherName }), apprenticeName: r.apprenticeName, lastMessageAt: r.lastMessageAt, unread: r.unread, link: threadLink(ref, undefined, viewer.role === 'apprentice') };
    }),
    contacts,
  };
}

/** Whom the viewer may start a direct thread with: an apprentice's assigned trainers, a trainer's apprentices. */
async function directContacts(viewer: Viewer, scope: Scope) {
  if (viewer.role !== 'apprentice' && viewer.role !== 'trainer') return [];
  const db = await getDb();
  const other = viewer.role === 'apprentice' ? trainer : apprentice;
  const rows = await db
    .select({ apprenticeshipId: apprenticeships.id, trainerId: trainerAssignments.trainerId, name: other.name })
    .from(trainerAssignments)
    .innerJoin(apprenticeships, eq(apprenticeships.id, trainerAssignments.apprenticeshipId))
    .innerJoin(apprentice, eq(apprentice.id, apprenticeships.apprenticeId))
    .innerJoin(trainer, eq(trainer.id, trainerAssignments.trainerId))
    .where(and(apprenticeshipsIn(viewer, scope), viewer.role === 'trainer' ? eq(trainerAssignments.trainerId, viewer.userId) : undefined))
    .orderBy(asc(other.name), asc(apprenticeships.id));
  return rows.map((r) => ({ ...r, link: threadPath({ type: 'direct', id: r.apprenticeshipId, trainerId: r.trainerId }) }));
}

/** How many messages wait for the viewer across their threads (the navigation's count). */
export async function countUnreadMessages(viewer: Viewer): Promise<number> {
  const scope = await authorize(viewer, 'conversation.list');
  const db = await getDb();
  const [row] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(conversationMessages)
    .innerJoin(conversationThreads, eq(conversationThreads.id, conversationMessages.threadId))
    .innerJoin(apprenticeships, eq(apprenticeships.id, conversationThreads.apprenticeshipId))
    .leftJoin(conversationReads, and(eq(conversationReads.threadId, conversationThreads.id), eq(conversationReads.userId, viewer.userId)))
    .where(
      and(
        mine(viewer, scope),
        ne(conversationMessages.authorId, viewer.userId),
        or(sql`${conversationReads.readUpTo} is null`, sql`${conversationMessages.createdAt} > ${conversationReads.readUpTo}`),
      ),
    );
  return row?.n ?? 0;
}

