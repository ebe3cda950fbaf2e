import type { Role, ThreadSubject } from '@/db/schema';

/** How long an author may change a message after posting it; after that it is final (what was read stays read). */
export const EDIT_WINDOW_MS = 5 * 60_000;

/** The longest message: a comment, not a document (evidence has its own account and files). */
export const MESSAGE_MAX = 4000;

/** When a message posted at `createdAt` becomes final. */
export function editableUntil(createdAt: Date): Date {
  return new Date(createdAt.getTime() + EDIT_WINDOW_MS);
}

/** Only the author, and only within the window: a reply may already answer what the message said. */
export function mayEditMessage(message: { authorId: string; createdAt: Date }, viewerId: string, now: Date): boolean {
  return message.authorId === viewerId && now.getTime() < editableUntil(message.createdAt).getTime();
}

/** Unread for a person: written by someone else after how far they have read (everything, if never read). */
export function isUnread(message: { authorId: string; createdAt: Date }, userId: string, readUpTo: Date | null): boolean {
  return message.authorId !== userId && (readUpTo === null || message.createdAt.getTime() > readUpTo.getTime());
}

export function countUnread(messages: readonly { authorId: string; createdAt: Date }[], userId: string, readUpTo: Date | null): number {
  return messages.filter((m) => isUnread(m, userId, readUpTo)).length;
}

/** A thread as pages and links name it. For a direct thread `id` is the apprenticeship and `trainerId` the trainer. */
export type ThreadRef = { type: Exclude<ThreadSubject, 'direct'>; id: string } | { type: 'direct'; id: string; trainerId: string };

/** The record a thread hangs on, in words ("evidence", "progress review"). */
export const SUBJECT_NOUN: Record<ThreadSubject, string> = {
  evidence: 'evidence',
  review: 'progress review',
  attempt: 'coding attempt',
  direct: 'conversation',
};

/** The id of a message's element on its page: notifications link straight to it. */
export const messageAnchor = (messageId: string) => `message-${messageId}`;

/**
 * Where a thread is read: the record's own page (its Comments panel), or the direct thread's page. The
 * apprentice reads their evidence on their own portfolio page (`forApprentice`): a redirect there from the
 * shared page would lose the #anchor.
 */
export function threadPath(ref: ThreadRef, forApprentice = false): string {
  switch (ref.type) {
    case 'evidence':
      return forApprentice ? `/apprentice/evidence/${ref.id}` : `/evidence/${ref.id}`;
    case 'review':
      return `/reviews/${ref.id}`;
    case 'attempt':
      return `/attempts/${ref.id}`;
    case 'direct':
      return `/messages/direct/${ref.id}/${ref.trainerId}`;
  }
}

export function threadLink(ref: ThreadRef, messageId?: string, forApprentice = false): string {
  return `${threadPath(ref, forApprentice)}#${messageId ? messageAnchor(messageId) : 'comments'}`;
}

/**
 * A notification's title: it goes into email, so it names the person and the kind of record, never the
 * message or the record's text. "your evidence" for the apprentice it belongs to, their name for others.
 */
export function commentTitle(input: { actorName: string; type: ThreadSubject; ownerName: string; recipientIsOwner: boolean }): string {
  if (input.type === 'direct') return `${input.actorName} sent you a message`;
  const whose = input.recipientIsOwner ? 'your' : `${input.ownerName}'s`;
  return `${input.actorName} commented on ${whose} ${SUBJECT_NOUN[input.type]}`;
}

/** How a thread is titled in a list: the record's own title where it has one. */
export function threadTitle(input: { type: ThreadSubject; recordTitle: string | null; otherName: string }): string {
  switch (input.type) {
    case 'direct':
      return `Conversation with ${input.otherName}`;
    case 'evidence':
      return `Evidence: ${input.recordTitle ?? 'untitled'}`;
    case 'review':
      return `Progress review${input.recordTitle ? `, ${input.recordTitle}` : ''}`;
    case 'attempt':
      return `Coding attempt${input.recordTitle ? `: ${input.recordTitle}` : ''}`;
  }
}

/** The role in words beside an author's name, so a reader knows who answered. */
export const AUTHOR_ROLE: Record<Role, string> = { apprentice: 'Apprentice', trainer: 'Trainer', employer: 'Employer', admin: 'Administrator' };
