import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseEnv, s3ConfigOf, type S3Config } from '@/lib/env';
import { LocalFileStorage, S3FileStorage, type FileStorage } from '@/lib/files/storage';

export type StorageKind = 'local' | 's3';
export type TestStorage = { storage: FileStorage; kind: StorageKind; close: () => Promise<void> };

/** The real S3 of the S3_* variables (CI: ../shared/recipes/s3-ceph), or null when they are not set. */
export const s3TestConfig = (): S3Config | null => s3ConfigOf(parseEnv(process.env));

/**
 * Which store the DAL tests of this vitest project use: vitest.config.ts sets TEST_STORAGE to `s3`
 * for the PostgreSQL project when the S3_* variables are set, so CI proves the file, export and backup
 * tests on both stores (PGlite with local disk, PostgreSQL with S3) without running them twice.
 */
export const testStorageKind = (): StorageKind => (process.env.TEST_STORAGE === 's3' ? 's3' : 'local');

/**
 * A store of its own for one test file: a temporary folder, or a prefix of its own in the S3 bucket
 * (files run in parallel against one bucket). `close` removes everything it stored.
 */
export async function createTestStorage(kind: StorageKind = testStorageKind()): Promise<TestStorage> {
  if (kind === 's3') {
    const config = s3TestConfig();
    if (!config) throw new Error('TEST_STORAGE=s3 needs the five S3_* variables (../shared/recipes/s3-ceph/start.sh prints them)');
    const storage = new S3FileStorage(config, `test-${crypto.randomBytes(6).toString('hex')}/`);
    return {
      storage,
      kind,
      close: async () => {
        try {
          for await (const key of storage.list()) await storage.delete(key);
        } finally {
          await storage.destroy();
        }
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cp-files-'));
  return { storage: new LocalFileStorage(dir), kind, close: async () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Every key in the store (what `list` names: never a half-written object). */
export async function storedKeys(storage: FileStorage): Promise<string[]> {
  const keys: string[] = [];
  for await (const key of storage.list()) keys.push(key);
  return keys.sort();
}
