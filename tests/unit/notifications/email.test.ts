import { describe, expect, it } from 'vitest';
import { absoluteLink, digestEmail, groupForDigest, notificationEmail, type MailNotification } from '@/lib/notifications/email';
import { titles } from '@/lib/notifications/titles';
import { digestTimeText } from '@/lib/notifications/kinds';
import { PreferencesForm, preferencesFrom } from '@/lib/notifications/preferences';

const APP = 'https://pathway.trust.nhs.uk';
const n = (id: string, kind: MailNotification['kind'], at: string, title = `Title ${id}`, link = `/x/${id}`): MailNotification => ({ id, kind, title, link, createdAt: new Date(at) });

describe('absoluteLink', () => {
  it('puts a path under the app address, with or without a trailing slash or a path prefix', () => {
    expect(absoluteLink(APP, '/reviews/1')).toBe(`${APP}/reviews/1`);
    expect(absoluteLink(`${APP}/`, '/reviews/1')).toBe(`${APP}/reviews/1`);
    expect(absoluteLink(`${APP}/pathway`, '/reviews/1')).toBe(`${APP}/pathway/reviews/1`);
  });
  it('never links off the app: anything but a path goes to the notifications list', () => {
    expect(absoluteLink(APP, '//evil.example/x')).toBe(`${APP}/notifications`);
    expect(absoluteLink(APP, 'https://evil.example')).toBe(`${APP}/notifications`);
    expect(absoluteLink(APP, '/\\evil.example')).toBe(`${APP}/notifications`);
  });
});

describe('notificationEmail', () => {
  const one = n('a1', 'evidence_decided', '2026-12-07T09:00:00Z', 'Priya Patel referred back a piece of your evidence', '/apprentice/evidence/e1');
  const mail = notificationEmail(one, { appUrl: APP, recipientName: 'Sam Whitfield' });

  it('has the title as a short subject', () => {
    expect(mail.subject).toBe('Priya Patel referred back a piece of your evidence');
  });
  it('is an accessible HTML document: language, title, one heading, a real absolute link', () => {
    expect(mail.html).toMatch(/^<!doctype html>/);
    expect(mail.html).toContain('<html lang="en-GB">');
    expect(mail.html).toContain('<title>Priya Patel referred back a piece of your evidence</title>');
    expect(mail.html.match(/<h1[^>]*>/g)).toHaveLength(1);
    expect(mail.html).toContain(`<a href="${APP}/apprentice/evidence/e1"`);
    expect(mail.html).toContain(`href="${APP}/notifications/settings"`);
    expect(mail.html).not.toMatch(/<img/);
  });
  it('says the same in plain text, with the link written out', () => {
    expect(mail.text).toContain('Hello Sam Whitfield,');
    expect(mail.text).toContain('Priya Patel referred back a piece of your evidence');
    expect(mail.text).toContain(`${APP}/apprentice/evidence/e1`);
    expect(mail.text).not.toMatch(/<[a-z]/i);
  });
  it('escapes what it is given', () => {
    const m = notificationEmail({ ...one, title: 'A <b>bold</b> & "quoted" title' }, { appUrl: APP, recipientName: '<script>' });
    expect(m.html).toContain('A &lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot; title');
    expect(m.html).not.toContain('<script>');
  });
  it('keeps a long subject on one short line', () => {
    const m = notificationEmail({ ...one, title: `${'word '.repeat(60)}\nend` }, { appUrl: APP, recipientName: 'Sam' });
    expect(m.subject.length).toBeLessThanOrEqual(120);
    expect(m.subject).not.toContain('\n');
    expect(m.subject.endsWith('…')).toBe(true);
  });
});

describe('groupForDigest', () => {
  const items = [
    n('1', 'evidence_decided', '2026-12-06T08:00:00Z'),
    n('2', 'review_recorded', '2026-12-06T12:00:00Z'),
    n('3', 'evidence_decided', '2026-12-06T15:00:00Z'),
    n('4', 'reminder', '2026-12-06T10:00:00Z'),
    n('5', 'evidence_decided', '2026-12-06T15:00:00Z'),
  ];
  it('groups by kind with counts, each group newest first (ties by id, descending)', () => {
    const groups = groupForDigest(items);
    const evidence = groups.find((g) => g.kind === 'evidence_decided')!;
    expect(evidence.count).toBe(3);
    expect(evidence.label).toBe('Decisions on evidence');
    expect(evidence.items.map((i) => i.id)).toEqual(['5', '3', '1']);
  });
  it('orders the groups by their newest notification', () => {
    expect(groupForDigest(items).map((g) => g.kind)).toEqual(['evidence_decided', 'review_recorded', 'reminder']);
  });
  it('gives the same answer whatever order the rows came in', () => {
    expect(groupForDigest([...items].reverse())).toEqual(groupForDigest(items));
  });
  it('is empty for nothing', () => {
    expect(groupForDigest([])).toEqual([]);
  });
});

describe('digestEmail', () => {
  const items = [n('1', 'evidence_decided', '2026-12-06T08:00:00Z', 'First'), n('2', 'review_signed', '2026-12-06T12:00:00Z', 'Second'), n('3', 'evidence_decided', '2026-12-06T09:30:00Z', 'Third')];
  const mail = digestEmail(items, { appUrl: APP, recipientName: 'Priya Patel' });

  it('counts the notifications in its subject', () => {
    expect(mail.subject).toBe('Your daily summary: 3 notifications');
    expect(digestEmail(items.slice(0, 1), { appUrl: APP, recipientName: 'P' }).subject).toBe('Your daily summary: 1 notification');
  });
  it('has a heading per kind with its count, and each notification as a link to its place', () => {
    expect(mail.html).toContain('<html lang="en-GB">');
    expect(mail.html).toMatch(/<h2[^>]*>Progress reviews signed \(1\)<\/h2>/);
    expect(mail.html).toMatch(/<h2[^>]*>Decisions on evidence \(2\)<\/h2>/);
    for (const i of items) expect(mail.html).toContain(`<a href="${APP}${i.link}"`);
    // Newest kind first, and within a kind newest first.
    expect(mail.html.indexOf('Second')).toBeLessThan(mail.html.indexOf('Third'));
    expect(mail.html.indexOf('Third')).toBeLessThan(mail.html.indexOf('First'));
  });
  it('has the same in plain text, with times in UK time', () => {
    expect(mail.text).toContain('Decisions on evidence (2)');
    expect(mail.text).toContain(`- Third (6 Dec 2026, 09:30)`);
    expect(mail.text).toContain(`  ${APP}/x/3`);
    expect(mail.text).toContain(`See all your notifications: ${APP}/notifications`);
  });
});

describe('titles', () => {
  it('name people and record kinds, never what anyone wrote', () => {
    expect(titles.evidenceDecided('Priya Patel', 'referred')).toBe('Priya Patel referred back a piece of your evidence');
    expect(titles.evidenceDecided('Priya Patel', 'accepted')).toBe('Priya Patel accepted a piece of your evidence');
    expect(titles.reviewRecordedForEmployer('Priya Patel', 'Sam Whitfield', '2026-11-30')).toBe('Priya Patel recorded Sam Whitfield’s progress review of 30 Nov 2026: please sign it');
    expect(titles.witnessRequested('Sam Whitfield')).toBe('Sam Whitfield asked you for a witness statement');
    expect(titles.paperScheduled('Priya Patel', new Date('2026-07-01T08:00:00Z'))).toBe('Priya Patel scheduled a mock paper for you, open from 1 Jul 2026, 09:00');
  });
});

describe('preferences', () => {
  it('fills every kind with the stored choice or the default (each time)', () => {
    const p = preferencesFrom([{ kind: 'comment', delivery: 'off' }]);
    expect(p.comment).toBe('off');
    expect(p.evidence_decided).toBe('immediate');
    expect(Object.keys(p)).toHaveLength(9);
  });
  it('needs a valid choice for every kind', () => {
    const all = preferencesFrom([]);
    expect(PreferencesForm.safeParse(all).success).toBe(true);
    expect(PreferencesForm.safeParse({ ...all, reminder: 'weekly' }).success).toBe(false);
    const { comment: _c, ...missing } = all;
    expect(PreferencesForm.safeParse(missing).success).toBe(false);
  });
  it('says the digest time in UK time, winter and summer', () => {
    expect(digestTimeText(new Date('2026-12-07T12:00:00Z'))).toBe('07:00 UK time');
    expect(digestTimeText(new Date('2026-07-07T12:00:00Z'))).toBe('08:00 UK time');
  });
});
