import crypto from 'node:crypto';

/** A new random key: 32 URL-safe characters, never derived from the user's file name. */
export const newStorageKey = () => crypto.randomBytes(24).toString('base64url');

// Also db/backup/manifest.ts StorageKey: a key is never a path, on any store.
const KEY = /^[A-Za-z0-9_-]{16,64}$/;

export const isStorageKey = (key: string) => KEY.test(key);

/** Every store checks a key before using it: a path or an object name is never built from anything else. */
export function checkStorageKey(key: string): string {
  if (!KEY.test(key)) throw new Error('bad storage key');
  return key;
}

/** `get` of a key that holds nothing, on every store (a row whose bytes are gone, or a mistyped key). */
export class FileMissing extends Error {
  constructor(key: string) {
    super(`no stored object under key ${key}`);
    this.name = 'FileMissing';
  }
}
