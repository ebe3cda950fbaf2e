import { describe, expect, it } from 'vitest';
import { createLogMailer } from '@/lib/mail/log';

describe('the log mailer (no SMTP_URL)', () => {
  it('writes one line naming the email, then its plain text, and never the HTML', async () => {
    const lines: string[] = [];
    const mailer = createLogMailer((l) => lines.push(l));
    expect(mailer.kind).toBe('log');
    await mailer.send({ to: 'sam@example.org', subject: 'A subject', html: '<p>html</p>', text: 'The text\nhttp://localhost:3000/x' });
    expect(lines).toHaveLength(1);
    const [first, ...rest] = lines[0]!.split('\n');
    expect(first).toBe('[mail] not sent (SMTP_URL is not set), to sam@example.org: A subject');
    expect(rest.join('\n')).toBe('The text\nhttp://localhost:3000/x');
    expect(lines[0]).not.toContain('<p>');
  });
});
