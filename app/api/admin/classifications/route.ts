import { importEdition } from '@/lib/dal';
import { EditionMeta, ImportRefused } from '@/lib/dal/classification';
import { getViewer } from '@/lib/dal/session';
import { AppError, NotFound } from '@/lib/errors';
import { MAX_BYTES } from '@/lib/coding/import/parse-release';
import { readLimited } from '@/lib/files/read-limited';
import { sameOrigin } from '@/lib/files/route-errors';

const headers = { 'Cache-Control': 'private, no-store' };
class TooLarge extends Error {}

/**
 * Imports an official ICD-10 5th Edition or OPCS-4 release file as a new, inactive edition. The body is the
 * file's bytes (the browser sends them with XMLHttpRequest, which reports upload progress); the edition's
 * name and release date come as query parameters. A file with any bad line imports nothing and answers 422
 * with every problem by line.
 */
export async function POST(request: Request) {
  const viewer = await getViewer();
  if (!viewer) return Response.json({ error: 'Please sign in.' }, { status: 401, headers });
  if (!sameOrigin(request)) return Response.json({ error: 'This request came from another site.' }, { status: 403, headers });
  const url = new URL(request.url);
  const meta = { name: url.searchParams.get('name') ?? '', releaseDate: url.searchParams.get('releaseDate') ?? '' };
  const checked = EditionMeta.safeParse(meta);
  if (!checked.success) return Response.json({ error: 'Check the fields marked.', fields: Object.fromEntries(checked.error.issues.map((i) => [String(i.path[0]), i.message])) }, { status: 400, headers });
  const tooLarge = `The file is larger than ${MAX_BYTES / 1024 / 1024} MB, more than any official release file.`;
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > MAX_BYTES) return Response.json({ error: tooLarge }, { status: 413, headers });
  try {
    const bytes = await readLimited(request, MAX_BYTES, () => new TooLarge());
    if (bytes.byteLength === 0) return Response.json({ error: 'Choose a release file.', fields: { file: 'Choose the release file (.txt or .xml).' } }, { status: 400, headers });
    // Shorter than announced: cut off on the way, and a cut-off text file could still parse.
    if (request.headers.has('content-length') && bytes.byteLength !== declared) return Response.json({ error: 'The file did not arrive whole. Try again; nothing was imported.' }, { status: 400, headers });
    const edition = await importEdition(viewer, { ...meta, bytes });
    return Response.json(edition, { status: 201, headers });
  } catch (e) {
    if (e instanceof TooLarge) return Response.json({ error: tooLarge }, { status: 413, headers });
    if (e instanceof NotFound) return Response.json({ error: 'We could not find that page.' }, { status: 404, headers });
    if (e instanceof ImportRefused) return Response.json({ error: e.userMessage, problems: e.problems }, { status: 422, headers });
    if (e instanceof AppError) return Response.json({ error: e.userMessage }, { status: 400, headers });
    console.error(e);
    return Response.json({ error: 'The file could not be imported. Nothing was saved; try again.' }, { status: 500, headers });
  }
}
