import 'server-only';
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { dataDir } from '@/lib/env';

/**
 * Where the bytes of uploaded files live. Keys are opaque and random (never the user's file name, which
 * could hold a path or a patient's name); what a key holds is recorded in the database. An
 * S3-compatible store implements the same calls (`list` and `putAt` serve backup and restore,
 * db/backup/, so that they work on any store; `putStream` serves what is too big to hold in memory,
 * such as a portfolio ZIP built by a background job).
 */
export interface FileStorage {
  /** Stores the bytes under a new key and answers the key. */
  put(bytes: Uint8Array): Promise<string>;
  /** The bytes as a web stream; throws if the key holds nothing. */
  get(key: string): Promise<ReadableStream<Uint8Array>>;
  /** Removes the bytes; a key that holds nothing is not an error. */
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
  /** Every stored key (never a half-written object), in no particular order. */
  list(): AsyncIterable<string>;
  /** Stores the bytes under a key made earlier by `put`: a restore puts each object back under its own key. */
  putAt(key: string, bytes: Uint8Array): Promise<void>;
  /**
   * Stores a stream under a new key without holding it whole in memory, and answers the key and how many
   * bytes were stored. Nothing is stored under the key unless the stream ended whole: a stream that errors
   * rejects, and leaves no object behind.
   */
  putStream(body: ReadableStream<Uint8Array>): Promise<{ key: string; sizeBytes: number }>;
}

export const newStorageKey = () => crypto.randomBytes(24).toString('base64url');
const KEY = /^[A-Za-z0-9_-]{16,64}$/;

/** Files under a folder outside the web root, two levels of sharding so no folder grows huge. */
export class LocalFileStorage implements FileStorage {
  constructor(private readonly root: string) {}

  private pathOf(key: string) {
    // The key comes from our own database, but a path must never be built from anything else.
    if (!KEY.test(key)) throw new Error('bad storage key');
    return path.join(this.root, key.slice(0, 2), key);
  }

  async put(bytes: Uint8Array): Promise<string> {
    const key = newStorageKey();
    await this.putAt(key, bytes);
    return key;
  }

  async putAt(key: string, bytes: Uint8Array): Promise<void> {
    const file = this.pathOf(key);
    await fsp.mkdir(path.dirname(file), { recursive: true });
    // Written under a temporary name, then renamed: a reader never sees half a file, and a crash
    // leaves only a .tmp file that no key points to.
    const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
    try {
      await fsp.writeFile(tmp, bytes, { flag: 'wx', mode: 0o600 });
      await fsp.rename(tmp, file);
    } catch (e) {
      await fsp.rm(tmp, { force: true });
      throw e;
    }
  }

  async putStream(body: ReadableStream<Uint8Array>): Promise<{ key: string; sizeBytes: number }> {
    const key = newStorageKey();
    const file = this.pathOf(key);
    await fsp.mkdir(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
    let sizeBytes = 0;
    try {
      const counted = Readable.fromWeb(body as import('node:stream/web').ReadableStream<Uint8Array>).on('data', (chunk: Uint8Array) => (sizeBytes += chunk.byteLength));
      await pipeline(counted, fs.createWriteStream(tmp, { flags: 'wx', mode: 0o600 }));
      await fsp.rename(tmp, file);
    } catch (e) {
      await fsp.rm(tmp, { force: true });
      throw e;
    }
    return { key, sizeBytes };
  }

  async get(key: string): Promise<ReadableStream<Uint8Array>> {
    const handle = await fsp.open(this.pathOf(key), 'r');
    return Readable.toWeb(handle.createReadStream()) as ReadableStream<Uint8Array>;
  }

  async delete(key: string): Promise<void> {
    await fsp.rm(this.pathOf(key), { force: true });
  }

  async exists(key: string): Promise<boolean> {
    return fs.existsSync(this.pathOf(key));
  }

  async *list(): AsyncIterable<string> {
    let shards: fs.Dirent[];
    try {
      shards = await fsp.readdir(this.root, { withFileTypes: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return; // nothing stored yet
      throw e;
    }
    for (const shard of shards) {
      if (!shard.isDirectory()) continue;
      for (const entry of await fsp.readdir(path.join(this.root, shard.name), { withFileTypes: true })) {
        // Only what `put` names: a .tmp file is an upload in progress or one a crash left behind.
        if (entry.isFile() && KEY.test(entry.name) && entry.name.startsWith(shard.name)) yield entry.name;
      }
    }
  }
}

const g = globalThis as unknown as { __coderPathwayFiles?: FileStorage };

/** The configured store: for now always the data folder (DATA_DIR/files). */
export function getFileStorage(): FileStorage {
  g.__coderPathwayFiles ??= new LocalFileStorage(path.join(dataDir, 'files'));
  return g.__coderPathwayFiles;
}

// Tests give the data access layer a store of their own.
export function setFileStorageForTests(storage: FileStorage | undefined) {
  g.__coderPathwayFiles = storage;
}
