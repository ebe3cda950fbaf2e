import crypto from 'node:crypto';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { parseEnv, s3ConfigOf } from '@/lib/env';

const sha256 = (bytes: Uint8Array) => crypto.createHash('sha256').update(bytes).digest('hex');

/**
 * Whether the bucket of the S3_* variables holds an object with exactly these bytes under the app's
 * prefix (files/), stored at or after `since` (an earlier run may have left the same bytes there), read
 * with a client of the test's own rather than through the app.
 */
export async function bucketHolds(bytes: Uint8Array, since: Date): Promise<boolean> {
  const config = s3ConfigOf(parseEnv(process.env));
  if (!config) throw new Error('the S3_* variables are not set');
  const client = new S3Client({
    endpoint: config.endpoint,
    region: config.region,
    forcePathStyle: true,
    credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
  });
  try {
    const want = sha256(bytes);
    let ContinuationToken: string | undefined;
    do {
      const page = await client.send(new ListObjectsV2Command({ Bucket: config.bucket, Prefix: 'files/', ContinuationToken }));
      for (const object of page.Contents ?? []) {
        // S3 times are whole seconds.
        if (object.Size !== bytes.byteLength || !object.LastModified || object.LastModified.getTime() < since.getTime() - 1000) continue;
        const res = await client.send(new GetObjectCommand({ Bucket: config.bucket, Key: object.Key }));
        if (sha256(await res.Body!.transformToByteArray()) === want) return true;
      }
      ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (ContinuationToken);
    return false;
  } finally {
    client.destroy();
  }
}
