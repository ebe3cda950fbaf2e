import { openEvidenceFile, removeEvidenceFile } from '@/lib/dal';
import { getViewer } from '@/lib/dal/session';
import { fileResponseHeaders } from '@/lib/files/http';
import { fileErrorResponse, sameOrigin } from '@/lib/files/route-errors';

const NOT_FOUND = { error: 'We could not find that file.' };

/** Downloads (or, with ?inline=1, previews) an evidence file, after the data access layer says who may. */
export async function GET(request: Request, { params }: { params: Promise<{ fileId: string }> }) {
  const viewer = await getViewer();
  // Signed out looks the same as not allowed: the file's existence is not confirmed to anyone.
  if (!viewer) return Response.json(NOT_FOUND, { status: 404, headers: { 'Cache-Control': 'private, no-store' } });
  const { fileId } = await params;
  try {
    const file = await openEvidenceFile(viewer, fileId);
    const inline = new URL(request.url).searchParams.get('inline') === '1';
    return new Response(file.stream, { headers: fileResponseHeaders(file, inline) });
  } catch (e) {
    return fileErrorResponse(e, 'The file could not be opened. Try again.');
  }
}

/** The apprentice removes a file from their draft (detached instead when part of a submitted version). */
export async function DELETE(request: Request, { params }: { params: Promise<{ fileId: string }> }) {
  const viewer = await getViewer();
  if (!viewer) return Response.json({ error: 'Please sign in.' }, { status: 401 });
  if (!sameOrigin(request)) return Response.json({ error: 'This request came from another site.' }, { status: 403 });
  const { fileId } = await params;
  try {
    return Response.json(await removeEvidenceFile(viewer, { fileId }));
  } catch (e) {
    return fileErrorResponse(e, 'The file could not be removed. Try again.');
  }
}
