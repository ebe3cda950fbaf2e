// `npm run bench:storage`: 10 MB in and out of the file store, on local disk (a temporary folder) and,
// when the five S3_* variables are set, on that S3 (a prefix of its own, emptied afterwards): upload of
// a buffer (one PUT, as an evidence upload), upload of a stream of unknown length (multipart on S3, as
// the portfolio ZIP), download read to the last byte. Median of 5 (min–max) each.
//   DIR=$(mktemp -d) && ../shared/recipes/s3-ceph/start.sh $DIR && set -a && . $DIR/env && set +a && npm run bench:storage
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { s3Config } from '@/lib/env';
import { LocalFileStorage, S3FileStorage, type FileStorage } from '@/lib/files/storage';

const RUNS = 5;
const BYTES = 10 * 1024 * 1024;
const bytes = new Uint8Array(crypto.randomBytes(BYTES));

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const stat = (xs: number[]) => `${median(xs).toFixed(0).padStart(5)} ms (${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)})`;

function streamOf(data: Uint8Array): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream({
    pull(c) {
      if (offset >= data.byteLength) return c.close();
      c.enqueue(data.subarray(offset, offset + 64 * 1024));
      offset += 64 * 1024;
    },
  });
}

async function readToEnd(stream: ReadableStream<Uint8Array>) {
  let n = 0;
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) n += chunk.byteLength;
  if (n !== BYTES) throw new Error(`read ${n} bytes, expected ${BYTES}`);
}

async function time(run: () => Promise<unknown>) {
  const t = performance.now();
  await run();
  return performance.now() - t;
}

async function bench(name: string, store: FileStorage) {
  await store.check();
  // One warm-up of each (connections, the SDK's first load), not counted.
  const warm = await store.put(bytes);
  await readToEnd(await store.get(warm));
  const keys: string[] = [warm];
  const put: number[] = [];
  const putStream: number[] = [];
  const get: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    let key = '';
    put.push(await time(async () => (key = await store.put(bytes))));
    keys.push(key);
    putStream.push(await time(async () => keys.push(await store.put(streamOf(bytes)))));
    get.push(await time(async () => readToEnd(await store.get(key))));
  }
  for (const key of keys) await store.delete(key);
  console.log(`${name.padEnd(28)} upload ${stat(put)}   upload streamed ${stat(putStream)}   download ${stat(get)}`);
  return { put: median(put), get: median(get) };
}

console.log(`10 MB (${BYTES.toLocaleString('en-GB')} bytes), median of ${RUNS} (min–max); node ${process.version}, ${os.cpus().length} cores, load ${os.loadavg()[0]!.toFixed(1)}\n`);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cp-bench-storage-'));
try {
  const local = await bench(`local disk (${os.tmpdir()})`, new LocalFileStorage(dir));
  if (!s3Config) {
    console.log('\nS3: not measured (set the five S3_* variables; ../shared/recipes/s3-ceph/start.sh prints them).');
  } else {
    const s3 = new S3FileStorage(s3Config, `bench-${crypto.randomBytes(6).toString('hex')}/`);
    try {
      const remote = await bench(`S3 (${new URL(s3Config.endpoint).host})`, s3);
      console.log(`\nS3 / local: upload ×${(remote.put / local.put).toFixed(1)}, download ×${(remote.get / local.get).toFixed(1)}`);
    } finally {
      await s3.destroy();
    }
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
