import 'server-only';
import path from 'node:path';
import { dataDir, s3Config } from '@/lib/env';
import { LocalFileStorage } from './local';
import { S3FileStorage } from './s3';
import type { FileStorage } from './types';

export type { FileStorage, StorageBody } from './types';
export { FileMissing, newStorageKey } from './keys';
export { LocalFileStorage } from './local';
export { S3FileStorage } from './s3';

const g = globalThis as unknown as { __coderPathwayFiles?: FileStorage };

/**
 * The configured store, made once per process: an S3-compatible bucket when the five S3_* variables
 * are set, else the data folder (DATA_DIR/files), so `npm start` needs no set-up. Only the data access
 * layer, backup/restore and the portfolio ZIP use it, each with keys the database holds.
 */
export function getFileStorage(): FileStorage {
  g.__coderPathwayFiles ??= s3Config ? new S3FileStorage(s3Config) : new LocalFileStorage(path.join(dataDir, 'files'));
  return g.__coderPathwayFiles;
}

// Tests give the data access layer a store of their own.
export function setFileStorageForTests(storage: FileStorage | undefined) {
  g.__coderPathwayFiles = storage;
}
