import fs from 'node:fs';
import { Readable } from 'node:stream';
import { getPortfolioExportSubject } from '@/lib/dal';
import { getViewer } from '@/lib/dal/session';
import { NotFound } from '@/lib/errors';
import { contentDisposition } from '@/lib/files/http';
import { findExportJob } from '@/lib/portfolio/export-jobs';

const NO_STORE = { 'Cache-Control': 'private, no-store' };
const notFound = () => Response.json({ error: 'We could not find that export. Start it again.' }, { status: 404, headers: NO_STORE });

/**
 * An export's progress as `{ done, total, ready, failed }`, or with ?download=1 the ZIP once ready.
 * Who may export is asked of the data access layer again on every request (a trainer unassigned
 * meanwhile loses it); a token started by someone else answers 404 like a missing one.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string; token: string }> }) {
  const viewer = await getViewer();
  if (!viewer) return notFound();
  const { id, token } = await params;
  try {
    await getPortfolioExportSubject(viewer, id);
  } catch (e) {
    if (e instanceof NotFound) return notFound();
    throw e;
  }
  const job = findExportJob(token, viewer, id);
  if (!job) return notFound();
  if (new URL(request.url).searchParams.get('download') !== '1')
    return Response.json({ done: job.done, total: job.total, ready: job.ready, failed: job.failed }, { headers: NO_STORE });
  if (!job.ready) return Response.json({ error: 'The portfolio is not ready yet.' }, { status: 409, headers: NO_STORE });
  const stat = await fs.promises.stat(job.file).catch(() => null);
  // Deleted an hour after it was started (or the server restarted): start again.
  if (!stat) return notFound();
  return new Response(Readable.toWeb(fs.createReadStream(job.file)) as ReadableStream<Uint8Array>, {
    headers: {
      'Content-Type': 'application/zip',
      'Content-Length': String(stat.size),
      'Content-Disposition': contentDisposition('attachment', job.fileName),
      'X-Content-Type-Options': 'nosniff',
      ...NO_STORE,
    },
  });
}
