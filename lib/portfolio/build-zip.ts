import 'server-only';
import { once } from 'node:events';
import { Readable, type Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { ZipArchive } from 'archiver';
import { getFileStorage } from '@/lib/files/storage';
import { buildKsbMap } from './ksb-map';
import { ksbMapPdf } from './ksb-map-pdf';
import { piecePdf } from './piece-pdf';
import { planPortfolioZip } from './plan';
import type { PortfolioData } from './types';

/**
 * Writes the portfolio ZIP to `output`, one entry at a time: each file is streamed from storage and
 * the next is not opened until the archive has taken the last, so memory holds one file's buffers at
 * most, never the ZIP; each PDF (the KSB map, one per piece) is made in memory just before it is
 * written, one at a time. `onProgress(done, total)` is called after each entry.
 */
export async function writePortfolioZip(
  data: PortfolioData,
  output: Writable,
  onProgress: (done: number, total: number) => void = () => {},
  /** Files put first, before the portfolio (the gateway pack's summary PDF). */
  extra: { path: string; content: Buffer }[] = [],
): Promise<void> {
  const entries = [...extra.map((e) => ({ kind: 'extra' as const, path: e.path, content: e.content })), ...planPortfolioZip(data)];
  const total = entries.length;
  onProgress(0, total);
  const archive = new ZipArchive({ zlib: { level: 6 } });
  let failure: Error | null = null;
  archive.on('error', (e: Error) => (failure ??= e));
  archive.on('warning', (e: Error) => (failure ??= e));
  archive.pipe(output);
  const storage = getFileStorage();
  let done = 0;
  const date = data.generatedAt;
  for (const entry of entries) {
    if (failure) break;
    const written = once(archive, 'entry');
    if (entry.kind === 'extra') archive.append(entry.content, { name: entry.path, date, store: true });
    else if (entry.kind === 'text') archive.append(entry.text, { name: entry.path, date });
    else if (entry.kind === 'ksb-map-pdf')
      archive.append(
        await ksbMapPdf(buildKsbMap(data.ksbs, data.evidence), {
          apprenticeName: data.apprentice.name,
          standardReference: data.standard.reference,
          standardTitle: data.standard.title,
          generatedAt: data.generatedAt,
        }),
        { name: entry.path, date, store: true },
      );
    else if (entry.kind === 'piece-pdf') archive.append(await piecePdf(entry.piece, entry.files, entry.folder, data.ksbs, data.apprentice.name), { name: entry.path, date, store: true });
    // PDFs, images and Office files are compressed already: stored as they are, saving the CPU.
    else archive.append(Readable.fromWeb((await storage.get(entry.storageKey)) as import('node:stream/web').ReadableStream), { name: entry.path, date, store: true });
    // Rejects if the archive fails meanwhile (events.once listens for 'error' too).
    await written;
    onProgress(++done, total);
  }
  if (failure) {
    archive.abort();
    throw failure;
  }
  await archive.finalize();
  await finished(output);
}
