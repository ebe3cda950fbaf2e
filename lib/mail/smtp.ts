import nodemailer from 'nodemailer';
import type { Email, Mailer } from './mailer';

/**
 * Email through an SMTP server with nodemailer. `url` is smtp://user:password@host:port (STARTTLS when
 * the server offers it) or smtps://… (TLS from the start). A connection per message: sends are few (a
 * job each) and nothing is left open between them.
 */
export function createSmtpMailer(url: string, from: string): Mailer {
  const transport = nodemailer.createTransport(url);
  return {
    kind: 'smtp',
    async send(email: Email) {
      const info = await transport.sendMail({ from, to: email.to, subject: email.subject, html: email.html, text: email.text });
      // nodemailer resolves even when every recipient was refused; a refusal must fail the job (and retry).
      if (info.rejected.length > 0 && info.accepted.length === 0) throw new Error(`The mail server refused the recipient (${info.response}).`);
    },
    async close() {
      transport.close();
    },
  };
}
