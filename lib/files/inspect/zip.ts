// Reading a zip (a Word or Excel file, or a file inside one) within bounds. yauzl reads the central
// directory, so the number of parts and their declared sizes are known before anything is unpacked,
// and it streams each part through zlib, failing if a part unpacks to more than it declared. On top of
// that every chunk is counted here: a part is refused as soon as it passes the budget or expands more
// than `maxRatio` times, so a 100 MB part is never held, only its first few megabytes seen.
import yauzl from 'yauzl';
import { Refused, type Budget } from './types';

export type ZipPart = { name: string; entry: yauzl.Entry };

const unreadable = () => new Refused({ reason: 'unreadable' });

/** The parts of a zip, in the order of its central directory; refused past `maxZipEntries`. */
export async function openZip(bytes: Uint8Array, budget: Budget): Promise<{ zip: yauzl.ZipFile; parts: ZipPart[] }> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(buffer, { lazyEntries: true, validateEntrySizes: true, decodeStrings: true, strictFileNames: false });
  } catch {
    throw unreadable();
  }
  if (zip.entryCount > budget.limits.maxZipEntries) throw new Refused({ reason: 'too-big', limit: 'entries' });
  const parts: ZipPart[] = [];
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      // A name ending in "/" is a folder, with no content.
      if (!entry.fileName.endsWith('/')) parts.push({ name: entry.fileName, entry });
      zip.readEntry();
    });
    zip.on('end', () => resolve());
    zip.on('error', () => reject(unreadable()));
    zip.readEntry();
  });
  return { zip, parts };
}

/**
 * A part's bytes, unpacked, chunk by chunk (zlib's 16 kB). Refused before reading when its declared
 * size is over what is left of the budget or its declared ratio is too high, and while reading when the
 * bytes themselves are: the declared sizes may lie.
 */
export async function* readPart(zip: yauzl.ZipFile, part: ZipPart, budget: Budget): AsyncGenerator<Buffer> {
  const { entry, name } = part;
  const { maxRatio, ratioGraceBytes } = budget.limits;
  const packed = Math.max(1, entry.compressedSize);
  const tooManyTimes = (unpacked: number) => unpacked > ratioGraceBytes && unpacked / packed > maxRatio;
  if (entry.isEncrypted() || !entry.canDecodeFileData()) throw unreadable();
  if (tooManyTimes(entry.uncompressedSize)) throw new Refused({ reason: 'too-big', limit: 'ratio', part: name });
  if (entry.uncompressedSize > budget.left) throw new Refused({ reason: 'too-big', limit: 'unpacked', part: name });

  let stream: NodeJS.ReadableStream;
  try {
    stream = await zip.openReadStreamPromise(entry);
  } catch {
    throw unreadable();
  }
  let seen = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      seen += chunk.byteLength;
      budget.take(chunk.byteLength, name);
      if (tooManyTimes(seen)) throw new Refused({ reason: 'too-big', limit: 'ratio', part: name });
      yield chunk;
    }
  } catch (e) {
    if (e instanceof Refused) throw e;
    // yauzl: "too many bytes in the stream" when a part unpacks to more than it declared.
    if (e instanceof Error && /too many bytes/.test(e.message)) throw new Refused({ reason: 'too-big', limit: 'unpacked', part: name });
    throw unreadable();
  } finally {
    (stream as unknown as { destroy?: () => void }).destroy?.();
  }
}

/** A whole part in memory (for small parts, and files inside files), counted like any other. */
export async function readWholePart(zip: yauzl.ZipFile, part: ZipPart, budget: Budget): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of readPart(zip, part, budget)) chunks.push(chunk);
  return Buffer.concat(chunks);
}
