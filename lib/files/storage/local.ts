import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { FileMissing, checkStorageKey, isStorageKey, newStorageKey } from './keys';
import type { FileStorage, StorageBody } from './types';

const isMissing = (e: unknown) => (e as NodeJS.ErrnoException).code === 'ENOENT';

/**
 * Files under a folder outside the web root (DATA_DIR/files: the embedded default, no set-up), two
 * levels of sharding so no folder grows huge.
 */
export class LocalFileStorage implements FileStorage {
  readonly kind = 'local';

  constructor(private readonly root: string) {}

  private pathOf(key: string) {
    return path.join(this.root, checkStorageKey(key).slice(0, 2), key);
  }

  async put(body: StorageBody): Promise<string> {
    const key = newStorageKey();
    await this.putAt(key, body);
    return key;
  }

  async putAt(key: string, body: StorageBody): Promise<void> {
    const file = this.pathOf(key);
    await fsp.mkdir(path.dirname(file), { recursive: true });
    // Written under a temporary name, then renamed: a reader never sees half a file, and a crash
    // leaves only a .tmp file that no key points to (and `list` does not name).
    const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
    try {
      if (body instanceof Uint8Array) await fsp.writeFile(tmp, body, { flag: 'wx', mode: 0o600 });
      else await pipeline(Readable.fromWeb(body as NodeReadableStream<Uint8Array>), fs.createWriteStream(tmp, { flags: 'wx', mode: 0o600 }));
      await fsp.rename(tmp, file);
    } catch (e) {
      await fsp.rm(tmp, { force: true });
      throw e;
    }
  }

  async get(key: string): Promise<ReadableStream<Uint8Array>> {
    let handle: fsp.FileHandle;
    try {
      handle = await fsp.open(this.pathOf(key), 'r');
    } catch (e) {
      if (isMissing(e)) throw new FileMissing(key);
      throw e;
    }
    return Readable.toWeb(handle.createReadStream()) as ReadableStream<Uint8Array>;
  }

  async size(key: string): Promise<number | null> {
    try {
      return (await fsp.stat(this.pathOf(key))).size;
    } catch (e) {
      if (isMissing(e)) return null;
      throw e;
    }
  }

  async exists(key: string): Promise<boolean> {
    return (await this.size(key)) !== null;
  }

  async delete(key: string): Promise<void> {
    await fsp.rm(this.pathOf(key), { force: true });
  }

  async *list(): AsyncIterable<string> {
    let shards: fs.Dirent[];
    try {
      shards = await fsp.readdir(this.root, { withFileTypes: true });
    } catch (e) {
      if (isMissing(e)) return; // nothing stored yet
      throw e;
    }
    for (const shard of shards) {
      if (!shard.isDirectory()) continue;
      for (const entry of await fsp.readdir(path.join(this.root, shard.name), { withFileTypes: true })) {
        // Only what `put` names: a .tmp file is an upload in progress or one a crash left behind.
        if (entry.isFile() && isStorageKey(entry.name) && entry.name.startsWith(shard.name)) yield entry.name;
      }
    }
  }

  async check(): Promise<void> {
    try {
      await fsp.mkdir(this.root, { recursive: true });
      await fsp.access(this.root, fs.constants.R_OK | fs.constants.W_OK);
    } catch (e) {
      throw new Error(`the files folder cannot be written (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }
}
