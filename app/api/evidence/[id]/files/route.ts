import { addEvidenceFile } from '@/lib/dal';
import { getViewer } from '@/lib/dal/session';
import { FileRefused, MAX_FILE_BYTES, cleanFileName, tooLargeMessage } from '@/lib/files/file-types';
import { fileErrorResponse, sameOrigin } from '@/lib/files/route-errors';
import { readLimited } from '@/lib/files/read-limited';

/**
 * Uploads one file to a piece of evidence. The body is the file's bytes as they are (not multipart), the
 * name in the X-File-Name header, percent-encoded: the browser sends it with XMLHttpRequest, which
 * reports upload progress. Over 10 MB is refused from Content-Length before reading, and again while
 * reading if the length was missing or wrong.
 */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const viewer = await getViewer();
  if (!viewer) return Response.json({ error: 'Please sign in.' }, { status: 401 });
  if (!sameOrigin(request)) return Response.json({ error: 'This request came from another site.' }, { status: 403 });
  const { id } = await params;

  let fileName: string;
  try {
    fileName = cleanFileName(decodeURIComponent(request.headers.get('x-file-name') ?? ''));
  } catch (e) {
    if (e instanceof FileRefused) return Response.json({ error: e.userMessage }, { status: e.status }); // an NHS number in the name
    return Response.json({ error: 'The file name could not be read. Rename the file and try again.' }, { status: 400 });
  }
  const declared = request.headers.get('content-length');
  const declaredBytes = declared === null ? null : Number(declared);
  if (declaredBytes !== null && declaredBytes > MAX_FILE_BYTES) return Response.json({ error: tooLargeMessage(fileName, declaredBytes) }, { status: 413 });

  try {
    const bytes = await readLimited(request, MAX_FILE_BYTES, () => new FileRefused(tooLargeMessage(fileName), 413));
    // Shorter than announced: the upload was cut off (or a proxy in front truncated it).
    if (declaredBytes !== null && bytes.byteLength !== declaredBytes)
      return Response.json({ error: `“${fileName}” did not arrive whole. Try uploading it again.` }, { status: 400 });
    const file = await addEvidenceFile(viewer, { evidenceId: id, fileName, bytes });
    return Response.json(file, { status: 201 });
  } catch (e) {
    return fileErrorResponse(e, 'The file could not be saved. Try again.');
  }
}
