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

/**
 * What a store holds. `files`: evidence files, which backup and restore carry. `exports`: portfolio ZIPs
 * made on request, kept apart so that a backup never carries them (local: DATA_DIR/exports, S3: the
 * exports/ prefix).
 */
export type StorageArea = 'files' | 'exports';

const g = globalThis as unknown as { __coderPathwayFiles?: FileStorage; __coderPathwayExports?: FileStorage };

/**
 * The configured store, made once per process: an S3-compatible bucket when the five S3_* variables
 * are set (objects under `<area>/`), else a folder of the data folder (DATA_DIR/<area>), so `npm start`
 * needs no set-up. Only the data access layer, backup/restore and the portfolio export use it, each with
 * keys the database (or the export job) holds.
 */
export function getFileStorage(area: StorageArea = 'files'): FileStorage {
  const make = () => (s3Config ? new S3FileStorage(s3Config, `${area}/`) : new LocalFileStorage(path.join(/* turbopackIgnore: true */ dataDir, area)));
  if (area === 'exports') return (g.__coderPathwayExports ??= make());
  return (g.__coderPathwayFiles ??= make());
}

// Tests give the data access layer a store of their own.
export function setFileStorageForTests(storage: FileStorage | undefined, area: StorageArea = 'files') {
  if (area === 'exports') g.__coderPathwayExports = storage;
  else g.__coderPathwayFiles = storage;
}
