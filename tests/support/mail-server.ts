import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

/**
 * A real SMTP server in-process (smtp-server), for tests of what the app sends: plain SMTP on 127.0.0.1,
 * no TLS and no sign-in. Every message is kept whole (raw), and with `dir` also written there as a .eml
 * file, so a test in another process (the browser tests' workers) can read what the app sent.
 */
export type MailServer = {
  url: string;
  port: number;
  /** Raw messages in the order they arrived. */
  messages: Buffer[];
  /** While true, every recipient is refused (a mail server that says no). */
  refuse: boolean;
  close: () => Promise<void>;
};

export async function startMailServer(options: { dir?: string; port?: number } = {}): Promise<MailServer> {
  const state: MailServer = { url: '', port: 0, messages: [], refuse: false, close: async () => {} };
  if (options.dir) fs.mkdirSync(options.dir, { recursive: true });
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (state.refuse) return callback(new Error(`550 No such mailbox here: ${address.address}`));
      callback();
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        state.messages.push(raw);
        // Written under a temporary name and renamed, so a reader never sees half a message.
        if (options.dir) {
          const name = `${Date.now()}-${state.messages.length}`;
          fs.writeFileSync(path.join(options.dir, `${name}.tmp`), raw);
          fs.renameSync(path.join(options.dir, `${name}.tmp`), path.join(options.dir, `${name}.eml`));
        }
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  state.port = (server.server.address() as AddressInfo).port;
  state.url = `smtp://127.0.0.1:${state.port}`;
  state.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return state;
}

export const parseMail = (raw: Buffer | string): Promise<ParsedMail> => simpleParser(raw);

/** Every message written to `dir` so far, parsed, oldest first. */
export async function readMailDir(dir: string): Promise<ParsedMail[]> {
  if (!fs.existsSync(dir)) return [];
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.eml')).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  return Promise.all(files.map((f) => parseMail(fs.readFileSync(path.join(dir, f)))));
}

/** The addresses a parsed message went to. */
export const recipientsOf = (m: ParsedMail): string[] => (Array.isArray(m.to) ? m.to : m.to ? [m.to] : []).flatMap((a) => a.value.map((v) => v.address ?? ''));
