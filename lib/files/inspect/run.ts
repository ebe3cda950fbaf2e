import 'server-only';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { INSPECTION_LIMITS, type InspectionLimits } from '../limits';
import type { Inspection } from './types';

// Issue 14, point 1: reading a file happens in a worker thread, one per file, with a heap limit and a
// time limit; the thread that answers requests only waits for a message. At most `concurrent` files
// are read at once (the others wait their turn), so a burst of uploads cannot start a thread each.

type Job = { bytes: Uint8Array; mediaType: string; limits: InspectionLimits };

// Next.js bundles `new Worker(new URL('./worker.ts', import.meta.url))` as a worker entry of its own.
// Run from the TypeScript sources (vitest, tsx scripts), Node cannot load the .ts entry: Node 20 refuses
// it at once (ERR_UNKNOWN_FILE_EXTENSION); Node 22.18 and later strip its types and start it, and it
// then fails on its first import, written without an extension as TypeScript's bundler resolution
// allows (ERR_MODULE_NOT_FOUND). Either way the worker is then bundled once with esbuild (which tsx
// brings) into node_modules/.cache, and started from there. The bundling runs in a throwaway worker
// whose code is a string, so that no bundler of ours ever sees esbuild.
type Shared = { running: number; waiting: (() => void)[]; fromSources: Promise<string> | null };
const state = globalThis as unknown as { __coderPathwayInspection?: Shared };
const shared = (state.__coderPathwayInspection ??= { running: 0, waiting: [], fromSources: null });

const BUNDLE_WORKER = `
const { workerData, parentPort } = require('node:worker_threads');
const { createRequire } = require('node:module');
const fs = require('node:fs');
const path = require('node:path');
const root = createRequire(path.join(process.cwd(), 'package.json'));
let esbuild;
try { esbuild = require(root.resolve('esbuild', { paths: [path.dirname(root.resolve('tsx/package.json'))] })); }
catch { esbuild = require(root.resolve('esbuild')); }
const tmp = workerData.out + '.' + process.pid + '.tmp.mjs';
fs.mkdirSync(path.dirname(workerData.out), { recursive: true });
esbuild.buildSync({ entryPoints: [workerData.entry], outfile: tmp, bundle: true, platform: 'node', format: 'esm', packages: 'external', logLevel: 'silent' });
fs.renameSync(tmp, workerData.out);
parentPort.postMessage(workerData.out);
`;

function bundleFromSources(): Promise<string> {
  return (shared.fromSources ??= new Promise((resolve, reject) => {
    const entry = fileURLToPath(new URL('./worker.ts', import.meta.url));
    const out = path.join(process.cwd(), 'node_modules', '.cache', 'coder-pathway', 'inspect-worker.mjs');
    const builder = new Worker(BUNDLE_WORKER, { eval: true, workerData: { entry, out } });
    builder.once('message', (file: string) => resolve(file));
    builder.once('error', reject);
  }));
}

async function startWorker(job: Job): Promise<Worker> {
  const copy = new Uint8Array(job.bytes); // the caller keeps its bytes; the worker gets its own
  const options = {
    workerData: { ...job, bytes: copy },
    transferList: [copy.buffer],
    resourceLimits: { maxOldGenerationSizeMb: job.limits.memoryMb } satisfies ResourceLimits,
  };
  if (!shared.fromSources) return new Worker(new URL('./worker.ts', import.meta.url), options);
  return new Worker(await bundleFromSources(), options);
}

/**
 * The worker's answer, or a refusal when it took longer than `timeoutMs` (it is terminated) or ran out
 * of memory. Any other failure of the worker itself is thrown: it is a fault of ours, not of the file.
 */
export function supervise(worker: Worker, timeoutMs: number): Promise<Inspection | 'not-started'> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (f: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      f();
      void worker.terminate();
    };
    const timer = setTimeout(() => settle(() => resolve({ ok: false, refusal: { reason: 'timeout' } })), timeoutMs);
    worker.once('message', (result: Inspection) => settle(() => resolve(result)));
    worker.once('error', (e: NodeJS.ErrnoException) =>
      settle(() => {
        if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') resolve({ ok: false, refusal: { reason: 'memory' } });
        // Only the first start from the sources: once started from the bundle, a missing module is a fault.
        else if (e.code === 'ERR_UNKNOWN_FILE_EXTENSION' || (e.code === 'ERR_MODULE_NOT_FOUND' && !shared.fromSources)) resolve('not-started');
        else reject(e);
      }),
    );
    worker.once('exit', () => settle(() => resolve({ ok: false, refusal: { reason: 'unreadable' } })));
  });
}

async function inTurn<T>(limit: number, f: () => Promise<T>): Promise<T> {
  while (shared.running >= limit) await new Promise<void>((resolve) => shared.waiting.push(resolve));
  shared.running++;
  try {
    return await f();
  } finally {
    shared.running--;
    shared.waiting.shift()?.();
  }
}

/** Inspects the file in a worker thread (see inspect-file.ts): what it found, or why it stopped. */
export function inspectInWorker(bytes: Uint8Array, mediaType: string, limits: InspectionLimits = INSPECTION_LIMITS): Promise<Inspection> {
  return inTurn(limits.concurrent, async () => {
    const job = { bytes, mediaType, limits };
    const result = await supervise(await startWorker(job), limits.timeoutMs);
    if (result !== 'not-started') return result;
    void bundleFromSources().catch(() => {}); // from here on, start from the bundle
    const retry = await supervise(await startWorker(job), limits.timeoutMs);
    if (retry === 'not-started') throw new Error('The file inspection worker could not be started.');
    return retry;
  });
}
