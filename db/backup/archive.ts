import crypto from 'node:crypto';
import fs from 'node:fs';
import { once } from 'node:events';
import { extract as tarExtract, pack as tarPack } from 'tar-stream';

// The archive is a plain tar (ustar; a size past 8 GB in base-256, as GNU tar writes it): every part in it is
// compressed already (pg_dump's custom format, PGlite's gzip, PDFs, DOCX, JPEG), so gzip around it
// would cost time for nothing. `tar -tvf` lists it and `tar -xOf FILE manifest.json` shows the manifest.

export const sha256 = (bytes: Uint8Array) => crypto.createHash('sha256').update(bytes).digest('hex');

/** Writes entries one after another into FILE; `close` finishes the archive and waits for the disk. */
export function createArchiveWriter(file: string) {
  const pack = tarPack();
  const out = fs.createWriteStream(file, { flags: 'wx', mode: 0o600 });
  const done = new Promise<void>((resolve, reject) => {
    out.on('close', resolve);
    out.on('error', reject);
    pack.on('error', reject);
  });
  pack.pipe(out);
  const mtime = new Date();
  return {
    add(name: string, bytes: Uint8Array) {
      return new Promise<void>((resolve, reject) => {
        pack.entry({ name, size: bytes.byteLength, mode: 0o600, mtime }, bytes, (e) => (e ? reject(e) : resolve()));
      });
    },
    /** Streams a file from disk (the database dump may be gigabytes) and answers its sha256. */
    async addFile(name: string, source: string): Promise<{ bytes: number; sha256: string }> {
      const { size } = await fs.promises.stat(source);
      const hash = crypto.createHash('sha256');
      await new Promise<void>((resolve, reject) => {
        const entry = pack.entry({ name, size, mode: 0o600, mtime }, (e) => (e ? reject(e) : resolve()));
        const input = fs.createReadStream(source);
        input.on('data', (chunk) => hash.update(chunk));
        input.on('error', reject);
        input.pipe(entry);
      });
      return { bytes: size, sha256: hash.digest('hex') };
    },
    async close() {
      pack.finalize();
      await done;
    },
    /** Gives up: the caller removes the half-written file. */
    async abort() {
      pack.destroy();
      out.destroy();
      await once(out, 'close').catch(() => {});
    },
  };
}

export type ArchiveEntry = {
  name: string;
  type: string;
  size: number;
  /** The whole entry in memory (only for entries the caller knows to be small). */
  read: () => Promise<Buffer>;
  /** Streams the entry into FILE and answers its sha256. */
  saveTo: (file: string) => Promise<string>;
  /** Reads the entry through, answering its sha256 without keeping it. */
  hash: () => Promise<string>;
};

/** Calls `visit` for each entry of the tar FILE, in order; each entry is read (or skipped) before the next. */
export async function readArchive(file: string, visit: (entry: ArchiveEntry) => Promise<void>): Promise<void> {
  const extract = tarExtract();
  const input = fs.createReadStream(file);
  input.on('error', (e) => extract.destroy(e));
  input.pipe(extract);
  for await (const stream of extract) {
    let consumed = false;
    const take = async (each: (chunk: Buffer) => void | Promise<void>) => {
      consumed = true;
      for await (const chunk of stream) await each(chunk as Buffer);
    };
    await visit({
      name: stream.header.name,
      type: stream.header.type,
      size: stream.header.size,
      read: async () => {
        const chunks: Buffer[] = [];
        await take((c) => void chunks.push(c));
        return Buffer.concat(chunks);
      },
      saveTo: async (target) => {
        const hash = crypto.createHash('sha256');
        const out = fs.createWriteStream(target, { flags: 'wx', mode: 0o600 });
        await take(async (c) => {
          hash.update(c);
          if (!out.write(c)) await once(out, 'drain');
        });
        out.end();
        await once(out, 'close');
        return hash.digest('hex');
      },
      hash: async () => {
        const hash = crypto.createHash('sha256');
        await take((c) => void hash.update(c));
        return hash.digest('hex');
      },
    });
    if (!consumed) await take(() => {});
  }
}
