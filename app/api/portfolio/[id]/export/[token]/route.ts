import { getPortfolioExportStatus, openPortfolioExport } from '@/lib/dal';
import { getViewer } from '@/lib/dal/session';
import { NotFound } from '@/lib/errors';
import { contentDisposition } from '@/lib/files/http';

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
    if (new URL(request.url).searchParams.get('download') !== '1') {
      const { done, total, ready, failed } = await getPortfolioExportStatus(viewer, id, token);
      return Response.json({ done, total, ready, failed }, { headers: NO_STORE });
    }
    const file = await openPortfolioExport(viewer, id, token);
    if (!file) return Response.json({ error: 'The portfolio is not ready yet.' }, { status: 409, headers: NO_STORE });
    return new Response(file.body, {
      headers: {
        'Content-Type': 'application/zip',
        ...(file.sizeBytes !== null ? { 'Content-Length': String(file.sizeBytes) } : {}),
        'Content-Disposition': contentDisposition('attachment', file.fileName),
        'X-Content-Type-Options': 'nosniff',
        ...NO_STORE,
      },
    });
  } catch (e) {
    // Someone else's export, one removed an hour after it was asked for, or access lost meanwhile.
    if (e instanceof NotFound) return notFound();
    throw e;
  }
}
