import type { NotificationKind } from '@/db/schema/daily';
import { formatDateTime } from '@/lib/format';
import { KIND_INFO } from './kinds';

/**
 * The emails of notifications: one notification on its own, and the daily digest. Each is an HTML part
 * (a whole document: language, a heading, real links) and a plain-text part saying the same. They carry
 * a notification's title and link only, never the record's text (evidence, feedback, messages), which
 * stays behind the sign-in: email leaves the organisation's control.
 */
export type MailNotification = { id: string; kind: NotificationKind; title: string; link: string; createdAt: Date };
export type Composed = { subject: string; html: string; text: string };
type Options = { appUrl: string; recipientName: string };

const SETTINGS_PATH = '/notifications/settings';
const SUBJECT_MAX = 120;

/** The absolute URL of a path in the app. Anything but a path (a stored link never is) goes to the notifications list. */
export function absoluteLink(appUrl: string, path: string): string {
  const base = appUrl.replace(/\/+$/, '');
  return /^\/(?![/\\])/.test(path) ? `${base}${path}` : `${base}/notifications`;
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();
const shorten = (s: string) => (s.length <= SUBJECT_MAX ? s : `${s.slice(0, SUBJECT_MAX - 1).trimEnd()}…`);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

// Inline styles only: mail programs drop <style> blocks and external CSS.
const BODY = 'margin:0;padding:24px;background:#f0f4f5;color:#212b32;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5';
const LINK = 'color:#005eb8;text-decoration:underline';

function page(subject: string, body: string): string {
  return [
    '<!doctype html>',
    '<html lang="en-GB">',
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(subject)}</title></head>`,
    `<body style="${BODY}">`,
    `<main style="max-width:640px;margin:0 auto;background:#ffffff;padding:24px">`,
    body,
    '</main>',
    '</body>',
    '</html>',
  ].join('\n');
}

function footer(appUrl: string, why: string): { html: string; text: string } {
  const settings = absoluteLink(appUrl, SETTINGS_PATH);
  return {
    html: `<p style="margin-top:32px;font-size:14px;color:#4c6272">${escapeHtml(why)} <a href="${escapeHtml(settings)}" style="${LINK}">Choose which emails you get</a>.</p>`,
    text: `${why} Choose which emails you get: ${settings}`,
  };
}

/** The email of one notification: its title as subject and heading, and a link to the exact place. */
export function notificationEmail(n: MailNotification, { appUrl, recipientName }: Options): Composed {
  const title = oneLine(n.title);
  const subject = shorten(title);
  const url = absoluteLink(appUrl, n.link);
  const foot = footer(appUrl, `You get an email each time for ${KIND_INFO[n.kind].label.toLowerCase()}.`);
  const html = page(
    subject,
    [
      `<p>Hello ${escapeHtml(recipientName)},</p>`,
      `<h1 style="font-size:24px;margin:16px 0">${escapeHtml(title)}</h1>`,
      `<p><a href="${escapeHtml(url)}" style="${LINK};font-weight:bold">Open it in Coder Pathway</a></p>`,
      `<p style="font-size:14px;color:#4c6272">You will be asked to sign in first if you are not signed in.</p>`,
      foot.html,
    ].join('\n'),
  );
  const text = [`Hello ${recipientName},`, '', title, '', 'Open it in Coder Pathway (sign in if asked):', url, '', foot.text, ''].join('\n');
  return { subject, html, text };
}

export type DigestGroup = { kind: NotificationKind; label: string; count: number; items: MailNotification[] };

const newestFirst = (a: MailNotification, b: MailNotification) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/**
 * A digest's notifications by kind: each group newest first, and the groups in the order of their newest
 * notification (what happened last comes first), ties by the kinds' order.
 */
export function groupForDigest(items: readonly MailNotification[]): DigestGroup[] {
  const byKind = new Map<NotificationKind, MailNotification[]>();
  for (const n of [...items].sort(newestFirst)) byKind.set(n.kind, [...(byKind.get(n.kind) ?? []), n]);
  const order = Object.keys(KIND_INFO) as NotificationKind[];
  return [...byKind.entries()]
    .map(([kind, list]) => ({ kind, label: KIND_INFO[kind].label, count: list.length, items: list }))
    .sort((a, b) => newestFirst(a.items[0]!, b.items[0]!) || order.indexOf(a.kind) - order.indexOf(b.kind));
}

/** The daily digest: every notification waiting for it, grouped by kind with counts, each a link. */
export function digestEmail(items: readonly MailNotification[], { appUrl, recipientName }: Options): Composed {
  const groups = groupForDigest(items);
  const subject = `Your daily summary: ${plural(items.length, 'notification')}`;
  const all = absoluteLink(appUrl, '/notifications');
  const foot = footer(appUrl, 'You get this once a day for the kinds you chose the daily digest for.');
  const html = page(
    subject,
    [
      `<p>Hello ${escapeHtml(recipientName)},</p>`,
      `<h1 style="font-size:24px;margin:16px 0">${escapeHtml(subject)}</h1>`,
      ...groups.map((g) =>
        [
          `<h2 style="font-size:19px;margin:24px 0 8px">${escapeHtml(g.label)} (${g.count})</h2>`,
          '<ul style="padding-left:20px;margin:0">',
          ...g.items.map((n) => `<li style="margin:0 0 8px"><a href="${escapeHtml(absoluteLink(appUrl, n.link))}" style="${LINK}">${escapeHtml(oneLine(n.title))}</a> <span style="color:#4c6272">(${escapeHtml(formatDateTime(n.createdAt))})</span></li>`),
          '</ul>',
        ].join('\n'),
      ),
      `<p style="margin-top:24px"><a href="${escapeHtml(all)}" style="${LINK};font-weight:bold">See all your notifications</a></p>`,
      foot.html,
    ].join('\n'),
  );
  const text = [
    `Hello ${recipientName},`,
    '',
    subject,
    ...groups.flatMap((g) => ['', `${g.label} (${g.count})`, ...g.items.flatMap((n) => [`- ${oneLine(n.title)} (${formatDateTime(n.createdAt)})`, `  ${absoluteLink(appUrl, n.link)}`])]),
    '',
    `See all your notifications: ${all}`,
    '',
    foot.text,
    '',
  ].join('\n');
  return { subject, html, text };
}
