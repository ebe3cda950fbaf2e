import type { Email, Mailer } from './mailer';

/**
 * With no SMTP server configured (the embedded default), each email is written to the server log: one
 * line naming it, then its plain-text part, so a demo shows what would have been sent. The HTML part is
 * left out (the text carries the same words and links).
 */
export function createLogMailer(log: (line: string) => void = (line) => console.info(line)): Mailer {
  return {
    kind: 'log',
    async send(email: Email) {
      log(`[mail] not sent (SMTP_URL is not set), to ${email.to}: ${email.subject}\n${email.text}`);
    },
  };
}
