/** One email: an HTML part and a plain-text part of the same message, to one person. */
export type Email = { to: string; subject: string; html: string; text: string };

/**
 * How the app sends email. Two implementations: SMTP (smtp.ts) when SMTP_URL is set, else the server
 * log (log.ts), so the embedded default works without a mail server and nothing is silently lost.
 */
export interface Mailer {
  /** 'smtp' or 'log': the admin page says which. */
  readonly kind: 'smtp' | 'log';
  /** Resolves once the message is accepted (by the SMTP server, or written to the log); throws otherwise. */
  send(email: Email): Promise<void>;
  close?(): Promise<void>;
}
