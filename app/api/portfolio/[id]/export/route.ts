import { startPortfolioExport } from '@/lib/dal';
import { getViewer } from '@/lib/dal/session';
import { NotFound } from '@/lib/errors';
import { sameOrigin } from '@/lib/files/route-errors';

const NO_STORE = { 'Cache-Control': 'private, no-store' };

/**
 * Asks for the portfolio ZIP of an apprenticeship: a background job builds it (lib/jobs; any instance's
 * worker). Answers the token to follow its progress (GET ./[token]) and to download it when ready. The
 * data access layer decides who may.
 */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const viewer = await getViewer();
  if (!viewer) return Response.json({ error: 'Please sign in.' }, { status: 401, headers: NO_STORE });
  if (!sameOrigin(request)) return Response.json({ error: 'This request came from another site.' }, { status: 403, headers: NO_STORE });
  const { id } = await params;
  try {
    const job = await startPortfolioExport(viewer, id);
    return Response.json(job, { status: 202, headers: NO_STORE });
  } catch (e) {
    if (e instanceof NotFound) return Response.json({ error: 'We could not find that portfolio.' }, { status: 404, headers: NO_STORE });
    console.error(e);
    return Response.json({ error: 'The portfolio could not be exported. Try again.' }, { status: 500, headers: NO_STORE });
  }
}
