import 'server-only';
import { env } from '@/lib/env';
import { createLogMailer } from './log';
import type { Mailer } from './mailer';
import { createSmtpMailer } from './smtp';

export type { Email, Mailer } from './mailer';
export { createLogMailer } from './log';
export { createSmtpMailer } from './smtp';

// One mailer per process, kept on globalThis so every route's bundle and the worker share it.
const g = globalThis as unknown as { __coderPathwayMailer?: Mailer };

/** The process's mailer: SMTP when SMTP_URL is set, else the server log. */
export function getMailer(): Mailer {
  return (g.__coderPathwayMailer ??= env.SMTP_URL ? createSmtpMailer(env.SMTP_URL, env.MAIL_FROM) : createLogMailer());
}

/** Tests: send through this mailer instead (undefined: back to the one the environment sets). */
export function setMailerForTests(mailer: Mailer | undefined) {
  g.__coderPathwayMailer = mailer;
}

/** How mail leaves the app, for the admin page: SMTP (the host only, never the password) or the log. */
export function mailDelivery(): { kind: 'smtp'; host: string; from: string } | { kind: 'log'; from: string } {
  if (!env.SMTP_URL) return { kind: 'log', from: env.MAIL_FROM };
  return { kind: 'smtp', host: new URL(env.SMTP_URL).host, from: env.MAIL_FROM };
}
