import { afterEach, describe, expect, it, vi } from 'vitest';

const S3 = { S3_ENDPOINT: 'http://127.0.0.1:9', S3_REGION: 'us-east-1', S3_BUCKET: 'evidence', S3_ACCESS_KEY_ID: 'id', S3_SECRET_ACCESS_KEY: 'secret' };

/** lib/env.ts reads the environment once, at import: a fresh module graph for each environment. */
async function storageWith(env: Record<string, string>) {
  for (const name of Object.keys(S3)) vi.stubEnv(name, '');
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  vi.resetModules();
  const storage = await import('@/lib/files/storage');
  storage.setFileStorageForTests(undefined);
  storage.setFileStorageForTests(undefined, 'exports');
  return storage;
}

afterEach(async () => {
  vi.unstubAllEnvs();
  vi.resetModules();
  const storage = await import('@/lib/files/storage');
  storage.setFileStorageForTests(undefined);
  storage.setFileStorageForTests(undefined, 'exports');
});

describe('the configured file store', () => {
  it('is local disk with no S3 variable set, one store per area, made once', async () => {
    const { getFileStorage, LocalFileStorage } = await storageWith({});
    expect(getFileStorage()).toBeInstanceOf(LocalFileStorage);
    expect(getFileStorage().kind).toBe('local');
    expect(getFileStorage()).toBe(getFileStorage('files'));
    expect(getFileStorage('exports')).not.toBe(getFileStorage());
    expect(getFileStorage('exports')).toBe(getFileStorage('exports'));
  });

  it('is S3 with all five S3 variables set', async () => {
    const { getFileStorage, S3FileStorage } = await storageWith(S3);
    expect(getFileStorage()).toBeInstanceOf(S3FileStorage);
    expect(getFileStorage('exports').kind).toBe('s3');
  });

  it('refuses to start with only some of them', async () => {
    await expect(storageWith({ S3_ENDPOINT: S3.S3_ENDPOINT, S3_BUCKET: S3.S3_BUCKET })).rejects.toThrow(
      /^Bad environment: S3 storage needs all of .* or none; missing S3_REGION, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY$/,
    );
  });
});
