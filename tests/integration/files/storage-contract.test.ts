import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DeleteObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileMissing, LocalFileStorage, S3FileStorage, type FileStorage } from '@/lib/files/storage';
import { s3TestConfig, storedKeys } from '../helpers/test-storage';

// One contract, every store: the local folder always, and the real S3 of the S3_* variables whenever
// they are set (CI starts Debian's Ceph RADOS Gateway: ../shared/recipes/s3-ceph). Each store starts
// empty: a temporary folder, or a prefix of its own in the shared bucket.

type Backend = {
  name: string;
  open: () => Promise<{ storage: FileStorage; bare: FileStorage; addForeign: () => Promise<void>; wrongSecret?: FileStorage; close: () => Promise<void> }>;
};

const MB = 1024 * 1024;
const sha256 = (bytes: Uint8Array) => crypto.createHash('sha256').update(bytes).digest('hex');
const readAll = async (stream: ReadableStream<Uint8Array>) => new Uint8Array(await new Response(stream).arrayBuffer());

/** `total` random bytes as a stream of 64 KB chunks with no length announced; `failAfter` errors the stream there. */
function streamOf(bytes: Uint8Array, failAfter?: number): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (failAfter !== undefined && offset >= failAfter) return controller.error(new Error('the upload was cut off'));
      if (offset >= bytes.byteLength) return controller.close();
      const chunk = bytes.slice(offset, offset + 64 * 1024);
      offset += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
}

const local: Backend = {
  name: 'local disk',
  open: async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cp-contract-'));
    return {
      storage: new LocalFileStorage(dir),
      // A store over a folder that does not exist yet: the first write makes it.
      bare: new LocalFileStorage(path.join(dir, 'not-yet', 'files')),
      // What a crash mid-upload leaves behind: a temporary file beside the objects.
      addForeign: async () => {
        fs.mkdirSync(path.join(dir, 'ab'), { recursive: true });
        fs.writeFileSync(path.join(dir, 'ab', 'abcdefghijklmnopqrstuvwx.1234.abcd.tmp'), 'half');
      },
      close: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  },
};

const s3Config = s3TestConfig();
const s3: Backend = {
  name: 'S3 (real: S3_ENDPOINT)',
  open: async () => {
    const config = s3Config!;
    const prefix = `contract-${crypto.randomBytes(6).toString('hex')}/`;
    const storage = new S3FileStorage(config, prefix);
    const raw = new S3Client({
      endpoint: config.endpoint,
      region: config.region,
      forcePathStyle: true,
      credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
    });
    const foreign = `${prefix}notes about this bucket.txt`;
    return {
      storage,
      bare: new S3FileStorage(config, `contract-${crypto.randomBytes(6).toString('hex')}/`),
      // Someone else's object under our prefix.
      addForeign: async () => void (await raw.send(new PutObjectCommand({ Bucket: config.bucket, Key: foreign, Body: 'not ours' }))),
      wrongSecret: new S3FileStorage({ ...config, secretAccessKey: config.secretAccessKey.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) }, prefix),
      close: async () => {
        for (const key of await storedKeys(storage)) await storage.delete(key);
        await raw.send(new DeleteObjectCommand({ Bucket: config.bucket, Key: foreign }));
        raw.destroy();
        await storage.destroy();
      },
    };
  },
};

const backends = [local, ...(s3Config ? [s3] : [])];

describe.each(backends)('the file store on $name', (backend) => {
  let opened: Awaited<ReturnType<Backend['open']>>;
  let store: FileStorage;
  beforeAll(async () => {
    opened = await backend.open();
    store = opened.storage;
  });
  afterAll(async () => opened?.close());

  it('stores bytes under a new random key and gives the same bytes back', async () => {
    const bytes = crypto.randomBytes(1000);
    const key = await store.put(bytes);
    expect(key).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(await store.put(bytes)).not.toBe(key);
    expect(sha256(await readAll(await store.get(key)))).toBe(sha256(bytes));
    expect(await store.exists(key)).toBe(true);
    expect(await store.size(key)).toBe(1000);
  });

  it('stores an empty object', async () => {
    const key = await store.put(new Uint8Array(0));
    expect(await store.size(key)).toBe(0);
    expect((await readAll(await store.get(key))).byteLength).toBe(0);
  });

  it('puts an object back under its own key, replacing what was there', async () => {
    const key = await store.put(Buffer.from('first'));
    await store.putAt(key, Buffer.from('second, longer'));
    expect(Buffer.from(await readAll(await store.get(key))).toString()).toBe('second, longer');
    const fresh = crypto.randomBytes(24).toString('base64url');
    await store.putAt(fresh, Buffer.from('restored'));
    expect(Buffer.from(await readAll(await store.get(fresh))).toString()).toBe('restored');
  });

  it('deletes an object, and deleting a key that holds nothing is not an error', async () => {
    const key = await store.put(Buffer.from('to delete'));
    await store.delete(key);
    expect(await store.exists(key)).toBe(false);
    await expect(store.get(key)).rejects.toBeInstanceOf(FileMissing);
    await store.delete(key);
  });

  it('answers a missing key with FileMissing, false and null', async () => {
    const missing = crypto.randomBytes(24).toString('base64url');
    await expect(store.get(missing)).rejects.toBeInstanceOf(FileMissing);
    expect(await store.exists(missing)).toBe(false);
    expect(await store.size(missing)).toBeNull();
  });

  it('refuses a key that is not one of its own before touching anything', async () => {
    const bad = ['', 'short', '../../../etc/passwd', '..%2F..%2Fetc%2Fpasswd', 'abcdefgh/ijklmnopqrstu', 'abcdefghijklmnop qrstu', 'x'.repeat(65), 'abcdefghijklmnop\0'];
    for (const key of bad) {
      await expect(store.get(key), key).rejects.toThrow('bad storage key');
      await expect(store.putAt(key, Buffer.from('x')), key).rejects.toThrow('bad storage key');
      await expect(store.delete(key), key).rejects.toThrow('bad storage key');
      await expect(store.exists(key), key).rejects.toThrow('bad storage key');
      await expect(store.size(key), key).rejects.toThrow('bad storage key');
    }
  });

  it('lists exactly the objects it holds, not deleted ones nor anything else beside them', async () => {
    const { storage: fresh } = opened;
    const before = new Set(await storedKeys(fresh));
    const kept = [await fresh.put(Buffer.from('a')), await fresh.put(Buffer.from('b'))];
    const gone = await fresh.put(Buffer.from('c'));
    await fresh.delete(gone);
    await opened.addForeign();
    const after = (await storedKeys(fresh)).filter((k) => !before.has(k));
    expect(after).toEqual([...kept].sort());
  });

  it('lists nothing, and then writes, where nothing was ever stored', async () => {
    expect(await storedKeys(opened.bare)).toEqual([]);
    await opened.bare.check();
    const key = await opened.bare.put(Buffer.from('first object'));
    expect(await storedKeys(opened.bare)).toEqual([key]);
    await opened.bare.delete(key);
  });

  it('streams a 10 MB object in and out without a length announced', async () => {
    const bytes = crypto.randomBytes(10 * MB);
    const key = await store.put(streamOf(bytes));
    expect(await store.size(key)).toBe(10 * MB);
    const reader = (await store.get(key)).getReader();
    const hash = crypto.createHash('sha256');
    let chunks = 0;
    let total = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks++;
      total += value.byteLength;
      hash.update(value);
    }
    expect(total).toBe(10 * MB);
    expect(hash.digest('hex')).toBe(sha256(bytes));
    expect(chunks).toBeGreaterThan(10); // arrived in pieces, not as one buffer
    await store.delete(key);
  });

  it('stores a 10 MB buffer in one piece', async () => {
    const bytes = crypto.randomBytes(10 * MB);
    const key = await store.put(bytes);
    expect(sha256(await readAll(await store.get(key)))).toBe(sha256(bytes));
    await store.delete(key);
  });

  it('stores nothing when a streamed body fails part-way (past the first 5 MB part)', async () => {
    const key = crypto.randomBytes(24).toString('base64url');
    const before = await storedKeys(store);
    await expect(store.putAt(key, streamOf(crypto.randomBytes(8 * MB), 6 * MB))).rejects.toThrow();
    expect(await store.exists(key)).toBe(false);
    expect(await storedKeys(store)).toEqual(before);
  });

  it('keeps the old bytes when a replacement fails part-way', async () => {
    const key = await store.put(Buffer.from('the original'));
    await expect(store.putAt(key, streamOf(crypto.randomBytes(MB), 256 * 1024))).rejects.toThrow();
    expect(Buffer.from(await readAll(await store.get(key))).toString()).toBe('the original');
  });

  it('frees what a download held when the reader goes away', async () => {
    const key = await store.put(crypto.randomBytes(2 * MB));
    // More abandoned downloads than the S3 client's 50 sockets: a leak would hang the next get.
    for (let i = 0; i < 60; i++) {
      const stream = await store.get(key);
      const reader = stream.getReader();
      await reader.read();
      await reader.cancel();
    }
    expect((await readAll(await store.get(key))).byteLength).toBe(2 * MB);
  });

  it('answers the health check', async () => {
    await expect(store.check()).resolves.toBeUndefined();
  });

  // Registered for S3 only (not skipped on local disk, where there is no secret to get wrong).
  if (backend === s3)
    it('is a real S3: a wrong secret is refused, with a reason that names no host or secret', async () => {
    const wrong = opened.wrongSecret!;
    await expect(wrong.check()).rejects.toThrow('the S3 store refused our credentials');
    await expect(wrong.put(Buffer.from('x'))).rejects.toThrow();
    // A refused streamed upload cancels its body, so whatever writes into it (the ZIP) stops too.
    let cancelled = false;
    let sent = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull: (c) => {
        sent += 64 * 1024;
        if (sent > 100 * MB) return c.error(new Error('never cancelled'));
        c.enqueue(new Uint8Array(64 * 1024));
      },
      cancel: () => void (cancelled = true),
    });
    await expect(wrong.put(endless)).rejects.toThrow();
    expect(cancelled).toBe(true);
    await (wrong as S3FileStorage).destroy();
  });
});

describe('the local file store', () => {
  it('says so when its folder cannot be written', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cp-contract-')), 'a-file');
    fs.writeFileSync(file, '');
    await expect(new LocalFileStorage(path.join(file, 'files')).check()).rejects.toThrow(/^the files folder cannot be written \(E[A-Z]+\)$/);
    fs.rmSync(path.dirname(file), { recursive: true });
  });
});
