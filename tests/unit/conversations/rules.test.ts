import { describe, expect, it } from 'vitest';
import { commentTitle, countUnread, EDIT_WINDOW_MS, editableUntil, isUnread, mayEditMessage, threadLink, threadTitle } from '@/lib/conversations/rules';
import { EditMessageInput, PostMessageInput } from '@/lib/conversations/schemas';

const posted = new Date('2026-03-02T10:00:00Z');
const AUTHOR = 'a';
const at = (ms: number) => new Date(posted.getTime() + ms);

describe('the edit window', () => {
  it('is five minutes', () => {
    expect(EDIT_WINDOW_MS).toBe(300_000);
    expect(editableUntil(posted)).toEqual(at(300_000));
  });
  it('lets the author edit until the window closes, then never', () => {
    const m = { authorId: AUTHOR, createdAt: posted };
    expect(mayEditMessage(m, AUTHOR, posted)).toBe(true);
    expect(mayEditMessage(m, AUTHOR, at(299_999))).toBe(true);
    expect(mayEditMessage(m, AUTHOR, at(300_000))).toBe(false);
    expect(mayEditMessage(m, AUTHOR, at(86_400_000))).toBe(false);
  });
  it('never lets anyone else edit', () => {
    expect(mayEditMessage({ authorId: AUTHOR, createdAt: posted }, 'b', posted)).toBe(false);
  });
});

describe('unread messages', () => {
  const messages = [
    { authorId: 'b', createdAt: at(0) },
    { authorId: AUTHOR, createdAt: at(1000) },
    { authorId: 'b', createdAt: at(2000) },
    { authorId: 'c', createdAt: at(3000) },
  ];
  it('are everything by others when never read', () => {
    expect(countUnread(messages, AUTHOR, null)).toBe(3);
  });
  it('are those by others after the read mark', () => {
    expect(countUnread(messages, AUTHOR, at(2000))).toBe(1);
    expect(countUnread(messages, AUTHOR, at(3000))).toBe(0);
  });
  it('never include one\'s own', () => {
    expect(isUnread({ authorId: AUTHOR, createdAt: at(5000) }, AUTHOR, null)).toBe(false);
  });
});

describe('names and links', () => {
  it('titles a notification with the person and the kind of record only', () => {
    expect(commentTitle({ actorName: 'Priya Patel', type: 'evidence', ownerName: 'Sam Whitfield', recipientIsOwner: true })).toBe('Priya Patel commented on your evidence');
    expect(commentTitle({ actorName: 'Sam Whitfield', type: 'review', ownerName: 'Sam Whitfield', recipientIsOwner: false })).toBe("Sam Whitfield commented on Sam Whitfield's progress review");
    expect(commentTitle({ actorName: 'Priya Patel', type: 'direct', ownerName: 'Sam Whitfield', recipientIsOwner: true })).toBe('Priya Patel sent you a message');
  });
  it('links to the exact message on the record\'s page', () => {
    expect(threadLink({ type: 'evidence', id: 'e1' }, 'm1')).toBe('/evidence/e1#message-m1');
    expect(threadLink({ type: 'attempt', id: 'x' })).toBe('/attempts/x#comments');
    expect(threadLink({ type: 'evidence', id: 'e1' }, 'm1', true)).toBe('/apprentice/evidence/e1#message-m1');
    expect(threadLink({ type: 'direct', id: 'ap', trainerId: 't' }, 'm')).toBe('/messages/direct/ap/t#message-m');
  });
  it('titles a thread by its record', () => {
    expect(threadTitle({ type: 'evidence', recordTitle: 'Audit', otherName: 'x' })).toBe('Evidence: Audit');
    expect(threadTitle({ type: 'direct', recordTitle: null, otherName: 'Priya Patel' })).toBe('Conversation with Priya Patel');
  });
});

describe('message input', () => {
  const base = { subjectType: 'evidence', subjectId: '5b1f3c8e-2d7a-4c1e-9f3b-6a2d8e4c1b7f' };
  it('refuses an NHS number, an empty message and one too long', () => {
    expect(PostMessageInput.safeParse({ ...base, body: 'Patient 943 476 5919 again' }).error?.issues[0]?.message).toMatch(/looks like an NHS number/);
    expect(PostMessageInput.safeParse({ ...base, body: '   ' }).error?.issues[0]?.message).toBe('Enter your message.');
    expect(PostMessageInput.safeParse({ ...base, body: 'x'.repeat(4001) }).success).toBe(false);
    expect(PostMessageInput.safeParse({ ...base, body: 'Looks good.' }).success).toBe(true);
  });
  it('needs the version the author saw to edit', () => {
    expect(EditMessageInput.safeParse({ messageId: base.subjectId, version: 1, body: 'ok' }).success).toBe(true);
    expect(EditMessageInput.safeParse({ messageId: base.subjectId, version: 0, body: 'ok' }).success).toBe(false);
  });
});
