import Link from 'next/link';
import { mailDelivery } from '@/lib/mail';

/** Where notification email goes: the admin home says it plainly, above all when it goes only to the log. */
export function MailDeliveryNotice() {
  const mail = mailDelivery();
  if (mail.kind === 'smtp')
    return (
      <section aria-labelledby="mail-heading" className="mt-10">
        <h2 id="mail-heading" className="mb-3 text-2xl font-bold">
          Email
        </h2>
        <p>
          Notification emails are sent through the mail server at <strong>{mail.host}</strong>, from <strong>{mail.from}</strong>. Failed sends are tried again; those that still fail show under{' '}
          <Link href="/admin/jobs">Background jobs</Link>.
        </p>
      </section>
    );
  return (
    <section aria-labelledby="mail-heading" className="mt-10 border-l-8 border-nhs-warm-yellow bg-white p-4">
      <h2 id="mail-heading" className="mb-2 text-2xl font-bold">
        Email is not being sent
      </h2>
      <p>
        No mail server is set, so notification emails are written to the server log instead of being sent. Everyone still sees their notifications under the bell.
      </p>
      <p className="mt-2">
        To send them, set <code>SMTP_URL</code> (for example <code>smtp://user:password@smtp.example.nhs.uk:587</code>, or <code>smtps://…:465</code>), <code>MAIL_FROM</code> (the sender) and{' '}
        <code>APP_URL</code> (the address people open the app at, for the links), then restart the app.
      </p>
    </section>
  );
}
