import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import type { S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import type { S3Config } from '@/lib/env';
import { FileMissing, checkStorageKey, isStorageKey, newStorageKey } from './keys';
import type { FileStorage, StorageBody } from './types';

/** Objects of a streamed body are sent in parts of this size (S3's minimum but for the last), two at a time. */
const PART_BYTES = 5 * 1024 * 1024;

// Loaded on first use: the embedded default (local disk) never pays the SDK's ~130 ms load.
type Sdk = typeof import('@aws-sdk/client-s3') & typeof import('@aws-sdk/lib-storage');
let sdk: Promise<Sdk> | undefined;
const loadSdk = () => (sdk ??= Promise.all([import('@aws-sdk/client-s3'), import('@aws-sdk/lib-storage')]).then(([s3, storage]) => ({ ...s3, ...storage })));

const isServiceError = (e: unknown): e is S3ServiceException => typeof e === 'object' && e !== null && '$metadata' in e;
const status = (e: unknown) => (isServiceError(e) ? e.$metadata.httpStatusCode : undefined);
const isNotFound = (e: unknown) => status(e) === 404 || (isServiceError(e) && (e.name === 'NoSuchKey' || e.name === 'NotFound'));

/**
 * Objects in an S3-compatible bucket (AWS S3, Ceph RADOS Gateway, MinIO, …), path-style addressed, each
 * under `prefix` + key. Used when the five S3_* variables are set (lib/env.ts); several app instances
 * then share one store.
 *
 * Client: @aws-sdk/client-s3 with @aws-sdk/lib-storage's Upload (AWS's own, maintained, and what
 * ../shared/recipes/s3-ceph was verified with). Upload sends a stream of unknown length (the portfolio
 * ZIP, a restore) as a multipart upload holding at most two 5 MB parts in memory, and aborts it if the
 * stream fails, so no half object is ever visible; the SDK also pages listings, parses S3's XML errors
 * and retries. aws4fetch (tiny, fetch-based) would have meant writing multipart, XML and paging
 * ourselves. Pinned to a release whose engines say Node >= 20 (the SDK's later releases need Node 22).
 *
 * Downloads are streamed through the app rather than redirected to a presigned URL (2026-12-07): the
 * route's headers (sandbox CSP, nosniff, frame rules, no-store, the file's own name) stay ours, the
 * bucket need not be reachable from browsers, and an authorisation that a trainer loses takes effect
 * at once rather than when a URL expires.
 */
export class S3FileStorage implements FileStorage {
  readonly kind = 's3';
  private readonly bucket: string;
  private connected: Promise<{ client: S3Client; sdk: Sdk }> | undefined;

  constructor(
    private readonly config: S3Config,
    private readonly prefix = 'files/',
  ) {
    this.bucket = config.bucket;
  }

  private connect() {
    return (this.connected ??= loadSdk().then((sdk) => ({ sdk, client: this.newClient(sdk) })));
  }

  private newClient(sdk: Sdk) {
    const config = this.config;
    return new sdk.S3Client({
      endpoint: config.endpoint,
      region: config.region,
      forcePathStyle: true, // no wildcard DNS for virtual-hosted buckets on a private endpoint
      credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
      // Newer SDKs send streamed bodies as aws-chunked with a trailing CRC32, which Ceph RGW 16 (and
      // other S3-compatible stores) refuse with 411; checksums only where the API requires them.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      requestHandler: { connectionTimeout: 5_000 },
    });
  }

  private objectKey(key: string) {
    return this.prefix + checkStorageKey(key);
  }

  async put(body: StorageBody): Promise<string> {
    const key = newStorageKey();
    await this.putAt(key, body);
    return key;
  }

  async putAt(key: string, body: StorageBody): Promise<void> {
    const Key = this.objectKey(key);
    const { client, sdk } = await this.connect();
    if (body instanceof Uint8Array) {
      // One request with a known length: S3 stores an object whole or not at all.
      await client.send(new sdk.PutObjectCommand({ Bucket: this.bucket, Key, Body: body, ContentLength: body.byteLength }));
      return;
    }
    const upload = new sdk.Upload({
      client,
      params: { Bucket: this.bucket, Key, Body: Readable.fromWeb(body as NodeReadableStream<Uint8Array>) },
      partSize: PART_BYTES,
      queueSize: 2,
      leavePartsOnError: false, // a failed stream aborts the multipart upload: nothing is stored
    });
    await upload.done();
  }

  async get(key: string): Promise<ReadableStream<Uint8Array>> {
    const Key = this.objectKey(key);
    const { client, sdk } = await this.connect();
    try {
      const res = await client.send(new sdk.GetObjectCommand({ Bucket: this.bucket, Key }));
      if (!res.Body) throw new FileMissing(key);
      // Cancelling the web stream (a browser that goes away) destroys the HTTP response, freeing its socket.
      return res.Body.transformToWebStream() as ReadableStream<Uint8Array>;
    } catch (e) {
      if (isNotFound(e)) throw new FileMissing(key);
      throw e;
    }
  }

  async size(key: string): Promise<number | null> {
    const Key = this.objectKey(key);
    const { client, sdk } = await this.connect();
    try {
      const res = await client.send(new sdk.HeadObjectCommand({ Bucket: this.bucket, Key }));
      return res.ContentLength ?? 0;
    } catch (e) {
      if (isNotFound(e)) return null;
      throw e;
    }
  }

  async exists(key: string): Promise<boolean> {
    return (await this.size(key)) !== null;
  }

  async delete(key: string): Promise<void> {
    const Key = this.objectKey(key);
    const { client, sdk } = await this.connect();
    // S3 answers 204 for a key that holds nothing too.
    await client.send(new sdk.DeleteObjectCommand({ Bucket: this.bucket, Key }));
  }

  async *list(): AsyncIterable<string> {
    const { client, sdk } = await this.connect();
    let ContinuationToken: string | undefined;
    do {
      const page = await client.send(new sdk.ListObjectsV2Command({ Bucket: this.bucket, Prefix: this.prefix, ContinuationToken }));
      for (const object of page.Contents ?? []) {
        const key = object.Key?.slice(this.prefix.length);
        // Only what `put` names: anything else someone put in the bucket under our prefix is not ours.
        if (key && isStorageKey(key)) yield key;
      }
      ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (ContinuationToken);
  }

  async check(): Promise<void> {
    try {
      const { client, sdk } = await this.connect();
      await client.send(new sdk.HeadBucketCommand({ Bucket: this.bucket }), { abortSignal: AbortSignal.timeout(3_000) });
    } catch (e) {
      const code = status(e);
      if (code === 403) throw new Error('the S3 store refused our credentials');
      if (code === 404) throw new Error('the S3 bucket does not exist');
      if (code) throw new Error(`the S3 store answered ${code}`);
      throw new Error('the S3 store did not answer');
    }
  }

  /** Closes the client's sockets (tests and scripts that end). */
  async destroy() {
    const connected = this.connected;
    this.connected = undefined;
    if (connected) (await connected).client.destroy();
  }
}
