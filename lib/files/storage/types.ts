/** Bytes to store: a buffer, or a stream of unknown length (read once, never held whole by the S3 store). */
export type StorageBody = Uint8Array | ReadableStream<Uint8Array>;

/**
 * Where the bytes of uploaded files live: a folder on local disk (LocalFileStorage) or an S3-compatible
 * bucket (S3FileStorage), chosen once by environment (index.ts). Keys are opaque and random (never the
 * user's file name, which could hold a path or a patient's name); what a key holds is recorded in the
 * database, and only the data access layer hands a key to a store, after it has authorised the request.
 * `list` and `putAt` serve backup and restore (db/backup/), so that they work the same on either store.
 *
 * Every implementation passes tests/integration/files/storage-contract.test.ts.
 */
export interface FileStorage {
  /** `local` or `s3`: for logs and /api/health. */
  readonly kind: 'local' | 's3';
  /** Stores the bytes under a new key and answers the key. */
  put(body: StorageBody): Promise<string>;
  /**
   * Stores the bytes under a given key (a restore puts each object back under its own), replacing what
   * was there. Readers see the old object or the whole new one, never part of one; if the body fails
   * part-way, nothing is stored.
   */
  putAt(key: string, body: StorageBody): Promise<void>;
  /** The bytes as a web stream; rejects with FileMissing if the key holds nothing. */
  get(key: string): Promise<ReadableStream<Uint8Array>>;
  /** The object's size in bytes, or null if the key holds nothing. */
  size(key: string): Promise<number | null>;
  exists(key: string): Promise<boolean>;
  /** Removes the bytes; a key that holds nothing is not an error. */
  delete(key: string): Promise<void>;
  /** Every stored key (never a half-written object), in no particular order. */
  list(): AsyncIterable<string>;
  /** Resolves if the store can be used now; else rejects with a short reason safe to show (no host, no secret). */
  check(): Promise<void>;
}
