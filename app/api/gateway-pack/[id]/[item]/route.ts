import { openGatewayPackFile } from '@/lib/dal';
import { getViewer } from '@/lib/dal/session';
import { NotFound } from '@/lib/errors';
import { contentDisposition } from '@/lib/files/http';

const NO_STORE = { 'Cache-Control': 'private, no-store' };

/** The built gateway pack's summary PDF or ZIP, for the trainer (assigned) or an admin; anyone else 404. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string; item: string }> }) {
  const viewer = await getViewer();
  const { id, item } = await params;
  if (!viewer || (item !== 'summary' && item !== 'portfolio')) return new Response('Not found', { status: 404, headers: NO_STORE });
  try {
    const file = await openGatewayPackFile(viewer, id, item);
    if (!file) return new Response('The pack is not built yet.', { status: 409, headers: NO_STORE });
    return new Response(file.body, {
      headers: {
        'Content-Type': file.contentType,
        ...(file.sizeBytes !== null ? { 'Content-Length': String(file.sizeBytes) } : {}),
        'Content-Disposition': contentDisposition('attachment', file.fileName),
        'X-Content-Type-Options': 'nosniff',
        ...NO_STORE,
      },
    });
  } catch (e) {
    if (e instanceof NotFound) return new Response('Not found', { status: 404, headers: NO_STORE });
    throw e;
  }
}
