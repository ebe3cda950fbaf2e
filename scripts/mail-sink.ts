// `npm run mail:sink`: a real SMTP server on this machine for trying the app's email without a mail
// service: every message the app sends is written as a .eml file (open it in a mail program or read it
// as text) and summarised here. Start the app with SMTP_URL=smtp://127.0.0.1:2525 to use it.
// MAIL_SINK_PORT and MAIL_SINK_DIR change where it listens and writes (default 2525, ./.data/mail).
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { startMailServer } from '../tests/support/mail-server';

const port = Number(process.env.MAIL_SINK_PORT ?? 2525);
const dir = path.resolve(process.env.MAIL_SINK_DIR ?? '.data/mail');
const sink = await startMailServer({ dir, port });
console.log(`Mail sink at ${sink.url}, writing each message to ${dir}. Ctrl+C stops it.`);
let seen = 0;
setInterval(async () => {
  while (seen < sink.messages.length) {
    const mail = await simpleParser(sink.messages[seen++]!);
    const to = Array.isArray(mail.to) ? mail.to.map((a) => a.text).join(', ') : mail.to?.text;
    console.log(`${new Date().toISOString()}  to ${to}: ${mail.subject}`);
  }
}, 250);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void sink.close().then(() => process.exit(0)));
